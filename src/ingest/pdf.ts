import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { RawImage } from '../model/image.ts';
import type { OcrChar, OcrLine, OcrPage } from '../model/ocr.ts';
import { LIMITS } from './limits.ts';
import { toRgb } from './raster.ts';

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));
// pdfjs reads these from disk in Node: its own CMaps (CJK fonts) and standard fonts, never a network.
const CMAP_URL = join(PDFJS_DIR, 'cmaps') + '/';
const STANDARD_FONTS_URL = join(PDFJS_DIR, 'standard_fonts') + '/';

export async function openPdf(buf: Buffer): Promise<PDFDocumentProxy> {
  return getDocument({
    data: new Uint8Array(buf),
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONTS_URL,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
}

export function pdfPageCount(doc: PDFDocumentProxy): number {
  return Math.min(doc.numPages, LIMITS.maxPdfPages);
}

export interface PdfPageRaster {
  rgb: RawImage;
  origin: 'pdf-image' | 'pdf-render';
  dpi: number;
  pageSizePt: [number, number];
  textLayer?: OcrPage;
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/**
 * A scanned page is usually one image drawn over the whole page. Taking that image out keeps the
 * scan's own pixels (no resampling); anything else is rendered.
 */
async function fullPageImage(page: PDFPageProxy): Promise<RawImage | null> {
  const ops = await page.getOperatorList();
  const [, , pw, ph] = page.view;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let found: { id: string; m: Matrix } | null = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = mul(ctm, args as Matrix);
    else if (fn === OPS.paintImageXObject) {
      if (found) return null; // more than one image: a composed page, render it
      found = { id: args[0] as string, m: ctm };
    } else if (fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject || fn === OPS.paintImageXObjectRepeat) {
      return null;
    } else if (fn === OPS.showText || fn === OPS.showSpacedText || fn === OPS.fill || fn === OPS.stroke || fn === OPS.eoFill) {
      return null; // drawn content besides the scan
    }
  }
  if (!found) return null;
  const m = found.m;
  // Only an upright, unflipped placement that covers (almost) the whole page.
  if (Math.abs(m[1]) > 1e-6 || Math.abs(m[2]) > 1e-6 || m[0] <= 0 || m[3] <= 0) return null;
  if (m[0] * m[3] < 0.9 * pw * ph) return null;
  const obj: any = await new Promise((resolve) => {
    try {
      page.objs.get(found!.id, resolve);
    } catch {
      resolve(null);
    }
  });
  if (!obj?.data || !obj.width || !obj.height) return null;
  const { width, height, kind, data } = obj as { width: number; height: number; kind: number; data: Uint8ClampedArray };
  if (kind === 1) {
    // 1 bit per pixel, rows padded to whole bytes.
    const stride = (width + 7) >> 3;
    const out = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const v = (data[y * stride + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
        out.fill(v, (y * width + x) * 3, (y * width + x) * 3 + 3);
      }
    return { data: out, width, height, channels: 3 };
  }
  const channels = kind === 2 ? 3 : 4;
  return toRgb({ data: Buffer.from(data.buffer, data.byteOffset, data.byteLength), width, height, channels });
}

async function renderPage(page: PDFPageProxy, dpi: number): Promise<RawImage> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const w = Math.ceil(viewport.width);
  const h = Math.ceil(viewport.height);
  if (w * h > LIMITS.maxPixels) throw new Error(`page too large to render (${w}×${h})`);
  const factory: any = (page as any)._transport?.canvasFactory ?? (page as any).canvasFactory;
  const { canvas, context } = factory.create(w, h);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, w, h);
  await page.render({ canvasContext: context, viewport, canvas } as any).promise;
  const rgba = context.getImageData(0, 0, w, h).data as Uint8ClampedArray;
  factory.destroy?.({ canvas, context });
  return toRgb({ data: Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), width: w, height: h, channels: 4 });
}

const CJK = /[\u3400-\u9fff]/u;

/**
 * The page's own text, placed in the pixels of a raster of `pxPerPt` pixels a point. Characters get
 * equal shares of their run's width (CJK fonts are monospaced; Latin gets half a share).
 */
async function textLayer(page: PDFPageProxy, width: number, height: number): Promise<OcrPage | undefined> {
  const content = await page.getTextContent();
  const viewport = page.getViewport({ scale: 1 });
  const sx = width / viewport.width;
  const sy = height / viewport.height;
  const lines: OcrLine[] = [];
  let cjk = 0;
  for (const item of content.items as any[]) {
    const str: string = item.str ?? '';
    if (!str.trim()) continue;
    const [a, b, , d, e, f] = item.transform as Matrix;
    if (Math.abs(b) > 1e-3) continue; // rotated text runs are rare on these documents; OCR covers them
    const size = Math.hypot(a, b) || Math.abs(d);
    const [x0, yBase] = viewport.convertToViewportPoint(e, f);
    const [x1] = viewport.convertToViewportPoint(e + item.width, f);
    const top = (yBase - size * 0.88) * sy;
    const bottom = (yBase + size * 0.12) * sy;
    const left = Math.min(x0, x1) * sx;
    const runW = Math.abs(x1 - x0) * sx;
    const units = [...str].map((ch) => (ch.trim() === '' ? 0.5 : CJK.test(ch) || /[\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1 : 0.55));
    const total = units.reduce((s, u) => s + u, 0) || 1;
    const chars: OcrChar[] = [];
    let x = left;
    [...str].forEach((ch, i) => {
      const w = (runW * units[i]) / total;
      if (ch.trim()) chars.push({ text: ch, box: [x, top, w, bottom - top], confidence: 100 });
      if (CJK.test(ch)) cjk++;
      x += w;
    });
    if (chars.length) lines.push({ text: str, box: [left, top, runW, bottom - top], confidence: 100, chars });
  }
  if (cjk < 10) return undefined;
  return { width, height, lines, confidence: 100, source: 'pdf-text' };
}

export async function loadPdfPage(doc: PDFDocumentProxy, pageNumber: number): Promise<PdfPageRaster> {
  const page = await doc.getPage(pageNumber);
  try {
    const [x0, y0, x1, y1] = page.view;
    const rotate = ((page.rotate % 360) + 360) % 360;
    const wPt = x1 - x0;
    const hPt = y1 - y0;
    const pageSizePt: [number, number] = rotate % 180 === 0 ? [wPt, hPt] : [hPt, wPt];
    const text = await page.getTextContent();
    const hasText = text.items.some((i: any) => (i.str ?? '').trim());
    const img = !hasText && rotate === 0 ? await fullPageImage(page) : null;
    if (img) {
      const dpi = (img.width / wPt) * 72;
      return { rgb: img, origin: 'pdf-image', dpi, pageSizePt };
    }
    const rgb = await renderPage(page, LIMITS.renderDpi);
    const layer = hasText ? await textLayer(page, rgb.width, rgb.height) : undefined;
    return { rgb, origin: 'pdf-render', dpi: LIMITS.renderDpi, pageSizePt, textLayer: layer };
  } finally {
    page.cleanup();
  }
}
