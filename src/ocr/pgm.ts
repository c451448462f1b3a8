import type { RawImage } from '../model/image.ts';

/**
 * Encodes a raw image as binary PNM (PGM for grey, PPM for RGB). Leptonica inside tesseract reads it
 * directly, so handing a page to OCR costs a header and a copy, not a PNG compression.
 */
export function toPnm(img: RawImage): Buffer {
  const magic = img.channels === 1 ? 'P5' : 'P6';
  const header = Buffer.from(`${magic}\n${img.width} ${img.height}\n255\n`, 'latin1');
  return Buffer.concat([header, img.data.subarray(0, img.width * img.height * img.channels)]);
}
