import fs from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { decodeBmp } from '../../src/ingest/bmp.ts';
import type { RawImage } from '../../src/model/image.ts';
import type { FileFormat } from './encode.ts';

/**
 * Reads the pages of a generated file back as RGB, for tests and previews. Handles exactly what the
 * generator writes (PDF pages are single embedded JPEGs; BMP is 24-bit bottom-up) — it is not the
 * tool's ingest, which must cope with anything.
 */
export async function decodePages(file: string, format: FileFormat): Promise<RawImage[]> {
  const buf = await fs.readFile(file);
  if (format === 'pdf') {
    const doc = await PDFDocument.load(buf);
    const jpegs: Buffer[] = [];
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) jpegs.push(Buffer.from(obj.contents));
    }
    // Objects come back in creation order, which is page order for the generator's PDFs.
    return Promise.all(jpegs.map((j) => toRaw(sharp(j))));
  }
  if (format === 'bmp') return [decodeBmp(buf)];
  if (format === 'tiff') {
    const { pages = 1 } = await sharp(buf).metadata();
    return Promise.all(Array.from({ length: pages }, (_, i) => toRaw(sharp(buf, { page: i }))));
  }
  return [await toRaw(sharp(buf))];
}

async function toRaw(img: Sharp): Promise<RawImage> {
  const { data, info } = await img.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}

export { decodeBmp } from '../../src/ingest/bmp.ts';
