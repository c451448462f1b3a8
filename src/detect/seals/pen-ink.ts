/**
 * The page around a seal without the seal: luminance where the pixel is not seal-red, paper where it
 * is. What is left dark is black or blue ink — print under the stamp, a signature across it — and
 * the windows a seal's mask leaves for another person's name are cut to that ink, not to an OCR box
 * (which under a seal often takes in a glyph of the arc text and is padded for safety).
 *
 * The OCR page (greyForOcr) lifts red only to its red channel's level, so a dark crimson or a dimly
 * scanned seal stays mid-grey there and reads as pen ink; here the colour decides.
 */
import type { SealDetection } from '../../model/detection.ts';
import type { Box } from '../../model/geometry.ts';
import type { RawImage } from '../../model/image.ts';

export interface PenInkPatch {
  /** The patch in page pixels (integers, inside the page). */
  box: Box;
  /** Luminance, 255 where the pixel is seal ink; row-major over box. */
  lum: Uint8Array;
  /** 1 where the pixel is seal ink (red), 0 elsewhere; row-major over box. Absent on a grey page. */
  red?: Uint8Array;
}

/** A seal as the pipeline passes it on: with the pen ink around it when it was found in colour. */
export type SealWithInk = SealDetection & { penInk?: PenInkPatch };

/**
 * Seal ink: red well above green and blue. Black print under the stamp multiplied by red stays
 * black (red − max(g, b) small); a blue or black pen is never red. The masking score counts a
 * seal's ink above 40 and a name's below it: 30 keeps the faint red fringe out of the pen ink.
 */
export const SEAL_RED_MIN = 30;

export function isSealRed(r: number, g: number, b: number): boolean {
  return r - (g > b ? g : b) > SEAL_RED_MIN;
}

/**
 * The pen ink in the seal's box grown by `grow` of its size on each side (signatures the seal was
 * stamped across reach beyond it). A grey page has no red to lift: its luminance as it is.
 */
export function penInkPatch(page: RawImage, sealBox: Box, grow = 0.5): PenInkPatch {
  const m = Math.round(grow * Math.max(sealBox[2], sealBox[3]));
  const x0 = Math.max(0, Math.floor(sealBox[0] - m));
  const y0 = Math.max(0, Math.floor(sealBox[1] - m));
  const x1 = Math.min(page.width, Math.ceil(sealBox[0] + sealBox[2] + m));
  const y1 = Math.min(page.height, Math.ceil(sealBox[1] + sealBox[3] + m));
  const w = Math.max(0, x1 - x0);
  const h = Math.max(0, y1 - y0);
  const lum = new Uint8Array(w * h);
  const red = page.channels === 1 ? undefined : new Uint8Array(w * h);
  const { data, channels } = page;
  for (let y = 0; y < h; y++) {
    let i = ((y0 + y) * page.width + x0) * channels;
    for (let x = 0, k = y * w; x < w; x++, k++, i += channels) {
      if (channels === 1) {
        lum[k] = data[i];
        continue;
      }
      const r = data[i];
      const g = data[i + 1];
      const b = data[i + 2];
      const seal = isSealRed(r, g, b);
      lum[k] = seal ? 255 : Math.round((r * 299 + g * 587 + b * 114) / 1000);
      if (seal) red![k] = 1;
    }
  }
  return { box: [x0, y0, w, h], lum, red };
}

/** The patch's luminance at a page pixel, or undefined outside the patch. */
export function penLum(p: PenInkPatch, x: number, y: number): number | undefined {
  const xi = x - p.box[0];
  const yi = y - p.box[1];
  if (xi < 0 || yi < 0 || xi >= p.box[2] || yi >= p.box[3]) return undefined;
  return p.lum[yi * p.box[2] + xi];
}

/** Whether a box lies wholly inside the patch. */
export function patchHolds(p: PenInkPatch, b: Box): boolean {
  return b[0] >= p.box[0] && b[1] >= p.box[1] && b[0] + b[2] <= p.box[0] + p.box[2] && b[1] + b[3] <= p.box[1] + p.box[3];
}
