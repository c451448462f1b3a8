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

/** OCR of one grey page, enlarged first when its text is small; boxes come back in page pixels. */
export async function readPage(grey: RawImage, engine: OcrEngine, options: OcrOptions = {}): Promise<PageReading> {
  const glyph = measureTextScale(grey).glyphHeightPx;
  let f = 1;
  if (glyph > 0 && glyph < SMALL_GLYPH_PX) {
    f = Math.min(MAX_UPSCALE, TARGET_GLYPH_PX / glyph);
    f = Math.min(f, Math.sqrt(MAX_OCR_PIXELS / (grey.width * grey.height)));
    if (f < 1.2) f = 1;
  }
  if (f === 1) return { ocr: await engine.recognize(grey, options), upscale: 1, glyphHeightPx: glyph };
  const width = Math.round(grey.width * f);
  const height = Math.round(grey.height * f);
  const data = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
    .resize(width, height, { kernel: 'lanczos3' })
    .extractChannel(0) // libvips hands back three bands for a one-band raw input
    .raw()
    .toBuffer();
  const big: RawImage = { data, width, height, channels: 1 };
  const ocr = await engine.recognize(big, options);
  return { ocr: scalePage(ocr, width / grey.width, grey.width, grey.height), upscale: width / grey.width, glyphHeightPx: glyph };
}
