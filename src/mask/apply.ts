import { clamp, type Point } from '../model/geometry.ts';
import type { RawImage } from '../model/image.ts';
import type { Mask } from './plan.ts';

/** A mask as burned on the page: its rectangles, or, for a page read straightened, the turned rectangles. */
export interface BurnedMask extends Mask {
  /** When set, these convex quadrilaterals are what is burned; `rects` are their boxes. */
  polygons?: Point[][];
}

/** Fills a convex polygon: every pixel whose centre lies inside it, or that its edges cross. */
function fillConvex(out: RawImage, poly: Point[]): void {
  const { width, height, channels, data } = out;
  const ys = poly.map((p) => p[1]);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  for (let y = y0; y <= y1; y++) {
    // The polygon's extent over the pixel row [y, y + 1]: where its edges cross the row's top and
    // bottom, and any vertex inside the row.
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < poly.length; i++) {
      const [ax, ay] = poly[i];
      const [bx, by] = poly[(i + 1) % poly.length];
      for (const yy of [y, y + 1]) {
        if ((ay <= yy && by >= yy) || (by <= yy && ay >= yy)) {
          const x = ay === by ? Math.min(ax, bx) : ax + ((yy - ay) * (bx - ax)) / (by - ay);
          const x2 = ay === by ? Math.max(ax, bx) : x;
          lo = Math.min(lo, x);
          hi = Math.max(hi, x2);
        }
      }
      if (ay >= y && ay <= y + 1) {
        lo = Math.min(lo, ax);
        hi = Math.max(hi, ax);
      }
    }
    if (hi < lo) continue;
    const x0 = Math.max(0, Math.floor(lo));
    const x1 = Math.min(width, Math.ceil(hi));
    if (x1 > x0) data.fill(0, (y * width + x0) * channels, (y * width + x1) * channels);
  }
}

/** Burns the masks into a copy of the page: solid black, every channel, nothing left to recover. */
export function applyMasks(page: RawImage, masks: BurnedMask[]): RawImage {
  const out: RawImage = { ...page, data: Buffer.from(page.data) };
  const { width, height, channels } = out;
  for (const m of masks) {
    if (m.polygons) {
      for (const p of m.polygons) fillConvex(out, p);
      continue;
    }
    for (const r of m.rects) {
      const [x, y, w, h] = clamp(r, width, height);
      for (let yy = y; yy < y + h; yy++) out.data.fill(0, (yy * width + x) * channels, (yy * width + x + w) * channels);
    }
  }
  return out;
}
