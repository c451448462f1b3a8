/**
 * The seal's outer ring at page resolution. The detector fits ellipses on a grid of ~1 mm cells,
 * and where two seals overlap it climbs a circle on the joint ink: its ring can be off by a few
 * percent of the radius, enough to cut the feet or tops off the arc glyphs once unwrapped. Here the
 * ring's outer edge is found along rays at pixel resolution and an ellipse is fitted to those edge
 * points robustly (RANSAC), so another seal's ring or glyphs crossing a ray do not pull the fit.
 */
import type { Ellipse } from '../../model/geometry.ts';
import type { RawImage } from '../../model/image.ts';
import { ellipsePoint, ransacEllipse, type Pt } from './ellipse-fit.ts';
import { RED_MIN, redness } from './ink-mask.ts';

export interface RefineOptions {
  /** Luminance instead of redness (a grey-scale scan). */
  grey?: boolean;
  /** Rays around the ring. */
  rays?: number;
}

/** Ink test at a page pixel: red ink (or dark ink on a grey scan). */
function inkTest(page: RawImage, grey: boolean): (x: number, y: number) => boolean {
  const { width: W, height: H, data, channels } = page;
  return (x, y) => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= W || yi >= H) return false;
    const i = (yi * W + xi) * channels;
    if (channels === 1 || grey) {
      const v = channels === 1 ? data[i] : (data[i] * 77 + data[i + 1] * 150 + data[i + 2] * 29) >> 8;
      return v < 200;
    }
    return redness(data[i], data[i + 1], data[i + 2]) >= RED_MIN;
  };
}

/**
 * Outer-edge points of the ring: along each ray (the outward direction at the ellipse's parameter
 * t, from 0.82 to 1.18 of the radius) the outer ends of ink runs at least 2 px long; of those, the
 * one nearest the current outline. Rays that leave the page give none.
 */
function edgePoints(page: RawImage, e: Ellipse, grey: boolean, rays: number): Pt[] {
  const ink = inkTest(page, grey);
  const r = (e.rx + e.ry) / 2;
  const steps = Math.max(20, Math.round(0.36 * r));
  const pts: Pt[] = [];
  for (let i = 0; i < rays; i++) {
    const t = (i / rays) * Math.PI * 2;
    let best: Pt | null = null;
    let bestD = Infinity;
    let run = 0;
    let offPage = false;
    for (let s = 0; s <= steps; s++) {
      const k = 0.82 + (0.36 * s) / steps;
      const [x, y] = ellipsePoint(e, t, k);
      if (x < 0 || y < 0 || x >= page.width || y >= page.height) {
        offPage = true;
        break;
      }
      const on = ink(x, y);
      if (on) run++;
      if ((!on || s === steps) && run >= 2) {
        // The run ended at the previous sample: that is its outer edge.
        const kEdge = 0.82 + (0.36 * (on ? s : s - 1)) / steps;
        const d = Math.abs(kEdge - 1);
        if (d < bestD) {
          bestD = d;
          best = ellipsePoint(e, t, kEdge);
        }
      }
      if (!on) run = 0;
    }
    if (best && !(offPage && bestD > 0.1)) pts.push(best);
  }
  return pts;
}

/**
 * The ring fitted at pixel resolution, or the given ellipse when the edge points do not agree on
 * one (a faded ring, too little of it on the page). The result stays within ~12 % of the input.
 */
export function refineRing(page: RawImage, e0: Ellipse, opts: RefineOptions = {}): Ellipse {
  const rays = opts.rays ?? 180;
  let e = e0;
  const r0 = (e0.rx + e0.ry) / 2;
  const accept = (c: Ellipse): boolean => {
    const rc = (c.rx + c.ry) / 2;
    return (
      Math.abs(rc / r0 - 1) < 0.12 &&
      Math.hypot(c.cx - e0.cx, c.cy - e0.cy) < 0.12 * r0 &&
      Math.min(c.rx, c.ry) / Math.max(c.rx, c.ry) >= 0.5 &&
      // A round fit stays round and an oval one oval: the ring, not glyph tops along one side.
      Math.abs(Math.min(c.rx, c.ry) / Math.max(c.rx, c.ry) - Math.min(e0.rx, e0.ry) / Math.max(e0.rx, e0.ry)) < 0.15
    );
  };
  for (let round = 0; round < 2; round++) {
    const pts = edgePoints(page, e, !!opts.grey, rays);
    if (pts.length < rays * 0.3) return e;
    const fit = ransacEllipse(pts, { tolerance: Math.max(1.5, r0 * 0.012), accept, seed: 11 + round, iterations: 200 });
    if (!fit || fit.inliers.length < Math.max(24, rays * 0.3)) return e;
    e = normalise(fit.ellipse);
  }
  return e;
}

/** rx the longer radius, the angle in (-90, 90]. */
function normalise(e: Ellipse): Ellipse {
  let { rx, ry, angleDeg } = e;
  if (ry > rx) {
    [rx, ry] = [ry, rx];
    angleDeg += 90;
  }
  angleDeg = ((((angleDeg + 90) % 180) + 180) % 180) - 90;
  return { cx: e.cx, cy: e.cy, rx, ry, angleDeg };
}
