import type { RawImage } from '../model/image.ts';
import { ruleMask, ruleShape } from '../ocr/remove-rules.ts';
import { histogram, percentile, strongEdgeSamples } from './raster.ts';
import { rotateRaw, type Rotation } from './rotate.ts';

export interface TextScale {
  /**
   * Height of the glyphs most characters on the page are set in, px (≈ the font size of Chinese
   * text × 0.9); 0 when no text. Measured from the ink, never from a DPI field.
   */
  glyphHeightPx: number;
  /** Number of text-line bands the estimate rests on. */
  bands: number;
  /** Darkness (paper − grey, against the local paper) from which a pixel counts as ink. */
  threshold: number;
  /** Paper (90th percentile) and print ink (median darkest grey at the print's edges) levels. */
  paper: number;
  ink: number;
  /** Share of ink that lies in horizontal line bands vs vertical ones: > 1 means lines run across. */
  horizontalness: number;
  /**
   * Blur ran the text lines together at the faint ink level, so the size comes from the half-contrast
   * level, which blur can only shrink: a lower bound rather than a measure.
   */
  linesMerged?: boolean;
}

export interface Band {
  size: number;
  ink: number;
  /** Position across the lines (row for horizontal bands, column for vertical ones) of its first pixel. */
  start: number;
  /** The strip it was found in, along the lines: [a0, a1). */
  a0: number;
  a1: number;
  strip: number;
  /** Share of the strip's length with ink in the band: a line of characters covers most of it, a
   *  rule or a frame crossing the strip a few positions. */
  cover: number;
}

function cover(mask: Uint8Array, w: number, vertical: boolean, from: number, to: number, a0: number, a1: number): number {
  let n = 0;
  for (let a = a0; a < a1; a++) {
    for (let c = from; c < to; c++) {
      if (mask[vertical ? a * w + c : c * w + a]) {
        n++;
        break;
      }
    }
  }
  return n / Math.max(1, a1 - a0);
}

/**
 * Bands of inked rows in narrow strips: in a strip a few characters wide, every text line is a run of
 * rows with ink, and its height is the glyph height. Rule lines (thin and dense) and pictures (tall)
 * are left out. Chinese glyphs are square, so the bands of a page turned 90° measure the same size.
 */
function bands(mask: Uint8Array, w: number, h: number, vertical: boolean): Band[] {
  const along = vertical ? h : w; // length of one row of the projection
  const across = vertical ? w : h; // number of positions projected
  const strips = Math.max(2, Math.min(12, Math.round(along / 300)));
  const stripLen = Math.floor(along / strips);
  const minInk = Math.max(2, Math.round(stripLen * 0.006));
  const out: Band[] = [];
  const counts = new Int32Array(across);
  for (let s = 0; s < strips; s++) {
    const a0 = s * stripLen;
    const a1 = a0 + stripLen;
    counts.fill(0);
    if (!vertical) {
      for (let y = 0; y < h; y++) {
        let c = 0;
        for (let x = a0, i = y * w + a0; x < a1; x++, i++) c += mask[i];
        counts[y] = c;
      }
    } else {
      for (let y = a0; y < a1; y++) for (let x = 0, i = y * w; x < w; x++, i++) counts[x] += mask[i];
    }
    // A rule line running along the strip inks every position by its width: take that as the floor.
    // Local (a window of ~1/12 page), because a table's rules stop where the table does.
    const floor = runningMin(counts, Math.max(8, Math.round(across / 24)));
    for (let p = 0; p < across; p++) counts[p] = Math.max(0, counts[p] - floor[p]);
    let start = -1;
    let ink = 0;
    for (let p = 0; p <= across; p++) {
      const on = p < across && counts[p] >= minInk;
      if (on) {
        if (start < 0) {
          start = p;
          ink = 0;
        }
        ink += counts[p];
      } else if (start >= 0) {
        const size = p - start;
        const density = ink / (size * stripLen);
        // keep text-like bands: not a thin dense rule, not a tall picture, not touching the edge
        if (size >= 4 && size <= across / 8 && density < 0.45 && start > 0 && p < across) out.push({ size, ink, start, a0, a1, strip: s, cover: cover(mask, w, vertical, start, p, a0, a1) });
        start = -1;
      }
    }
  }
  return out;
}

function runningMin(a: Int32Array, radius: number): Int32Array {
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    let m = a[i];
    for (let j = Math.max(0, i - radius), e = Math.min(a.length - 1, i + radius); j <= e; j++) if (a[j] < m) m = a[j];
    out[i] = m;
  }
  return out;
}


/**
 * The band size most characters are set in: each band weighs by the characters it holds (its ink
 * over its size², a character's ink growing with its area), so a table of small names under a
 * large heading counts for its many characters, and a bold title for its few.
 */
function bodySize(bs: Band[], q = 0.5): number {
  if (bs.length === 0) return 0;
  const sorted = [...bs].sort((a, b) => a.size - b.size);
  const wt = (b: Band) => b.ink / (b.size * b.size);
  const total = sorted.reduce((s, b) => s + wt(b), 0);
  let acc = 0;
  for (const b of sorted) {
    acc += wt(b);
    if (acc >= total * q) return b.size;
  }
  return sorted[sorted.length - 1].size;
}

/**
 * Ink of the print against its local paper: the paper level is taken per block (its 90th
 * percentile), so the shading of a phone photo or a lamp does not turn paper into ink; a pixel is
 * ink when it is darker than its paper by a quarter of the print's contrast. A quarter, not a half:
 * blur lightens thin strokes first, and a text line must not lose its thin top and bottom strokes.
 */
function localInkMask(g: RawImage, contrast: number, shares: number[]): Array<{ mask: Uint8Array; threshold: number }> {
  const { width: w, height: h, data } = g;
  const B = Math.max(24, Math.round(Math.sqrt((w * h) / 600)));
  const bw = Math.ceil(w / B);
  const bh = Math.ceil(h / B);
  const paperOf = new Uint8Array(bw * bh);
  const hist = new Uint32Array(256);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      hist.fill(0);
      const y1 = Math.min(h, (by + 1) * B);
      const x1 = Math.min(w, (bx + 1) * B);
      for (let y = by * B; y < y1; y += 2) for (let x = bx * B, i = y * w + x; x < x1; x += 2, i += 2) hist[data[i]]++;
      paperOf[by * bw + bx] = percentile(hist, 0.9);
    }
  }
  // A block filled with a dark picture or a thick black bar has no paper of its own: take the
  // lightest of its neighbours' paper.
  const paper = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = bx + dx;
          const y = by + dy;
          if (x >= 0 && y >= 0 && x < bw && y < bh && paperOf[y * bw + x] > m) m = paperOf[y * bw + x];
        }
      }
      paper[by * bw + bx] = m;
    }
  }
  // A faint level is compared on a 3×3 mean: sensor noise (a phone photo's, the table around the
  // page) would otherwise put a dark pixel in every row, and rows of such pixels pass for text
  // lines. Noise does not reach half the contrast, and the mean would lose 1-px strokes there.
  const sm = box3(g);
  return shares.map((share) => {
    const threshold = Math.max(12, Math.round(share * contrast));
    const src = share < 0.4 ? sm : data;
    const mask = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      const prow = Math.floor(y / B) * bw;
      for (let x = 0, i = y * w; x < w; x++, i++) mask[i] = paper[prow + Math.floor(x / B)] - src[i] >= threshold ? 1 : 0;
    }
    dropRules(mask, w, h);
    return { mask, threshold };
  });
}

/** 3×3 box mean of a grey image (edges clamped). */
function box3(g: RawImage): Uint8Array {
  const { width: w, height: h, data } = g;
  const tmp = new Uint16Array(w * h);
  for (let y = 0; y < h; y++) {
    const r = y * w;
    for (let x = 0; x < w; x++) tmp[r + x] = data[r + Math.max(0, x - 1)] + data[r + x] + data[r + Math.min(w - 1, x + 1)];
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const up = Math.max(0, y - 1) * w;
    const dn = Math.min(h - 1, y + 1) * w;
    const r = y * w;
    for (let x = 0; x < w; x++) out[r + x] = Math.round((tmp[up + x] + tmp[r + x] + tmp[dn + x]) / 9);
  }
  return out;
}

/**
 * Clears the rules of tables and underlines from an ink mask (the one rule finder of
 * src/ocr/remove-rules.ts): runs of ink longer than any stroke (2.5 % of the page) that are thin
 * across. A strip that cuts a rule short would otherwise see it as a flat little text line. Bars
 * thicker than a rule (a blurred line of text, a banner) are kept. A little thicker than in the
 * OCR's grey: the faint level, on a 3×3 mean, widens a rule by its blur.
 */
function dropRules(mask: Uint8Array, w: number, h: number): void {
  const rules = ruleMask(mask, w, h, ruleShape(w, h, 0.004, 6), 'ink');
  if (rules) for (let i = 0; i < mask.length; i++) if (rules[i]) mask[i] = 0;
}

/**
 * Ink level of the print: at steep points of edges along rows, the darkest grey within ±4 px, over
 * the print's strong edges (at least half the contrast of the strongest tenth: a tinted card's
 * pattern makes many weak ones). The darker tenth, not the median: on a blurred page only the
 * thick strokes and the crossings still reach the ink's own grey.
 */
export function printInk(g: RawImage): { ink: number; edges: number } {
  const { mins } = strongEdgeSamples(g, false);
  if (mins.length === 0) return { ink: 0, edges: 0 };
  const hist = new Uint32Array(256);
  for (const m of mins) hist[m]++;
  return { ink: percentile(hist, 0.1), edges: mins.length };
}

const cache = new WeakMap<Buffer, TextScale>();
const lineCache = new WeakMap<Buffer, { horizontal: Band[]; vertical: Band[] }>();

/** The text-line bands of a page in both directions (after measureTextScale, from its cache). */
export function textBands(g: RawImage): { horizontal: Band[]; vertical: Band[] } {
  const hit = lineCache.get(g.data);
  if (hit) return hit;
  measureTextScale(g, true);
  return lineCache.get(g.data) ?? { horizontal: [], vertical: [] };
}

/**
 * The grey page turned clockwise by a quarter-turn multiple, its text size carried over instead of
 * measured again (the measure does not depend on the turn: glyphs are square, bands are taken both
 * ways): the pipeline measures the stored page once for orientation and reads it turned upright.
 */
/** A copy of the page (the same size, cleaned differently) gets the text scale measured on `from`. */
export function shareTextScale(from: RawImage, to: RawImage): void {
  const s = cache.get(from.data);
  if (s) cache.set(to.data, s);
  const lines = lineCache.get(from.data);
  if (lines) lineCache.set(to.data, lines);
}

export function turnGrey(g: RawImage, clockwise: Rotation): RawImage {
  const out = rotateRaw(g, clockwise);
  const s = cache.get(g.data);
  if (out !== g && s) cache.set(out.data, clockwise % 180 ? { ...s, horizontalness: 1 / s.horizontalness } : s);
  // The text-line bands too, turned with the page (the character pitch of the upright page is read
  // from them; round 7): without them the turned page would be measured again whole.
  const lines = lineCache.get(g.data);
  if (out !== g && lines) lineCache.set(out.data, turnBands(lines, g.width, g.height, clockwise));
  return out;
}

/** Bands of a w × h page, placed as they lie on the page turned clockwise (rotateRaw's mapping). */
function turnBands(lines: { horizontal: Band[]; vertical: Band[] }, w: number, h: number, clockwise: Rotation): { horizontal: Band[]; vertical: Band[] } {
  const flip = (b: Band, n: number) => ({ ...b, start: n - (b.start + b.size) });
  const flipAlong = (b: Band, n: number) => ({ ...b, a0: n - b.a1, a1: n - b.a0 });
  if (clockwise === 180) {
    return { horizontal: lines.horizontal.map((b) => flipAlong(flip(b, h), w)), vertical: lines.vertical.map((b) => flipAlong(flip(b, w), h)) };
  }
  if (clockwise === 90) {
    // (x, y) → (h - 1 - y, x): rows become columns counted from the right; columns become rows.
    return { horizontal: lines.vertical.map((b) => flipAlong(b, h)), vertical: lines.horizontal.map((b) => flip(b, h)) };
  }
  if (clockwise === 270) {
    // (x, y) → (y, w - 1 - x): rows become columns; columns become rows counted from the bottom.
    return { horizontal: lines.vertical.map((b) => flip(b, w)), vertical: lines.horizontal.map((b) => flipAlong(b, w)) };
  }
  return lines;
}

/**
 * Measures the size of the text on a grey page, whatever its orientation. The result is kept per
 * image buffer: orientation, OCR and clarity all ask about the same page.
 */
export function measureTextScale(g: RawImage, fresh = false): TextScale {
  const hit = fresh ? undefined : cache.get(g.data);
  if (hit) return hit;
  const hist = histogram(g, 3);
  const paper = percentile(hist, 0.9);
  const edges = printInk(g);
  // The darkest 1 % is a photo's or a QR code's black on a certificate; the print's own ink is
  // where its edges are. Without edges (a very blurred page) the histogram has to do.
  const ink = edges.edges >= 200 ? edges.ink : percentile(hist, 0.01);
  let out: TextScale;
  if (paper - ink < 30) out = { glyphHeightPx: 0, bands: 0, threshold: 0, paper, ink, horizontalness: 1 };
  else {
    // Two ink levels: a quarter of the print's contrast keeps the thin strokes blur lightens first,
    // half of it keeps blurred lines apart. On a sharp page they measure alike; when the quarter
    // level measures much more, blur has run lines together there, and the half level is the one to
    // trust (blur can only shrink its bands, so it errs towards calling the page blurred).
    const [low, high] = localInkMask(g, paper - ink, [0.25, 0.5]);
    const measure = (mask: Uint8Array) => {
      const hb = bands(mask, g.width, g.height, false);
      const vb = bands(mask, g.width, g.height, true);
      const hInk = hb.reduce((s, b) => s + b.ink, 0);
      const vInk = vb.reduce((s, b) => s + b.ink, 0);
      // Bands from the direction the lines run in are the cleaner ones; pool both when it is unclear.
      const use = hInk > 1.5 * vInk ? hb : vInk > 1.5 * hInk ? vb : [...hb, ...vb];
      return { hb, vb, hInk, vInk, size: bodySize(use), upper: bodySize(use, 0.75), n: use.length };
    };
    const a = measure(low.mask);
    const b = measure(high.mask);
    const merged = b.size > 0 && b.n >= 3 && a.size > 1.4 * b.size;
    const m = merged ? b : a;
    lineCache.set(g.data, { horizontal: a.hb, vertical: a.vb });
    // Blur can only shrink a band at half contrast (a thin top stroke drops out): of the half-level
    // bands, the larger ones kept their extent — take the upper quartile there.
    out = { glyphHeightPx: merged ? Math.min(a.size, b.upper) : a.size, linesMerged: merged, bands: m.n, threshold: merged ? high.threshold : low.threshold, paper, ink, horizontalness: (a.hInk + 1) / (a.vInk + 1) };
  }
  cache.set(g.data, out);
  return out;
}

