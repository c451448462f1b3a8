import type { Box } from '../../model/geometry.ts';
import type { RawImage } from '../../model/image.ts';
import type { OcrLine, OcrPage } from '../../model/ocr.ts';
import { alignCharsToCells, cellsBox, fitLineGuide, glyphCells, type GlyphCell } from './glyph-cells.ts';

/** One character of a line, with a box that is trusted only after `inkBoxes`. */
export interface Token {
  ch: string;
  conf: number;
  box: Box; // as OCR gave it
  line: number;
  index: number; // within the line
}

export interface LineTokens {
  line: OcrLine;
  lineIndex: number;
  tokens: Token[];
  /** Typical glyph height of the line in pixels. */
  h: number;
}

/** Splits multi-character symbols and sorts a line's characters left to right. */
export function lineTokens(page: OcrPage): LineTokens[] {
  return page.lines.map((line, lineIndex) => {
    const tokens: Token[] = [];
    for (const c of line.chars) {
      const parts = [...c.text];
      const w = c.box[2] / parts.length;
      parts.forEach((ch, k) => {
        if (!ch.trim()) return;
        tokens.push({ ch, conf: c.confidence, box: [c.box[0] + k * w, c.box[1], w, c.box[3]], line: lineIndex, index: tokens.length });
      });
    }
    const heights = tokens.map((t) => t.box[3]).sort((a, b) => a - b);
    const h = heights.length ? heights[Math.floor(heights.length / 2)] : line.box[3];
    return { line, lineIndex, tokens, h: Math.max(4, Math.min(h, line.box[3] * 1.2)) };
  });
}

/**
 * Ink boxes for the tokens of a line: glyph cells aligned in reading order. Cached per line since a
 * page asks for several spans of the same line.
 */
export class InkBoxes {
  private cache = new Map<number, { cells: GlyphCell[]; align: number[] }>();
  constructor(private readonly grey: RawImage | undefined) {}

  private lineCells(lt: LineTokens) {
    let c = this.cache.get(lt.lineIndex);
    if (!c) {
      const cells = this.grey ? glyphCells(this.grey, lt.line.box, fitLineGuide(lt.tokens.map((t) => t.box), lt.h)) : [];
      const chars = lt.tokens.map((t) => ({ text: t.ch, box: t.box, confidence: t.conf }));
      c = { cells, align: cells.length ? alignCharsToCells(chars, cells, lt.h) : lt.tokens.map(() => -1) };
      this.cache.set(lt.lineIndex, c);
    }
    return c;
  }

  /**
   * The ink box of tokens [from, to) of a line. Cells left unaligned right beside the span are taken
   * in while the span stays about as wide as its characters (a 川 cut into three cells is still one
   * glyph). Falls back to the OCR boxes where there is no ink to go by.
   */
  spanBox(lt: LineTokens, from: number, to: number): { box: Box; charBoxes: Box[]; fromInk: boolean } {
    const { cells, align } = this.lineCells(lt);
    const used = new Set(align.filter((j) => j >= 0));
    const charBoxes: Box[] = [];
    const spanCells: number[] = [];
    for (let i = from; i < to; i++) {
      let j = align[i];
      // A character the alignment left without a cell (its OCR box covers only part of the glyph:
      // 邝 read as 上 over its right half) takes the free cell its box lies in.
      if (j < 0) j = cells.findIndex((c, k) => !used.has(k) && overlap1d(c.x0, c.x1, lt.tokens[i].box[0], lt.tokens[i].box[0] + lt.tokens[i].box[2]) >= 0.6 * Math.min(c.x1 - c.x0, lt.tokens[i].box[2]));
      if (j >= 0) {
        spanCells.push(j);
        const c = cells[j];
        charBoxes.push([c.x0, c.y0, c.x1 - c.x0, c.y1 - c.y0]);
      } else charBoxes.push(lt.tokens[i].box);
    }
    const ocrBox = unionBoxes(lt.tokens.slice(from, to).map((t) => t.box));
    if (spanCells.length === 0) return { box: ocrBox, charBoxes, fromInk: false };
    let lo = Math.min(...spanCells);
    let hi = Math.max(...spanCells);
    const n = to - from;
    const maxW = n * lt.h * 1.1 + (n - 1) * 0.25 * lt.h;
    const width = (a: number, b: number) => cells[b].x1 - cells[a].x0;
    // Unaligned cells inside the span belong to it.
    // A sliver next to the span (the left sweep of 邝, cut off as a cell of its own) belongs to it
    // however wide a letter-spaced name already is.
    const sliver = (k: number, gap: number) => cells[k].x1 - cells[k].x0 < 0.5 * lt.h && gap < 0.3 * lt.h;
    while (lo > 0 && !used.has(lo - 1) && cells[lo].x0 - cells[lo - 1].x1 < 0.5 * lt.h && (width(lo - 1, hi) <= maxW || sliver(lo - 1, cells[lo].x0 - cells[lo - 1].x1))) lo--;
    while (hi < cells.length - 1 && !used.has(hi + 1) && cells[hi + 1].x0 - cells[hi].x1 < 0.5 * lt.h && (width(lo, hi + 1) <= maxW || sliver(hi + 1, cells[hi + 1].x0 - cells[hi].x1))) hi++;
    const box = cellsBox(cells.slice(lo, hi + 1))!;
    // Characters OCR saw but the ink cut did not align keep their own boxes — across, not up and
    // down: OCR's box of a character is often as tall as the whole line.
    const orphans = charBoxes.filter((_, k) => align[from + k] < 0).map((b): Box => [b[0], box[1], b[2], box[3]]);
    const withOrphans = unionBoxes([box, ...charBoxes.filter((_, k) => align[from + k] >= 0), ...orphans]);
    return { box: withOrphans, charBoxes, fromInk: true };
  }

  /**
   * A glyph-sized cell of ink glued to the right of tokens [from, to) that OCR did not read: a
   * character dropped from a longer name (毛勤欣 read as 毛勤).
   */
  unreadGlyphAfter(lt: LineTokens, from: number, to: number): boolean {
    const { cells, align } = this.lineCells(lt);
    const last = Math.max(-1, ...align.slice(from, to));
    if (last < 0 || last + 1 >= cells.length) return false;
    const next = cells[last + 1];
    const readLater = align.slice(to).includes(last + 1);
    return !readLater && next.x0 - cells[last].x1 < 0.35 * lt.h && next.x1 - next.x0 >= 0.5 * lt.h;
  }

  /**
   * Tokens i and i+1 are halves of one glyph OCR split in two (邝 read as 广了): the ink shows one
   * glyph-wide cell where OCR has two characters, so the alignment left one of them without a cell.
   */
  isSplitGlyph(lt: LineTokens, i: number): boolean {
    const { cells, align } = this.lineCells(lt);
    const a = align[i];
    const b = align[i + 1];
    if (a === undefined || b === undefined || (a >= 0) === (b >= 0)) return false;
    const c = cells[a >= 0 ? a : b];
    return c.x1 - c.x0 >= 0.75 * lt.h;
  }

  /**
   * Token i's ink is a mark, not a character: a cell well under a glyph in both height and width
   * (a byline's superscript 1 that OCR read as 二 or 人), or a box OCR itself drew that small (its
   * boxes are often too tall, seldom too small; the superscript's ink may have joined the comma
   * below it into one glyph-tall cell).
   */
  isSmallMark(lt: LineTokens, i: number): boolean {
    const t = lt.tokens[i];
    if (!t) return false;
    if (t.box[3] < 0.5 * lt.h && t.box[2] < 0.5 * lt.h) return true;
    const { cells, align } = this.lineCells(lt);
    const j = align[i];
    if (j === undefined || j < 0) return false;
    const c = cells[j];
    return c.y1 - c.y0 < 0.6 * lt.h && c.x1 - c.x0 < 0.6 * lt.h;
  }

  /** Gap before token i: between the ink of tokens i-1 and i where both are aligned, else OCR's boxes. */
  gapBefore(lt: LineTokens, i: number): number {
    if (i <= 0 || i >= lt.tokens.length) return Infinity;
    const { cells, align } = this.lineCells(lt);
    const a = align[i - 1];
    const b = align[i];
    if (a >= 0 && b >= 0 && b > a) return cells[b].x0 - cells[a].x1;
    const prev = lt.tokens[i - 1].box;
    return lt.tokens[i].box[0] - (prev[0] + prev[2]);
  }

  cells(lt: LineTokens): GlyphCell[] {
    return this.lineCells(lt).cells;
  }
}

const overlap1d = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/**
 * Line b is the line after a in running text: its first character sits below a's line where a's
 * line passes over it. Line boxes alone mislead on a skewed page, where a long line's box is taller
 * than the line spacing.
 */
export function followsBelow(a: LineTokens, b: LineTokens): boolean {
  const first = b.tokens[0]?.box ?? b.line.box;
  const guide = fitLineGuide(a.tokens.map((t) => t.box), a.h);
  const x = first[0] + first[2] / 2;
  const aY = guide ? guide.yAt(x) : a.line.box[1] + a.line.box[3] / 2;
  return first[1] + first[3] / 2 >= aY + 0.5 * a.h;
}

export function unionBoxes(boxes: Box[]): Box {
  const x0 = Math.min(...boxes.map((b) => b[0]));
  const y0 = Math.min(...boxes.map((b) => b[1]));
  const x1 = Math.max(...boxes.map((b) => b[0] + b[2]));
  const y1 = Math.max(...boxes.map((b) => b[1] + b[3]));
  return [x0, y0, x1 - x0, y1 - y0];
}

/** Gap before token i by OCR's boxes alone (see InkBoxes.gapBefore for the ink's). */
export function ocrGapBefore(lt: LineTokens, i: number): number {
  if (i <= 0 || i >= lt.tokens.length) return Infinity;
  const prev = lt.tokens[i - 1].box;
  return lt.tokens[i].box[0] - (prev[0] + prev[2]);
}
