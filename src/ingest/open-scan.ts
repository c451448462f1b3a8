import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { IngestError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { loadPdfPage, openPdf, pdfPageCount } from './pdf.ts';
import { decodeRasterPage, rasterPageCount } from './raster.ts';
import { sniffFormat, type ScanFormat } from './sniff.ts';
import type { SourcePage } from './source-page.ts';

/** An opened scan: its format and page count are known; pages are decoded one at a time on demand. */
export interface OpenScan {
  file: string;
  format: ScanFormat;
  pageCount: number;
  bytes: number;
  sha256: string;
  loadPage(page: number): Promise<SourcePage>;
  close(): Promise<void>;
}

/** The first line of a decoder's message: libvips repeats itself over several. */
function reason(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0].trim();
}

export async function openScan(appDir: string, file: string): Promise<OpenScan> {
  const abs = join(appDir, file);
  const st = await stat(abs);
  if (st.size === 0) throw new IngestError(file, '文件为空', 'the file is empty');
  if (st.size > LIMITS.maxFileBytes)
    throw new IngestError(file, `文件过大（${(st.size / 1048576).toFixed(0)} MB）`, `file too large (${st.size} bytes)`);
  const buf = await readFile(abs);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const format = sniffFormat(buf.subarray(0, 1024));
  if (!format)
    throw new IngestError(file, '无法识别的文件格式（不是 JPEG/PNG/TIFF/WebP/BMP/PDF）', 'unrecognised format (not JPEG/PNG/TIFF/WebP/BMP/PDF)');

  if (format === 'pdf') {
    let doc: PDFDocumentProxy;
    try {
      doc = await openPdf(buf);
    } catch (e) {
      throw new IngestError(file, `PDF 文件已损坏或无法打开：${reason(e)}`, `broken PDF: ${reason(e)}`);
    }
    return {
      file,
      format,
      pageCount: pdfPageCount(doc),
      bytes: st.size,
      sha256,
      async loadPage(page) {
        try {
          const r = await loadPdfPage(doc, page);
          return { file, page, format, ...r };
        } catch (e) {
          throw new IngestError(file, `PDF 第${page}页无法读取：${reason(e)}`, `PDF page ${page} unreadable: ${reason(e)}`);
        }
      },
      close: () => doc.destroy(),
    };
  }

  let pageCount: number;
  try {
    pageCount = await rasterPageCount(buf, format);
  } catch (e) {
    throw new IngestError(file, `图片文件已损坏：${reason(e)}`, `broken image: ${reason(e)}`);
  }
  return {
    file,
    format,
    pageCount,
    bytes: st.size,
    sha256,
    async loadPage(page) {
      try {
        const rgb = await decodeRasterPage(buf, format, page - 1);
        return { file, page, format, rgb, origin: 'image' };
      } catch (e) {
        throw new IngestError(file, `图片无法解码（文件可能不完整或已损坏）：${reason(e)}`, `image cannot be decoded: ${reason(e)}`);
      }
    },
    close: async () => undefined,
  };
}
