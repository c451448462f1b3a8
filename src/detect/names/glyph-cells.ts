import type { Box } from '../../model/geometry.ts';
import type { RawImage } from '../../model/image.ts';
import type { OcrChar } from '../../model/ocr.ts';
import { otsu } from '../../quality/raster.ts';

/**
 * Tesseract's character boxes for Chinese are often off by part of a glyph (sometimes a whole one),
 * while its reading order is right. So the boxes used for masks come from the ink itself: the line's
 * ink is cut into glyph-sized cells, and the OCR characters are aligned to the cells in order.
 */

export interface GlyphCell {
  x0: number;
  x1: number; // exclusive
  y0: number;
  y1: number; // exclusive
}

/** Ink threshold for a region: Otsu, but never so high that paper texture counts as ink. */
export function inkThreshold(grey: RawImage, box: Box): number {
  const hist = new Uint32Array(256);
  let n = 0;
  const [bx, by, bw, bh] = box;
  for (let y = Math.max(0, by); y < Math.min(grey.height, by + bh); y++) {
    for (let x = Math.max(0, bx); x < Math.min(grey.width, bx + bw); x++) {
      hist[grey.data[y * grey.width + x]]++;
      n++;
    }
  }
  if (n === 0) return 128;
  return Math.min(otsu(hist), 200);
}

/**
 * Where a line's glyphs sit when its OCR box is taller than one glyph: a skewed scan (a 1500 px line
 * at 2.5° drifts 65 px) or a box that took in part of the next table row. `yAt(x)` is the centre of
 * the glyphs at column x, fitted to the line's character boxes.
 */
export interface LineGuide {
  /** Typical glyph height in pixels. */
  h: number;
  yAt(x: number): number;
}

/** Fits a line's glyph centres (y against x) to the character boxes; undefined when it cannot. */
export function fitLineGuide(boxes: Box[], glyphHeight: number): LineGuide | undefined {
  const h = Math.max(4, glyphHeight);
  const pts = boxes.filter((b) => b[3] >= 0.6 * h && b[3] <= 1.6 * h).map((b) => [b[0] + b[2] / 2, b[1] + b[3] / 2] as const);
  if (pts.length === 0) return undefined;
  if (pts.length < 3) {
    const yc = pts.map((p) => p[1]).sort((a, b) => a - b)[Math.floor(pts.length / 2)];
    return { h, yAt: () => yc };
  }
  const mx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
  const my = pts.reduce((a, p) => a + p[1], 0) / pts.length;
  const sxx = pts.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  const sxy = pts.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  // Scans are rarely skewed more than 6°; a steeper fit is noise from a stray box.
  const slope = sxx > 0 ? Math.max(-0.1, Math.min(0.1, sxy / sxx)) : 0;
  return { h, yAt: (x) => my + slope * (x - mx) };
}

/**
 * Cuts the ink of a text line into glyph cells. Runs of inked columns closer than a small gap are
 * merged while the merged cell stays about one glyph wide (CJK glyphs are square: width ≈ height).
 * With a guide, a line box much taller than its glyphs is read only in a band one glyph high that
 * follows the line, so ink of the row above or below neither joins the cells nor stretches them.
 */
export function glyphCells(grey: RawImage, line: Box, guide?: LineGuide): GlyphCell[] {
  const banded = guide !== undefined && line[3] > 1.35 * guide.h;
  // Glyph size from the characters themselves: one tall token (a seal's stroke, a bracket) inflates the line box.
  const h = Math.max(4, guide ? Math.min(guide.h, line[3]) : line[3]);
  const pad = 0.15 * Math.max(4, line[3]);
  const y0 = Math.max(0, Math.floor(line[1] - pad));
  const y1 = Math.min(grey.height, Math.ceil(line[1] + line[3] + pad));
  const x0 = Math.max(0, Math.floor(line[0] - 0.5 * h));
  const x1 = Math.min(grey.width, Math.ceil(line[0] + line[2] + 0.5 * h));
  if (x1 <= x0 || y1 <= y0) return [];
  const half = 0.65 * h;
  const rowsAt = (xa: number, xb: number): [number, number] => {
    if (!banded) return [y0, y1];
    const ya = Math.min(guide.yAt(xa), guide.yAt(xb)) - half;
    const yb = Math.max(guide.yAt(xa), guide.yAt(xb)) + half;
    return [Math.max(y0, Math.floor(ya)), Math.min(y1, Math.ceil(yb))];
  };
  const thr = inkThreshold(grey, [x0, y0, x1 - x0, y1 - y0]);
  const cols = new Uint16Array(x1 - x0);
  for (let x = x0; x < x1; x++) {
    const [ya, yb] = rowsAt(x, x);
    for (let y = ya; y < yb; y++) if (grey.data[y * grey.width + x] <= thr) cols[x - x0]++;
  }
  // A column is inked when a few pixels of it are: one stray speck is noise.
  const minInk = Math.max(1, Math.round(0.04 * h));
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= cols.length; i++) {
    const inked = i < cols.length && cols[i] >= minInk;
    if (inked && start < 0) start = i;
    if (!inked && start >= 0) {
      runs.push([start + x0, i + x0]);
      start = -1;
    }
  }
  const cells: GlyphCell[] = [];
  const maxW = 1.05 * h;
  const joinGap = 0.3 * h;
  for (const [a, b] of runs) {
    const last = cells[cells.length - 1];
    // Only an unfinished glyph takes in the next run (the strokes of 川, the halves of 北): a cell
    // already a glyph wide keeps the comma or the narrow character after it out.
    if (last && a - last.x1 <= joinGap && b - last.x0 <= maxW && last.x1 - last.x0 < 0.75 * h) last.x1 = b;
    else cells.push({ x0: a, x1: b, y0, y1 });
  }
  // Vertical extent of each cell's ink.
  for (const c of cells) {
    const [ya, yb] = rowsAt(c.x0, c.x1);
    let top = yb;
    let bottom = ya;
    for (let y = ya; y < yb; y++) {
      const row = y * grey.width;
      for (let x = c.x0; x < c.x1; x++) {
        if (grey.data[row + x] <= thr) {
          if (y < top) top = y;
          if (y + 1 > bottom) bottom = y + 1;
          break;
        }
      }
    }
    if (banded && bottom > top) {
      // Ink that continues past the band is the same glyph (a tall handwritten stroke); a blank gap
      // means the next row.
      const inked = (y: number) => {
        const row = y * grey.width;
        for (let x = c.x0; x < c.x1; x++) if (grey.data[row + x] <= thr) return true;
        return false;
      };
      const maxGap = Math.max(2, Math.round(0.12 * h));
      for (let y = top - 1, gap = 0; y >= y0 && gap <= maxGap; y--) inked(y) ? ((top = y), (gap = 0)) : gap++;
      for (let y = bottom, gap = 0; y < y1 && gap <= maxGap; y++) inked(y) ? ((bottom = y + 1), (gap = 0)) : gap++;
    }
    c.y0 = top;
    c.y1 = Math.max(bottom, top + 1);
  }
  return cells;
}

/**
 * Monotonic alignment of OCR characters to glyph cells by horizontal position (a small dynamic
 * programme). Returns for each character the index of its cell, or -1.
 *
 * Tesseract's boxes for Chinese are often shifted by a whole glyph along a line while its reading
 * order is right (the box of 现 on 对, of 对 on the name after it). Aligned as they stand, every
 * character would take its neighbour's cell; so the alignment is tried under a few shifts of the
 * whole line and the cheapest wins, a small charge on the shift keeping an unshifted line as it is.
 */
export function alignCharsToCells(chars: OcrChar[], cells: GlyphCell[], lineHeight: number): number[] {
  const h = Math.max(1, lineHeight);
  let best = { cost: Infinity, out: new Array<number>(chars.length).fill(-1) };
  for (let step = -6; step <= 6; step++) {
    const shift = step * 0.25 * h;
    const r = alignShifted(chars, cells, h, shift);
    const cost = r.cost + 0.15 * Math.abs(step);
    if (cost < best.cost - 1e-9) best = { cost, out: r.out };
  }
  return best.out;
}

function alignShifted(chars: OcrChar[], cells: GlyphCell[], h: number, shift: number): { cost: number; out: number[] } {
  const n = chars.length;
  const m = cells.length;
  // Skipping a real character is costly; skipping a stray mark OCR invented (” ' · from noise or a
  // stroke) is cheap, or every character after it would shift onto its neighbour's cell.
  const skipChar = (c: OcrChar) => (/[\p{Script=Han}\p{L}\p{N}]/u.test(c.text) ? 1.2 - Math.min(0.6, Math.max(0, 60 - c.confidence) / 50) : 0.3);
  const SKIP_CELL = 0.5;
  const cost = new Float64Array((n + 1) * (m + 1)).fill(Infinity);
  const move = new Uint8Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  cost[at(0, 0)] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const c = cost[at(i, j)];
      if (c === Infinity) continue;
      if (i < n && j < m) {
        const cc = chars[i].box[0] + chars[i].box[2] / 2 + shift;
        const cellC = (cells[j].x0 + cells[j].x1) / 2;
        // A box several glyphs wide for one character (学 over 学生毛勤) says nothing of where the
        // character is: its order alone places it.
        const d = chars[i].box[2] > 2.5 * h && [...chars[i].text].length === 1 ? 0.6 : Math.min(2.5, Math.abs(cc - cellC) / h);
        if (c + d < cost[at(i + 1, j + 1)]) {
          cost[at(i + 1, j + 1)] = c + d;
          move[at(i + 1, j + 1)] = 1;
        }
      }
      if (i < n && c + skipChar(chars[i]) < cost[at(i + 1, j)]) {
        cost[at(i + 1, j)] = c + skipChar(chars[i]);
        move[at(i + 1, j)] = 2;
      }
      if (j < m && c + SKIP_CELL < cost[at(i, j + 1)]) {
        cost[at(i, j + 1)] = c + SKIP_CELL;
        move[at(i, j + 1)] = 3;
      }
    }
  }
  const out = new Array<number>(n).fill(-1);
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const mv = move[at(i, j)];
    if (mv === 1) {
      out[i - 1] = j - 1;
      i--;
      j--;
    } else if (mv === 2) i--;
    else if (mv === 3) j--;
    else break;
  }
  return { cost: cost[at(n, m)], out };
}

/** Box around the ink of the given cells. */
export function cellsBox(cells: GlyphCell[]): Box | null {
  if (cells.length === 0) return null;
  const x0 = Math.min(...cells.map((c) => c.x0));
  const x1 = Math.max(...cells.map((c) => c.x1));
  const y0 = Math.min(...cells.map((c) => c.y0));
  const y1 = Math.max(...cells.map((c) => c.y1));
  return [x0, y0, x1 - x0, y1 - y0];
}
