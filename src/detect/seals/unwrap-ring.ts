/**
 * The seal's arc text as a straight strip: the text band of the ring sampled along the ellipse,
 * clockwise, from the text's first glyph to its last (the gap at the foot of the text is found,
 * not assumed), columns evenly spaced along the arc, so that the strip reads left to right with
 * the glyphs upright, as a single text line. Ink is measured as the shade of red pixels, judged
 * against the seal's own ring (faded pink and crimson alike); overlapping seals' rings are left out.
 */
import type { Ellipse } from '../../model/geometry.ts';
import type { RawImage } from '../../model/image.ts';
import { redness } from './ink-mask.ts';
import { ellipseRho } from './ellipse-fit.ts';

export interface UnwrapOptions {
  /** Use luminance instead of redness (a grey-scale scan). */
  grey?: boolean;
  /**
   * How red ink is measured. 'shade' (default for strips): the darkness of the green channel where
   * the pixel is red — JPEG keeps the brightness at full resolution but the colour at half, so
   * strokes stay sharp. 'redness': red minus the larger of green and blue (colour only).
   */
  inkMode?: 'redness' | 'shade';
  /**
   * 'found': the radial band the glyphs occupy is measured (findGlyphBand) and the strip is
   * centred on it; 'fixed' (default): 0.95–0.55 of the radius, or outer/inner when given.
   */
  band?: 'fixed' | 'found';
  /**
   * Other seals on the page that overlap this one: the ink of their rings is not this seal's
   * (a red line through the glyphs reads as a stroke), so it is left out of the strip.
   */
  exclude?: Ellipse[];
  /**
   * Inner edge of what is left out of an overlapping seal, as a share of its radius: 0.92 (default)
   * its ring only; lower also its arc glyphs (they lie in this seal's band where the two overlap).
   */
  excludeInner?: number;
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
  /** Guess the ink under black print from the red around it (default true). */
  underText?: boolean;
  /** Which percentile of inked samples is made black (default 0.75). */
  gainPercentile?: number;
  /** Paper above and below the strip, as a share of its rows (default 0.3). */
  padShare?: number;
  /**
   * Sample each glyph as the upright rectangle it was engraved as (rotated about its own centre),
   * not along the arc: the arc unwrap squeezes a glyph's top and widens its foot by the ratio of
   * the radii (±20 % across the text band). Glyph centres come from the gaps in the arc's ink.
   */
  rectify?: boolean;
  /** findTextSpan: look again in the glyph band found over the first span (default true). */
  refineSpan?: boolean;
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
function inkSampler(page: RawImage, grey: boolean, mode: UnwrapOptions['inkMode'] = 'shade', guessUnder = true): (x: number, y: number) => number {
  const { width: W, height: H, data, channels } = page;
  const at = (xi: number, yi: number): number => {
    if (xi < 0 || yi < 0 || xi >= W || yi >= H) return 0;
    const i = (yi * W + xi) * channels;
    if (channels === 1 || grey) {
      const v = channels === 1 ? data[i] : (data[i] * 77 + data[i + 1] * 150 + data[i + 2] * 29) >> 8;
      return 255 - v;
    }
    const r = data[i];
    if (r < 110) return guessUnder ? underText(xi, yi) : 0;
    const red = Math.max(0, redness(r, data[i + 1], data[i + 2]));
    // Shade: as dark as the green channel says, but only as far as the pixel is red (a grey
    // JPEG fringe of print, paper tint, is not ink).
    return mode === 'shade' ? Math.min(255 - data[i + 1], 3 * red) : red;
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

/**
 * What counts as ink, judged against the seal's own ring: a faded pink seal's glyphs are as faint
 * as its ring, and a crimson seal's JPEG fringe is far fainter than its ring.
 */
function inkThreshold(page: RawImage, e: Ellipse, ink: (x: number, y: number) => number): number {
  const ringInk: number[] = [];
  for (let j = 0; j < 180; j++) {
    let m = -1;
    for (const k of [0.95, 0.97, 0.99]) {
      const [x, y] = pointAt(e, (j / 180) * Math.PI * 2, k);
      if (x >= 0 && y >= 0 && x < page.width && y < page.height) m = Math.max(m, ink(x, y));
    }
    if (m >= 0) ringInk.push(m);
  }
  ringInk.sort((a, b) => a - b);
  const ringLevel = ringInk.length ? ringInk[Math.floor(ringInk.length * 0.5)] : 100;
  return Math.max(15, Math.min(50, ringLevel * 0.4));
}

/**
 * The radial band the arc glyphs occupy (as fractions of the radius, measured inward from the
 * outline like pointAt), from the ink across the text's span: the densest run of radii that is
 * not a ring. Seals differ in glyph size and in how far in the text sits (a double ring pushes it
 * in); null when no clear band is seen.
 */
export function findGlyphBand(
  page: RawImage,
  e: Ellipse,
  span: { startT: number; endT: number },
  opts: UnwrapOptions = {},
): { outer: number; inner: number } | null {
  const ink = inkSampler(page, !!opts.grey, opts.inkMode);
  const inkMin = inkThreshold(page, e, ink);
  const K0 = 0.4;
  const K1 = 1.02;
  const step = 0.01;
  const nk = Math.round((K1 - K0) / step) + 1;
  const cov = new Float64Array(nk);
  const M = 120;
  let seen = 0;
  for (let a = 0; a < M; a++) {
    const t = span.startT + ((span.endT - span.startT) * (a + 0.5)) / M;
    const [x0, y0] = pointAt(e, t, 0.75);
    if (x0 < 0 || y0 < 0 || x0 >= page.width || y0 >= page.height) continue;
    seen++;
    for (let i = 0; i < nk; i++) {
      const [x, y] = pointAt(e, t, K0 + i * step);
      if (ink(x, y) > inkMin) cov[i]++;
    }
  }
  if (seen < 20) return null;
  for (let i = 0; i < nk; i++) cov[i] /= seen;
  const kOf = (i: number): number => K0 + i * step;
  // Rings are ink nearly all round; glyphs leave paper between and inside them.
  const ring = (i: number): boolean => cov[i] >= 0.7;
  let peak = -1;
  for (let i = 0; i < nk; i++) {
    if (kOf(i) < 0.45 || kOf(i) > 0.92 || ring(i)) continue;
    if (peak < 0 || cov[i] > cov[peak]) peak = i;
  }
  if (peak < 0 || cov[peak] < 0.08) return null;
  const floor = 0.3 * cov[peak];
  let lo = peak;
  let hi = peak;
  while (hi + 1 < nk && !ring(hi + 1) && cov[hi + 1] >= floor) hi++;
  while (lo - 1 >= 0 && !ring(lo - 1) && cov[lo - 1] >= floor && kOf(hi) - kOf(lo - 1) <= 0.45) lo--;
  const h = kOf(hi) - kOf(lo);
  if (h < 0.12 || h > 0.45) return null;
  return { outer: Math.min(1, kOf(hi)), inner: Math.max(0.3, kOf(lo)) };
}

/**
 * Ink along the lower part of the text band, one value per step of the parameter, and the share
 * of the samples that fell off the page (a seal cut by the page edge: there the ink is unknown).
 */
function bandProfile(
  page: RawImage,
  e: Ellipse,
  grey: boolean,
  N: number,
  band?: { outer: number; inner: number } | null,
): { ink: Float64Array; off: Float64Array } {
  const ink = inkSampler(page, grey, 'redness');
  const profile = new Float64Array(N);
  const off = new Float64Array(N);
  const ks: number[] = [];
  if (band) {
    // The glyph band measured: its middle, where every glyph has ink (the foot of a glyph on a
    // double-ringed seal and the tops of a code's digits stay out), sampled finely.
    const h = band.outer - band.inner;
    for (let k = band.inner + 0.2 * h; k <= band.outer - 0.2 * h + 1e-9; k += 0.015) ks.push(k);
  } else {
    // The middle of the arc glyphs (they span ~0.62–0.90 R, ~0.53–0.80 R inside a double ring),
    // where every glyph has ink; a label under the star reaches ~0.74 R only at its corners, and a
    // number code along the bottom is in the gap anyway.
    for (let k = 0.66; k <= 0.801; k += 0.02) ks.push(k);
  }
  const inkMin = inkThreshold(page, e, ink);
  for (let j = 0; j < N; j++) {
    const t = (j / N) * Math.PI * 2;
    let s = 0;
    let o = 0;
    for (const k of ks) {
      const [x, y] = pointAt(e, t, k);
      if (x < 0 || y < 0 || x >= page.width || y >= page.height) {
        o++;
        continue;
      }
      // A pixel counts once it is clearly ink: faint ink fringes must not fill the gap.
      s += ink(x, y) > inkMin ? 1 : 0;
    }
    profile[j] = s;
    off[j] = o / ks.length;
  }
  return { ink: profile, off };
}

/**
 * Where the arc text runs. Seals put the name over the top 150–270° and leave the rest of the ring
 * to a number code or nothing; a stamp turned by any angle still has that gap, so the text is found,
 * not assumed at the top: it is everything but the longest stretch of the band without ink. The
 * gap may hold a few degrees of stray ink (another seal's ring crossing it, a speck), and the page
 * edge counts as ink (text may run off the page) unless the whole gap is off the page. Returns the
 * parameters (radians) of the text's first and last ink.
 */
export function findTextSpan(page: RawImage, e: Ellipse, opts: UnwrapOptions = {}): { startT: number; endT: number; found: boolean } {
  const N = 360;
  const first = spanFromProfile(bandProfile(page, e, !!opts.grey, N), e, N);
  if (!first.found || opts.refineSpan === false) return first;
  // Second look, in the glyph band measured over the first span: a double ring pushes the glyphs
  // in, small glyphs sit out, and the fixed radii then see only a glyph's edge (a sparse glyph
  // such as 公 at the end of the name fell into the gap).
  const band = findGlyphBand(page, e, first, opts);
  if (!band) return first;
  const second = spanFromProfile(bandProfile(page, e, !!opts.grey, N, band), e, N);
  return second.found ? second : first;
}

function spanFromProfile(
  { ink: profile, off }: { ink: Float64Array; off: Float64Array },
  e: Ellipse,
  N: number,
): { startT: number; endT: number; found: boolean } {
  // Smoothed over ~5°: a glyph is 10–20° wide, the space between two glyphs a few degrees
  // (up to ~35° on a short name spread over the arc, still far less than the gap).
  const sm = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    let t = 0;
    for (let k = -2; k <= 2; k++) t += profile[(j + k + N) % N];
    sm[j] = t / 5;
  }
  // Text columns hold several inked samples; stray ink (a code digit's foot, speckle, the JPEG
  // fringe of print under the seal) holds one or two.
  const sorted = Array.from(sm).sort((a, b) => a - b);
  const p90 = sorted[Math.floor(N * 0.9)];
  const thr = Math.max(1.2, p90 * 0.3);
  const step = (Math.PI * 2) / N;
  const fallback = (): { startT: number; endT: number; found: boolean } => {
    // No gap to be seen: assume an upright seal with the text over the top 250°.
    const gap = Math.PI / 2 - (e.angleDeg * Math.PI) / 180;
    return { startT: gap + (55 * Math.PI) / 180, endT: gap + (305 * Math.PI) / 180, found: false };
  };
  if (p90 < 1.2) return fallback();
  const empty = new Uint8Array(N);
  const offPage = new Uint8Array(N);
  for (let j = 0; j < N; j++) {
    offPage[j] = off[j] > 0.5 ? 1 : 0;
    empty[j] = !offPage[j] && sm[j] <= thr ? 1 : 0;
  }
  let gap = longestRun(empty, N, 6);
  // A gap shorter than any real seal leaves (≥ ~60°) is not the gap: it is off the page (a seal
  // cut across its foot), and the page edge joins it.
  if (gap.len < 60) {
    const both = new Uint8Array(N);
    for (let j = 0; j < N; j++) both[j] = empty[j] | offPage[j];
    const withEdge = longestRun(both, N, 6);
    if (withEdge.len > gap.len) gap = withEdge;
  }
  if (gap.len < 25 || gap.len >= N - 30) return fallback();
  // The bridging that lets the gap hold stray ink also lets it swallow a sparse glyph at the end of
  // the text (公, 司, 心: its strokes reach the band's middle in two or three short bursts). Ink
  // within 10° of either end of the text (half a glyph and the space after it) belongs to the text,
  // looked for twice (a glyph in two bursts).
  const inked = (j: number): boolean => !empty[((j % N) + N) % N] && !offPage[((j % N) + N) % N];
  let lo = 0;
  let hi = 0;
  for (let round = 0; round < 2; round++) {
    // From the text's first column back into the gap, and from its last column on into the gap.
    for (let d = 1; d <= 10 && hi + d < gap.len - lo; d++) {
      if (inked(gap.start + gap.len - hi - d)) {
        hi += d;
        break;
      }
    }
    for (let d = 1; d <= 10 && lo + d < gap.len - hi; d++) {
      if (inked(gap.start + lo + d - 1)) {
        lo += d;
        break;
      }
    }
  }
  gap = { start: gap.start + lo, len: gap.len - lo - hi };
  const textStart = gap.start + gap.len;
  const textLen = N - gap.len;
  return { startT: textStart * step, endT: (textStart + textLen) * step, found: true };
}

/**
 * The part of a text span that is on the page: a seal cut by the page edge has its text run off
 * the page at one end (or both), and the strip would end in paper tesseract reads junk into (or
 * whose width shifts the glyphs it sees). The ends are moved in, a degree at a time, until the
 * middle of the glyph band is on the page; the span is left as it is when less than 20° would remain.
 * Off-page stretches inside the text stay (the strip keeps the glyphs on both sides in order).
 */
export function onPageSpan(page: RawImage, e: Ellipse, span: { startT: number; endT: number }): { startT: number; endT: number } {
  const on = (t: number): boolean => {
    const [x, y] = pointAt(e, t, 0.75);
    return x >= 0 && y >= 0 && x < page.width && y < page.height;
  };
  const step = Math.PI / 180;
  let a = span.startT;
  let b = span.endT;
  while (a < b && !on(a)) a += step;
  while (b > a && !on(b)) b -= step;
  return b - a > 20 * step ? { startT: a, endT: b } : { startT: span.startT, endT: span.endT };
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
  const span = opts.span ?? findTextSpan(page, e, opts);
  const found = opts.band === 'found' ? findGlyphBand(page, e, span, opts) : null;
  // The found band with the same air above and below as the fixed one gives a typical glyph.
  const outer = found ? Math.min(1, found.outer + 0.06) : (opts.outer ?? 0.95);
  const inner = found ? Math.max(0.3, found.inner - 0.06) : (opts.inner ?? 0.55);
  const glyphPx = opts.glyphPx ?? 44;
  const r = Math.min(e.rx, e.ry);
  // Glyphs are ~0.28 R high on a seal: scale so they come out glyphPx high.
  const scale = glyphPx / (0.28 * r);
  const rows = Math.max(16, Math.round((outer - inner) * r * scale));
  // A few degrees of paper before and after the text.
  const margin = (opts.marginDeg ?? 6) * (Math.PI / 180);
  const startT = span.startT - margin;
  const spanT = Math.min(2 * Math.PI, span.endT - span.startT + 2 * margin);
  const gapT = (span.endT + (span.startT + Math.PI * 2 - span.endT) / 2) % (Math.PI * 2);
  // Columns evenly spaced along the middle of the glyphs (not evenly in the parameter): on an
  // oval seal the parameter runs fast along the flat sides, which would squeeze the glyphs there.
  const midK = found ? (outer + inner) / 2 : 0.76;
  const ts = arcLengthParams(e, startT, spanT, midK);
  const arc = ts.length;
  // Engravers squeeze long names into narrow glyphs; tesseract reads square CJK glyphs best.
  const stretch = opts.stretchX ?? 1;
  const cols = Math.max(32, Math.round(arc * scale * stretch));
  const ink0 = inkSampler(page, !!opts.grey, opts.inkMode, opts.underText ?? true);
  const others = (opts.exclude ?? []).filter((o) => o !== e && Math.hypot(o.cx - e.cx, o.cy - e.cy) > 0.1 * r);
  const ink = others.length
    ? (x: number, y: number): number => {
        for (const o of others) {
          // The other ring's band, with a pixel's slack for the fit.
          const rho = ellipseRho(o, x, y);
          const px = 2 / Math.min(o.rx, o.ry);
          if (rho > (opts.excludeInner ?? 0.92) - px && rho < 1 + px) return 0;
        }
        return ink0(x, y);
      }
    : ink0;
  const raw = new Float32Array(rows * cols);
  let max = 1;
  for (let c = 0; c < cols; c++) {
    const t = ts.at((arc * c) / (cols - 1));
    for (let row = 0; row < rows; row++) {
      // Row 0 is the outer edge: glyph tops point outward.
      const k = outer - ((outer - inner) * row) / (rows - 1);
      const [x, y] = pointAt(e, t, k);
      const v = ink(x, y);
      raw[row * cols + c] = v;
      if (v > max) max = v;
    }
  }
  if (opts.rectify) {
    const centres = glyphCentres(raw, cols, rows, (outer - inner) * r * scale);
    const mid = (outer + inner) / 2;
    // For each glyph: its centre on the arc and the arc's direction there (left to right).
    const frames = centres.map((cc) => {
      const t = ts.at((arc * cc) / (cols - 1));
      const [x0, y0] = pointAt(e, t - 0.002, mid);
      const [x1, y1] = pointAt(e, t + 0.002, mid);
      const l = Math.hypot(x1 - x0, y1 - y0) || 1;
      return { cc, t, tx: (x1 - x0) / l, ty: (y1 - y0) / l };
    });
    let fi = 0;
    for (let c = 0; c < cols; c++) {
      while (fi + 1 < frames.length && Math.abs(frames[fi + 1].cc - c) < Math.abs(frames[fi].cc - c)) fi++;
      const f = frames[fi];
      if (!f) break;
      // Page pixels along the arc's tangent at the glyph's centre (strip columns are 1/scale px).
      const d = (c - f.cc) / (scale * stretch);
      for (let row = 0; row < rows; row++) {
        const k = outer - ((outer - inner) * row) / (rows - 1);
        const [x, y] = pointAt(e, f.t, k);
        const v = ink(x + d * f.tx, y + d * f.ty);
        raw[row * cols + c] = v;
        if (v > max) max = v;
      }
    }
  }
  // Stretch so that typical ink (the 75th percentile of inked samples) is black: faded pink and
  // crimson read alike, and a few saturated JPEG pixels do not set the scale.
  const inked = Array.from(raw).filter((v) => v > 20).sort((a, b) => a - b);
  const ref = inked.length ? inked[Math.floor(inked.length * (opts.gainPercentile ?? 0.75))] : max;
  const gain = 255 / Math.max(20, ref);
  const out = Buffer.alloc(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = 255 - Math.min(255, Math.round(raw[i] * gain));
  removeRingRows(out, cols, rows);
  removeLongRuns(out, cols, rows, Math.round(glyphPx * 1.3 * stretch));
  // A margin of paper above and below: tesseract wants a line with some air around it.
  const pad = Math.round(rows * (opts.padShare ?? 0.3));
  const H = rows + 2 * pad;
  const Wp = cols + 2 * pad;
  const padded = Buffer.alloc(H * Wp, 255);
  for (let row = 0; row < rows; row++) out.copy(padded, (row + pad) * Wp + pad, row * cols, (row + 1) * cols);
  return { image: { data: padded, width: Wp, height: H, channels: 1 }, startT, spanT, gapT };
}

/**
 * Strip columns at the centres of the glyphs: runs of inked columns split at the gaps between
 * glyphs, a run longer than a glyph split evenly (touching glyphs), narrow specks joined to their
 * neighbour. `glyphH`: the band's height in strip pixels (a glyph is about as wide).
 */
export function glyphCentres(raw: Float32Array, cols: number, rows: number, glyphH: number): number[] {
  const prof = new Float64Array(cols);
  let pmax = 0;
  for (let c = 0; c < cols; c++) {
    let s = 0;
    for (let row = Math.floor(rows * 0.15); row < Math.ceil(rows * 0.85); row++) s += raw[row * cols + c];
    prof[c] = s;
    if (s > pmax) pmax = s;
  }
  const thr = 0.08 * pmax;
  const runs: Array<[number, number]> = [];
  let a = -1;
  for (let c = 0; c <= cols; c++) {
    const on = c < cols && prof[c] > thr;
    if (on && a < 0) a = c;
    if (!on && a >= 0) {
      runs.push([a, c]);
      a = -1;
    }
  }
  // Join runs separated by a sliver (a glyph's own inner gap: 川, 北, 小 …) when together they are
  // no wider than a glyph.
  const joined: Array<[number, number]> = [];
  for (const r of runs) {
    const last = joined[joined.length - 1];
    if (last && r[1] - last[0] <= glyphH * 0.9 && r[0] - last[1] < glyphH * 0.15) last[1] = r[1];
    else joined.push([r[0], r[1]]);
  }
  const centres: number[] = [];
  for (const [x0, x1] of joined) {
    const w = x1 - x0;
    if (w < glyphH * 0.15) continue;
    const n = Math.max(1, Math.round(w / (glyphH * 0.95)));
    for (let i = 0; i < n; i++) centres.push(x0 + ((i + 0.5) * w) / n);
  }
  return centres.length ? centres : [cols / 2];
}

/**
 * Arc length along the curve at depth k between startT and startT + spanT, and the parameter at a
 * given length (linear between fine steps).
 */
function arcLengthParams(e: Ellipse, startT: number, spanT: number, k: number): { length: number; at: (s: number) => number } {
  const M = 720;
  const cum = new Float64Array(M + 1);
  let [px, py] = pointAt(e, startT, k);
  for (let i = 1; i <= M; i++) {
    const [x, y] = pointAt(e, startT + (spanT * i) / M, k);
    cum[i] = cum[i - 1] + Math.hypot(x - px, y - py);
    px = x;
    py = y;
  }
  const length = cum[M];
  const at = (s: number): number => {
    if (s <= 0) return startT;
    if (s >= length) return startT + spanT;
    let lo = 0;
    let hi = M;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] <= s) lo = mid;
      else hi = mid;
    }
    const f = (s - cum[lo]) / Math.max(1e-9, cum[hi] - cum[lo]);
    return startT + (spanT * (lo + f)) / M;
  };
  return { length, at };
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
