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
 * Cuts the ink of a text line into glyph cells. Runs of inked columns closer than a small gap are
 * merged while the merged cell stays about one glyph wide (CJK glyphs are square: width ≈ height).
 */
export function glyphCells(grey: RawImage, line: Box): GlyphCell[] {
  const h = Math.max(4, line[3]);
  const y0 = Math.max(0, Math.floor(line[1] - 0.15 * h));
  const y1 = Math.min(grey.height, Math.ceil(line[1] + line[3] + 0.15 * h));
  const x0 = Math.max(0, Math.floor(line[0] - 0.5 * h));
  const x1 = Math.min(grey.width, Math.ceil(line[0] + line[2] + 0.5 * h));
  if (x1 <= x0 || y1 <= y0) return [];
  const thr = inkThreshold(grey, [x0, y0, x1 - x0, y1 - y0]);
  const cols = new Uint16Array(x1 - x0);
  for (let y = y0; y < y1; y++) {
    const row = y * grey.width;
    for (let x = x0; x < x1; x++) if (grey.data[row + x] <= thr) cols[x - x0]++;
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
    if (last && a - last.x1 <= joinGap && b - last.x0 <= maxW) last.x1 = b;
    else cells.push({ x0: a, x1: b, y0, y1 });
  }
  // Vertical extent of each cell's ink.
  for (const c of cells) {
    let top = y1;
    let bottom = y0;
    for (let y = y0; y < y1; y++) {
      const row = y * grey.width;
      for (let x = c.x0; x < c.x1; x++) {
        if (grey.data[row + x] <= thr) {
          if (y < top) top = y;
          if (y + 1 > bottom) bottom = y + 1;
          break;
        }
      }
    }
    c.y0 = top;
    c.y1 = Math.max(bottom, top + 1);
  }
  return cells;
}

/**
 * Monotonic alignment of OCR characters to glyph cells by horizontal position (a small dynamic
 * programme). Returns for each character the index of its cell, or -1.
 */
export function alignCharsToCells(chars: OcrChar[], cells: GlyphCell[], lineHeight: number): number[] {
  const n = chars.length;
  const m = cells.length;
  const h = Math.max(1, lineHeight);
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
        const cc = chars[i].box[0] + chars[i].box[2] / 2;
        const cellC = (cells[j].x0 + cells[j].x1) / 2;
        const d = Math.min(2.5, Math.abs(cc - cellC) / h);
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
  return out;
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
