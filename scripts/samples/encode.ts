import zlib from 'node:zlib';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { encodeBmp } from '../../src/ingest/bmp.ts';
import type { RawImage } from '../../src/model/image.ts';

export type FileFormat = 'jpeg' | 'png' | 'pdf' | 'tiff' | 'webp' | 'bmp';
export const EXTENSION: Record<FileFormat, string> = { jpeg: 'jpg', png: 'png', pdf: 'pdf', tiff: 'tif', webp: 'webp', bmp: 'bmp' };
export const MULTI_PAGE: ReadonlySet<FileFormat> = new Set(['pdf', 'tiff']);

function raw(img: RawImage) {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } });
}

/**
 * Encodes pages into one file of `format`. `dpi` is written where the format has a place for it
 * (PDF page size, TIFF/PNG/JPEG density) so a reader can recover the scan resolution.
 */
export async function encode(pages: RawImage[], format: FileFormat, o: { quality?: number; dpi: number }): Promise<Buffer> {
  if (pages.length > 1 && !MULTI_PAGE.has(format)) throw new Error(`${format} holds one page, got ${pages.length}`);
  const q = o.quality ?? 90;
  switch (format) {
    case 'jpeg':
      return raw(pages[0]).withMetadata({ density: o.dpi }).jpeg({ quality: q }).toBuffer();
    case 'png':
      return raw(pages[0]).withMetadata({ density: o.dpi }).png({ compressionLevel: 6 }).toBuffer();
    case 'webp':
      return raw(pages[0]).webp({ quality: q }).toBuffer();
    case 'bmp':
      return encodeBmp(pages[0], o.dpi);
    case 'tiff':
      return encodeTiff(pages, o.dpi);
    case 'pdf':
      return encodePdf(pages, q, o.dpi);
  }
}

/** Image-only PDF, one JPEG per page sized so the page has its real paper size. No metadata. */
async function encodePdf(pages: RawImage[], quality: number, dpi: number): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const p of pages) {
    const jpg = await raw(p).jpeg({ quality }).toBuffer();
    const img = await doc.embedJpg(jpg);
    const w = (p.width * 72) / dpi, h = (p.height * 72) / dpi;
    doc.addPage([w, h]).drawImage(img, { x: 0, y: 0, width: w, height: h });
  }
  return Buffer.from(await doc.save());
}


/** Multi-page RGB TIFF, one Deflate strip per page (sharp writes single-page TIFF only). */
export function encodeTiff(pages: RawImage[], dpi: number): Buffer {
  const chunks: Buffer[] = [];
  let offset = 8;
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  chunks.push(header);
  const ifdOffsets: number[] = [];
  const nextPtrPositions: number[] = [];
  const push = (buf: Buffer) => {
    const pad = buf.length % 2;
    chunks.push(pad ? Buffer.concat([buf, Buffer.alloc(1)]) : buf);
    const at = offset;
    offset += buf.length + pad;
    return at;
  };
  for (const p of pages) {
    const rgb = p.channels === 3 ? p.data : Buffer.from(Array.from(p.data).flatMap((v) => [v, v, v]));
    const strip = zlib.deflateSync(rgb, { level: 6 });
    const stripAt = push(strip);
    const bps = Buffer.alloc(6);
    bps.writeUInt16LE(8, 0), bps.writeUInt16LE(8, 2), bps.writeUInt16LE(8, 4);
    const bpsAt = push(bps);
    const res = Buffer.alloc(8);
    res.writeUInt32LE(Math.round(dpi), 0), res.writeUInt32LE(1, 4);
    const resAt = push(res);
    // Tags in ascending order: [tag, type, count, value]; type 3 = SHORT, 4 = LONG, 5 = RATIONAL.
    const tags: [number, number, number, number][] = [
      [256, 4, 1, p.width],
      [257, 4, 1, p.height],
      [258, 3, 3, bpsAt],
      [259, 3, 1, 8], // Adobe Deflate
      [262, 3, 1, 2], // RGB
      [273, 4, 1, stripAt],
      [277, 3, 1, 3],
      [278, 4, 1, p.height],
      [279, 4, 1, strip.length],
      [282, 5, 1, resAt],
      [283, 5, 1, resAt],
      [284, 3, 1, 1],
      [296, 3, 1, 2], // inch
    ];
    const ifd = Buffer.alloc(2 + tags.length * 12 + 4);
    ifd.writeUInt16LE(tags.length, 0);
    tags.forEach(([tag, type, count, value], i) => {
      const o = 2 + i * 12;
      ifd.writeUInt16LE(tag, o);
      ifd.writeUInt16LE(type, o + 2);
      ifd.writeUInt32LE(count, o + 4);
      if (type === 3 && count === 1) ifd.writeUInt16LE(value, o + 8);
      else ifd.writeUInt32LE(value, o + 8);
    });
    const at = push(ifd);
    ifdOffsets.push(at);
    nextPtrPositions.push(at + 2 + tags.length * 12);
  }
  const out = Buffer.concat(chunks);
  out.writeUInt32LE(ifdOffsets[0], 4);
  for (let i = 0; i < nextPtrPositions.length; i++) out.writeUInt32LE(ifdOffsets[i + 1] ?? 0, nextPtrPositions[i]);
  return out;
}

/** Files that look like scans but are not readable, for the ingest's error path. */
export async function corruptFile(kind: 'truncated-jpeg' | 'text-pdf', page: RawImage): Promise<{ data: Buffer; format: FileFormat }> {
  if (kind === 'text-pdf') return { data: Buffer.from('这不是PDF文件，是从网页另存的文字。\n扫描件请重新上传。\n', 'utf8'), format: 'pdf' };
  const jpg = await raw(page).jpeg({ quality: 80 }).toBuffer();
  return { data: jpg.subarray(0, Math.floor(jpg.length * 0.55)), format: 'jpeg' };
}
