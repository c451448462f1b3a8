import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../scripts/samples/index.ts';
import type { OcrPage } from '../../src/model/ocr.ts';
import { greyForOcr } from '../../src/ocr/prepare.ts';
import { clarityVerdict } from '../../src/quality/clarity.ts';
import { exposureVerdict } from '../../src/quality/exposure.ts';
import { qualityFindings } from '../../src/quality/findings.ts';
import { photoVerdict } from '../../src/quality/photo.ts';

// Pages from the project's sample generator (scripts/samples), kept few and small: the full
// measurement is scripts/measure-quality.ts (docs/clarity.md).
const page = async (type: Parameters<typeof renderDocument>[0]['type'], seed: number, degrade: Record<string, unknown> = {}, dpi?: number) =>
  (await renderDocument({ type, clarity: 'ok', ...(dpi ? { dpi } : {}), degrade: { rotation: 0, ...degrade } }, seed)).pages[0].image;

describe('exposure on generated pages', () => {
  it('raises no exposure error on a clean ID card on a light-blue card background', async () => {
    for (const seed of [11, 14]) {
      const img = await page('id_card_front', seed, {}, 150);
      const e = exposureVerdict(greyForOcr(img));
      expect(e.severity).not.toBe('error');
      const f = qualityFindings({ exposure: e, photo: photoVerdict(img) }, { file: 'id.jpg', page: 1 });
      expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    }
  }, 60_000);
});

describe('photo check on phone photos of documents', () => {
  it('does not take a photographed form for a photograph, and still knows a work photo', async () => {
    expect(photoVerdict(await page('appraisal_form', 1, { camera: true }, 150)).photo).toBe(false);
    expect(photoVerdict(await page('putonghua_certificate', 1, { camera: true }, 150)).photo).toBe(false);
    expect(photoVerdict(await page('work_photo', 2)).photo).toBe(true);
  }, 60_000);
});

describe('clarity with the OCR at hand', () => {
  it('takes the text size from the character pitch, not from what the OCR happened to box', async () => {
    const img = greyForOcr(await page('title_certificate', 1, { blurSigma: 0, camera: false, skewDeg: 0 }, 150));
    // 20 characters 40 px high, as if the OCR had read only the title (the body text is 25 px)
    const chars = Array.from({ length: 20 }, (_, i) => ({ text: '证', box: [100 + 45 * i, 100, 40, 40] as [number, number, number, number], confidence: 90 }));
    const ocr: OcrPage = { width: img.width, height: img.height, confidence: 90, source: 'ocr', lines: [{ text: '证'.repeat(20), box: [100, 100, 900, 40], confidence: 90, chars }] };
    const v = clarityVerdict(img, ocr);
    expect(v.evidence.glyphFrom).toBe('pitch');
    // 0.9 × the 25-px type size (the generator's fonts set glyphs at ~0.9 of it)
    expect(v.glyphHeightPx).toBeGreaterThan(20);
    expect(v.glyphHeightPx).toBeLessThan(24);
    expect(v.ok).toBe(true);
  }, 60_000);
});

describe('exposure findings', () => {
  it('is a warning while the page reads, an error only when it does not', () => {
    const base = { mean: 200, paper: 240, ink: 170, contrast: 70, tooDark: false, tooLight: true, lowContrast: false, edges: 5000 };
    const warn = qualityFindings({ exposure: { ...base, severity: 'warning' } }, { file: 'a.jpg', page: 1 });
    expect(warn.map((f) => [f.ruleId, f.severity])).toEqual([['scan/exposure', 'warning']]);
    const err = qualityFindings({ exposure: { ...base, ink: 225, contrast: 15, severity: 'error' } }, { file: 'a.jpg', page: 1 });
    expect(err.map((f) => [f.ruleId, f.severity])).toEqual([['scan/exposure', 'error']]);
  });
});
