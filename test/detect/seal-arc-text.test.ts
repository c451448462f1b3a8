/**
 * The arc text of a seal whose last glyphs are sparse (公司: a few strokes where the band's middle
 * is sampled) on a JPEG-damaged scan, next to a second seal (seed 2, page 46 of
 * scripts/measure-seals.ts). The first look at the ring put the text's end two glyphs early — the
 * gap swallowed 公司 — and the five readings, all of a strip without them, agreed on junk:
 * 克苏金暴煤业有最责在 (accuracy 0.54). Now the span is looked at again in the glyph band it
 * measures, ink next to the text's ends is kept, and where the readings disagree five more over a
 * slightly wider span join the vote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectSeals, type SealCandidate } from '../../src/detect/seals/detect-seals.ts';
import { readSealText } from '../../src/detect/seals/read-seal-text.ts';
import { findTextSpan } from '../../src/detect/seals/unwrap-ring.ts';
import type { OcrEngine } from '../../src/model/ocr.ts';
import { createTesseractEngine } from '../../src/ocr/tesseract-engine.ts';
import { charAccuracy, makeSealPage, type SealPage, type TrueSeal } from '../../scripts/measure-seals.ts';

/** Image angle (degrees, 0..360) of a parameter of the ellipse: its own angle added back. */
function imageDeg(t: number, c: SealCandidate): number {
  return ((((t * 180) / Math.PI + c.ellipse.angleDeg) % 360) + 360) % 360;
}

/** Signed difference a − b of two angles, in −180..180. */
function angleDiff(a: number, b: number): number {
  return ((((a - b + 180) % 360) + 360) % 360) - 180;
}

describe('seal arc text: a sparse last glyph on a damaged scan', () => {
  let ocr: OcrEngine;
  let page: SealPage;
  let seal: TrueSeal;
  let cands: SealCandidate[];
  let cand: SealCandidate;

  beforeAll(async () => {
    ocr = await createTesseractEngine({ workers: 1 });
    page = await makeSealPage(2 * 1000 + 46, 'two');
    cands = detectSeals(page.image, { dpi: 200 });
    // The crimson seal on the left (the other one is vermilion and reads well either way).
    seal = page.seals[0];
    const found = cands.find((c) => Math.hypot(c.ellipse.cx - seal.ellipse.cx, c.ellipse.cy - seal.ellipse.cy) < 0.25 * seal.ellipse.rx);
    expect(found).toBeDefined();
    cand = found!;
  }, 60_000);

  afterAll(async () => {
    await ocr?.terminate();
  });

  it('the text span reaches the first and the last glyph', () => {
    expect(seal.text).toBe('阿克苏金泉煤业有限责任公司');
    // The generator centres the name on the seal's top over min(250, max(150, 19°·n)) of arc;
    // on a round seal the ellipse parameter plus the ellipse's angle is the image angle.
    const n = [...seal.text].length;
    const arc = Math.min(250, Math.max(150, n * 19));
    const firstGlyph = -90 - arc / 2 + seal.ellipse.angleDeg;
    const lastGlyph = -90 + arc / 2 + seal.ellipse.angleDeg;
    const span = findTextSpan(page.image, cand.ellipse, { exclude: cands.filter((c) => c !== cand).map((c) => c.ellipse) });
    expect(span.found).toBe(true);
    // The span starts before the first glyph's centre and ends after the last one's (the old
    // span ended ~45° short, before 公司).
    expect(angleDiff(imageDeg(span.startT, cand), firstGlyph)).toBeLessThan(0);
    expect(angleDiff(imageDeg(span.endT, cand), lastGlyph)).toBeGreaterThan(0);
    // …and not by more than a glyph and a half.
    expect(angleDiff(imageDeg(span.startT, cand), firstGlyph)).toBeGreaterThan(-30);
    expect(angleDiff(imageDeg(span.endT, cand), lastGlyph)).toBeLessThan(30);
  });

  it('reads the name at ≥ 0.6 character accuracy (was 0.54)', async () => {
    const read = await readSealText(page.image, cand, ocr, cands);
    expect(charAccuracy(read.text, seal.text)).toBeGreaterThanOrEqual(0.6);
    expect(read.text.endsWith('公司')).toBe(true);
  }, 60_000);
});
