/**
 * OCR of a seal's arc text from its unwrapped strip. Cost-bounded: the strip is cut to the text,
 * then read as a single line in at most three variants (as unwrapped, stretched to square glyphs
 * when the engraver narrowed them, a wider band when the ring fit is a little off); the reading
 * OCR is most confident in is kept. Confidence, never similarity to the employer, chooses: the
 * owner decision must not be fed a reading picked for looking like the employer.
 */
import type { RawImage } from '../../model/image.ts';
import type { OcrEngine, OcrPage } from '../../model/ocr.ts';
import type { SealCandidate } from './detect-seals.ts';
import { findTextSpan, unwrapRing, type RingStrip, type UnwrapOptions } from './unwrap-ring.ts';

export interface SealText {
  /** CJK characters read, spaces and stray Latin/punctuation removed. */
  text: string;
  /** Mean character confidence, 0..1 (0 when nothing was read). */
  confidence: number;
  /** Which strip variant gave the reading, and how many OCR calls were made. */
  variant?: string;
  ocrCalls?: number;
}

/** Seal text is Chinese (and digits on the code arc, which we do not need): keep the Han characters. */
export function cleanSealText(s: string): string {
  return [...s].filter((ch) => /\p{Script=Han}/u.test(ch)).join('');
}

/** Most OCR calls made for one seal (each a single-line read of a strip of ~1000×80 px). */
export const MAX_OCR_CALLS_PER_SEAL = 3;

interface Reading {
  text: string;
  confidence: number;
  /** Confidence-weighted amount of Han text, less the confidence spent on junk. */
  score: number;
  variant: string;
}

function scoreReading(res: OcrPage, variant: string): Reading {
  let text = '';
  let conf = 0;
  let n = 0;
  let junk = 0;
  for (const line of res.lines) {
    for (const ch of line.chars) {
      const c = cleanSealText(ch.text);
      if (!c) {
        // Latin letters and punctuation in a seal strip are misread glyph pieces or ring scraps.
        junk += ch.confidence / 100;
        continue;
      }
      text += c;
      conf += ch.confidence * c.length;
      n += c.length;
    }
  }
  const mean = n ? conf / n / 100 : 0;
  // A reading of many characters read with good confidence beats a short confident scrap; weak
  // characters (< 0.5) add little. Junk symbols count against the variant.
  const score = n * Math.max(0, mean - 0.35) - 0.5 * junk;
  return { text, confidence: Math.round(mean * 100) / 100, score, variant };
}

/**
 * Horizontal stretch that makes the strip's glyphs about square: glyph pitch from the columns of
 * ink (runs separated by paper), compared with the glyph height the strip was scaled to.
 */
export function squareStretch(strip: RingStrip, glyphPx: number): number {
  const { data, width: W, height: H } = strip.image;
  const colInk = new Uint8Array(W);
  for (let x = 0; x < W; x++) {
    let n = 0;
    for (let y = 0; y < H; y++) if (data[y * W + x] < 128) n++;
    colInk[x] = n >= 2 ? 1 : 0;
  }
  let first = -1;
  let last = -1;
  const runs: number[] = [];
  let runStart = -1;
  for (let x = 0; x <= W; x++) {
    const on = x < W && colInk[x] === 1;
    if (on && runStart < 0) runStart = x;
    if (!on && runStart >= 0) {
      if (x - runStart >= 3) {
        runs.push(x - runStart);
        if (first < 0) first = runStart;
        last = x;
      }
      runStart = -1;
    }
  }
  if (runs.length < 3 || last <= first) return 1;
  // Glyphs made of two parts (川, 北) count as two runs; glyphs that touch count as one. The
  // median run is a robust glyph width when most glyphs stand apart.
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)];
  const pitch = Math.min((last - first) / runs.length, median * 1.15);
  const s = (glyphPx * 0.95) / Math.max(1, pitch);
  return Math.max(1, Math.min(1.5, s));
}

export async function readSealText(page: RawImage, seal: Pick<SealCandidate, 'ellipse' | 'colour'>, ocr: OcrEngine): Promise<SealText> {
  const grey = seal.colour === 'lost' || page.channels === 1;
  const glyphPx = 44;
  const base: UnwrapOptions = { grey, glyphPx };
  const span = findTextSpan(page, seal.ellipse, base);
  const read = async (opts: UnwrapOptions, variant: string): Promise<Reading> => {
    const strip = unwrapRing(page, seal.ellipse, { ...base, span, ...opts });
    return scoreReading(await ocr.recognize(strip.image, { psm: 'single_line' }), variant);
  };
  const first = unwrapRing(page, seal.ellipse, { ...base, span });
  const readings: Reading[] = [scoreReading(await ocr.recognize(first.image, { psm: 'single_line' }), 'plain')];
  const stretch = squareStretch(first, glyphPx);
  if (stretch >= 1.15) readings.push(await read({ stretchX: stretch }, `stretch${stretch.toFixed(2)}`));
  // A wider band, in case the ring fit is a little off (glyph tops or feet cut), with the better
  // of the stretches so far.
  const best = readings.reduce((a, b) => (b.score > a.score ? b : a));
  const s2 = best.variant.startsWith('stretch') ? stretch : 1;
  readings.push(await read({ outer: 0.99, inner: 0.5, stretchX: s2, marginDeg: 10 }, `wide${s2.toFixed(2)}`));
  const win = readings.reduce((a, b) => (b.score > a.score ? b : a));
  return { text: win.text, confidence: win.confidence, variant: win.variant, ocrCalls: readings.length };
}
