import type { RawImage } from '../model/image.ts';
import { paperLevels } from '../ocr/paper-level.ts';
import { histogram, percentile } from './raster.ts';

export interface SkewVerdict {
  /** Angle of the text lines, degrees, positive = turned clockwise (lines fall to the right). */
  angleDeg: number;
  /** 0..1: how much sharper the line profile is at that angle than at a typical angle. */
  confidence: number;
}

const MAX_INK_POINTS = 60_000;

/**
 * Ink points of the page, on a grid: pixels clearly darker than the paper around them. The paper
 * level is taken block by block, so a dark desk around a photographed page, a shadow or the black
 * margin of a scan with its lid open is not ink — only what is printed or written on the paper is.
 */
function inkPoints(g: RawImage): { xs: number[]; ys: number[]; step: number } | undefined {
  const { width: w, height: h, data } = g;
  const hist = histogram(g, 3);
  if (percentile(hist, 0.9) - percentile(hist, 0.01) < 30) return undefined;
  const { block: B, cols: bw, rows: bh, level: paper } = paperLevels(g);
  // Near an edge of the paper (or of a shadow) the paper level jumps from block to block: the dark
  // side of the edge would pass for ink and the edge, sloped by perspective, for a line. Only blocks
  // whose neighbourhood is one even paper are looked at.
  const even = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let lo = 255;
      let hi = 0;
      for (let j = Math.max(0, by - 1); j <= Math.min(bh - 1, by + 1); j++) {
        for (let i = Math.max(0, bx - 1); i <= Math.min(bw - 1, bx + 1); i++) {
          lo = Math.min(lo, paper[j * bw + i]);
          hi = Math.max(hi, paper[j * bw + i]);
        }
      }
      even[by * bw + bx] = hi - lo <= 30 ? 1 : 0;
    }
  }
  const isInk = (x: number, y: number): boolean => {
    const k = Math.floor(y / B) * bw + Math.floor(x / B);
    const bg = paper[k];
    return even[k] === 1 && data[y * w + x] < bg - Math.max(45, 0.35 * bg);
  };
  // Sample on a grid so the cost does not grow with the DPI.
  let inkCount = 0;
  for (let y = 0; y < h; y += 3) for (let x = 0; x < w; x += 3) if (isInk(x, y)) inkCount++;
  const step = Math.max(1, Math.round(Math.sqrt((inkCount * 9) / MAX_INK_POINTS)));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < h; y += step) {
    for (let x = 0; x < w; x += step) {
      if (isInk(x, y)) {
        xs.push(x - w / 2);
        ys.push(y);
      }
    }
  }
  return { xs, ys, step };
}

/**
 * Estimates the skew of an upright page by the projection-profile method: ink points are sheared by
 * candidate angles and binned by row; at the true angle the text lines stack into few, tall bins, so
 * the sum of squared bin counts peaks. Coarse search over ±15°, then a fine one around the best.
 * The page is not changed here: the scan is written as it came; only OCR may read a straightened copy.
 */
export function estimateSkew(g: RawImage): SkewVerdict {
  const { width: w, height: h } = g;
  const points = inkPoints(g);
  if (!points) return { angleDeg: 0, confidence: 0 };
  const { xs, ys, step } = points;
  if (xs.length < 200) return { angleDeg: 0, confidence: 0 };
  const bin = Math.max(1, step);
  const nb = Math.ceil((h + w) / bin) + 2;
  const bins = new Float64Array(nb);
  const off = w / 2 + 1;
  const energy = (deg: number): number => {
    bins.fill(0);
    const t = Math.tan((deg * Math.PI) / 180);
    for (let k = 0; k < xs.length; k++) bins[Math.floor((ys[k] - xs[k] * t + off) / bin)]++;
    let e = 0;
    for (let i = 0; i < nb; i++) e += bins[i] * bins[i];
    return e;
  };
  const coarse: Array<[number, number]> = [];
  for (let d = -15; d <= 15; d += 0.5) coarse.push([d, energy(d)]);
  let [best, bestE] = coarse.reduce((a, b) => (b[1] > a[1] ? b : a));
  for (let d = best - 0.5; d <= best + 0.5; d += 0.1) {
    const e = energy(d);
    if (e > bestE) [best, bestE] = [d, e];
  }
  const sorted = coarse.map((c) => c[1]).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { angleDeg: Math.round(best * 10) / 10, confidence: Math.max(0, Math.min(1, (bestE - median) / bestE)) };
}
