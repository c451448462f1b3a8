import { medianHanHeight } from './glyph-height.ts';
import sharp from 'sharp';
import type { Box } from '../model/geometry.ts';
import type { RawImage } from '../model/image.ts';
import type { OcrEngine, OcrOptions, OcrPage } from '../model/ocr.ts';
import { measureTextScale } from '../quality/text-scale.ts';
import { readMissedInk } from './read-missed-ink.ts';
import { rereadWeakRuns } from './reread-weak-runs.ts';
import { pageConfidence } from './tesseract-engine.ts';

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

/** Lines of two readings of one page, the better read kept where they overlap. */
function mergeReadings(a: OcrPage, b: OcrPage): OcrPage {
  const overlap = (x: Box, y: Box) => {
    const w = Math.min(x[0] + x[2], y[0] + y[2]) - Math.max(x[0], y[0]);
    const h = Math.min(x[1] + x[3], y[1] + y[3]) - Math.max(x[1], y[1]);
    return w > 0 && h > 0 ? (w * h) / Math.min(x[2] * x[3], y[2] * y[3]) : 0;
  };
  const lines = [...a.lines];
  for (const l of b.lines) {
    const clash = lines.filter((k) => overlap(k.box, l.box) > 0.3);
    if (clash.length === 0) lines.push(l);
    else if (clash.every((k) => k.confidence < l.confidence)) {
      for (const k of clash) lines.splice(lines.indexOf(k), 1);
      lines.push(l);
    }
  }
  lines.sort((x, y) => x.box[1] - y.box[1] || x.box[0] - y.box[0]);
  return { ...a, lines, confidence: pageConfidence(lines) };
}

/**
 * OCR of one grey page; boxes come back in page pixels. Small text is read again enlarged: the whole
 * page when most of what OCR saw is small (a 96 dpi screenshot, a card photographed from afar), and
 * merged line by line when a page mixes large text with small text OCR skipped (a list table in 6 pt
 * under a large heading). The size comes from the characters OCR found and the page's ink bands,
 * never from a DPI field, so a page of normal text pays for one pass only. Weakly read stretches of a
 * line are then re-read on their own, and runs of text-like ink no line covers are read as lines.
 */
export async function readPage(grey: RawImage, engine: OcrEngine, options: OcrOptions = {}): Promise<PageReading> {
  const first = await engine.recognize(grey, options);
  const { h, n } = medianHanHeight(first);
  const bands = measureTextScale(grey).glyphHeightPx;
  const glyph = n >= 5 ? h : bands;
  const small = glyph > 0 && glyph < SMALL_GLYPH_PX;
  const smallBesideLarge = !small && bands > 0 && bands < SMALL_GLYPH_PX && glyph >= 1.6 * bands;
  let reading: PageReading = { ocr: first, upscale: 1, glyphHeightPx: glyph };
  const target = small ? glyph : bands;
  let f = Math.min(MAX_UPSCALE, TARGET_GLYPH_PX / Math.max(1, target), Math.sqrt(MAX_OCR_PIXELS / (grey.width * grey.height)));
  if ((small || smallBesideLarge) && f >= 1.2) {
    const big = await enlarge(grey, f);
    f = big.width / grey.width;
    const second = scalePage(await engine.recognize(big, options), f, grey.width, grey.height);
    if (smallBesideLarge) reading = { ocr: mergeReadings(first, second), upscale: f, glyphHeightPx: glyph };
    else if (score(second) > score(first)) reading = { ocr: second, upscale: f, glyphHeightPx: glyph };
  }
  const reread = await rereadWeakRuns(grey, reading.ocr, engine);
  return { ...reading, ocr: await readMissedInk(grey, reread, engine, glyph) };
}
