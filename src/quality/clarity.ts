import { medianHanHeight } from '../ocr/glyph-height.ts';
import type { RawImage } from '../model/image.ts';
import type { OcrPage } from '../model/ocr.ts';
import { resizeGrey } from './raster.ts';
import { measureTextScale, type TextScale } from './text-scale.ts';

/** Glyph height every page is resampled to before blur is measured: DPI no longer matters. */
export const NORMAL_GLYPH_PX = 32;

/**
 * Thresholds (table in docs/clarity.md). The blur limit is the generator's label, not a fit: strokes
 * run together when σ exceeds a tenth of the character size (scripts/samples/clarity.ts), i.e.
 * σ / glyph height ≈ 0.10 with glyphs 0.9 of the font size and the generator's blur a little
 * narrower than its nominal σ; the score is 59 there.
 */
export const CLARITY_LIMITS = {
  /** Clarity score (0..100) below which a page is too blurred: σ / glyph height above 0.10. */
  minScore: 59,
  /** Body-text glyph height below which text is too small to read, px: 14 px type (0.9 × 14). */
  minGlyphPx: 12.6,
  /** OCR mean confidence below which, with enough characters read, OCR agrees the page is unclear. */
  minOcrConfidence: 45,
} as const;

/**
 * Ground truth for generated pages, as the generator labels them (scripts/samples/clarity.ts), in
 * glyph heights: unclear when the blur σ is above a tenth of the type size (0.9 × glyph height ≈
 * type size / 1.11), or when the glyphs are below minGlyphPx.
 */
export function expectedClear(blurSigmaPx: number, glyphHeightPx: number): boolean {
  return blurSigmaPx <= 0.1 * (glyphHeightPx / 0.9) && glyphHeightPx >= CLARITY_LIMITS.minGlyphPx;
}

/** Blur σ as a share of the glyph height at which the score is 100 (crisp print: the edges of a
 *  sharp scan measure 0.025–0.035) and 0 (σ a fifth of the glyph: strokes are gone). */
const SHARP_RATIO = 0.03;
const BLURRED_RATIO = 0.2;

/** Score from the blur as a share of the glyph height; linear between crisp and hopeless. */
function scoreOf(ratio: number): number {
  const s = 100 * (1 - (ratio - SHARP_RATIO) / (BLURRED_RATIO - SHARP_RATIO));
  return Math.round(Math.max(0, Math.min(100, s)));
}

/** Half-width of the window an edge's contrast is read in, at NORMAL_GLYPH_PX: wider than the blur at
 *  the limit (σ ≈ 3 px there, a blurred edge spans ±2.5σ), narrower than a character. */
const EDGE_WINDOW_PX = 12;

/**
 * Blur of the edges on a grey image, as the σ of a Gaussian: at every edge (a local maximum of the
 * gradient), contrast across the edge divided by the steepest slope is σ·√(2π) for a blurred step.
 * The window the contrast is read in must hold the whole blurred edge (else σ saturates at about a
 * third of the window), and the steepest point must lie between the levels either side (else it is
 * noise or JPEG ringing on the paper beside a stroke, not an edge of the stroke).
 * The median over the strong edges is robust to noise, halftones and the odd stamp.
 */
export function edgeSigma(g: RawImage, paper: number, ink: number, R = EDGE_WINDOW_PX): { sigma: number; edges: number } {
  const { width: w, height: h, data } = g;
  const minRange = 0.35 * (paper - ink);
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
          const mid = (at(line, c) - mn) / Math.max(1, range);
          if (range >= minRange && mid >= 0.2 && mid <= 0.8) samples.push(range / (Math.abs(curG) * SQRT2PI));
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
  const { h, n } = medianHanHeight(ocr);
  return n < 8 ? 0 : h;
}

/** Chinese characters (digits and punctuation are shorter than the line they stand in) the OCR read
 *  with some confidence at most 1.3 × `size` high. */
function smallCharsRead(ocr: OcrPage | undefined, size: number): number {
  let n = 0;
  if (ocr) for (const l of ocr.lines) for (const c of l.chars) if (c.confidence > 30 && c.box[3] <= 1.3 * size && /[\u4e00-\u9fff]/u.test(c.text)) n++;
  return n;
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
 * The body-text glyph height of a page, from the OCR's character boxes where it read enough, from
 * the ink otherwise — and from the ink too when most of the ink's characters are set at 0.4–0.7 of
 * the size the OCR read: a table of names in 6 pt under a heading in 16 pt, scanned at 150 dpi. The OCR reads what it can, so its boxes alone would pass a page whose small print is
 * unreadable.
 */
export function bodyGlyphHeight(g: RawImage, ocr?: OcrPage): { glyph: number; from: 'ocr' | 'ink-bands' | 'ink-bands, unread small text' | 'none'; scale: TextScale } {
  const scale = measureTextScale(g);
  const fromOcr = ocrGlyphHeight(ocr);
  const ink = scale.bands >= 3 ? scale.glyphHeightPx : 0;
  // Not when blur ran the lines together: the ink's size is then only a lower bound.
  if (fromOcr && ink && !scale.linesMerged && ink < 0.7 * fromOcr && ink >= 0.4 * fromOcr) {
    // The size most characters are set in: the OCR's median is the size of what it could read, the
    // ink's is weighed by every character (each band by the characters it holds). The OCR's median
    // is large, so it read fewer small characters than large ones; the ink's is small, so most
    // characters are small: the small print it could not read, or read only in part (round 4: a
    // name table at 11 px under a 17-px body, 176 of its characters read), is the body text.
    return { glyph: ink, from: 'ink-bands, unread small text', scale };
  }
  if (fromOcr) return { glyph: fromOcr, from: 'ocr', scale };
  if (ink) return { glyph: ink, from: 'ink-bands', scale };
  return { glyph: 0, from: 'none', scale };
}

/**
 * Clarity of an upright grey page. The page is resampled so its body text is NORMAL_GLYPH_PX high,
 * then the edge blur is measured; so a 150 dpi and a 300 dpi scan of the same paper score alike.
 * When the OCR of the page is given, a low confidence on a page with text counts against it too.
 */
export function clarityVerdict(g: RawImage, ocr?: OcrPage, limits = CLARITY_LIMITS): ClarityVerdict {
  const { glyph, from, scale } = bodyGlyphHeight(g, ocr);
  if (glyph === 0) {
    // No measurable text (a photo, a blank page): blur is not judged on text we cannot find.
    return { score: 100, ok: true, glyphHeightPx: 0, bigEnough: true, evidence: { noText: true } };
  }
  const f = NORMAL_GLYPH_PX / glyph;
  const norm = resizeGrey(g, f);
  const { sigma, edges } = edgeSigma(norm, scale.paper, scale.ink);
  // σ as a share of the glyph height: what decides whether strokes run together.
  const ratio = sigma / NORMAL_GLYPH_PX;
  let score = scoreOf(ratio);
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
      blurToGlyph: Math.round(ratio * 1000) / 1000,
      sigmaPx: Math.round((sigma / f) * 100) / 100,
      edges,
      bands: scale.bands,
      glyphFrom: from,
      inkGlyphPx: scale.glyphHeightPx,
      ...(scale.linesMerged ? { linesMerged: true } : {}),
      ...(from === 'ocr' || from === 'ink-bands, unread small text' ? { ocrGlyphPx: ocrGlyphHeight(ocr), ocrSmallChars: smallCharsRead(ocr, scale.glyphHeightPx) } : {}),
      ...(ocr ? { ocrConfidence: Math.round(ocr.confidence), ocrChars: chars } : {}),
    },
  };
}
