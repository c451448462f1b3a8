import type { RawImage } from '../model/image.ts';
import type { OcrEngine, OcrLine, OcrPage } from '../model/ocr.ts';
import { readCropAsLine } from './read-crop.ts';
import { pageConfidence } from './tesseract-engine.ts';

/** Characters read with less confidence than this are worth a second look. */
const WEAK = 60;
/** A line lower than this share of the page's glyph height is a piece of a line. */
const SPLIT_LINE = 0.7;

interface Run {
  line: number;
  from: number;
  to: number; // exclusive
  /** A piece of a line (see SPLIT_LINE): judged by the line's confidence, not its characters'. */
  piece?: boolean;
}

/**
 * Runs of two or more weakly read characters in each line (a small name squeezed into a table cell),
 * and whole lines that are pieces of a line: much lower than the page's characters, and doubted by
 * tesseract as a line (confidence under WEAK) whatever it made of their characters (z91 V78 取85 闪63).
 */
function weakRuns(page: OcrPage, glyphPx: number): Run[] {
  const runs: Run[] = [];
  page.lines.forEach((l, li) => {
    if (glyphPx > 0 && l.chars.length >= 1 && l.confidence < WEAK && l.box[3] < SPLIT_LINE * glyphPx && l.chars.every((c) => c.box[3] < SPLIT_LINE * glyphPx)) {
      runs.push({ line: li, from: 0, to: l.chars.length, piece: true });
      return;
    }
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

/**
 * Reads weak stretches of a line again on their own, enlarged to a comfortable glyph size: a name
 * printed small in a table cell next to large text, or smudged, often reads right this way. A new
 * reading replaces the old only when OCR is clearly more confident in it. At most `maxRuns` a page.
 */
export async function rereadWeakRuns(grey: RawImage, page: OcrPage, engine: OcrEngine, maxRuns = 24, glyphPx = 0): Promise<OcrPage> {
  const runs = weakRuns(page, glyphPx).slice(0, maxRuns);
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
    let y0 = Math.min(line.box[1], ...chars.map((c) => c.box[1])) - 0.2 * h;
    let y1 = Math.max(line.box[1] + line.box[3], ...chars.map((c) => c.box[1] + c.box[3])) + 0.2 * h;
    // A line much lower than the page's characters is part of one: tesseract cut a blurred name
    // (薛兴 on a photographed certificate) into a top and a bottom half, each a "line" of garbage.
    // The crop then reaches a glyph up and down from its middle, to hold the whole characters.
    if (glyphPx > 0 && h < SPLIT_LINE * glyphPx) {
      const mid = (y0 + y1) / 2;
      y0 = Math.min(y0, mid - 0.9 * glyphPx);
      y1 = Math.max(y1, mid + 0.9 * glyphPx);
    }
    if (x1 - x0 < 4 || y1 - y0 < 4) continue;
    const newChars = await readCropAsLine(grey, [x0, y0, x1 - x0, y1 - y0], engine);
    if (!newChars) continue;
    const oldConf = r.piece ? line.confidence : chars.reduce((s, ch) => s + ch.confidence, 0) / chars.length;
    const newConf = newChars.reduce((s, ch) => s + ch.confidence, 0) / newChars.length;
    if (newConf < oldConf + 10) continue;
    line.chars.splice(r.from, r.to - r.from, ...newChars);
    line.text = line.chars.map((ch) => ch.text).join(' ');
    line.confidence = line.chars.reduce((s, ch) => s + ch.confidence, 0) / line.chars.length;
  }
  return { ...page, lines, confidence: pageConfidence(lines) };
}
