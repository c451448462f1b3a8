import { medianHanHeight } from './glyph-height.ts';
import sharp from 'sharp';
import type { Box } from '../model/geometry.ts';
import type { RawImage } from '../model/image.ts';
import type { OcrEngine, OcrLine, OcrOptions, OcrPage } from '../model/ocr.ts';
import { crop } from '../quality/raster.ts';
import { measureTextScale } from '../quality/text-scale.ts';
import { missedTextRegions, readMissedInk } from './read-missed-ink.ts';
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

/**
 * Lines of two readings of one page. Lines that overlap form groups (a line of one reading may span
 * several of the other: a table row read whole, then cell by cell); in each group the reading whose
 * characters were read with the higher mean confidence is kept whole.
 */
function mergeReadings(a: OcrPage, b: OcrPage): OcrPage {
  const overlap = (x: Box, y: Box) => {
    const w = Math.min(x[0] + x[2], y[0] + y[2]) - Math.max(x[0], y[0]);
    const h = Math.min(x[1] + x[3], y[1] + y[3]) - Math.max(x[1], y[1]);
    return w > 0 && h > 0 ? (w * h) / Math.min(x[2] * x[3], y[2] * y[3]) : 0;
  };
  const all = [...a.lines.map((l) => ({ l, fromA: true })), ...b.lines.map((l) => ({ l, fromA: false }))];
  const group = all.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i])));
  for (let i = 0; i < a.lines.length; i++)
    for (let j = a.lines.length; j < all.length; j++) if (overlap(all[i].l.box, all[j].l.box) > 0.3) group[root(j)] = root(i);
  const meanConf = (ls: OcrLine[]) => {
    const n = ls.reduce((s, l) => s + Math.max(1, l.chars.length), 0);
    return n ? ls.reduce((s, l) => s + l.confidence * Math.max(1, l.chars.length), 0) / n : -1;
  };
  const lines: OcrLine[] = [];
  const groups = new Map<number, typeof all>();
  all.forEach((e, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), e]));
  for (const g of groups.values()) {
    const fromA = g.filter((e) => e.fromA).map((e) => e.l);
    const fromB = g.filter((e) => !e.fromA).map((e) => e.l);
    lines.push(...(fromA.length && meanConf(fromA) >= meanConf(fromB) ? fromA : fromB));
  }
  lines.sort((x, y) => x.box[1] - y.box[1] || x.box[0] - y.box[0]);
  return { ...a, lines, confidence: pageConfidence(lines) };
}

/** A second, enlarged pass reads whole-page above this share of the page in unread small-text blocks. */
const WHOLE_PAGE_SHARE = 0.5;

/**
 * OCR of one grey page; boxes come back in page pixels. Small text is read again enlarged: the whole
 * page when most of what OCR read is small (a 96 dpi screenshot, a card photographed from afar), and
 * otherwise only the blocks of small text-shaped ink that no line covers, each enlarged and merged
 * line by line (a list table in 6 pt under a large heading; a page where the first pass read nothing).
 * A page whose unread ink holds no text-shaped runs (a blurred page reads nothing enlarged either) is
 * not enlarged at all. The size comes from the characters OCR found and the page's ink bands, never
 * from a DPI field, so a page of normal text pays for one pass only. Weakly read stretches of a line
 * are then re-read on their own, and runs of text-like ink no line covers are read as lines.
 */
export async function readPage(grey: RawImage, engine: OcrEngine, options: OcrOptions = {}): Promise<PageReading> {
  const first = await engine.recognize(grey, options);
  const { h, n } = medianHanHeight(first);
  const bands = measureTextScale(grey).glyphHeightPx;
  const readSome = n >= 5;
  const glyph = readSome ? h : bands;
  const small = glyph > 0 && glyph < SMALL_GLYPH_PX;
  const smallBesideLarge = !small && bands > 0 && bands < SMALL_GLYPH_PX && glyph >= 1.6 * bands;
  let reading: PageReading = { ocr: first, upscale: 1, glyphHeightPx: glyph };
  const target = small ? glyph : bands;
  const f = Math.min(MAX_UPSCALE, TARGET_GLYPH_PX / Math.max(1, target), Math.sqrt(MAX_OCR_PIXELS / (grey.width * grey.height)));
  if ((small || smallBesideLarge) && f >= 1.2) {
    const blocks = small && readSome ? null : unreadSmallTextBlocks(grey, first, target, glyph);
    const share = blocks ? blocks.reduce((s, b) => s + b[2] * b[3], 0) / (grey.width * grey.height) : 1;
    if (!blocks || share > WHOLE_PAGE_SHARE) {
      const big = await enlarge(grey, f);
      const fx = big.width / grey.width;
      const second = scalePage(await engine.recognize(big, options), fx, grey.width, grey.height);
      if (smallBesideLarge) reading = { ocr: mergeReadings(first, second), upscale: fx, glyphHeightPx: glyph };
      else if (score(second) > score(first)) reading = { ocr: second, upscale: fx, glyphHeightPx: glyph };
    } else if (blocks.length) {
      let merged = first;
      for (const b of blocks) merged = mergeReadings(merged, await readBlock(grey, b, f, engine, options));
      reading = { ocr: merged, upscale: f, glyphHeightPx: glyph };
    }
  }
  const reread = await rereadWeakRuns(grey, reading.ocr, engine, undefined, glyph);
  return { ...reading, ocr: await readMissedInk(grey, reread, engine, glyph) };
}

/**
 * Blocks of the page holding small text OCR did not read: the line-shaped ink runs of `glyphPx`
 * no line covers (`missedTextRegions`), padded by two glyphs and joined where they touch.
 */
export function unreadSmallTextBlocks(grey: RawImage, page: OcrPage, glyphPx: number, pageGlyphPx: number): Box[] {
  const pad = 2 * glyphPx;
  const large = page.lines.filter((l) => lineGlyphPx(l) >= Math.min(SMALL_GLYPH_PX, 0.75 * pageGlyphPx));
  let blocks: Box[] = missedTextRegions(grey, { ...page, lines: large }, glyphPx).map((b) => {
    const x0 = Math.max(0, b[0] - pad);
    const y0 = Math.max(0, b[1] - pad);
    return [x0, y0, Math.min(grey.width, b[0] + b[2] + pad) - x0, Math.min(grey.height, b[1] + b[3] + pad) - y0];
  });
  const touch = (a: Box, b: Box) => a[0] <= b[0] + b[2] && b[0] <= a[0] + a[2] && a[1] <= b[1] + b[3] && b[1] <= a[1] + a[3];
  for (let joined = true; joined; ) {
    joined = false;
    for (let i = 0; i < blocks.length && !joined; i++)
      for (let j = i + 1; j < blocks.length; j++) {
        if (!touch(blocks[i], blocks[j])) continue;
        const a = blocks[i];
        const b = blocks[j];
        const x0 = Math.min(a[0], b[0]);
        const y0 = Math.min(a[1], b[1]);
        blocks[i] = [x0, y0, Math.max(a[0] + a[2], b[0] + b[2]) - x0, Math.max(a[1] + a[3], b[1] + b[3]) - y0];
        blocks = blocks.filter((_, k) => k !== j);
        joined = true;
        break;
      }
  }
  return blocks.map((b) => b.map(Math.round) as Box);
}

/** Glyph height of a line: the median height of its Chinese characters, or its box's height. */
function lineGlyphPx(l: OcrLine): number {
  const hs = l.chars.filter((c) => /[\u3400-\u9fff]/u.test(c.text)).map((c) => c.box[3]).sort((a, b) => a - b);
  return hs.length >= 2 ? hs[hs.length >> 1] : l.box[3];
}

/** OCR of one block of the page enlarged `f` times; lines come back in page pixels. */
async function readBlock(grey: RawImage, b: Box, f: number, engine: OcrEngine, options: OcrOptions): Promise<OcrPage> {
  const [x0, y0, w, h] = b;
  const big = await enlarge(crop(grey, x0, y0, w, h), f);
  const read = scalePage(await engine.recognize(big, options), big.width / w, w, h);
  const shift = (box: Box): Box => [box[0] + x0, box[1] + y0, box[2], box[3]];
  return {
    ...read,
    width: grey.width,
    height: grey.height,
    lines: read.lines.map((l) => ({ ...l, box: shift(l.box), chars: l.chars.map((c) => ({ ...c, box: shift(c.box) })) })),
  };
}
