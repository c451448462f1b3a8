import { clamp } from '../model/geometry.ts';
import type { RawImage } from '../model/image.ts';
import type { Mask } from './plan.ts';

/** Burns the masks into a copy of the page: solid black, every channel, nothing left to recover. */
export function applyMasks(page: RawImage, masks: Mask[]): RawImage {
  const out: RawImage = { ...page, data: Buffer.from(page.data) };
  const { width, height, channels } = out;
  for (const m of masks) {
    for (const r of m.rects) {
      const [x, y, w, h] = clamp(r, width, height);
      for (let yy = y; yy < y + h; yy++) out.data.fill(0, (yy * width + x) * channels, (yy * width + x + w) * channels);
    }
  }
  return out;
}
