import type { Box } from '../../model/geometry.ts';
import type { RawImage } from '../../model/image.ts';
import { inkThreshold } from './glyph-cells.ts';
import type { LineTokens } from './line-tokens.ts';

/**
 * The ink right of a label that OCR could not read (a handwritten signature): from the label's end,
 * the first inked columns within a few glyphs, extended while the gaps stay small, and as tall as the
 * strokes go (signatures are larger than print). Stops at the next printed word OCR did read.
 * `dotted`: the applicant's name has a middle dot, and a speck in a wider gap may be it.
 */
export function inkBlobRightOf(grey: RawImage, lt: LineTokens, labelEnd: number, valueEnd = labelEnd, dotted = false): Box | null {
  const h = lt.h;
  const last = lt.tokens[labelEnd - 1];
  if (!last) return null;
  let x0 = Math.round(last.box[0] + last.box[2] + 0.15 * h);
  // Skip a colon or bracket OCR did read.
  for (let i = labelEnd; i < lt.tokens.length && /[：:（）()]/.test(lt.tokens[i].ch); i++) x0 = Math.round(lt.tokens[i].box[0] + lt.tokens[i].box[2] + 0.1 * h);
  // The next word OCR read after the value (a date, another field) ends the signature.
  // Stray marks OCR made of the handwriting itself sit close to it; a real next word stands apart.
  const nextPrinted = lt.tokens.find((t, i) => i >= valueEnd && i > 0 && t.box[0] > x0 + 0.5 * h && !/[：:（）()]/.test(t.ch) && t.box[0] - (lt.tokens[i - 1].box[0] + lt.tokens[i - 1].box[2]) >= h);
  // A long minority name signed by hand runs to ten print glyphs and more (达吾列提·哈力克, 348 px at
  // 24-px print); the gaps, not this reach, end a signature.
  const xMax = Math.min(grey.width, nextPrinted ? Math.round(nextPrinted.box[0] - 0.1 * h) : Math.round(x0 + 14 * h));
  const cy = lt.line.box[1] + lt.line.box[3] / 2;
  const y0 = Math.max(0, Math.round(cy - 1.4 * h));
  const y1 = Math.min(grey.height, Math.round(cy + 1.4 * h));
  if (xMax - x0 < h || y1 <= y0) return null;
  // Pen ink is dark; what a red seal leaves after its red is lifted out (JPEG specks at its strokes,
  // 150–200 grey) is not, and with a loose threshold it chains into a blob as wide as the seal.
  const thr = Math.min(inkThreshold(grey, [x0, y0, xMax - x0, y1 - y0]), 130);
  // A column is inked when a stroke crosses it, not a speck.
  const minInk = Math.max(2, Math.round(0.06 * h));
  const cols = inkColumns(grey, x0, y0, xMax, y1, thr);
  let start = -1;
  let end = -1;
  let lastInk = -1;
  // A minority name's middle dot, signed, is a speck between its two parts a glyph and more apart.
  let dotSeen = false;
  for (let i = 0; i < cols.length; i++) {
    if (cols[i] < minInk) continue;
    if (start < 0) {
      if (i > 3 * h) return null; // nothing near the label
      start = i;
    } else {
      // A signature's characters stand closer than a glyph apart; across a wider gap only a stroke
      // (many inked pixels in the column) continues it, never a speck the seal left behind.
      const gap = i - lastInk;
      if (gap > (dotted && dotSeen ? 1.8 * h : h)) break;
      if (gap > 0.3 * h && cols[i] < 0.15 * h) {
        dotSeen = true;
        continue;
      }
    }
    dotSeen = false;
    lastInk = i;
    end = i + 1;
  }
  if (start < 0 || end - start < 0.3 * h) return null;
  // The rows of that ink, in runs (a glyph's own gaps bridged); the runs that reach into the line
  // OCR read are the signature. A date line or a word above, a gap away, is not part of it.
  const runs: Array<[number, number]> = [];
  const bridge = Math.max(2, Math.round(0.33 * h));
  for (let y = y0; y < y1; y++) {
    let n = 0;
    for (let x = x0 + start; x < x0 + end; x++) if (grey.data[y * grey.width + x] <= thr) n++;
    if (n < 2) continue;
    const last = runs[runs.length - 1];
    if (last && y - last[1] < bridge) last[1] = y + 1;
    else runs.push([y, y + 1]);
  }
  const [ly0, ly1] = [lt.line.box[1], lt.line.box[1] + lt.line.box[3]];
  const own = runs.filter(([a, b]) => a < ly1 && b > ly0);
  const rows = own.length ? own : runs;
  if (!rows.length) return null;
  const top = Math.min(...rows.map((r) => r[0]));
  const bottom = Math.max(...rows.map((r) => r[1]));
  return [x0 + start, top, end - start, bottom - top];
}

/**
 * The first run of text-like ink in `band`, starting left of `startBy`: columns with ink, joined
 * across gaps of less than a glyph `h`; of its rows, the lowest run a glyph tall (the band may reach
 * into the line above). For a value OCR did not read at all, found by its place. Null when nothing
 * stands there.
 */
export function inkRunIn(grey: RawImage, band: Box, startBy: number, h: number): Box | null {
  const r = bandColumns(grey, band[0], band[1], band[0] + band[2], band[1] + band[3], h);
  if (!r) return null;
  const { x0, y0, y1, thr, minInk, cols } = r;
  let start = -1;
  let end = -1;
  for (let i = 0; i < cols.length; i++) {
    if (cols[i] < minInk) continue;
    if (start < 0) {
      if (x0 + i > startBy) return null;
      start = i;
    } else if (i - end > h) break;
    end = i + 1;
  }
  if (start < 0 || end - start < 0.6 * h) return null;
  // Rows of that ink, in runs; the lowest run of glyph height is the line just above 性别.
  const inkRows: boolean[] = [];
  for (let y = y0; y < y1; y++) {
    let n = 0;
    for (let xx = x0 + start; xx < x0 + end; xx++) if (grey.data[y * grey.width + xx] <= thr) n++;
    inkRows.push(n >= 2);
  }
  let top = -1;
  let bottom = -1;
  for (let r = inkRows.length - 1; r >= 0; r--) {
    if (inkRows[r] && bottom < 0) bottom = r + 1;
    // A glyph's strokes leave gaps of a few rows; a gap of a third of a glyph ends the line.
    if (bottom >= 0 && !inkRows.slice(Math.max(0, r - Math.round(0.33 * h)), r + 1).some(Boolean)) {
      if (bottom - (r + 1) >= 0.5 * h) break;
      bottom = -1;
      continue;
    }
    if (bottom >= 0) top = r;
  }
  if (top < 0 || bottom - top < 0.5 * h) return null;
  top += y0;
  bottom += y0;
  const pad = Math.round(0.15 * h);
  return [x0 + start - pad, top - pad, end - start + 2 * pad, bottom - top + 2 * pad];
}

/**
 * The run of ink nearest `edge` going `dir` (left or right) within `reach` glyphs, on the rows of
 * `band` (a line's height): inked columns joined across gaps under 2.2 glyphs (a letter-spaced name,
 * 邝　宇, in a brush face), ended by a wider gap (a cell's padding and its rule). For a value OCR read
 * in part or not at all beside a field it did read (×× | 性别; 姓名 | 让 for 邝　宇). Null when nothing
 * stands there.
 */
export function inkRunFrom(grey: RawImage, band: Box, edge: number, dir: -1 | 1, reach: number, h: number): Box | null {
  const r = bandColumns(grey, dir < 0 ? edge - reach * h : edge, band[1], dir < 0 ? edge : edge + reach * h, band[1] + band[3], h);
  if (!r) return null;
  const { x0, y0, y1, thr, minInk, cols } = r;
  // a: the end nearest the edge, b: the far end of the run (column indices).
  let a = -1;
  let b = -1;
  for (let k = 0; k < cols.length; k++) {
    const i = dir < 0 ? cols.length - 1 - k : k;
    if (cols[i] < minInk) continue;
    if (a < 0) a = i;
    else if (Math.abs(i - b) > 2.2 * h) break;
    b = i;
  }
  if (a < 0) return null;
  const start = Math.min(a, b);
  const end = Math.max(a, b) + 1;
  if (end - start < 0.6 * h) return null;
  let top = y1;
  let bottom = y0;
  for (let y = y0; y < y1; y++) {
    let n = 0;
    for (let x = x0 + start; x < x0 + end; x++) if (grey.data[y * grey.width + x] <= thr) n++;
    if (n >= 2) (top = Math.min(top, y)), (bottom = Math.max(bottom, y + 1));
  }
  if (bottom - top < 0.4 * h) return null;
  const pad = Math.round(0.15 * h);
  return [x0 + start - pad, top - pad, end - start + 2 * pad, bottom - top + 2 * pad];
}

/**
 * A band of a line clipped to the page, its ink threshold, the least ink a column needs to count as
 * inked (a stroke, not a speck), and the ink per column. Null when the band is under a glyph wide or
 * half a glyph high.
 */
function bandColumns(grey: RawImage, bx0: number, by0: number, bx1: number, by1: number, h: number) {
  const x0 = Math.max(0, Math.round(bx0));
  const y0 = Math.max(0, Math.round(by0));
  const x1 = Math.min(grey.width, Math.round(bx1));
  const y1 = Math.min(grey.height, Math.round(by1));
  if (x1 - x0 < h || y1 - y0 < 0.5 * h) return null;
  const thr = Math.min(inkThreshold(grey, [x0, y0, x1 - x0, y1 - y0]), 140);
  return { x0, y0, y1, thr, minInk: Math.max(2, Math.round(0.08 * h)), cols: inkColumns(grey, x0, y0, x1, y1, thr) };
}

/** Ink pixels (≤ thr) per column of the region [x0, x1) × [y0, y1). */
function inkColumns(grey: RawImage, x0: number, y0: number, x1: number, y1: number, thr: number): Uint16Array {
  const cols = new Uint16Array(Math.max(0, x1 - x0));
  for (let y = y0; y < y1; y++) for (let x = x0, i = y * grey.width + x0; x < x1; x++, i++) if (grey.data[i] <= thr) cols[x - x0]++;
  return cols;
}

/**
 * The line of ink at a place known from a page's layout, not from OCR: on the rows around `yc`
 * (± `reach` above and below), the first run of inked columns in [xFrom, xTo) that starts left of
 * `startBy`, joined across gaps up to `maxGap`; then, over those columns, the run of inked rows
 * (gaps under a third of a glyph `h` bridged) nearest `yc` within [yc − up, yc + down), and the
 * columns measured again over those rows. Null when nothing glyph-like stands there, or when the
 * ink is solid (a photo, a filled shape) rather than strokes.
 */
export function inkLineAt(
  grey: RawImage,
  o: { xFrom: number; xTo: number; yc: number; reach: number; up: number; down: number; startBy: number; maxGap: number; h: number },
): Box | null {
  const { h } = o;
  const core = bandColumns(grey, o.xFrom, o.yc - o.reach, o.xTo, o.yc + o.reach, h);
  if (!core) return null;
  const run = (cols: Uint16Array, x0: number, minInk: number): [number, number] | null => {
    let start = -1;
    let end = -1;
    for (let i = 0; i < cols.length; i++) {
      if (cols[i] < minInk) continue;
      if (start < 0) {
        if (x0 + i > o.startBy) return null;
        start = i;
      } else if (i - end > o.maxGap) break;
      end = i + 1;
    }
    return start < 0 ? null : [x0 + start, x0 + end];
  };
  const first = run(core.cols, core.x0, core.minInk);
  if (!first || first[1] - first[0] < 0.6 * h) return null;
  const { thr } = core;
  // Rows of that ink, in runs; the run nearest yc.
  const y0 = Math.max(0, Math.round(o.yc - o.up));
  const y1 = Math.min(grey.height, Math.round(o.yc + o.down));
  const inked: boolean[] = [];
  for (let y = y0; y < y1; y++) {
    let n = 0;
    for (let x = first[0]; x < first[1]; x++) if (grey.data[y * grey.width + x] <= thr) n++;
    inked.push(n >= 2);
  }
  const runs: Array<[number, number]> = [];
  const bridge = Math.max(1, Math.round(0.33 * h));
  for (let r = 0; r < inked.length; r++) {
    if (!inked[r]) continue;
    const last = runs[runs.length - 1];
    if (last && r - last[1] < bridge) last[1] = r + 1;
    else runs.push([r, r + 1]);
  }
  const rc = o.yc - y0;
  const dist = (a: [number, number]) => (rc < a[0] ? a[0] - rc : rc >= a[1] ? rc - a[1] + 1 : 0);
  const rows = runs.filter((a) => a[1] - a[0] >= 0.4 * h).sort((a, b) => dist(a) - dist(b))[0];
  if (!rows || dist(rows) > o.reach) return null;
  const top = y0 + rows[0];
  const bottom = y0 + rows[1];
  if (bottom - top < 0.5 * h || bottom - top > 2 * h) return null;
  // The columns again over the line's own rows (a glyph's top or foot outside the core rows).
  const x0 = Math.max(0, Math.round(o.xFrom));
  const x1 = Math.min(grey.width, Math.round(o.xTo));
  const cols = inkColumns(grey, x0, top, x1, bottom, thr);
  const again = run(cols, x0, core.minInk) ?? first;
  const left = Math.min(again[0], first[0]);
  const right = Math.max(again[1], first[1]);
  // Strokes leave most of a line's box blank; a photo's hair or a filled shape does not.
  let ink = 0;
  for (let y = top; y < bottom; y++) for (let x = left; x < right; x++) if (grey.data[y * grey.width + x] <= thr) ink++;
  if (ink > 0.6 * (bottom - top) * (right - left)) return null;
  const pad = Math.round(0.15 * h);
  return [left - pad, top - pad, right - left + 2 * pad, bottom - top + 2 * pad];
}

/**
 * The bounding box of the pen ink in `box` grown by `grow` on every side: the whole of a line of
 * handwriting whose cells OCR placed too tight (a brush hand's strokes reach past the line box).
 * Null when no ink is there.
 */
export function inkExtent(grey: RawImage, box: Box, grow: number): Box | null {
  const x0 = Math.max(0, Math.round(box[0] - grow));
  const y0 = Math.max(0, Math.round(box[1] - grow));
  const x1 = Math.min(grey.width, Math.round(box[0] + box[2] + grow));
  const y1 = Math.min(grey.height, Math.round(box[1] + box[3] + grow));
  if (x1 <= x0 || y1 <= y0) return null;
  const thr = Math.min(inkThreshold(grey, [x0, y0, x1 - x0, y1 - y0]), 130);
  const cols = inkColumns(grey, x0, y0, x1, y1, thr);
  let left = -1;
  let right = -1;
  for (let i = 0; i < cols.length; i++) if (cols[i] >= 2) (left = left < 0 ? i : left), (right = i + 1);
  if (left < 0) return null;
  let top = -1;
  let bottom = -1;
  for (let y = y0; y < y1; y++) {
    let n = 0;
    for (let x = x0 + left; x < x0 + right; x++) if (grey.data[y * grey.width + x] <= thr) n++;
    if (n >= 2) (top = top < 0 ? y : top), (bottom = y + 1);
  }
  if (top < 0) return null;
  return [x0 + left, top, right - left, bottom - top];
}
