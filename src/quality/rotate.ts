import type { RawImage } from '../model/image.ts';

export type Rotation = 0 | 90 | 180 | 270;

/** Normalises any multiple of 90 (negative too) to 0 | 90 | 180 | 270. */
export function normRotation(deg: number): Rotation {
  return ((((Math.round(deg / 90) * 90) % 360) + 360) % 360) as Rotation;
}

/**
 * Rotates an image clockwise by a multiple of 90°, losslessly (pixels are moved, never resampled).
 * Convention of the project: a scan stored with `rotation` r is made upright by rotateRaw(scan, 360 - r).
 */
export function rotateRaw(img: RawImage, clockwise: Rotation | number): RawImage {
  const r = normRotation(clockwise);
  const { width: w, height: h, channels: c, data } = img;
  if (r === 0) return img;
  const out = Buffer.allocUnsafe(w * h * c);
  const W = r === 180 ? w : h;
  const H = r === 180 ? h : w;
  if (c === 1) {
    if (r === 180) {
      for (let i = 0, n = w * h; i < n; i++) out[n - 1 - i] = data[i];
    } else if (r === 90) {
      // source (x, y) lands at (h - 1 - y, x)
      for (let y = 0; y < h; y++) {
        const dx = h - 1 - y;
        for (let x = 0, s = y * w; x < w; x++, s++) out[x * W + dx] = data[s];
      }
    } else {
      // 270: source (x, y) lands at (y, w - 1 - x)
      for (let y = 0; y < h; y++) {
        for (let x = 0, s = y * w; x < w; x++, s++) out[(w - 1 - x) * W + y] = data[s];
      }
    }
  } else {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let X: number;
        let Y: number;
        if (r === 90) [X, Y] = [h - 1 - y, x];
        else if (r === 180) [X, Y] = [w - 1 - x, h - 1 - y];
        else [X, Y] = [y, w - 1 - x];
        const s = (y * w + x) * 3;
        const d = (Y * W + X) * 3;
        out[d] = data[s];
        out[d + 1] = data[s + 1];
        out[d + 2] = data[s + 2];
      }
    }
  }
  return { data: out, width: W, height: H, channels: c };
}
