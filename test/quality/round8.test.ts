import { describe, expect, it } from 'vitest';
import type { DocTypeId } from '../../src/model/doc-types.ts';
import { greyForOcr } from '../../src/ocr/prepare.ts';
import { readPage } from '../../src/ocr/read-page.ts';
import { clarityVerdict } from '../../src/quality/clarity.ts';
import { characterPitch, characterPitchWithOcr } from '../../src/quality/pitch.ts';
import { useOcrAndOsd } from '../helpers/engine.ts';
import { page } from '../helpers/quality-pages.ts';

// Round 8 (docs/clarity.md): lines of digits are sized by their digits, not left out of the pitch (and
// no longer hand the page's size to the OCR's boxes when they are 30 % of what it read); a blurred
// line of Chinese whose band grew past 1.28 × its pitch counts again when its characters' own height
// says it is Chinese. Pages of the clarity grid (scripts/measure-quality.ts clarity), as it renders them.
const engines = useOcrAndOsd();

const gridPage = async (type: DocTypeId, dpi: number, blurSigma: number, seed = 1) =>
  greyForOcr((await page({ type, dpi, degrade: { rotation: 0, camera: false, skewDeg: 0, blurSigma, scale: 1 } }, seed)).image);

describe('digit lines in the pitch (real OCR)', () => {
  it('sizes an ID card back by its dates and office as the OCR read them, not by its headings', async () => {
    // id_card_back seed 1 at 200 dpi, 48.8-px type: round 7's pitch of its words (36.7 px) was set
    // aside for its 30 % digits, and the ink's bands (24 px: "unread small text") stood instead.
    const g = await gridPage('id_card_back', 200, 0);
    const ocr = (await readPage(g, engines.ocr)).ocr;
    const p = characterPitchWithOcr(g, ocr);
    expect(p.digitLines, JSON.stringify(p)).toBeGreaterThanOrEqual(1);
    expect(p.pitchPx / 48.8, JSON.stringify(p)).toBeGreaterThan(0.9);
    expect(p.pitchPx / 48.8, JSON.stringify(p)).toBeLessThan(1.1);
    const v = clarityVerdict(g, ocr);
    expect(v.evidence.glyphFrom, JSON.stringify(v.evidence)).toBe('pitch');
    expect(v.glyphHeightPx / (0.9 * 48.8), JSON.stringify(v.evidence)).toBeGreaterThan(0.9);
  }, 240_000);
});

describe('blurred lines of Chinese whose band grew', () => {
  it('calls a notice blurred at σ/type 0.13 whose pitch its headings had taken over', async () => {
    // title_document seed 2 at 150 dpi σ 2.5, label blurry (19-px type): round 7's pitch was 25.7 px
    // (its blurred body lines' bands had grown past 1.28 × their pitch and were left out), score 67.
    const g = await gridPage('title_document', 150, 2.5, 2);
    const p = characterPitch(g);
    expect(p.pitchPx / 19, JSON.stringify(p)).toBeLessThan(1.1);
    expect(p.pitchPx / 19, JSON.stringify(p)).toBeGreaterThan(0.9);
    const ocr = (await readPage(g, engines.ocr)).ocr;
    const v = clarityVerdict(g, ocr);
    expect(v.ok, JSON.stringify(v.evidence)).toBe(false);
  }, 240_000);
});
