import { describe, expect, it } from 'vitest';
import { greyForOcr } from '../../src/ocr/prepare.ts';
import { readPage } from '../../src/ocr/read-page.ts';
import { clarityVerdict, CLARITY_LIMITS } from '../../src/quality/clarity.ts';
import { qualityFindings } from '../../src/quality/findings.ts';
import { detectOrientation } from '../../src/quality/orientation.ts';
import { useOcrAndOsd } from '../helpers/engine.ts';
import { page, stored } from '../helpers/quality-pages.ts';

// Round 5 (docs/clarity.md): no turn on a blurred page's fragments, a blurred page turned by its
// title, the weak-guess rule inside detectOrientation; clarity of photos, of blurred photographed
// forms (noise and painted-out rules are not edges), of pages with a QR code, of ID cards' small print.
const engines = useOcrAndOsd();


describe('orientation on blurred pages', () => {
  // An upright certificate blurred at 0.14–0.22 of its type size: its single-line reads come out at
  // confidence 40–67 whichever way round, and they once added up to "270°, confidence 0.98".
  const certificate = (seed: number) => page({ type: 'title_certificate', dpi: 200, clarity: 'blurry', degrade: { rotation: 0, camera: false, skewDeg: 0 } }, seed);

  it('does not turn a blurred upright certificate on fragments read at moderate confidence', async () => {
    for (const seed of [1, 2]) {
      const p = await certificate(seed);
      expect(p.truth.clarity).toBe('blurry');
      const v = await detectOrientation(p.image, engines.ocr, { osd: engines.osd, grey: stored(p.image) });
      expect(v.detected, `seed ${seed}: ${JSON.stringify(v.evidence.witnesses)}`).toBe(0);
    }
  }, 240_000);

  it('reports a weak guess upright, the guess kept for the finding (未自动转正)', async () => {
    const p = await certificate(2);
    const v = await detectOrientation(p.image, engines.ocr, { osd: engines.osd, grey: stored(p.image) });
    expect(v.detected).toBe(0);
    expect(v.confidence).toBeLessThan(0.3);
    expect(v.evidence.weakGuess).toBeDefined();
    const f = qualityFindings({ orientation: v, corrected: false }, { file: 'x.jpg', page: 1 }).find((x) => x.ruleId === 'scan/orientation');
    expect(f?.needsReview).toBe(true);
    expect(f?.message).toMatch(/方向无法可靠判断/);
  }, 240_000);
});

describe('orientation: an unsure OSD answer is not acted on either', () => {
  it('does not turn an upright ID card front over on OSD confidence 1.8 against reads that found nothing clear', async () => {
    // The orientation set's id_card_front, seed 2 at 240 dpi (photographed, as ID cards are): OSD
    // said 180 at 1.8, the reads were fragments; the old rule let such an OSD answer decide.
    const p = await page({ type: 'id_card_front', dpi: 240, clarity: 'ok', degrade: { rotation: 0 } }, 2);
    const v = await detectOrientation(p.image, engines.ocr, { osd: engines.osd, grey: stored(p.image) });
    expect(v.detected, JSON.stringify({ osd: v.evidence.osd, witnesses: v.evidence.witnesses, weakGuess: v.evidence.weakGuess })).toBe(0);
  }, 120_000);
});

describe('clarity of photographs', () => {
  it('judges a 1-inch photo by its own edges, not by "text" found in it', async () => {
    for (const [blurSigma, ok] of [
      [4.5, false],
      [0, true],
    ] as const) {
      const p = await page({ type: 'photo', degrade: { blurSigma, rotation: 0 } }, 2);
      expect(p.truth.clarity).toBe(ok ? 'ok' : 'blurry');
      const v = clarityVerdict(greyForOcr(p.image), undefined, CLARITY_LIMITS, { photo: true });
      expect(v.ok, `σ ${blurSigma}: ${JSON.stringify(v.evidence)}`).toBe(ok);
      expect(v.evidence.photo).toBe(true);
    }
  }, 60_000);
});

describe('clarity of text pages', () => {
  it('calls a blurred photographed form blurred: phone noise and painted-out rules are not sharp edges', async () => {
    // σ 9.65 px at 300 dpi; the table's rules painted white in the OCR's grey left one-sided steps
    // to 255 that measured as sharp edges (score 100 before).
    const p = await page({ type: 'graduate_registration', dpi: 300, clarity: 'blurry', degrade: { rotation: 0, camera: true } }, 2);
    expect(p.truth.clarity).toBe('blurry');
    const v = clarityVerdict(stored(p.image));
    expect(v.ok, JSON.stringify(v.evidence)).toBe(false);
  }, 120_000);

  it('sizes an ID card back by the print most of its characters are set in, digits included', async () => {
    // The back's heading (中华人民共和国, 居民身份证) is large; its issuing office and the dates (21
    // digits) are set small — most of the characters, and what the clerk must read.
    const p = await page({ type: 'id_card_back', dpi: 200, clarity: 'too_small', degrade: { rotation: 0, camera: false, blurSigma: 0 } }, 1);
    expect(p.truth.clarity).toBe('too_small');
    const g = stored(p.image);
    const v = clarityVerdict(g, (await readPage(g, engines.ocr)).ocr);
    expect(v.bigEnough, JSON.stringify(v.evidence)).toBe(false);
    expect(v.ok).toBe(false);
  }, 120_000);
});
