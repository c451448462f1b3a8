import sharp from 'sharp';
import type { Box } from '../model/geometry.ts';
import type { RawImage } from '../model/image.ts';
import type { OcrChar, OcrEngine } from '../model/ocr.ts';

/** Glyph height a crop is scaled to before it is read. */
const TARGET_PX = 40;
const BORDER = 12;

/**
 * Reads one stretch of a page as a single line, enlarged to a comfortable glyph size with a white
 * border; the characters come back in page pixels. Null when the crop holds too little ink or OCR
 * reads nothing.
 */
export async function readCropAsLine(grey: RawImage, box: Box, engine: OcrEngine): Promise<OcrChar[] | null> {
  const c = crop(grey, box);
  const ink = inkHeight(c.img);
  if (ink < 6) return null;
  const f = Math.min(4, Math.max(1, TARGET_PX / ink));
  const big = await enlargeWithBorder(c.img, f);
  const read = await engine.recognize(big, { psm: 'single_line' });
  const chars = read.lines.flatMap((l) => l.chars).map((ch) => ({
    ...ch,
    box: [c.x + (ch.box[0] - BORDER) / f, c.y + (ch.box[1] - BORDER) / f, ch.box[2] / f, ch.box[3] / f] as Box,
  }));
  return chars.length ? chars : null;
}

function crop(grey: RawImage, b: Box): { img: RawImage; x: number; y: number } {
  const x0 = Math.max(0, Math.floor(b[0]));
  const y0 = Math.max(0, Math.floor(b[1]));
  const x1 = Math.min(grey.width, Math.ceil(b[0] + b[2]));
  const y1 = Math.min(grey.height, Math.ceil(b[1] + b[3]));
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const data = Buffer.alloc(w * h);
  for (let y = 0; y < h; y++) grey.data.copy(data, y * w, (y0 + y) * grey.width + x0, (y0 + y) * grey.width + x0 + w);
  return { img: { data, width: w, height: h, channels: 1 }, x: x0, y: y0 };
}

/** Height of the ink in a crop: the rows between the first and last with some dark pixels. */
function inkHeight(img: RawImage): number {
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < img.height; y++) {
    let n = 0;
    for (let x = 0; x < img.width; x++) if (img.data[y * img.width + x] < 128) n++;
    if (n >= 2) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  return top < 0 ? 0 : bottom - top + 1;
}

async function enlargeWithBorder(img: RawImage, f: number): Promise<RawImage> {
  const width = Math.max(1, Math.round(img.width * f));
  const height = Math.max(1, Math.round(img.height * f));
  const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize(width, height, { kernel: 'lanczos3' })
    .extend({ top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, background: '#ffffff' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  return { data, width: width + 2 * BORDER, height: height + 2 * BORDER, channels: 1 };
}
