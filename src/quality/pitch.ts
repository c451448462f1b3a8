import type { RawImage } from '../model/image.ts';
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
}

/** Lags searched, as a share of the band's height: a glyph is 0.85–0.95 of the advance of a Chinese
 *  character, a band a little taller when blur spreads it; wide tracking on a heading goes to 1.7. */
const MIN_LAG = 0.7;
const MAX_LAG = 1.7;
/** The band's column profile is smoothed by this share of its height: strokes inside a character
 *  (三, 川) repeat at a third of the advance and would otherwise stand in for it. */
const SMOOTH = 0.12;
/** A line whose pitch is under this share of its height is digits or Latin (a digit's advance is
 *  ~0.55 of the type size, its height ~0.7; a Chinese line's pitch is 1.0–1.3 of its band's height
 *  sharp, 0.85 and more blurred): not the size of its characters, and left out (a CHSI report's
 *  dates, ID number and verification code made its pitch half the type size, round 7). */
const MIN_PITCH_TO_HEIGHT = 0.78;
/** Least autocorrelation at the chosen lag for a line to count. */
const MIN_R = 0.15;

/**
 * The pitch of one text line: the lag, within MIN_LAG–MAX_LAG of its height, at which its column
 * profile (darkness summed over the band's rows) best repeats. null when the line is too short or
 * does not repeat.
 */
export function bandPitch(g: RawImage, paper: number, b: Pick<Band, 'start' | 'size' | 'a0' | 'a1'>): { pitch: number; r: number } | null {
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
  const ss = Math.max(0.8, SMOOTH * b.size);
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
  const maxLag = Math.floor(len / 2.5);
  const from = Math.max(3, Math.floor(MIN_LAG * b.size));
  const to = Math.min(maxLag - 1, Math.ceil(MAX_LAG * b.size));
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
  return { pitch: bestL + Math.max(-0.5, Math.min(0.5, off)), r: best };
}

const cache = new WeakMap<Buffer, CharacterPitch>();

/**
 * The character pitch of an upright page, from its horizontal text bands (text-scale.ts): each
 * line's pitch weighs by the characters it holds (its ink over the pitch², as the bands' sizes do).
 * Cached per image buffer.
 */
export function characterPitch(g: RawImage): CharacterPitch {
  const hit = cache.get(g.data);
  if (hit) return hit;
  const scale = measureTextScale(g);
  const votes: Array<{ p: number; wt: number }> = [];
  if (scale.glyphHeightPx > 0) {
    for (const b of textBands(g).horizontal) {
      const q = bandPitch(g, scale.paper, b);
      if (q && q.pitch >= MIN_PITCH_TO_HEIGHT * b.size) votes.push({ p: q.pitch, wt: b.ink / (q.pitch * q.pitch) });
    }
  }
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
  const out: CharacterPitch = { pitchPx: quantile(0.5), q25: quantile(0.25), q75: quantile(0.75), lines: votes.length };
  cache.set(g.data, out);
  return out;
}
