import type { RawImage } from '../model/image.ts';
import type { OcrPage } from '../model/ocr.ts';
import { noiseSigma } from './clarity.ts';
import { measureTextScale, textBands, type Band } from './text-scale.ts';

/**
 * The character pitch of a page's text: the distance from one character to the next along a line,
 * which for Chinese (full-width, set solid) is the type size itself. Blur does not move it — it
 * smears each character but leaves it where it was — so it measures the type size of a blurred page
 * where glyph heights (the ink's bands, the OCR's boxes) shrink, grow or break into pieces
 * (round 7, docs/clarity.md).
 */
export interface CharacterPitch {
  /** The pitch most characters are set at, px (character-weighted median over the lines); 0 when none. */
  pitchPx: number;
  /** Its lower and upper character-weighted quartiles: a page set in one size has them close. */
  q25: number;
  q75: number;
  /** Text lines (bands in a strip) that gave a pitch. */
  lines: number;
  /** Of those, lines the OCR read as digits, sized by the digits' height (round 8; 0 without OCR). */
  digitLines: number;
}

/** Lags searched, as a share of the band's height: a glyph is 0.85–0.95 of the advance of a Chinese
 *  character, a band a little taller when blur spreads it; wide tracking on a heading goes to 1.7. */
const MIN_LAG = 0.7;
const MAX_LAG = 1.7;
/** The band's column profile is smoothed by this share of its height: strokes inside a character
 *  (三, 川) repeat at a third of the advance and would otherwise stand in for it. */
const SMOOTH = 0.12;
/**
 * A line whose pitch is under this share of its band is not a line of Chinese at its pitch (round 7:
 * a Chinese line's pitch is 1.0–1.3 of its band sharp, 0.85 and more blurred; a digit's advance is
 * ~0.55 of the type size and it stands ~0.72 of it). Round 7 left such lines out; round 8 looks at
 * them again by the height of their characters (bandHeight): a blurred Chinese line whose band grew
 * (its characters advance at least as far as they stand tall) counts at its pitch. The rest stay out
 * by their shape alone: lines of digits and Latin (narrower than tall: pitch 0.7–0.95 of the height),
 * but also blurred Chinese lines and patterns (a QR code's modules) can be (docs/clarity.md round 8);
 * characterPitchWithOcr sizes the lines the OCR read as digits.
 */
const MIN_PITCH_TO_BAND = 0.78;
/** Pitch over character height from which a line (of those under MIN_PITCH_TO_BAND) is Chinese. */
const CHINESE_PITCH_TO_HEIGHT = 1.0;
/**
 * The same for a line looked at again on its characters' height (round 9): blur moves the half level
 * of a line's row profile out, so a blurred Chinese line's height grows towards its pitch (0.81–1.0 of
 * the type, round 8) while digits stay narrower than tall (pitch 0.71–0.78 of their height).
 */
const BLURRED_PITCH_TO_HEIGHT = 0.9;
/** Height of a digit (and a Latin capital) over the type size: 0.70–0.76 in the generator's faces
 *  (median 0.72 sharp, 0.74 blurred, on the grid's digit lines); cap height is 0.65–0.75 em in most. */
export const DIGIT_HEIGHT = 0.73;
/** A row of a band whose ink runs on longer than this many pitches holds a rule (bandHeight). */
const RULE_RUN = 2.5;
/**
 * Least variation of a line's column profile, over what the page's pixel noise alone makes in it,
 * for the line to count (round 9). On a noisy scan the faint ink level of text-scale.ts picks up rows
 * of paper grain as thin "bands"; their profiles repeat at some lag by chance. Lines of the paper's
 * grain measure 0.6–3.1 (bench 9006, an ID card on an A4 scan, noise σ 6.5: 109 such lines, pitch
 * 10.9 px, called too small) and 1.0–5.9 on other noisy pages; lines of print 49 and more on the
 * noisy pages looked at (noise σ 2–9, sharp and blurred at σ 6 px). Text blurred past reading can
 * fall under it too (a grid notice's name table at σ 3 px: 2.7).
 */
const MIN_SNR = 6;
/** Least height of a line's characters over its band for it to be looked at again (round 9). */
const MIN_HEIGHT_TO_BAND = 0.5;
/** Least autocorrelation at the chosen lag for a line to count. */
const MIN_R = 0.15;

/**
 * The pitch of one text line: the lag, within MIN_LAG–MAX_LAG of its height, at which its column
 * profile (darkness summed over the band's rows) best repeats. null when the line is too short or
 * does not repeat.
 */
export function bandPitch(g: RawImage, paper: number, b: Pick<Band, 'start' | 'size' | 'a0' | 'a1'>, noise = 0, height = b.size): { pitch: number; r: number; snr: number } | null {
  const { width: w, data } = g;
  const n = b.a1 - b.a0;
  if (n < 20) return null;
  const raw = new Float64Array(n);
  for (let y = b.start; y < b.start + b.size; y++) for (let x = b.a0, i = y * w + b.a0; x < b.a1; x++, i++) raw[x - b.a0] += Math.max(0, paper - data[i]);
  let mx = 0;
  for (const v of raw) if (v > mx) mx = v;
  if (mx <= 0) return null;
  let lo = 0;
  let hi = n - 1;
  while (lo < n && raw[lo] < 0.05 * mx) lo++;
  while (hi > lo && raw[hi] < 0.05 * mx) hi--;
  const len = hi - lo + 1;
  if (len < 20) return null;
  const ss = Math.max(0.8, SMOOTH * height);
  const K = Math.ceil(2.5 * ss);
  const kern = new Float64Array(2 * K + 1);
  for (let k = -K; k <= K; k++) kern[k + K] = Math.exp(-(k * k) / (2 * ss * ss));
  const v = new Float64Array(len);
  let mean = 0;
  for (let x = 0; x < len; x++) {
    let s = 0;
    let ws = 0;
    for (let k = -K; k <= K; k++) {
      const xx = lo + x + k;
      if (xx < 0 || xx >= n) continue;
      s += kern[k + K] * raw[xx];
      ws += kern[k + K];
    }
    v[x] = s / ws;
    mean += v[x];
  }
  mean /= len;
  let s2 = 0;
  for (let x = 0; x < len; x++) {
    v[x] -= mean;
    s2 += v[x] * v[x];
  }
  if (s2 <= 0) return null;
  // The profile's variation against what the page's pixel noise alone makes in it: the column sums
  // of `size` rows of noise σ vary by σ√size, and the smoothing keeps 1/√(2√π·ss) of that.
  const noiseSd = noise * Math.sqrt(b.size / (2 * Math.sqrt(Math.PI) * Math.max(1, ss)));
  const snr = noiseSd > 0 ? Math.sqrt(s2 / len) / noiseSd : Infinity;
  const maxLag = Math.floor(len / 2.5);
  const from = Math.max(3, Math.floor(MIN_LAG * height));
  const to = Math.min(maxLag - 1, Math.ceil(MAX_LAG * height));
  if (to <= from) return null;
  const r = new Float64Array(to + 2);
  for (let L = from - 1; L <= to + 1; L++) {
    let s = 0;
    for (let x = 0; x + L < len; x++) s += v[x] * v[x + L];
    r[L] = (s / s2) * (len / (len - L));
  }
  let best = -1;
  let bestL = 0;
  for (let L = from; L <= to; L++) if (r[L] >= r[L - 1] && r[L] >= r[L + 1] && r[L] > best) [best, bestL] = [r[L], L];
  if (!bestL || best < MIN_R) return null;
  const a = r[bestL - 1];
  const c = r[bestL];
  const d = r[bestL + 1];
  const den = a - 2 * c + d;
  const off = den !== 0 ? (0.5 * (a - d)) / den : 0;
  return { pitch: bestL + Math.max(-0.5, Math.min(0.5, off)), r: best, snr };
}

/**
 * Height of the characters of a text line: the extent of its row profile (darkness summed along the
 * band) above half its plateau (the 90th percentile of its rows). Where the band is ink at a quarter
 * of the contrast, this is the characters' own extent at half of theirs: a blurred edge crosses half
 * its level near where the sharp one stood. It is not blur-free (blur lowers the plateau of a line's
 * stroke-row peaks and the half level moves out: on the grid, sharp Chinese lines measure 0.82–0.86
 * of the type, blurred ones 0.81–1.0, interquartile), but it leaves the band's quarter-level fringe out.
 * Table rules are not the characters' (the page as the grid measures it keeps them; the pipeline's
 * has them painted out): a row whose ink — at a quarter of the contrast, which a blurred rule's fringe
 * reaches — runs on over more than RULE_RUN pitches (a rule, not a stroke: a character's strokes stop
 * within its own advance) is left out, and each row loses its
 * least darkness (a faint rule fringe across the whole band), and the profile its least row (a
 * vertical rule crossing the band darkens every row by the same). 0 when the profile is flat or
 * does not fall to half inside the band.
 */
export function bandHeight(g: RawImage, paper: number, ink: number, b: Pick<Band, 'start' | 'size' | 'a0' | 'a1'>, pitch: number): number {
  const { width: w, data } = g;
  const prof = new Float64Array(b.size);
  const dark = paper - 0.25 * (paper - ink);
  const maxRun = RULE_RUN * pitch;
  for (let k = 0; k < b.size; k++) {
    const row = (b.start + k) * w;
    let m = 255;
    let run = 0;
    let longest = 0;
    for (let x = b.a0; x < b.a1; x++) {
      const v = data[row + x];
      const d = paper - v;
      if (d < m) m = d;
      run = v <= dark ? run + 1 : 0;
      if (run > longest) longest = run;
    }
    if (longest > maxRun) continue;
    let s = 0;
    for (let x = b.a0; x < b.a1; x++) s += Math.max(0, paper - data[row + x] - Math.max(0, m));
    prof[k] = s;
  }
  let floor = Infinity;
  for (const v of prof) if (v < floor) floor = v;
  for (let k = 0; k < prof.length; k++) prof[k] -= floor;
  const sorted = [...prof].sort((a, c) => a - c);
  const level = 0.5 * sorted[Math.floor(0.9 * (sorted.length - 1))];
  // Still above half at the band's first or last row: the band was cut there by something else (a
  // rule's fringe, the next line run into it), and the height is not measured.
  if (!(level > 0) || prof[0] >= level || prof[prof.length - 1] >= level) return 0;
  let first = -1;
  let last = -1;
  for (let k = 0; k < prof.length; k++) {
    if (prof[k] < level) continue;
    if (first < 0) first = k;
    last = k;
  }
  // The crossings, to a fraction of a row.
  const lead = first > 0 ? (level - prof[first - 1]) / (prof[first] - prof[first - 1]) : 0;
  const trail = last < prof.length - 1 ? (prof[last] - level) / (prof[last] - prof[last + 1]) : 0;
  return last - first + lead + trail;
}

/** One text line (a band in a strip) as the pitch sees it. */
export interface PitchLine {
  band: Band;
  /** Its pitch (null: it does not repeat) and the height of its characters (0: not measured). */
  pitch: number | null;
  height: number;
  snr?: number;
  /** Its pitch was found on the scale of its characters' height, not its band's (round 9). */
  again?: boolean;
  /** The type size it stands for, px, and its weight (its characters: ink over pitch²); 0 when it
   *  does not count (no pitch, or not a line of Chinese by its shape). */
  size: number;
  wt: number;
}

const cache = new WeakMap<Buffer, { pitch: CharacterPitch; lines: PitchLine[] }>();

/** The weighted quartiles of a page's line sizes. */
function summarise(votes: Array<{ p: number; wt: number; narrow: boolean }>): CharacterPitch {
  votes.sort((a, b) => a.p - b.p);
  const total = votes.reduce((s, x) => s + x.wt, 0);
  const quantile = (f: number) => {
    let acc = 0;
    for (const x of votes) {
      acc += x.wt;
      if (acc >= total * f) return Math.round(x.p * 10) / 10;
    }
    return 0;
  };
  return { pitchPx: quantile(0.5), q25: quantile(0.25), q75: quantile(0.75), lines: votes.length, digitLines: votes.filter((v) => v.narrow).length };
}

function measureLines(g: RawImage): { pitch: CharacterPitch; lines: PitchLine[] } {
  const hit = cache.get(g.data);
  if (hit) return hit;
  const scale = measureTextScale(g);
  const lines: PitchLine[] = [];
  if (scale.glyphHeightPx > 0) {
    const noise = noiseSigma(g);
    // A line that did not repeat as a line of Chinese in its band: looked at again on the scale of its
    // characters' height (round 9). Blur grows a band (ink at a quarter of the contrast) by about σ
    // each side, and the lag window (0.7–1.7 of the band) and the smoothing (0.12 of it) grow with it:
    // on a page blurred at σ = 0.15–0.2 of its type the true pitch falls under the window, or is
    // smoothed away, and only lines of larger print (a heading, a signature) still repeat
    // (bench 9006: a diploma's 40-px body at σ 8.6 px, band 62 px, repeats at 39.8 px on its 43-px
    // height and not at all on its band). Counted when its characters advance at least as far as
    // they stand tall, as round 8's lines under MIN_PITCH_TO_BAND.
    const lookAgain = (line: PitchLine, h: number) => {
      line.height = h;
      // Only where the band's window could not hold the pitch of characters this tall (a line of
      // Chinese advances at least its characters' height): the band grew past 1 / MIN_LAG of them.
      // And not where the characters are under half their band: blur that grows a band by the height of
      // its characters (σ ≈ 0.7 of it) leaves nothing to repeat — that is a frame, a rule's fringe or a
      // seal cut by the strip (a certificate's double frame: 8-px "characters" in a 30-px band, r 0.2).
      if (!(h > 0) || h >= MIN_LAG * line.band.size || h < MIN_HEIGHT_TO_BAND * line.band.size) return;
      const q2 = bandPitch(g, scale.paper, line.band, noise, h);
      if (!q2 || q2.snr < MIN_SNR || q2.pitch < BLURRED_PITCH_TO_HEIGHT * h) return;
      [line.pitch, line.size, line.wt, line.again] = [q2.pitch, q2.pitch, line.band.ink / (q2.pitch * q2.pitch), true];
    };
    for (const b of textBands(g).horizontal) {
      const q = bandPitch(g, scale.paper, b, noise);
      const line: PitchLine = { band: b, pitch: q?.pitch ?? null, height: 0, size: 0, wt: 0, snr: q?.snr };
      lines.push(line);
      // Grain, not print: on a noisy phone photo or scan the faint ink level picks up rows of the
      // paper's own noise as "lines", and they repeat at some lag by chance (round 9).
      if (q && q.snr < MIN_SNR) continue;
      if (!q) {
        lookAgain(line, bandHeight(g, scale.paper, scale.ink, b, b.size));
        continue;
      }
      if (q.pitch >= MIN_PITCH_TO_BAND * b.size) {
        // A line of Chinese: its pitch is its type size (round 7).
        [line.size, line.wt] = [q.pitch, b.ink / (q.pitch * q.pitch)];
        continue;
      }
      const h = bandHeight(g, scale.paper, scale.ink, b, q.pitch);
      line.height = h;
      if (!(h > 0)) continue;
      // Narrower than tall: digits, Latin — or a pattern (a QR code's modules, a guilloche) that repeats
      // at a small lag: by its shape alone it is left out (the OCR says which are digits).
      if (q.pitch >= CHINESE_PITCH_TO_HEIGHT * h) [line.size, line.wt] = [q.pitch, b.ink / (q.pitch * q.pitch)];
      else lookAgain(line, h);
    }
  }
  const out = { pitch: summarise(lines.filter((l) => l.wt > 0).map((l) => ({ p: l.size, wt: l.wt, narrow: false }))), lines };
  cache.set(g.data, out);
  return out;
}

/**
 * The character pitch of an upright page, from its horizontal text bands (text-scale.ts): each
 * line's pitch weighs by the characters it holds (its ink over the pitch², as the bands' sizes do).
 * Lines of digits are left out (characterPitchWithOcr counts those the OCR read). Cached per image
 * buffer (with its lines).
 */
export function characterPitch(g: RawImage): CharacterPitch {
  return measureLines(g).pitch;
}

/** The text lines the page's pitch was taken from, each with its pitch, height, size and weight. */
export function pitchLines(g: RawImage): PitchLine[] {
  return measureLines(g).lines;
}

/** Share of the OCR's characters in a line that must be digits for it to be a line of digits. */
const DIGIT_LINE_SHARE = 0.7;
/** Least digits the OCR must have read in a line to size it by them. */
const MIN_DIGITS_READ = 4;

/**
 * The character pitch with the OCR's reading of the page: a line it read as digits (a date, an ID
 * or certificate number, an office code: ≥ 4 digits, ≥ 70 % of the digits, letters and Chinese
 * characters it read there) is sized by the digits' height (their boxes' median over DIGIT_HEIGHT),
 * and weighs as every line does, by its ink over its type size² (a digit holds about half the ink of
 * a Chinese character of its size, so a line of digits counts for fewer characters than it holds: the
 * safe side on a page of few lines, where one small-print number would otherwise outweigh its words;
 * round 8, a diploma) — whether its pitch was read as a Chinese line's (two digits at a time: the
 * pitch of a date is 1.1–1.6 of the type size), not at all (dots and dashes break the repeat), or not
 * measured.
 * Without the OCR's reading (or where it read no such line), characterPitch's.
 */
export function characterPitchWithOcr(g: RawImage, ocr: OcrPage | undefined): CharacterPitch {
  const { pitch, lines } = measureLines(g);
  if (!ocr) return pitch;
  const chars = ocr.lines.flatMap((l) => l.chars).filter((c) => c.confidence > 30 && c.text.trim());
  if (chars.length === 0) return pitch;
  let digitLines = 0;
  const votes = lines.map((l) => {
    const b = l.band;
    const inside = chars.filter((c) => {
      const cx = c.box[0] + c.box[2] / 2;
      const cy = c.box[1] + c.box[3] / 2;
      return cy >= b.start && cy < b.start + b.size && cx >= b.a0 && cx < b.a1;
    });
    const digits = inside.filter((c) => /^[0-9]$/.test(c.text));
    // Of its letters, digits and Chinese characters: a date's dots and dashes do not count against it.
    const read = inside.filter((c) => /[0-9A-Za-z\u4e00-\u9fff]/u.test(c.text)).length;
    if (digits.length >= MIN_DIGITS_READ && digits.length >= DIGIT_LINE_SHARE * read) {
      const hs = digits.map((c) => c.box[3]).sort((x, y) => x - y);
      const size = hs[hs.length >> 1] / DIGIT_HEIGHT;
      digitLines++;
      return { p: size, wt: b.ink / (size * size), narrow: true };
    }
    return { p: l.size, wt: l.wt, narrow: false };
  });
  return digitLines ? summarise(votes.filter((v) => v.wt > 0)) : pitch;
}
