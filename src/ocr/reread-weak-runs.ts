import sharp from 'sharp';
import type { Box } from '../model/geometry.ts';
import type { RawImage } from '../model/image.ts';
import type { OcrChar, OcrEngine, OcrLine, OcrPage } from '../model/ocr.ts';
import { pageConfidence } from './tesseract-engine.ts';

/** Characters read with less confidence than this are worth a second look. */
const WEAK = 60;
/** Glyph height a re-read crop is scaled to. */
const TARGET_PX = 40;
export const BORDER = 12;

interface Run {
  line: number;
  from: number;
  to: number; // exclusive
}

/** Runs of two or more weakly read characters in each line (a small name squeezed into a table cell). */
function weakRuns(page: OcrPage): Run[] {
  const runs: Run[] = [];
  page.lines.forEach((l, li) => {
    let i = 0;
    while (i < l.chars.length) {
      if (l.chars[i].confidence >= WEAK) {
        i++;
        continue;
      }
      let j = i + 1;
      // One better character inside a weak stretch does not end it.
      while (j < l.chars.length && (l.chars[j].confidence < WEAK || (l.chars[j].confidence < 80 && j + 1 < l.chars.length && l.chars[j + 1].confidence < WEAK))) j++;
      if (j - i >= 2) runs.push({ line: li, from: i, to: j });
      i = j;
    }
  });
  return runs;
}

export function crop(grey: RawImage, b: Box): { img: RawImage; x: number; y: number } {
  const x0 = Math.max(0, Math.floor(b[0]));
  const y0 = Math.max(0, Math.floor(b[1]));
  const x1 = Math.min(grey.width, Math.ceil(b[0] + b[2]));
  const y1 = Math.min(grey.height, Math.ceil(b[1] + b[3]));
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const data = Buffer.alloc(w * h);
  for (let y = 0; y < h; y++) grey.data.copy(data, y * w, (y0 + y) * grey.width + x0, (y0 + y) * grey.width + x0 + w);
  return { img: { data, width: w, height: h, channels: 1 }, x: x0, y: y0 };
}

/** Height of the ink in a crop: the rows between the first and last with some dark pixels. */
export function inkHeight(img: RawImage): number {
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < img.height; y++) {
    let n = 0;
    for (let x = 0; x < img.width; x++) if (img.data[y * img.width + x] < 128) n++;
    if (n >= 2) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  return top < 0 ? 0 : bottom - top + 1;
}

export async function enlargeWithBorder(img: RawImage, f: number): Promise<RawImage> {
  const width = Math.max(1, Math.round(img.width * f));
  const height = Math.max(1, Math.round(img.height * f));
  const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize(width, height, { kernel: 'lanczos3' })
    .extend({ top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, background: '#ffffff' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  return { data, width: width + 2 * BORDER, height: height + 2 * BORDER, channels: 1 };
}

/**
 * Reads weak stretches of a line again on their own, enlarged to a comfortable glyph size: a name
 * printed small in a table cell next to large text, or smudged, often reads right this way. A new
 * reading replaces the old only when OCR is clearly more confident in it. At most `maxRuns` a page.
 */
export async function rereadWeakRuns(grey: RawImage, page: OcrPage, engine: OcrEngine, maxRuns = 24): Promise<OcrPage> {
  const runs = weakRuns(page).slice(0, maxRuns);
  if (runs.length === 0) return page;
  const lines: OcrLine[] = page.lines.map((l) => ({ ...l, chars: [...l.chars] }));
  // Replace from the right so earlier indices stay valid.
  runs.sort((a, b) => a.line - b.line || b.from - a.from);
  for (const r of runs) {
    const line = lines[r.line];
    const chars = line.chars.slice(r.from, r.to);
    const h = Math.max(line.box[3], ...chars.map((c) => c.box[3]));
    const left = r.from > 0 ? line.chars[r.from - 1].box[0] + line.chars[r.from - 1].box[2] : line.box[0] - 0.5 * h;
    const right = r.to < line.chars.length ? line.chars[r.to].box[0] : line.box[0] + line.box[2] + 0.5 * h;
    const x0 = Math.max(left, Math.min(...chars.map((c) => c.box[0])) - 0.6 * h);
    const x1 = Math.min(right, Math.max(...chars.map((c) => c.box[0] + c.box[2])) + 0.6 * h);
    const y0 = Math.min(line.box[1], ...chars.map((c) => c.box[1])) - 0.2 * h;
    const y1 = Math.max(line.box[1] + line.box[3], ...chars.map((c) => c.box[1] + c.box[3])) + 0.2 * h;
    if (x1 - x0 < 4 || y1 - y0 < 4) continue;
    const c = crop(grey, [x0, y0, x1 - x0, y1 - y0]);
    const ink = inkHeight(c.img);
    if (ink < 6) continue;
    const f = Math.min(4, Math.max(1, TARGET_PX / ink));
    const big = await enlargeWithBorder(c.img, f);
    const read = await engine.recognize(big, { psm: 'single_line' });
    const newChars: OcrChar[] = read.lines.flatMap((l) => l.chars).map((ch) => ({
      ...ch,
      box: [c.x + (ch.box[0] - BORDER) / f, c.y + (ch.box[1] - BORDER) / f, ch.box[2] / f, ch.box[3] / f] as Box,
    }));
    if (newChars.length === 0) continue;
    const oldConf = chars.reduce((s, ch) => s + ch.confidence, 0) / chars.length;
    const newConf = newChars.reduce((s, ch) => s + ch.confidence, 0) / newChars.length;
    if (newConf < oldConf + 10) continue;
    line.chars.splice(r.from, r.to - r.from, ...newChars);
    line.text = line.chars.map((ch) => ch.text).join(' ');
    line.confidence = line.chars.reduce((s, ch) => s + ch.confidence, 0) / line.chars.length;
  }
  return { ...page, lines, confidence: pageConfidence(lines) };
}
