/**
 * The seal's arc text as a straight strip: the text band of the ring (between ~0.6 and ~0.95 of
 * the radius) sampled along the ellipse, clockwise, starting after the gap at the foot of the text,
 * so that the strip reads left to right with the glyphs upright, as a single text line.
 */
import type { Ellipse } from '../../model/geometry.ts';
import type { RawImage } from '../../model/image.ts';
import { redness } from './ink-mask.ts';

export interface UnwrapOptions {
  /** Use luminance instead of redness (a grey-scale scan). */
  grey?: boolean;
  /** Target glyph height in strip pixels; tesseract reads CJK best at 30–50 px. */
  glyphPx?: number;
  /** Band of the radius to unwrap, outer and inner. */
  outer?: number;
  inner?: number;
  /** Where the text runs (parameters in radians); found with findTextSpan when absent. */
  span?: { startT: number; endT: number };
  /** Degrees of paper kept before and after the text. */
  marginDeg?: number;
  /** Horizontal stretch of the strip (narrowed glyphs made square again). */
  stretchX?: number;
}

export interface RingStrip {
  image: RawImage;
  /** Ellipse parameter (radians, clockwise in image coordinates) at the strip's first column. */
  startT: number;
  /** Parameter span covered by the strip. */
  spanT: number;
  /** Where the gap in the ring's text was judged to be (radians). */
  gapT: number;
}

/** Ink value of the page at (x, y), bilinear, 0 = paper, larger = more ink. */
function inkSampler(page: RawImage, grey: boolean): (x: number, y: number) => number {
  const { width: W, height: H, data, channels } = page;
  const at = (xi: number, yi: number): number => {
    if (xi < 0 || yi < 0 || xi >= W || yi >= H) return 0;
    const i = (yi * W + xi) * channels;
    if (channels === 1 || grey) {
      const v = channels === 1 ? data[i] : (data[i] * 77 + data[i + 1] * 150 + data[i + 2] * 29) >> 8;
      return 255 - v;
    }
    const r = data[i];
    if (r < 110) return underText(xi, yi);
    return Math.max(0, redness(r, data[i + 1], data[i + 2]));
  };
  const redAt = (xi: number, yi: number): number => {
    if (xi < 0 || yi < 0 || xi >= W || yi >= H) return 0;
    const i = (yi * W + xi) * channels;
    return Math.max(0, redness(data[i], data[i + 1], data[i + 2]));
  };
  // Red ink over black print multiplies to black: the ink's presence there is unknown. Take it
  // from the red around (a glyph stroke crossing a text stroke continues on both sides), so the
  // glyphs are not cut by every line of print under the seal.
  const underText = (xi: number, yi: number): number => {
    let n = 0;
    let sum = 0;
    for (const [dx, dy] of [[-3, 0], [3, 0], [0, -3], [0, 3], [-2, -2], [2, 2], [-2, 2], [2, -2]]) {
      const v = redAt(xi + dx, yi + dy);
      if (v > 0) {
        n++;
        sum += v;
      }
    }
    return n >= 3 ? sum / n : 0;
  };
  return (x, y) => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = x - x0;
    const fy = y - y0;
    return (
      at(x0, y0) * (1 - fx) * (1 - fy) + at(x0 + 1, y0) * fx * (1 - fy) + at(x0, y0 + 1) * (1 - fx) * fy + at(x0 + 1, y0 + 1) * fx * fy
    );
  };
}

/**
 * A point of the text band: from the outline at parameter t, (1-k)·R inward along the normal. On a
 * circle that is radius k·R; on an oval it follows the ring at constant depth, as the engraver did,
 * so glyphs on the flat sides are not sheared.
 */
function pointAt(e: Ellipse, t: number, k: number): [number, number] {
  const a = (e.angleDeg * Math.PI) / 180;
  const ca = Math.cos(a);
  const sa = Math.sin(a);
  const u = e.rx * Math.cos(t);
  const v = e.ry * Math.sin(t);
  const nu0 = Math.cos(t) / e.rx;
  const nv0 = Math.sin(t) / e.ry;
  const nl = Math.hypot(nu0, nv0);
  const depth = (1 - k) * Math.min(e.rx, e.ry);
  const uu = u - (depth * nu0) / nl;
  const vv = v - (depth * nv0) / nl;
  return [e.cx + uu * ca - vv * sa, e.cy + uu * sa + vv * ca];
}

/** Ink along the middle of the text band, one value per degree-ish step of the parameter. */
function bandProfile(page: RawImage, e: Ellipse, grey: boolean, N: number): Float64Array {
  const ink = inkSampler(page, grey);
  const profile = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    const t = (j / N) * Math.PI * 2;
    let s = 0;
    // The lower part of the arc glyphs only (they span ~0.62–0.90 R): a number code along the
    // bottom sits at 0.8–0.9 R; a label under the star reaches ~0.74 R only at its corners.
    for (let k = 0.62; k <= 0.781; k += 0.02) {
      const [x, y] = pointAt(e, t, k);
      // A pixel counts once it is clearly ink: faint ink fringes must not fill the gap.
      s += ink(x, y) > 40 ? 1 : 0;
    }
    profile[j] = s;
  }
  return profile;
}

/**
 * Where the arc text runs: the longest stretch of the band that holds ink, allowing breaks of a
 * few degrees (between glyphs, a faded glyph). Seals put the text over the top 150–250° and leave
 * the bottom to a code or nothing; a stamp turned by any angle still has its gap, so the text is
 * found, not assumed at the top. Returns the parameters (radians) of the text's first and last ink.
 */
export function findTextSpan(page: RawImage, e: Ellipse, opts: UnwrapOptions = {}): { startT: number; endT: number; found: boolean } {
  const N = 360;
  const profile = bandProfile(page, e, !!opts.grey, N);
  // Smoothed over ~7°: a glyph is 10–20° wide, the space between two glyphs a few degrees.
  const sm = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    let t = 0;
    for (let k = -3; k <= 3; k++) t += profile[(j + k + N) % N];
    sm[j] = t / 7;
  }
  // Text columns hold several inked samples; stray ink (a code digit's foot, speckle, the JPEG
  // fringe of print under the seal) holds one or two.
  const sorted = Array.from(sm).sort((a, b) => a - b);
  const p90 = sorted[Math.floor(N * 0.9)];
  const inked = (j: number): boolean => sm[j] > Math.max(1.2, p90 * 0.3);
  const on = new Uint8Array(N);
  for (let j = 0; j < N; j++) on[j] = inked(j) ? 1 : 0;
  // Bridge breaks between glyphs: ~12° on a long name, up to ~28° on a short one (新疆大学 spread
  // over 150° leaves wide spaces). The widest bridge whose text run still leaves the seal's gap
  // (text covers at most ~270°) is taken; a narrow one when even that closes the circle.
  let bestLen = 0;
  let bestStart = 0;
  for (const BRIDGE of [12, 20, 28]) {
    const run = longestRun(on, N, BRIDGE);
    if (BRIDGE === 12 || (run.len > bestLen && run.len <= 290)) {
      bestLen = run.len;
      bestStart = run.start;
    }
  }
  const step = (Math.PI * 2) / N;
  // No clean text run (ink all round, or nothing, or a scrap): assume an upright seal with the
  // text over the top 250°.
  if (bestLen === 0 || bestLen >= N - 20 || bestLen < 40) {
    const gap = Math.PI / 2 - (e.angleDeg * Math.PI) / 180;
    return { startT: gap + (55 * Math.PI) / 180, endT: gap + (305 * Math.PI) / 180, found: false };
  }
  return { startT: bestStart * step, endT: (bestStart + bestLen) * step, found: true };
}

/** The longest circular run of `on` after bridging breaks of up to `bridge` samples. */
function longestRun(on: Uint8Array, N: number, bridge: number): { start: number; len: number } {
  const bridged = new Uint8Array(on);
  for (let j = 0; j < N; j++) {
    if (!on[j] || on[(j + 1) % N]) continue;
    let len = 1;
    while (len <= bridge && !on[(j + 1 + len) % N]) len++;
    if (len <= bridge) for (let k = 1; k <= len; k++) bridged[(j + k) % N] = 1;
  }
  let bestLen = 0;
  let bestStart = 0;
  for (let j = 0; j < N; j++) {
    if (!bridged[j] || bridged[(j - 1 + N) % N]) continue;
    let len = 0;
    while (len < N && bridged[(j + len) % N]) len++;
    if (len > bestLen) {
      bestLen = len;
      bestStart = j;
    }
  }
  if (bestLen === 0 && bridged[0]) bestLen = N;
  return { start: bestStart, len: bestLen };
}

/** The parameter at the middle of the text gap (kept for callers of the first version). */
export function findTextGap(page: RawImage, e: Ellipse, opts: UnwrapOptions = {}): number {
  const { startT, endT } = findTextSpan(page, e, opts);
  return (endT + (startT + Math.PI * 2 - endT) / 2) % (Math.PI * 2);
}

/** Unwraps the text band into a grey strip (dark glyphs on white), from the text's start to its end. */
export function unwrapRing(page: RawImage, e: Ellipse, opts: UnwrapOptions = {}): RingStrip {
  const outer = opts.outer ?? 0.95;
  const inner = opts.inner ?? 0.55;
  const glyphPx = opts.glyphPx ?? 44;
  const r = Math.min(e.rx, e.ry);
  const arcR = (e.rx + e.ry) / 2;
  // Glyphs are ~0.28 R high on a seal: scale so they come out glyphPx high.
  const scale = glyphPx / (0.28 * r);
  const rows = Math.max(16, Math.round((outer - inner) * r * scale));
  const span = opts.span ?? findTextSpan(page, e, opts);
  // A few degrees of paper before and after the text.
  const margin = (opts.marginDeg ?? 6) * (Math.PI / 180);
  const startT = span.startT - margin;
  const spanT = Math.min(2 * Math.PI, span.endT - span.startT + 2 * margin);
  const gapT = (span.endT + (span.startT + Math.PI * 2 - span.endT) / 2) % (Math.PI * 2);
  const midK = (outer + inner) / 2;
  const arc = spanT * (arcR - (1 - midK) * r);
  // Engravers squeeze long names into narrow glyphs; tesseract reads square CJK glyphs best.
  const stretch = opts.stretchX ?? 1;
  const cols = Math.max(32, Math.round(arc * scale * stretch));
  const ink = inkSampler(page, !!opts.grey);
  const raw = new Float32Array(rows * cols);
  let max = 1;
  for (let c = 0; c < cols; c++) {
    const t = startT + (spanT * c) / (cols - 1);
    for (let row = 0; row < rows; row++) {
      // Row 0 is the outer edge: glyph tops point outward.
      const k = outer - ((outer - inner) * row) / (rows - 1);
      const [x, y] = pointAt(e, t, k);
      const v = ink(x, y);
      raw[row * cols + c] = v;
      if (v > max) max = v;
    }
  }
  // Stretch so that typical ink (the 75th percentile of inked samples) is black: faded pink and
  // crimson read alike, and a few saturated JPEG pixels do not set the scale.
  const inked = Array.from(raw).filter((v) => v > 20).sort((a, b) => a - b);
  const ref = inked.length ? inked[Math.floor(inked.length * 0.75)] : max;
  const gain = 255 / Math.max(20, ref);
  const out = Buffer.alloc(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = 255 - Math.min(255, Math.round(raw[i] * gain));
  removeRingRows(out, cols, rows);
  removeLongRuns(out, cols, rows, Math.round(glyphPx * 1.3 * stretch));
  // A margin of paper above and below: tesseract wants a line with some air around it.
  const pad = Math.round(rows * 0.3);
  const H = rows + 2 * pad;
  const Wp = cols + 2 * pad;
  const padded = Buffer.alloc(H * Wp, 255);
  for (let row = 0; row < rows; row++) out.copy(padded, (row + pad) * Wp + pad, row * cols, (row + 1) * cols);
  return { image: { data: padded, width: Wp, height: H, channels: 1 }, startT, spanT, gapT };
}

/**
 * Whitens horizontal runs of ink longer than `maxRun`: those are the ring (or an inner ring) that
 * the band grazes where the ellipse is a little off. No glyph has a stroke that long.
 */
function removeLongRuns(img: Buffer, w: number, h: number, maxRun: number): void {
  for (let y = 0; y < h; y++) {
    let start = -1;
    for (let x = 0; x <= w; x++) {
      const dark = x < w && img[y * w + x] < 128;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        if (x - start > maxRun) img.fill(255, y * w + start, y * w + x);
        start = -1;
      }
    }
  }
}

/**
 * Whitens the rows at the top (outer ring) and bottom (an inner ring) of the strip that are ink
 * across much of the width: a ring grazed by the band is a near-solid line there, and tesseract
 * reads a line over the glyphs as Latin letters.
 */
function removeRingRows(img: Buffer, w: number, h: number): void {
  const dark = (y: number): number => {
    let n = 0;
    for (let x = 0; x < w; x++) if (img[y * w + x] < 170) n++;
    return n / w;
  };
  let lastTop = -1;
  for (let y = 0; y < Math.round(h * 0.3); y++) if (dark(y) > 0.8) lastTop = y;
  if (lastTop >= 0) img.fill(255, 0, (lastTop + 2) * w);
  let firstBottom = h;
  for (let y = h - 1; y >= Math.round(h * 0.8); y--) if (dark(y) > 0.8) firstBottom = y;
  if (firstBottom < h) img.fill(255, Math.max(0, firstBottom - 1) * w, h * w);
}
