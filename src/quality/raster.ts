import type { RawImage } from '../model/image.ts';
import { luminance } from '../ocr/prepare.ts';

/** Small pixel helpers the scan checks share; all synchronous so the verdicts stay pure functions. */

export function grey(img: RawImage): RawImage {
  return luminance(img);
}

/** Histogram of a grey image, optionally on a sub-sample (every `step`-th pixel) for speed. */
export function histogram(g: RawImage, step = 1): Uint32Array {
  const h = new Uint32Array(256);
  const d = g.data;
  const n = g.width * g.height;
  for (let i = 0; i < n; i += step) h[d[i]]++;
  return h;
}

/** Grey level below which `q` (0..1) of the pixels lie. */
export function percentile(hist: Uint32Array, q: number): number {
  let total = 0;
  for (let i = 0; i < 256; i++) total += hist[i];
  const target = q * total;
  let acc = 0;
  for (let i = 0; i < 256; i++) {
    acc += hist[i];
    if (acc >= target) return i;
  }
  return 255;
}

/** Otsu's threshold: the grey level that best splits ink from paper. */
export function otsu(hist: Uint32Array): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    total += hist[i];
    sum += i * hist[i];
  }
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let at = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      at = t;
    }
  }
  return at;
}

/** 1 where the pixel is ink (darker than the threshold), 0 elsewhere. */
export function inkMask(g: RawImage, threshold: number): Uint8Array {
  const n = g.width * g.height;
  const out = new Uint8Array(n);
  const d = g.data;
  for (let i = 0; i < n; i++) out[i] = d[i] <= threshold ? 1 : 0;
  return out;
}

/** Resamples a grey image by `f` (area average when shrinking, bilinear when enlarging). */
export function resizeGrey(g: RawImage, f: number): RawImage {
  const W = Math.max(1, Math.round(g.width * f));
  const H = Math.max(1, Math.round(g.height * f));
  if (W === g.width && H === g.height) return g;
  const out = Buffer.allocUnsafe(W * H);
  const src = g.data;
  const sw = g.width;
  const sh = g.height;
  if (f < 1) {
    const fx = sw / W;
    const fy = sh / H;
    for (let Y = 0; Y < H; Y++) {
      const y0 = Math.floor(Y * fy);
      const y1 = Math.max(y0 + 1, Math.min(sh, Math.floor((Y + 1) * fy)));
      for (let X = 0; X < W; X++) {
        const x0 = Math.floor(X * fx);
        const x1 = Math.max(x0 + 1, Math.min(sw, Math.floor((X + 1) * fx)));
        let s = 0;
        for (let y = y0; y < y1; y++) for (let x = x0, i = y * sw + x0; x < x1; x++, i++) s += src[i];
        out[Y * W + X] = s / ((y1 - y0) * (x1 - x0));
      }
    }
  } else {
    for (let Y = 0; Y < H; Y++) {
      const sy = Math.min(sh - 1, Math.max(0, (Y + 0.5) / f - 0.5));
      const y0 = Math.floor(sy);
      const y1 = Math.min(sh - 1, y0 + 1);
      const ty = sy - y0;
      for (let X = 0; X < W; X++) {
        const sx = Math.min(sw - 1, Math.max(0, (X + 0.5) / f - 0.5));
        const x0 = Math.floor(sx);
        const x1 = Math.min(sw - 1, x0 + 1);
        const tx = sx - x0;
        const a = src[y0 * sw + x0] * (1 - tx) + src[y0 * sw + x1] * tx;
        const b = src[y1 * sw + x0] * (1 - tx) + src[y1 * sw + x1] * tx;
        out[Y * W + X] = a * (1 - ty) + b * ty;
      }
    }
  }
  return { data: out, width: W, height: H, channels: 1 };
}

/**
 * The print's edges along rows: at each steep point (a step of at least ~12 grey levels a pixel),
 * the darkest grey and the range within ±4 px, one sample per edge. Only the strong edges are kept,
 * those with at least half the contrast of the strongest tenth: a tinted card's pattern or paper
 * texture makes many weak ones. `steepestOnly` keeps a sample only where the step peaks.
 */
export function strongEdgeSamples(g: RawImage, steepestOnly: boolean): { mins: number[]; ranges: number[] } {
  const { width: w, height: h, data } = g;
  const R = 4;
  const mins: number[] = [];
  const ranges: number[] = [];
  const rowStep = Math.max(1, Math.round(Math.sqrt((w * h) / 1_500_000)));
  for (let y = 0; y < h; y += rowStep) {
    const row = y * w;
    for (let x = R + 1; x < w - R - 1; x++) {
      const i = row + x;
      const d = data[i + 1] - data[i - 1];
      const a = d < 0 ? -d : d;
      if (a < 24) continue;
      if (steepestOnly) {
        const l = data[i] - data[i - 2];
        const r = data[i + 2] - data[i];
        if (a < (l < 0 ? -l : l) || a < (r < 0 ? -r : r)) continue;
      }
      let mn = 255;
      let mx = 0;
      for (let k = i - R; k <= i + R; k++) {
        const v = data[k];
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      mins.push(mn);
      ranges.push(mx - mn);
      x += 2; // one sample per edge
    }
  }
  if (mins.length === 0) return { mins, ranges };
  const strong = 0.5 * [...ranges].sort((a, b) => a - b)[Math.floor(ranges.length * 0.9)];
  const keep = ranges.map((r) => r >= strong);
  return { mins: mins.filter((_, k) => keep[k]), ranges: ranges.filter((_, k) => keep[k]) };
}

/** The window of at most `maxPx` pixels (page-shaped) holding the most pixels darker than `inkBelow`
 *  (one of a 5 × 5 grid of positions); the image itself when it is that small. */
export function densestWindow(g: RawImage, maxPx: number, inkBelow = 128): RawImage {
  const { width: w, height: h, data } = g;
  if (w * h <= maxPx) return g;
  const k = Math.sqrt(maxPx / (w * h));
  const ww = Math.round(w * k);
  const wh = Math.round(h * k);
  let best = -1;
  let bx = 0;
  let by = 0;
  const steps = 4;
  for (let iy = 0; iy <= steps; iy++) {
    for (let ix = 0; ix <= steps; ix++) {
      const x0 = Math.round(((w - ww) * ix) / steps);
      const y0 = Math.round(((h - wh) * iy) / steps);
      let ink = 0;
      for (let y = y0; y < y0 + wh; y += 4) for (let x = x0, i = y * w + x0; x < x0 + ww; x += 4, i += 4) if (data[i] < inkBelow) ink++;
      if (ink > best) [best, bx, by] = [ink, x0, y0];
    }
  }
  return crop(g, bx, by, ww, wh);
}

/** A copy of the rectangle (x0, y0, w, h) of a grey image. */
export function crop(g: RawImage, x0: number, y0: number, w: number, h: number): RawImage {
  const out = Buffer.allocUnsafe(w * h);
  for (let y = 0; y < h; y++) g.data.copy(out, y * w, (y0 + y) * g.width + x0, (y0 + y) * g.width + x0 + w);
  return { data: out, width: w, height: h, channels: 1 };
}
