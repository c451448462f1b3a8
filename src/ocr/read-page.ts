import sharp from 'sharp';
import type { Box } from '../model/geometry.ts';
import type { RawImage } from '../model/image.ts';
import type { OcrEngine, OcrOptions, OcrPage } from '../model/ocr.ts';
import { measureTextScale } from '../quality/text-scale.ts';

/** Tesseract's Chinese model reads best with glyphs about this tall. */
const TARGET_GLYPH_PX = 34;
/** Below this glyph height a page is enlarged before OCR (screenshots, 100 dpi scans, photos of cards). */
const SMALL_GLYPH_PX = 24;
const MAX_UPSCALE = 3;
const MAX_OCR_PIXELS = 40_000_000;

export interface PageReading {
  ocr: OcrPage;
  /** Factor the page was enlarged by for OCR (1 = as is); boxes are always in the input's pixels. */
  upscale: number;
  glyphHeightPx: number;
}

const scaleBox = (b: Box, f: number): Box => [b[0] / f, b[1] / f, b[2] / f, b[3] / f];

function scalePage(p: OcrPage, f: number, width: number, height: number): OcrPage {
  if (f === 1) return p;
  return {
    ...p,
    width,
    height,
    lines: p.lines.map((l) => ({ ...l, box: scaleBox(l.box, f), chars: l.chars.map((c) => ({ ...c, box: scaleBox(c.box, f) })) })),
  };
}

function medianCharHeight(p: OcrPage): { h: number; n: number } {
  const hs = p.lines.flatMap((l) => l.chars.filter((c) => /[\u4e00-\u9fff]/u.test(c.text) && c.confidence > 30).map((c) => c.box[3])).sort((a, b) => a - b);
  return { h: hs.length ? hs[Math.floor(hs.length / 2)] : 0, n: hs.length };
}

const score = (p: OcrPage) => p.confidence * Math.min(1, p.lines.reduce((s, l) => s + l.chars.length, 0) / 20);

async function enlarge(grey: RawImage, f: number): Promise<RawImage> {
  const width = Math.round(grey.width * f);
  const height = Math.round(grey.height * f);
  const data = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
    .resize(width, height, { kernel: 'lanczos3' })
    .extractChannel(0) // libvips hands back three bands for a one-band raw input
    .raw()
    .toBuffer();
  return { data, width, height, channels: 1 };
}

/**
 * OCR of one grey page; boxes come back in page pixels. When the text OCR saw is small (a 96 dpi
 * screenshot, a card photographed from afar), the page is enlarged and read again, and the better
 * read is kept. The size comes from the characters OCR found, not from a DPI field or a guess, so a
 * page with normal text pays for one pass only.
 */
export async function readPage(grey: RawImage, engine: OcrEngine, options: OcrOptions = {}): Promise<PageReading> {
  const first = await engine.recognize(grey, options);
  const { h, n } = medianCharHeight(first);
  let glyph = h;
  if (n < 5) glyph = measureTextScale(grey).glyphHeightPx; // OCR saw too little to say
  if (!(glyph > 0 && glyph < SMALL_GLYPH_PX)) return { ocr: first, upscale: 1, glyphHeightPx: glyph };
  let f = Math.min(MAX_UPSCALE, TARGET_GLYPH_PX / glyph, Math.sqrt(MAX_OCR_PIXELS / (grey.width * grey.height)));
  if (f < 1.2) return { ocr: first, upscale: 1, glyphHeightPx: glyph };
  const big = await enlarge(grey, f);
  f = big.width / grey.width;
  const second = scalePage(await engine.recognize(big, options), f, grey.width, grey.height);
  return score(second) > score(first) ? { ocr: second, upscale: f, glyphHeightPx: glyph } : { ocr: first, upscale: 1, glyphHeightPx: glyph };
}
