import sharp from 'sharp';
import type { RawImage } from '../model/image.ts';
import { decodeBmp } from './bmp.ts';
import { LIMITS } from './limits.ts';
import type { ScanFormat } from './sniff.ts';

type RasterFormat = Exclude<ScanFormat, 'pdf'>;

/** Number of pages in an image file (multi-page TIFF; 1 for everything else). */
export async function rasterPageCount(buf: Buffer, format: RasterFormat): Promise<number> {
  if (format === 'bmp') return 1;
  const meta = await sharp(buf, { limitInputPixels: LIMITS.maxPixels }).metadata();
  return format === 'tiff' ? Math.min(meta.pages ?? 1, LIMITS.maxTiffPages) : 1;
}

/** Decodes one page to RGB, with the EXIF orientation applied and transparency flattened onto white. */
export async function decodeRasterPage(buf: Buffer, format: RasterFormat, pageIndex: number): Promise<RawImage> {
  if (format === 'bmp') return toRgb(decodeBmp(buf));
  const { data, info } = await sharp(buf, { page: pageIndex, limitInputPixels: LIMITS.maxPixels, failOn: 'error' })
    .autoOrient()
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return toRgb({ data, width: info.width, height: info.height, channels: info.channels as 1 | 3 });
}

export function toRgb(img: { data: Buffer; width: number; height: number; channels: number }): RawImage {
  if (img.channels === 3) return img as RawImage;
  const n = img.width * img.height;
  const out = Buffer.allocUnsafe(n * 3);
  for (let i = 0; i < n; i++) {
    if (img.channels === 1 || img.channels === 2) {
      const v = img.data[i * img.channels];
      out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = v;
    } else {
      out[i * 3] = img.data[i * img.channels];
      out[i * 3 + 1] = img.data[i * img.channels + 1];
      out[i * 3 + 2] = img.data[i * img.channels + 2];
    }
  }
  return { data: out, width: img.width, height: img.height, channels: 3 };
}
