import { describe, expect, it } from 'vitest';
import { detectOrientation } from '../../src/quality/orientation.ts';
import { useOcrAndOsd } from '../helpers/engine.ts';
import { renderPage } from './pages.ts';

// Real OCR, a handful of calls: the hard pages (an ID card, whose text is sparse and short) and
// a text page at the turns OSD must tell apart (90 vs 270).
const engines = useOcrAndOsd();

describe('detectOrientation', () => {
  it('tells 90 from 270 on a text page', async () => {
    for (const rotation of [90, 270] as const) {
      const v = await detectOrientation(await renderPage({ kind: 'text', dpi: 100, rotation }), engines.ocr, { osd: engines.osd });
      expect(v.detected).toBe(rotation);
    }
  }, 60_000);
  it('turns an ID card the right way, upside down and sideways', async () => {
    for (const rotation of [180, 270] as const) {
      const v = await detectOrientation(await renderPage({ kind: 'id_front', dpi: 200, rotation }), engines.ocr, { osd: engines.osd });
      expect(v.detected).toBe(rotation);
    }
  }, 60_000);
  it('says "no text" for a photograph instead of guessing', async () => {
    const v = await detectOrientation(await renderPage({ kind: 'photo', dpi: 50 }), engines.ocr, { osd: engines.osd });
    expect(v.method).toBe('none');
  }, 60_000);
});
