import type { RawImage } from '../model/image.ts';
import { histogram, otsu, percentile } from './raster.ts';

export interface SkewVerdict {
  /** Angle of the text lines, degrees, positive = turned clockwise (lines fall to the right). */
  angleDeg: number;
  /** 0..1: how much sharper the line profile is at that angle than at a typical angle. */
  confidence: number;
}

const MAX_INK_POINTS = 60_000;

/**
 * Estimates the skew of an upright page by the projection-profile method: ink points are sheared by
 * candidate angles and binned by row; at the true angle the text lines stack into few, tall bins, so
 * the sum of squared bin counts peaks. Coarse search over ±15°, then a fine one around the best.
 * The page is not changed: deskewing the applicant's scan is their call, not ours.
 */
export function estimateSkew(g: RawImage): SkewVerdict {
  const hist = histogram(g, 3);
  const paper = percentile(hist, 0.9);
  const inkLevel = percentile(hist, 0.01);
  if (paper - inkLevel < 30) return { angleDeg: 0, confidence: 0 };
  const threshold = Math.min(otsu(hist), (paper + inkLevel) / 2);
  const { width: w, height: h, data } = g;
  // Sample ink points on a grid so the cost does not grow with the DPI.
  let inkCount = 0;
  for (let i = 0; i < w * h; i += 7) if (data[i] <= threshold) inkCount++;
  const step = Math.max(1, Math.round(Math.sqrt((inkCount * 7) / MAX_INK_POINTS)));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < h; y += step) {
    for (let x = 0, i = y * w; x < w; x += step, i += step) {
      if (data[i] <= threshold) {
        xs.push(x - w / 2);
        ys.push(y);
      }
    }
  }
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
