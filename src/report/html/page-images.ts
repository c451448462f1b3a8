import sharp from 'sharp';
import { openScan } from '../../ingest/open-scan.ts';
import type { RawImage } from '../../model/image.ts';
import type { Report } from '../schema.ts';

export interface PageImages {
  /** The masked output page, as written (read back from the masked copy, never re-masked here). */
  masked?: string;
  /** The input page as it was scanned (maybe sideways). */
  original?: string;
}

export const pageKey = (file: string, page: number) => `${file}#${page}`;

export interface ImageOptions {
  /** Width the pages are downscaled to; 1000 px keeps small print legible and a page ~100–200 KB. */
  width?: number;
  quality?: number;
}

async function toDataUri(img: RawImage, o: Required<ImageOptions>): Promise<string> {
  const jpg = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .resize({ width: Math.min(o.width, img.width), withoutEnlargement: true })
    .jpeg({ quality: o.quality, mozjpeg: true })
    .toBuffer();
  return `data:image/jpeg;base64,${jpg.toString('base64')}`;
}

/** Reads the pages of one scan (from the output or the input folder) as downscaled JPEG data URIs. */
async function readPages(dir: string, file: string, pages: number[], o: Required<ImageOptions>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  let scan;
  try {
    scan = await openScan(dir, file);
  } catch {
    return out;
  }
  try {
    for (const p of pages) {
      try {
        const src = await scan.loadPage(p);
        out.set(p, await toDataUri(src.rgb, o));
      } catch {
        // a page that cannot be read is shown as missing
      }
    }
  } finally {
    await scan.close();
  }
  return out;
}

/**
 * The pictures of every page in the report: the masked page from the masked copy on disk (so what the
 * reviewer sees is exactly what will be uploaded) and the original from the input folder.
 */
export async function loadPageImages(report: Report, dirs: { appDir: string; outDir: string }, options: ImageOptions = {}): Promise<Map<string, PageImages>> {
  const o = { width: options.width ?? 1000, quality: options.quality ?? 72 };
  const images = new Map<string, PageImages>();
  for (const f of report.files) {
    const pages = report.pages.filter((p) => p.file === f.file).map((p) => p.page);
    if (pages.length === 0) continue;
    const masked = f.output ? await readPages(dirs.outDir, f.output, pages, o) : new Map<number, string>();
    const original = await readPages(dirs.appDir, f.file, pages, o);
    for (const p of pages) images.set(pageKey(f.file, p), { masked: masked.get(p), original: original.get(p) });
  }
  return images;
}
