import type { RawImage } from '../model/image.ts';
import type { OcrPage } from '../model/ocr.ts';
import { resizeGrey } from './raster.ts';
import { measureTextScale } from './text-scale.ts';

/** Glyph height every page is resampled to before blur is measured: DPI no longer matters. */
export const NORMAL_GLYPH_PX = 32;

/** Thresholds, calibrated by scripts/measure-quality.ts (table in docs/clarity.md). */
export const CLARITY_LIMITS = {
  /** Clarity score (0..100) below which a page is too blurred. */
  minScore: 78,
  /** Body-text glyph height below which text is too small to read, px. */
  minGlyphPx: 12,
  /** OCR mean confidence below which, with enough characters read, OCR agrees the page is unclear. */
  minOcrConfidence: 45,
} as const;

/**
 * Ground truth for the generated pages: a page is unclear when the blur, as a share of the glyph
 * height, is above 1/16 em-ish (σ ≥ 0.06 × glyph height) — the point where the inner strokes of dense
 * characters (量, 煤, 赢) run together — or when the glyphs themselves are below minGlyphPx.
 * The generator and the measurement script use this one definition.
 */
export function expectedClear(blurSigmaPx: number, glyphHeightPx: number): boolean {
  return blurSigmaPx / glyphHeightPx < 0.06 && glyphHeightPx >= CLARITY_LIMITS.minGlyphPx;
}

/** Score from the blur measured at the normal glyph size (σ in px at NORMAL_GLYPH_PX). */
function scoreOf(sigmaNorm: number): number {
  // σ 0.9 px (crisp print; the rendering itself is ~0.7) → 100; σ 3.5 px → 0; linear between.
  const s = 100 * (1 - (sigmaNorm - 0.9) / (3.5 - 0.9));
  return Math.round(Math.max(0, Math.min(100, s)));
}

/**
 * Blur of the edges on a grey image, as the σ of a Gaussian: at every edge (a local maximum of the
 * gradient), contrast across the edge divided by the steepest slope is σ·√(2π) for a blurred step.
 * The median over the strong edges is robust to noise, halftones and the odd stamp.
 */
export function edgeSigma(g: RawImage, paper: number, ink: number): { sigma: number; edges: number } {
  const { width: w, height: h, data } = g;
  const minRange = 0.35 * (paper - ink);
  const R = 4;
  const samples: number[] = [];
  const SQRT2PI = Math.sqrt(2 * Math.PI);
  // Horizontal then vertical scan lines; every second line is enough.
  for (const vertical of [false, true]) {
    const lines = vertical ? w : h;
    const len = vertical ? h : w;
    const at = (line: number, p: number) => (vertical ? data[p * w + line] : data[line * w + p]);
    for (let line = 0; line < lines; line += 2) {
      let prevG = 0;
      let curG = 0;
      for (let p = 1; p < len - 1; p++) {
        const gNext = (at(line, p + 1) - at(line, p - 1)) / 2;
        // curG is the gradient at p-1; test it for a local maximum of |g|
        if (p >= 2 && Math.abs(curG) >= 4 && Math.abs(curG) >= Math.abs(prevG) && Math.abs(curG) > Math.abs(gNext)) {
          const c = p - 1;
          let mn = 255;
          let mx = 0;
          for (let q = Math.max(0, c - R); q <= Math.min(len - 1, c + R); q++) {
            const v = at(line, q);
            if (v < mn) mn = v;
            if (v > mx) mx = v;
          }
          const range = mx - mn;
          if (range >= minRange) samples.push(range / (Math.abs(curG) * SQRT2PI));
        }
        prevG = curG;
        curG = gNext;
      }
    }
  }
  if (samples.length === 0) return { sigma: 0, edges: 0 };
  samples.sort((a, b) => a - b);
  return { sigma: samples[Math.floor(samples.length / 2)], edges: samples.length };
}

/** Median height of the Chinese characters the OCR read with some confidence; 0 when under 8. */
export function ocrGlyphHeight(ocr?: OcrPage): number {
  if (!ocr) return 0;
  const hs: number[] = [];
  for (const l of ocr.lines) for (const c of l.chars) if (c.confidence > 30 && /[\u4e00-\u9fff]/u.test(c.text)) hs.push(c.box[3]);
  if (hs.length < 8) return 0;
  hs.sort((a, b) => a - b);
  return hs[hs.length >> 1];
}

export interface ClarityVerdict {
  /** 0..100, 100 = crisp; comparable across DPI because it is measured at a normal text size. */
  score: number;
  ok: boolean;
  /** Body-text glyph height in the stored pixels. */
  glyphHeightPx: number;
  /** Text big enough to read (glyphHeightPx ≥ minGlyphPx). */
  bigEnough: boolean;
  evidence: Record<string, unknown>;
}

/**
 * Clarity of an upright grey page. The page is resampled so its body text is NORMAL_GLYPH_PX high,
 * then the edge blur is measured; so a 150 dpi and a 300 dpi scan of the same paper score alike.
 * When the OCR of the page is given, a low confidence on a page with text counts against it too.
 */
export function clarityVerdict(g: RawImage, ocr?: OcrPage, limits = CLARITY_LIMITS): ClarityVerdict {
  const scale = measureTextScale(g);
  // The OCR's character boxes give the text size even where blur or a background pattern breaks the
  // ink bands apart; the bands answer when the OCR did not run or read too few characters.
  const fromOcr = ocrGlyphHeight(ocr);
  const glyph = fromOcr || scale.glyphHeightPx;
  if (glyph === 0 || (!fromOcr && scale.bands < 3)) {
    // No measurable text (a photo, a blank page): blur is not judged on text we cannot find.
    return { score: 100, ok: true, glyphHeightPx: 0, bigEnough: true, evidence: { noText: true } };
  }
  const f = NORMAL_GLYPH_PX / glyph;
  // Cap the work: at the normal size an A4 page of 10pt text is ~1600×2300 px.
  const norm = resizeGrey(g, f);
  const { sigma, edges } = edgeSigma(norm, scale.paper, scale.ink);
  let score = scoreOf(sigma);
  const chars = ocr ? ocr.lines.reduce((s, l) => s + l.chars.length, 0) : 0;
  const ocrUnclear = ocr !== undefined && chars >= 10 && ocr.confidence < limits.minOcrConfidence;
  const bigEnough = glyph >= limits.minGlyphPx;
  if (ocrUnclear) score = Math.min(score, limits.minScore - 1);
  return {
    score,
    ok: score >= limits.minScore && bigEnough,
    glyphHeightPx: glyph,
    bigEnough,
    evidence: {
      sigmaAtNormalSize: Math.round(sigma * 100) / 100,
      sigmaPx: Math.round((sigma / f) * 100) / 100,
      edges,
      bands: scale.bands,
      glyphFrom: fromOcr ? 'ocr' : 'ink-bands',
      ...(ocr ? { ocrConfidence: Math.round(ocr.confidence), ocrChars: chars } : {}),
    },
  };
}
