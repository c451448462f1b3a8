import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { encodeBmp } from '../ingest/bmp.ts';
import type { ScanFormat } from '../ingest/sniff.ts';
import type { RawImage } from '../model/image.ts';

/** Quality of re-encoded JPEG pages (the issue asks ≥ 90; 92 keeps small print sharp). */
export const JPEG_QUALITY = 92;

export interface OutputPage {
  /** The masked page; dropped once `jpeg` holds it, so a long PDF is not kept raw in memory. */
  image?: RawImage;
  jpeg?: { data: Buffer; width: number; height: number };
  /** Paper size in points for PDF pages; derived from 200 dpi when the input was an image. */
  pageSizePt?: [number, number];
}

/** Encodes a page of a PDF-to-be right away: a few hundred KB instead of ~10 MB of raw pixels. */
export async function compactForPdf(page: OutputPage): Promise<OutputPage> {
  if (page.jpeg || !page.image) return page;
  const { width, height } = page.image;
  return { jpeg: { data: await encodeImage(page.image, 'jpeg'), width, height }, pageSizePt: page.pageSizePt };
}

const rawOf = (p: OutputPage): RawImage => {
  if (!p.image) throw new Error('masked page was already encoded');
  return p.image;
};

/**
 * Writes a file so that it is either the old one or the whole new one, also after a crash or a power
 * cut: written under a temporary name, fsync'd, renamed over the destination, and the folder fsync'd.
 */
export async function writeAtomic(dest: string, data: Buffer | Uint8Array): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  const tmp = `${dest}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, dest);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dirname(dest));
}

async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    await d.close();
  }
}

const rawInput = (img: RawImage) => sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } });

/** Encodes one page. sharp writes no metadata (EXIF, XMP, ICC, thumbnails) unless asked to. */
export async function encodeImage(img: RawImage, format: Exclude<ScanFormat, 'pdf' | 'tiff'>): Promise<Buffer> {
  switch (format) {
    case 'jpeg':
      return rawInput(img).jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:4:4' }).toBuffer();
    case 'png':
      return rawInput(img).png({ compressionLevel: 6 }).toBuffer();
    case 'webp':
      return rawInput(img).webp({ quality: JPEG_QUALITY }).toBuffer();
    case 'bmp':
      return encodeBmp(img);
  }
}

/** A multi-page TIFF: the pages stacked into one tall image that libvips writes page by page. */
async function encodeTiff(pages: RawImage[]): Promise<Buffer> {
  if (pages.length === 1) return rawInput(pages[0]).tiff({ compression: 'lzw' }).toBuffer();
  const width = Math.max(...pages.map((p) => p.width));
  const pageHeight = Math.max(...pages.map((p) => p.height));
  const tall = Buffer.alloc(width * pageHeight * pages.length * 3, 255);
  pages.forEach((p, i) => {
    for (let y = 0; y < p.height; y++) {
      p.data.copy(tall, ((i * pageHeight + y) * width) * 3, y * p.width * 3, (y + 1) * p.width * 3);
    }
  });
  return sharp(tall, { raw: { width, height: pageHeight * pages.length, channels: 3, pageHeight } })
    .tiff({ compression: 'lzw' })
    .toBuffer();
}

/**
 * An image-only PDF: one JPEG a page, no text layer, no Info dictionary, no XMP. pdf-lib's
 * `updateMetadata: false` keeps it from writing Producer/Creator/dates.
 */
async function encodePdf(pages: OutputPage[]): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const p of pages) {
    const jpg = p.jpeg ?? (await compactForPdf(p)).jpeg!;
    const embedded = await doc.embedJpg(jpg.data);
    const [w, h] = p.pageSizePt ?? [(jpg.width / 200) * 72, (jpg.height / 200) * 72];
    const page = doc.addPage([w, h]);
    page.drawImage(embedded, { x: 0, y: 0, width: w, height: h });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** Writes the masked copy of one scan in the format it came in. */
export async function writeMaskedScan(dest: string, format: ScanFormat, pages: OutputPage[]): Promise<void> {
  let data: Buffer;
  if (format === 'pdf') data = await encodePdf(pages);
  else if (format === 'tiff') data = await encodeTiff(pages.map(rawOf));
  else data = await encodeImage(rawOf(pages[0]), format);
  await writeAtomic(dest, data);
}
