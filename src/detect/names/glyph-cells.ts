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
 * Tesseract's boxes for Chinese are often shifted by up to a glyph or more along a line while its
 * reading order is right (the box of 现 on 对, of 对 on the name after it), and the shift is not the
 * same along a long line: a diploma's sentence can be a glyph off at its start and exact at its end.
 * So the alignment carries a shift (in quarter glyphs, ±1.5 glyphs) that may drift along the line:
 * each quarter-glyph change costs a little, so a line keeps one shift unless its boxes say otherwise.
 */
export function alignCharsToCells(chars: OcrChar[], cells: GlyphCell[], lineHeight: number): number[] {
  const h = Math.max(1, lineHeight);
  const n = chars.length;
  const m = cells.length;
  const S = 2 * MAX_STEP + 1;
  // Skipping a real character is costly; skipping a stray mark OCR invented (” ' · from noise or a
  // stroke) is cheap, or every character after it would shift onto its neighbour's cell.
  const skipChar = (c: OcrChar) => (/[\p{Script=Han}\p{L}\p{N}]/u.test(c.text) ? 1.2 - Math.min(0.6, Math.max(0, 60 - c.confidence) / 50) : 0.3);
  const SKIP_CELL = 0.5;
  const at = (i: number, j: number, k: number) => (i * (m + 1) + j) * S + k;
  const cost = new Float64Array((n + 1) * (m + 1) * S).fill(Infinity);
  const from = new Int32Array((n + 1) * (m + 1) * S).fill(-1);
  const kind = new Uint8Array((n + 1) * (m + 1) * S);
  // The shift a line starts with is charged as before: an unshifted line stays as it is.
  for (let k = 0; k < S; k++) cost[at(0, 0, k)] = START_CHARGE * Math.abs(k - MAX_STEP);
  const cellC = cells.map((c) => (c.x0 + c.x1) / 2);
  const relax = (to: number, c: number, prev: number, mv: number) => {
    if (c < cost[to]) {
      cost[to] = c;
      from[to] = prev;
      kind[to] = mv;
    }
  };
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      for (let k = 0; k < S; k++) {
        const here = at(i, j, k);
        const c = cost[here];
        if (c === Infinity) continue;
        if (i < n && j < m) {
          const wide = chars[i].box[2] > 2.5 * h && [...chars[i].text].length === 1;
          const cc = chars[i].box[0] + chars[i].box[2] / 2;
          // A match may move the shift by a quarter glyph either way.
          for (let k2 = Math.max(0, k - 1); k2 <= Math.min(S - 1, k + 1); k2++) {
            const shift = (k2 - MAX_STEP) * 0.25 * h;
            // A box several glyphs wide for one character (学 over 学生毛勤) says nothing of where the
            // character is: its order alone places it.
            const d = (wide ? 0.6 : Math.min(2.5, Math.abs(cc + shift - cellC[j]) / h)) + misfit(chars[i].text, cells[j], h);
            relax(at(i + 1, j + 1, k2), c + d + DRIFT_CHARGE * Math.abs(k2 - k), here, 1);
          }
        }
        if (i < n) relax(at(i + 1, j, k), c + skipChar(chars[i]), here, 2);
        // A glyph-sized cell at either end of the line left without a character: OCR's line box
        // starts and ends at the ink, so a line read whole rarely leaves its first or last glyph out.
        if (j < m) relax(at(i, j + 1, k), c + ((j === 0 || j === m - 1) && cells[j].x1 - cells[j].x0 >= 0.6 * h ? 2 * SKIP_CELL : SKIP_CELL), here, 3);
      }
    }
  }
  const out = new Array<number>(n).fill(-1);
  let best = -1;
  for (let k = 0; k < S; k++) if (best < 0 || cost[at(n, m, k)] < cost[best]) best = at(n, m, k);
  for (let cur = best; cur >= 0 && from[cur] >= 0; cur = from[cur]) {
    if (kind[cur] !== 1) continue;
    const ij = Math.floor(cur / S);
    const i = Math.floor(ij / (m + 1));
    const j = ij % (m + 1);
    out[i - 1] = j - 1;
  }
  return out;
}

/**
 * What a cell's width says against the character put in it. Shifts of a whole glyph cannot be told
 * apart by position along an evenly set line; the widths can: a Chinese character does not fit a
 * sliver (the comma after it), and a comma or a stop does not fill a glyph-wide cell.
 */
function misfit(text: string, cell: GlyphCell, h: number): number {
  const w = cell.x1 - cell.x0;
  if (/\p{Script=Han}/u.test(text)) return w < 0.45 * h ? 0.5 : 0;
  if (/^[，。、；：,.;:]$/.test(text)) return w > 0.6 * h ? 0.4 : 0;
  return 0;
}

/** Largest shift tried, in quarter glyphs. */
const MAX_STEP = 6;
/** Charge per quarter glyph of the shift the line starts with. */
const START_CHARGE = 0.15;
/** Charge per quarter glyph the shift drifts between two matched characters. */
const DRIFT_CHARGE = 0.25;

/** Box around the ink of the given cells. */
export function cellsBox(cells: GlyphCell[]): Box | null {
  if (cells.length === 0) return null;
  const x0 = Math.min(...cells.map((c) => c.x0));
  const x1 = Math.max(...cells.map((c) => c.x1));
  const y0 = Math.min(...cells.map((c) => c.y0));
  const y1 = Math.max(...cells.map((c) => c.y1));
  return [x0, y0, x1 - x0, y1 - y0];
}
