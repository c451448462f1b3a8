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

/**
 * A grey image with its lines made level: lines that descend to the right by `angleDeg` (as
 * estimateSkew reports it) come out horizontal. Same size, bilinear, paper-white (255) where the
 * turned page does not reach. For reading a few lines of a tilted phone photo, not for output.
 */
export function levelGrey(g: RawImage, angleDeg: number): RawImage {
  if (angleDeg === 0) return g;
  const { width: w, height: h, data } = g;
  const a = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const out = Buffer.allocUnsafe(w * h);
  for (let Y = 0; Y < h; Y++) {
    const dy = Y - cy;
    for (let X = 0; X < w; X++) {
      const dx = X - cx;
      // Output (X, Y) shows the page at c + R(angle)(p − c).
      const sx = cx + dx * cos - dy * sin;
      const sy = cy + dx * sin + dy * cos;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[Y * w + X] = 255;
        continue;
      }
      const tx = sx - x0;
      const ty = sy - y0;
      const i = y0 * w + x0;
      const top = data[i] * (1 - tx) + data[i + 1] * tx;
      const bot = data[i + w] * (1 - tx) + data[i + w + 1] * tx;
      out[Y * w + X] = top * (1 - ty) + bot * ty;
    }
  }
  return { data: out, width: w, height: h, channels: 1 };
}
