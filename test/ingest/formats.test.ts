import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBmp, encodeBmp } from '../../src/ingest/bmp.ts';
import { IngestError } from '../../src/ingest/errors.ts';
import { openScan } from '../../src/ingest/open-scan.ts';
import { sniffFormat } from '../../src/ingest/sniff.ts';
import { writeMaskedScan } from '../../src/mask/write-outputs.ts';
import type { RawImage } from '../../src/model/image.ts';
import { tempDir } from '../helpers/tmp.ts';

/** A page with a recognisable pattern: a dark square at a known place on a pale background. */
function pattern(width: number, height: number, shade = 40): RawImage {
  const data = Buffer.alloc(width * height * 3, 235);
  for (let y = 10; y < 30; y++) for (let x = 20; x < 50; x++) data.fill(shade, (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { data, width, height, channels: 3 };
}
const px = (img: RawImage, x: number, y: number) => img.data[(y * img.width + x) * img.channels];

describe('ingest reads every scan format by content, not by name', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('formats');
  });
  afterAll(() => tmp.cleanup());

  it('sniffs magic bytes', () => {
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFormat(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFormat(Buffer.from('II*\0'))).toBe('tiff');
    expect(sniffFormat(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffFormat(Buffer.from('BM......'))).toBe('bmp');
    expect(sniffFormat(Buffer.from('hello world'))).toBeNull();
  });

  it('round-trips BMP pixels exactly', () => {
    const img = pattern(61, 37);
    const back = decodeBmp(encodeBmp(img));
    expect(back.width).toBe(61);
    expect(Buffer.compare(back.data, img.data)).toBe(0);
  });

  it('reads a PNG saved as .pdf and a PDF saved as .jpg by what they are', async () => {
    const png = await sharp(pattern(80, 60).data, { raw: { width: 80, height: 60, channels: 3 } }).png().toBuffer();
    await writeFile(join(tmp.dir, 'disguised.pdf'), png);
    const scan = await openScan(tmp.dir, 'disguised.pdf');
    expect(scan.format).toBe('png');
    const page = await scan.loadPage(1);
    expect(px(page.rgb, 30, 20)).toBeLessThan(60);
  });

  it('applies the EXIF orientation on read', async () => {
    const jpg = await sharp(pattern(80, 60).data, { raw: { width: 80, height: 60, channels: 3 } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    await writeFile(join(tmp.dir, 'exif.jpg'), jpg);
    const page = await (await openScan(tmp.dir, 'exif.jpg')).loadPage(1);
    expect([page.rgb.width, page.rgb.height]).toEqual([60, 80]);
  });

  it('reads every page of a multi-page TIFF it wrote itself', async () => {
    await writeMaskedScan(join(tmp.dir, 'two.tif'), 'tiff', [{ image: pattern(90, 70, 20) }, { image: pattern(90, 70, 120) }]);
    const scan = await openScan(tmp.dir, 'two.tif');
    expect(scan.pageCount).toBe(2);
    expect(px((await scan.loadPage(1)).rgb, 30, 20)).toBeLessThan(40);
    expect(px((await scan.loadPage(2)).rgb, 30, 20)).toBeGreaterThan(100);
  });

  it('takes a full-page scan out of a PDF at its own resolution instead of rendering it', async () => {
    const img = pattern(850, 1100);
    const doc = await PDFDocument.create();
    const jpg = await doc.embedJpg(await sharp(img.data, { raw: { width: 850, height: 1100, channels: 3 } }).jpeg({ quality: 95 }).toBuffer());
    doc.addPage([612, 792]).drawImage(jpg, { x: 0, y: 0, width: 612, height: 792 });
    await writeFile(join(tmp.dir, 'scan.pdf'), await doc.save());
    const page = await (await openScan(tmp.dir, 'scan.pdf')).loadPage(1);
    expect(page.origin).toBe('pdf-image');
    expect([page.rgb.width, page.rgb.height]).toEqual([850, 1100]);
    expect(Math.round(page.dpi!)).toBe(100);
    expect(px(page.rgb, 30, 20)).toBeLessThan(70);
  });

  it('renders a drawn PDF page at 200 dpi', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([300, 200]).drawRectangle({ x: 10, y: 10, width: 50, height: 50 });
    await writeFile(join(tmp.dir, 'drawn.pdf'), await doc.save());
    const page = await (await openScan(tmp.dir, 'drawn.pdf')).loadPage(1);
    expect(page.origin).toBe('pdf-render');
    expect(page.rgb.width).toBe(Math.ceil((300 / 72) * 200));
  });

  it('names the file and the problem for a truncated JPEG', async () => {
    const jpg = await sharp(pattern(200, 200).data, { raw: { width: 200, height: 200, channels: 3 } }).jpeg().toBuffer();
    await writeFile(join(tmp.dir, 'cut.jpg'), jpg.subarray(0, Math.floor(jpg.length / 2)));
    const err = await (async () => {
      const scan = await openScan(tmp.dir, 'cut.jpg');
      await scan.loadPage(1);
    })().catch((e) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).file).toBe('cut.jpg');
  });

  it('refuses an empty file and a text file with a clear reason', async () => {
    await writeFile(join(tmp.dir, 'empty.png'), Buffer.alloc(0));
    await writeFile(join(tmp.dir, 'notes.pdf'), 'not a pdf at all');
    await expect(openScan(tmp.dir, 'empty.png')).rejects.toMatchObject({ reasonZh: '文件为空' });
    await expect(openScan(tmp.dir, 'notes.pdf')).rejects.toBeInstanceOf(IngestError);
  });
});
