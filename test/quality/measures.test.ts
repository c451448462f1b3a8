import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../scripts/samples/index.ts';
import type { RawImage } from '../../src/model/image.ts';
import type { OcrPage } from '../../src/model/ocr.ts';
import { greyForOcr } from '../../src/ocr/prepare.ts';
import { bodyGlyphHeight, clarityVerdict, CLARITY_LIMITS, edgeSigma, glyphFromOcrAndInk } from '../../src/quality/clarity.ts';
import { rotateRaw } from '../../src/quality/rotate.ts';
import { measureTextScale, textBands } from '../../src/quality/text-scale.ts';
import { grey } from '../../src/quality/raster.ts';
import { renderPage } from './pages.ts';

/** Separable Gaussian blur of a grey image (test helper; σ in px). */
function gaussBlur(g: RawImage, sigma: number): RawImage {
  const r = Math.ceil(3 * sigma);
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const sum = k.reduce((a, b) => a + b, 0);
  const { width: w, height: h, data } = g;
  const tmp = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += k[i + r] * data[y * w + Math.min(w - 1, Math.max(0, x + i))];
      tmp[y * w + x] = s / sum;
    }
  }
  const out = Buffer.alloc(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += k[i + r] * tmp[Math.min(h - 1, Math.max(0, y + i)) * w + x];
      out[y * w + x] = Math.round(s / sum);
    }
  }
  return { data: out, width: w, height: h, channels: 1 };
}

/** Paper (240) with ink (20) bars: thick ones, whose edges are steps. */
function bars(): RawImage {
  const w = 400;
  const h = 300;
  const data = Buffer.alloc(w * h, 240);
  for (let y = 40; y < 260; y++) for (let x = 30; x < 370; x++) if ((x - 30) % 48 < 16) data[y * w + x] = 20;
  return { data, width: w, height: h, channels: 1 };
}

describe('edge blur', () => {
  it('measures σ of a blurred step without saturating at the clarity limit (σ ≈ 3 px at the normal size)', () => {
    for (const sigma of [1, 2, 3, 4]) {
      const { sigma: est } = edgeSigma(gaussBlur(bars(), sigma), 240, 20);
      expect(est / Math.hypot(sigma, 0.5)).toBeGreaterThan(0.8);
      expect(est / Math.hypot(sigma, 0.5)).toBeLessThan(1.25);
    }
  });
  it('ignores noise beside the strokes (the steepest point must lie between the levels either side)', () => {
    const g = gaussBlur(bars(), 1);
    // Paper noise: ±12 grey levels on the paper only.
    let seed = 7;
    for (let i = 0; i < g.data.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      if (g.data[i] > 230) g.data[i] = Math.max(0, Math.min(255, g.data[i] + ((seed % 25) - 12)));
    }
    const { sigma } = edgeSigma(g, 240, 20);
    expect(sigma).toBeLessThan(1.6);
  });
});

describe('clarity score', () => {
  it('means the same at two resolutions for the same blur relative to the text', async () => {
    // σ 1 px at 100 dpi ≈ σ 2 px at 200 dpi; σ 2.5 px at 100 dpi is far past the limit.
    const at = async (dpi: number, blurSigma: number) => clarityVerdict(grey(await renderPage({ kind: 'text', dpi, seed: 5, ...(blurSigma ? { blurSigma } : {}) })));
    const [a, b] = [await at(100, 1), await at(200, 2)];
    expect(Math.abs(a.score - b.score)).toBeLessThan(15);
    expect((await at(200, 0)).ok).toBe(true);
    const blurred = await at(100, 2.5);
    expect(blurred.score).toBeLessThan(CLARITY_LIMITS.minScore);
  }, 60_000);
});

describe('text size', () => {
  it('is the same on a page turned a quarter, and measured once per image', async () => {
    const img = greyForOcr((await renderDocument({ type: 'appraisal_form', dpi: 150, clarity: 'ok', degrade: { rotation: 0, blurSigma: 0, camera: false, skewDeg: 0 } }, 1)).pages[0].image);
    const a = measureTextScale(img);
    expect(measureTextScale(img)).toBe(a);
    const b = measureTextScale(rotateRaw(img, 90));
    expect(a.glyphHeightPx).toBeGreaterThan(0);
    expect(Math.abs(a.glyphHeightPx - b.glyphHeightPx)).toBeLessThanOrEqual(2);
    // Text lines run across the upright page, down the turned one.
    const inkOf = (bs: Array<{ ink: number; cover: number }>) => bs.filter((x) => x.cover >= 0.2).reduce((s, x) => s + x.ink, 0);
    expect(inkOf(textBands(img).horizontal)).toBeGreaterThan(inkOf(textBands(img).vertical));
    const turned = rotateRaw(img, 90);
    expect(inkOf(textBands(turned).vertical)).toBeGreaterThan(inkOf(textBands(turned).horizontal));
  }, 60_000);

  it('takes the character pitch over the OCR when the OCR read only the large text (a table of names in small print)', async () => {
    // The notice's name table is set at 12 px at 150 dpi; its heading and body at twice that.
    const img = greyForOcr((await renderDocument({ type: 'title_document', dpi: 150, clarity: 'ok', degrade: { rotation: 0, blurSigma: 0, camera: false, skewDeg: 0 } }, 1)).pages[0].image);
    const big = (n: number, h: number): OcrPage => ({
      width: img.width,
      height: img.height,
      confidence: 90,
      source: 'ocr',
      lines: [{ text: '证'.repeat(n), box: [100, 100, 25 * n, h], confidence: 90, chars: Array.from({ length: n }, (_, i) => ({ text: '证', box: [100 + 25 * i, 100, h, h] as [number, number, number, number], confidence: 90 })) }],
    });
    // Round 7: the pitch of its many lines of names says 12 px whatever the OCR read.
    const onlyLarge = bodyGlyphHeight(img, big(30, 20));
    expect(onlyLarge.from).toBe('pitch');
    expect(onlyLarge.glyph).toBeLessThan(CLARITY_LIMITS.minGlyphPx);
    expect(clarityVerdict(img, big(30, 20)).bigEnough).toBe(false);
    // Where the pitch rests on too few lines (an ID card), the OCR and the ink decide (round 4).
    const scale = measureTextScale(img);
    const fallback = glyphFromOcrAndInk(scale, big(30, 20));
    expect(fallback.from).toBe('ink-bands, unread small text');
    expect(fallback.glyph).toBeLessThan(CLARITY_LIMITS.minGlyphPx);
    // The OCR read some of the small print, fewer characters than the large ones (round 4: the
    // old rule trusted its boxes from 5 small characters on): most characters are still small.
    const some = big(30, 20);
    some.lines.push({ text: '名'.repeat(10), box: [100, 300, 120, 11], confidence: 80, chars: Array.from({ length: 10 }, (_, i) => ({ text: '名', box: [100 + 12 * i, 300, 11, 11] as [number, number, number, number], confidence: 80 })) });
    expect(glyphFromOcrAndInk(scale, some).from).toBe('ink-bands, unread small text');
    // Where the OCR read the small print as most of what it read, its boxes stand.
    const most = big(30, 20);
    most.lines.push({ text: '名'.repeat(40), box: [100, 300, 480, 11], confidence: 80, chars: Array.from({ length: 40 }, (_, i) => ({ text: '名', box: [100 + 12 * i, 300, 11, 11] as [number, number, number, number], confidence: 80 })) });
    expect(glyphFromOcrAndInk(scale, most).from).toBe('ocr');
  }, 60_000);
});
