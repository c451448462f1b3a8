import { describe, expect, it } from 'vitest';
import type { DocTypeId } from '../../src/model/doc-types.ts';
import { greyForOcr } from '../../src/ocr/prepare.ts';
import { readPage } from '../../src/ocr/read-page.ts';
import { clarityVerdict } from '../../src/quality/clarity.ts';
import { characterPitch } from '../../src/quality/pitch.ts';
import { rotateRaw } from '../../src/quality/rotate.ts';
import { measureTextScale, turnGrey } from '../../src/quality/text-scale.ts';
import { useOcrAndOsd } from '../helpers/engine.ts';
import { page } from '../helpers/quality-pages.ts';

// Round 7 (docs/clarity.md): the text size is the character pitch — the advance from one character
// to the next, which is the type size of Chinese text and which blur does not move — where it was the
// OCR's boxes (of what the OCR happened to read) or the ink's bands (which blur shrinks and merges).
// Pages of the clarity grid (scripts/measure-quality.ts clarity, seed 1), as the measure renders them.
const engines = useOcrAndOsd();

const gridPage = async (type: DocTypeId, dpi: number, blurSigma: number, seed = 1) =>
  greyForOcr((await page({ type, dpi, degrade: { rotation: 0, camera: false, skewDeg: 0, blurSigma, scale: 1 } }, seed)).image);

describe('character pitch', () => {
  it('is the type size, blurred or not (a notice whose body is a table of small names)', async () => {
    // title_document at 200 dpi: its names are set at 18.4 px (the size most characters are set in);
    // the ink's bands measured 9 px blurred, the OCR's boxes 38–44 px (it read the headings only).
    for (const sigma of [0, 2, 3]) {
      const p = characterPitch(await gridPage('title_document', 200, sigma));
      expect(p.pitchPx / 18.4, `σ ${sigma}: ${JSON.stringify(p)}`).toBeGreaterThan(0.93);
      expect(p.pitchPx / 18.4, `σ ${sigma}: ${JSON.stringify(p)}`).toBeLessThan(1.08);
      expect(p.lines).toBeGreaterThanOrEqual(6);
    }
  }, 120_000);

  it('is the same on the page turned upright by turnGrey, without measuring the page again', async () => {
    const up = await gridPage('appraisal_form', 150, 1);
    const fresh = characterPitch(up);
    for (const turn of [90, 180, 270] as const) {
      // The page as stored (turned), measured once, then turned upright as the pipeline does.
      const storedPage = rotateRaw(up, (360 - turn) % 360);
      measureTextScale(storedPage);
      const t = performance.now();
      const p = characterPitch(turnGrey(storedPage, turn));
      expect(performance.now() - t, `turn ${turn}`).toBeLessThan(1500);
      expect(Math.abs(p.pitchPx - fresh.pitchPx), `turn ${turn}: ${JSON.stringify([p, fresh])}`).toBeLessThanOrEqual(1);
    }
  }, 120_000);

  it('leaves out lines of digits, whose advance is half the type size (a CHSI report)', async () => {
    const p = characterPitch(await gridPage('chsi_verification', 100, 1.5));
    // 16.7-px type; with its dates and codes counted the pitch came out at 9.3 px.
    expect(p.pitchPx / 16.7, JSON.stringify(p)).toBeGreaterThan(0.9);
  }, 60_000);
});

describe('clarity verdicts that changed (real OCR)', () => {
  it('calls a notice too small whose names are set at 9 px, though the OCR read its 20-px headings', async () => {
    // title_document 100 dpi σ 1.5, label too_small (9.2 px): round 6 took the OCR's 20 px and passed it.
    const g = await gridPage('title_document', 100, 1.5);
    const ocr = (await readPage(g, engines.ocr)).ocr;
    const v = clarityVerdict(g, ocr);
    expect(v.bigEnough, JSON.stringify(v.evidence)).toBe(false);
    expect(v.ok).toBe(false);
  }, 240_000);

  it('calls a notice blurred whose names are blurred at 0.16 of their size, though its headings read well', async () => {
    // title_document 200 dpi σ 3, label blurry: round 6 sized the blur by the headings (44 px), score 74.
    const g = await gridPage('title_document', 200, 3);
    const ocr = (await readPage(g, engines.ocr)).ocr;
    const v = clarityVerdict(g, ocr);
    expect(v.ok, JSON.stringify(v.evidence)).toBe(false);
    expect(v.evidence.glyphFrom).toBe('pitch');
  }, 240_000);

  it('passes a diploma blurred at 0.09 of its type size, whose blurred characters the OCR boxed in pieces', async () => {
    // diploma 100 dpi σ 2, label ok (22.2-px type): round 6 took the OCR's 15-px boxes, score 56.
    const g = await gridPage('diploma', 100, 2);
    const ocr = (await readPage(g, engines.ocr)).ocr;
    const v = clarityVerdict(g, ocr);
    expect(v.ok, JSON.stringify(v.evidence)).toBe(true);
    expect(v.glyphHeightPx).toBeGreaterThan(18);
  }, 240_000);

  it('passes a CHSI report at σ/type 0.08, whose small text the OCR did not read', async () => {
    // chsi_verification 150 dpi σ 2, label ok: round 6 took the ink's 11 px ("unread small text"), score 20.
    const g = await gridPage('chsi_verification', 150, 2);
    const ocr = (await readPage(g, engines.ocr)).ocr;
    const v = clarityVerdict(g, ocr);
    expect(v.ok, JSON.stringify(v.evidence)).toBe(true);
  }, 240_000);
});

describe('clarity without the OCR', () => {
  it('passes a certificate at σ/type 0.05 whose blurred lines the ink measured at 10 px', async () => {
    // title_certificate 250 dpi σ 2, label ok (41.7-px type): round 6 scored it 10 on 10-px "glyphs".
    const v = clarityVerdict(await gridPage('title_certificate', 250, 2));
    expect(v.ok, JSON.stringify(v.evidence)).toBe(true);
    expect(v.glyphHeightPx).toBeGreaterThan(32);
  }, 120_000);

  it('sizes an ID card by the pitch of its few lines when the ink bands shrank under blur', async () => {
    // id_card_back seed 2, 300 dpi σ 2.5, label ok (36.6-px type): 5 lines repeat (pitch 29.8 px), too
    // few to stand alone, but round 6 took the ink's 13-px bands and scored it 23.
    const v = clarityVerdict(await gridPage('id_card_back', 300, 2.5, 2));
    expect(v.ok, JSON.stringify(v.evidence)).toBe(true);
    expect(v.evidence.glyphFrom).toBe('pitch');
  }, 120_000);
});
