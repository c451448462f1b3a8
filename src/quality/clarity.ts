import type { RawImage } from '../model/image.ts';
import type { OcrPage } from '../model/ocr.ts';
import { densestWindow, histogram, percentile, resizeGrey } from './raster.ts';
import { characterPitchWithOcr, type CharacterPitch } from './pitch.ts';
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
  /**
   * OCR mean confidence below which, with enough characters read, the OCR says the page is unclear
   * whatever its edges say. ID cards, phone photos and patterned certificates read at 30–45 when
   * sharp (round 5: an ID card front at σ/glyph 0.05 read at 36). Round 7 dropped the second, softer
   * limit (below 45 when the edge score was under 75): with the text size from the character pitch
   * the edges alone were right more often (seed 1: 4 more agreements, none fewer).
   */
  hardOcrConfidence: 30,
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
/** σ / glyph height at the score threshold (minScore 59): the generator's label boundary. */
const LIMIT_RATIO = 0.1;

/** Score from the blur as a share of the glyph height; linear between crisp and hopeless. */
function scoreOf(ratio: number): number {
  const s = 100 * (1 - (ratio - SHARP_RATIO) / (BLURRED_RATIO - SHARP_RATIO));
  return Math.round(Math.max(0, Math.min(100, s)));
}

/** Half-width of the window an edge's contrast is read in, at NORMAL_GLYPH_PX: wider than the blur at
 *  the limit (σ ≈ 3 px there, a blurred edge spans ±2.5σ), narrower than a character. */
const EDGE_WINDOW_PX = 12;
/**
 * Most pixels the edges are measured on, after resampling to NORMAL_GLYPH_PX: a page whose text
 * measures 5–9 px (a phone photo of a certificate) was enlarged 4–6× whole, 230 MP and 23–55 s
 * (round 6). The median edge σ needs a few thousand edges, not the whole page: the inkiest window
 * of this size is measured (an A4 page at 300 dpi with 40-px glyphs is 5.6 MP, measured whole).
 */
export const MAX_MEASURED_PX = 8_000_000;
/** The half-scale σ replaces the fine one when it is at least this much larger (a saturated window). */
const COARSE_TAKES_OVER = 1.6;

/**
 * Blur of the edges on a grey image, as the σ of a Gaussian: at every edge (a local maximum of the
 * gradient), contrast across the edge divided by the steepest slope is σ·√(2π) for a blurred step.
 * The window the contrast is read in must hold the whole blurred edge (else σ saturates at about a
 * third of the window), and the steepest point must lie between the levels either side (else it is
 * noise or JPEG ringing on the paper beside a stroke, not an edge of the stroke).
 * The median over the strong edges is robust to noise, halftones and the odd stamp.
 */
export function edgeSigma(
  g: RawImage,
  paper: number,
  ink: number,
  R = EDGE_WINDOW_PX,
  noise = noiseSigma(g),
  skip?: (x: number, y: number) => boolean,
): { sigma: number; edges: number; noise: number } {
  const { width: w, height: h, data } = g;
  // Sensor noise on a phone photo of a blurred page makes steep little steps on the paper; when blur
  // has flattened the print's contrast they pass a contrast test relative to it, and read as sharp
  // edges (round 5: a form blurred at σ 8.5 px measured σ 0.7). An edge must stand well above the
  // noise: its range at least 6 × the noise σ (25 samples of pure noise span about 4 σ, rarely 5.5).
  const minRange = Math.max(0.35 * (paper - ink), 6 * noise);
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
          if (range >= minRange && mid >= 0.2 && mid <= 0.8 && !(skip && (vertical ? skip(line, c) : skip(c, line)))) samples.push(range / (Math.abs(curG) * SQRT2PI));
        }
        prevG = curG;
        curG = gNext;
      }
    }
  }
  if (samples.length === 0) return { sigma: 0, edges: 0, noise };
  samples.sort((a, b) => a - b);
  return { sigma: samples[Math.floor(samples.length / 2)], edges: samples.length, noise };
}

/**
 * Where a table rule was painted out of the OCR's grey (removeRules sets it to 255): a one-sided
 * jump from the blurred fringe left beside it to pure white. On a blurred page these are the only
 * steep steps left and read as sharp edges (round 5: a form blurred at σ 8.5 px measured σ 0.7).
 * A real edge steepens on both sides of its middle pixel; a pixel that jumps to 255 on one side by
 * far more than it changes on the other is paint. Marked ±3 px around, on the page as stored (after
 * resampling the jump is smoothed and no longer tells itself apart); null when there is none.
 */
export function paintedMask(g: RawImage): Uint8Array | null {
  const { width: w, height: h, data } = g;
  let mask: Uint8Array | null = null;
  const mark = (x: number, y: number) => {
    mask ??= new Uint8Array(w * h);
    for (let yy = Math.max(0, y - 3); yy <= Math.min(h - 1, y + 3); yy++) mask.fill(1, yy * w + Math.max(0, x - 3), yy * w + Math.min(w, x + 4));
  };
  const painted = (a: number, c: number, b: number) => a === 255 && 255 - c >= 16 && 255 - c > 4 * Math.abs(c - b) + 4;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1, i = y * w + 1; x < w - 1; x++, i++) {
      const c = data[i];
      if (c === 255) continue;
      if (painted(data[i - 1], c, data[i + 1]) || painted(data[i + 1], c, data[i - 1]) || painted(data[i - w], c, data[i + w]) || painted(data[i + w], c, data[i - w])) mark(x, y);
    }
  }
  return mask;
}

/**
 * Pixel noise σ of a grey image: the median absolute difference of horizontal neighbours two pixels
 * apart (most of a page is paper, so the median is the paper's grain), as the σ of Gaussian noise
 * (median |N(0, 2σ²)| = 0.954 σ). Blur alone keeps neighbours nearly equal: about 0 on a clean scan.
 */
export function noiseSigma(g: RawImage): number {
  const { width: w, height: h, data } = g;
  const hist = new Uint32Array(256);
  let n = 0;
  const rowStep = Math.max(1, Math.floor(h / 200));
  for (let y = 0; y < h; y += rowStep) {
    for (let x = 0, i = y * w; x + 2 < w; x += 3, i += 3) {
      hist[Math.abs(data[i + 2] - data[i])]++;
      n++;
    }
  }
  let acc = 0;
  for (let d = 0; d < 256; d++) {
    acc += hist[d];
    if (acc >= n / 2) return d / 0.954;
  }
  return 0;
}

/** Height of a digit over the height of a Chinese character of the same type size (digits
 *  stand ~0.72 of the em, Chinese glyphs ~0.9; on the generated ID cards 8–9 px against 10–11). */
const DIGIT_TO_HAN = 1.2;

/**
 * The size most characters the OCR read with some confidence are set in, as a Chinese glyph height:
 * the median over Chinese characters (their box height) and the digits of dates and numbers (runs
 * of ≥ 4, their height × 1.2 — text the clerk must read as much as the words; on an ID card's back
 * they are most of it). 0 when under 8 characters.
 */
export function ocrGlyphHeight(ocr?: OcrPage): number {
  if (!ocr) return 0;
  const hs: number[] = [];
  for (const l of ocr.lines) {
    let run: number[] = [];
    // Digits count in runs of at least 4 (a date, an ID number, a phone number): a lone "digit" is
    // as often a misread rule end or seal stroke, with a box of any size.
    const flush = () => {
      if (run.length >= 4) {
        const m = [...run].sort((a, b) => a - b)[run.length >> 1];
        for (const h of run) if (Math.abs(h - m) <= 0.3 * m) hs.push(DIGIT_TO_HAN * h);
      }
      run = [];
    };
    for (const c of l.chars) {
      if (/^[0-9]$/.test(c.text) && c.confidence > 30) {
        run.push(c.box[3]);
        continue;
      }
      if (!/^[.\-/:]$/.test(c.text)) flush();
      if (c.confidence > 30 && /[\u4e00-\u9fff]/u.test(c.text)) hs.push(c.box[3]);
    }
    flush();
  }
  if (hs.length < 8) return 0;
  hs.sort((a, b) => a - b);
  return Math.round(hs[hs.length >> 1] * 10) / 10;
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

/** Glyphs below this height the OCR hardly reads at all: their absence from its reads says nothing. */
const UNREADABLE_GLYPH_PX = 10;

/** Glyph height of a Chinese character over its advance (the type size): 0.85–0.95 in the generator's
 *  fonts, as the OCR's boxes on sharp pages say (median 0.90 of the type size). */
export const GLYPH_TO_PITCH = 0.9;
/** Text lines whose pitch the page's must rest on to stand for its body size (an ID card has 5–15,
 *  a page of text 20–600). */
const MIN_PITCH_LINES = 6;

export type GlyphSource = 'pitch' | 'ocr' | 'ink-bands' | 'ink-bands, unread small text' | 'none';

/**
 * The body-text glyph height of a page: 0.9 × its character pitch when that rests on enough lines;
 * else from the OCR's boxes and the ink's bands (glyphFromOcrAndInk).
 */
export function bodyGlyphHeight(g: RawImage, ocr?: OcrPage): { glyph: number; from: GlyphSource; scale: TextScale; pitch: CharacterPitch } {
  const scale = measureTextScale(g);
  const pitch = characterPitchWithOcr(g, ocr);
  // The character pitch first (round 7): it is the type size itself, and blur does not move it, where
  // the glyph heights of blurred text (the OCR's boxes, the ink's bands) shrink, grow or break up.
  // Lines of digits count by the height of their digits (pitch.ts, round 8): an ID card back's dates,
  // most of its characters, are sized as the print they are set in. Round 7 left them out of the
  // pitch, and where the OCR read over 30 % digits put the page's size to the OCR and the ink instead.
  if (pitch.lines >= MIN_PITCH_LINES && pitch.pitchPx > 0)
    return { glyph: Math.round(GLYPH_TO_PITCH * pitch.pitchPx * 10) / 10, from: 'pitch', scale, pitch };
  const rest = glyphFromOcrAndInk(scale, ocr);
  // Without the OCR's boxes the ink's bands are all there is, and blur shrinks them (at the
  // half-contrast level) or breaks them up: a pitch from even two lines is the better lower bound of
  // the type (round 7: ID cards at 250–300 dpi blurred at σ/type 0.06–0.08 measured 13–25-px bands
  // for 30–47-px type and were called blurred; a clean award certificate, 8 px for 41).
  const fromPitch = Math.round(GLYPH_TO_PITCH * pitch.pitchPx * 10) / 10;
  if (rest.from === 'ink-bands' && pitch.lines >= 2 && fromPitch > rest.glyph) return { glyph: fromPitch, from: 'pitch', scale, pitch };
  return { ...rest, scale, pitch };
}

/**
 * The body-text glyph height when the page's character pitch rests on too few lines (an ID card, a
 * sparse form): from the OCR's character boxes where it read enough, from the ink otherwise — and
 * from the ink too when most of the ink's characters are set at 0.4–0.7 of the size the OCR read: a
 * table of names in 6 pt under a heading in 16 pt, scanned at 150 dpi. The OCR reads what it can, so
 * its boxes alone would pass a page whose small print is unreadable.
 */
export function glyphFromOcrAndInk(scale: TextScale, ocr?: OcrPage): { glyph: number; from: Exclude<GlyphSource, 'pitch'> } {
  const fromOcr = ocrGlyphHeight(ocr);
  const ink = scale.bands >= 3 ? scale.glyphHeightPx : 0;
  // Not when blur ran the lines together: the ink's size is then only a lower bound.
  // And not when the OCR read a page's worth of text (≥ 60 Chinese characters) but next to none (under
  // a tenth) at the ink's size although it is big enough to read (≥ 10 px): then the small bands are
  // not text but a QR code or a pattern (round 5: a CHSI report, 194 characters read at 23 px, 2 at
  // the ink's 11 px — its QR code's modules, each band weighed as many small characters).
  const smallRead = fromOcr && ink ? smallCharsRead(ocr, ink) : 0;
  const hanRead = ocr ? ocr.lines.reduce((s, l) => s + l.chars.filter((c) => c.confidence > 30 && /[\u4e00-\u9fff]/u.test(c.text)).length, 0) : 0;
  const notText = ink >= UNREADABLE_GLYPH_PX && hanRead >= 60 && smallRead < 0.1 * hanRead;
  if (fromOcr && ink && !scale.linesMerged && !notText && ink < 0.7 * fromOcr && ink >= 0.4 * fromOcr) {
    // The size most characters are set in: the OCR's median is the size of what it could read, the
    // ink's is weighed by every character (each band by the characters it holds). The OCR's median
    // is large, so it read fewer small characters than large ones; the ink's is small, so most
    // characters are small: the small print it could not read, or read only in part (round 4: a
    // name table at 11 px under a 17-px body, 176 of its characters read), is the body text.
    return { glyph: ink, from: 'ink-bands, unread small text' };
  }
  if (fromOcr) return { glyph: fromOcr, from: 'ocr' };
  if (ink) return { glyph: ink, from: 'ink-bands' };
  return { glyph: 0, from: 'none' };
}

/**
 * Blur σ (stored px) at which a photograph counts as blurred: the generator's label (σ > 3 px,
 * scripts/samples/clarity.ts) — on a 1-inch ID photo at 300 dpi (295 × 413 px) the eyes and the
 * hairline run into the face there, which is what the platform sends back. Its score is the text
 * score with this σ standing for a tenth of a glyph: 59 at the limit.
 */
export const PHOTO_BLUR_LIMIT_PX = 3;

/**
 * Clarity of a photograph (the 1-inch photo, a work photo): it has no text to size the blur by, so
 * the blur of its strong edges (hair, collar, the edge of the background) is taken in stored pixels.
 */
export function photoClarity(g: RawImage, limits = CLARITY_LIMITS): ClarityVerdict {
  const hist = histogram(g, 3);
  const lo = percentile(hist, 0.05);
  const hi = percentile(hist, 0.95);
  const noise = noiseSigma(g);
  // The window must hold an edge at a few times the limit; the contrast test takes the photo's own
  // range (a tenth of it is a feature, not grain).
  let { sigma, edges } = edgeSigma(g, hi, lo, 12, noise);
  // Near the window's reach the estimate saturates: measured again at half the scale (see below).
  if (sigma > 12 / 5) {
    const c = edgeSigma(resizeGrey(g, 0.5), hi, lo, 12, noise);
    if (c.edges >= 50 && 2 * c.sigma > sigma) [sigma, edges] = [2 * c.sigma, c.edges];
  }
  // σ = PHOTO_BLUR_LIMIT_PX scores like σ/glyph = 0.10 on text.
  const score = edges < 50 ? 0 : scoreOf((LIMIT_RATIO * sigma) / PHOTO_BLUR_LIMIT_PX);
  return {
    score,
    ok: score >= limits.minScore,
    glyphHeightPx: 0,
    bigEnough: true,
    evidence: { photo: true, sigmaPx: Math.round(sigma * 100) / 100, edges, noise: Math.round(noise * 10) / 10, limitSigmaPx: PHOTO_BLUR_LIMIT_PX },
  };
}

/**
 * Clarity of an upright grey page. The page is resampled so its body text is NORMAL_GLYPH_PX high,
 * then the edge blur is measured; so a 150 dpi and a 300 dpi scan of the same paper score alike.
 * When the OCR of the page is given, a low confidence on a page with text counts against it too.
 */
export function clarityVerdict(g: RawImage, ocr?: OcrPage, limits = CLARITY_LIMITS, photo?: { photo: boolean }): ClarityVerdict {
  // A photograph is judged by its own edges: text size and text blur say nothing about it.
  if (photo?.photo) return photoClarity(g, limits);
  const { glyph, from, scale, pitch } = bodyGlyphHeight(g, ocr);
  if (glyph === 0) {
    // No measurable text (a photo, a blank page): blur is not judged on text we cannot find.
    return { score: 100, ok: true, glyphHeightPx: 0, bigEnough: true, evidence: { noText: true } };
  }
  const f = NORMAL_GLYPH_PX / glyph;
  // The noise is measured on the page as stored: resampling smooths it pixel to pixel but keeps its
  // bumps' height, which is what the edge test compares against.
  const noiseStored = noiseSigma(g);
  // Enlarged, the page is measured on its inkiest window of at most MAX_MEASURED_PX (cut before
  // resampling, so the resampling costs the window, not the page).
  const win = g.width * g.height * f * f > MAX_MEASURED_PX ? densestWindow(g, MAX_MEASURED_PX / (f * f), (scale.paper + scale.ink) / 2) : g;
  const norm = resizeGrey(win, f);
  const painted = paintedMask(win);
  const skip = painted ? (x: number, y: number) => painted[Math.min(win.height - 1, Math.floor(y / f)) * win.width + Math.min(win.width - 1, Math.floor(x / f))] === 1 : undefined;
  let { sigma, edges, noise } = edgeSigma(norm, scale.paper, scale.ink, EDGE_WINDOW_PX, noiseStored, skip);
  // The window holds an edge up to σ ≈ a third of it; near that the estimate saturates. A page that
  // measures σ above a fifth of the window is measured again at half the scale (the window then
  // covers twice as much of the page), and the larger σ stands: heavy blur is not read as moderate.
  let coarse: number | undefined;
  if (sigma > EDGE_WINDOW_PX / 5) {
    const half = resizeGrey(win, f / 2);
    const skip2 = painted ? (x: number, y: number) => skip!(2 * x, 2 * y) : undefined;
    const c = edgeSigma(half, scale.paper, scale.ink, EDGE_WINDOW_PX, noiseStored, skip2);
    coarse = 2 * c.sigma;
    // Only when it says the fine one had saturated (1.6 × or more): short of that the two differ by
    // the fine window's usual shortfall of 20–45 % in the boundary band, which the threshold was
    // set on (round 5: taking the larger σ always broke 17 in-band pages of the grid).
    if (c.edges >= 50 && coarse >= COARSE_TAKES_OVER * sigma) [sigma, edges, noise] = [coarse, c.edges, c.noise];
  }
  // σ as a share of the glyph height: what decides whether strokes run together.
  const ratio = sigma / NORMAL_GLYPH_PX;
  let score = scoreOf(ratio);
  const chars = ocr ? ocr.lines.reduce((s, l) => s + l.chars.length, 0) : 0;
  const ocrUnclear = ocr !== undefined && chars >= 10 && ocr.confidence < limits.hardOcrConfidence;
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
      noise: Math.round(noise * 10) / 10,
      ...(win !== g ? { measuredWindow: [win.width, win.height] } : {}),
      ...(coarse !== undefined ? { coarseSigma: Math.round((coarse / f) * 100) / 100 } : {}),
      bands: scale.bands,
      glyphFrom: from,
      pitchPx: pitch.pitchPx,
      pitchLines: pitch.lines,
      ...(pitch.digitLines ? { pitchDigitLines: pitch.digitLines } : {}),
      inkGlyphPx: scale.glyphHeightPx,
      ...(scale.linesMerged ? { linesMerged: true } : {}),
      ...(from === 'ocr' || from === 'ink-bands, unread small text' ? { ocrGlyphPx: ocrGlyphHeight(ocr), ocrSmallChars: smallCharsRead(ocr, scale.glyphHeightPx) } : {}),
      ...(ocr ? { ocrConfidence: Math.round(ocr.confidence), ocrChars: chars } : {}),
    },
  };
}
