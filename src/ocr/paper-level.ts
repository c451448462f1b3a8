import type { RawImage } from '../model/image.ts';

/** The paper's grey level block by block: what "darker than the paper" means at each place. */
export interface PaperLevels {
  /** Block side, px. */
  block: number;
  cols: number;
  rows: number;
  /** Per block: the level 10 % of its pixels are brighter than. */
  level: Uint8Array;
  /** The paper level at a pixel. */
  at(x: number, y: number): number;
}

/**
 * Paper is not one grey on a photographed page: a shadow, a lamp's fall-off or the desk around the
 * sheet make a fixed threshold call whole regions ink. The level is taken in blocks of about 1/60 of
 * the page's short side (a glyph or two), where the brightest tenth of the pixels is the paper.
 */
export function paperLevels(g: RawImage): PaperLevels {
  const { width: w, height: h, data } = g;
  const B = Math.max(16, Math.round(Math.min(w, h) / 60));
  const cols = Math.ceil(w / B);
  const rows = Math.ceil(h / B);
  const level = new Uint8Array(cols * rows);
  const counts = new Uint32Array(256);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      counts.fill(0);
      let n = 0;
      for (let y = by * B; y < Math.min(h, by * B + B); y += 2) {
        for (let x = bx * B, i = y * w + x; x < Math.min(w, bx * B + B); x += 2, i += 2) {
          counts[data[i]]++;
          n++;
        }
      }
      let acc = 0;
      let v = 255;
      for (; v > 0; v--) if ((acc += counts[v]) >= 0.1 * n) break;
      level[by * cols + bx] = v;
    }
  }
  return { block: B, cols, rows, level, at: (x, y) => level[Math.floor(y / B) * cols + Math.floor(x / B)] };
}

/**
 * Pixels (1) more than `by` darker than the paper where they are (block by block), never counting
 * above 215 or requiring below 60.
 */
export function darkerThanPaper(grey: RawImage, paper: PaperLevels, by: number): Uint8Array {
  const { width: w, height: h, data } = grey;
  const out = new Uint8Array(w * h);
  for (let by0 = 0; by0 < paper.rows; by0++) {
    for (let bx = 0; bx < paper.cols; bx++) {
      const threshold = Math.max(60, Math.min(215, paper.level[by0 * paper.cols + bx] - by));
      const x1 = Math.min(w, (bx + 1) * paper.block);
      for (let y = by0 * paper.block; y < Math.min(h, (by0 + 1) * paper.block); y++) {
        for (let x = bx * paper.block, i = y * w + x; x < x1; x++, i++) out[i] = data[i] <= threshold ? 1 : 0;
      }
    }
  }
  return out;
}
