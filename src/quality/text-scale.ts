import type { RawImage } from '../model/image.ts';
import { histogram, inkMask, otsu, percentile } from './raster.ts';

export interface TextScale {
  /** Typical height of a text line's ink, px (≈ the glyph height of Chinese text); 0 when no text. */
  glyphHeightPx: number;
  /** Number of text-line bands the estimate rests on. */
  bands: number;
  /** Ink threshold used, and the paper / ink grey levels it came from. */
  threshold: number;
  paper: number;
  ink: number;
  /** Share of ink that lies in horizontal line bands vs vertical ones: > 1 means lines run across. */
  horizontalness: number;
}

interface Band {
  size: number;
  ink: number;
}

/**
 * Bands of inked rows in narrow strips: in a strip a few characters wide, every text line is a run of
 * rows with ink, and its height is the glyph height. Rule lines (thin and dense) and pictures (tall)
 * are left out. Chinese glyphs are square, so the bands of a page turned 90° measure the same size.
 */
function bands(mask: Uint8Array, w: number, h: number, vertical: boolean): Band[] {
  const along = vertical ? h : w; // length of one row of the projection
  const across = vertical ? w : h; // number of positions projected
  const strips = Math.max(2, Math.min(12, Math.round(along / 300)));
  const stripLen = Math.floor(along / strips);
  const minInk = Math.max(2, Math.round(stripLen * 0.006));
  const out: Band[] = [];
  const counts = new Int32Array(across);
  for (let s = 0; s < strips; s++) {
    const a0 = s * stripLen;
    const a1 = a0 + stripLen;
    counts.fill(0);
    if (!vertical) {
      for (let y = 0; y < h; y++) {
        let c = 0;
        for (let x = a0, i = y * w + a0; x < a1; x++, i++) c += mask[i];
        counts[y] = c;
      }
    } else {
      for (let y = a0; y < a1; y++) for (let x = 0, i = y * w; x < w; x++, i++) counts[x] += mask[i];
    }
    // A rule line running along the strip inks every position by its width: take that as the floor.
    // Local (a window of ~1/12 page), because a table's rules stop where the table does.
    const floor = runningMin(counts, Math.max(8, Math.round(across / 24)));
    for (let p = 0; p < across; p++) counts[p] = Math.max(0, counts[p] - floor[p]);
    let start = -1;
    let ink = 0;
    for (let p = 0; p <= across; p++) {
      const on = p < across && counts[p] >= minInk;
      if (on) {
        if (start < 0) {
          start = p;
          ink = 0;
        }
        ink += counts[p];
      } else if (start >= 0) {
        const size = p - start;
        const density = ink / (size * stripLen);
        // keep text-like bands: not a thin dense rule, not a tall picture, not touching the edge
        if (size >= 4 && size <= across / 8 && density < 0.45 && start > 0 && p < across) out.push({ size, ink });
        start = -1;
      }
    }
  }
  return out;
}

function runningMin(a: Int32Array, radius: number): Int32Array {
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    let m = a[i];
    for (let j = Math.max(0, i - radius), e = Math.min(a.length - 1, i + radius); j <= e; j++) if (a[j] < m) m = a[j];
    out[i] = m;
  }
  return out;
}

function medianSize(bs: Band[]): number {
  if (bs.length === 0) return 0;
  const sorted = [...bs].sort((a, b) => a.size - b.size);
  // Each band counts once: a bold title has much ink but is one line of many.
  const total = sorted.length;
  let acc = 0;
  for (const b of sorted) {
    acc += 1;
    if (acc >= total / 2) return b.size;
  }
  return sorted[sorted.length - 1].size;
}

/** Measures the size of the text on a grey page, whatever its orientation. */
export function measureTextScale(g: RawImage): TextScale {
  const hist = histogram(g, 3);
  const paper = percentile(hist, 0.9);
  const ink = percentile(hist, 0.01);
  // Nearer the ink than the middle: blur greys the gaps between lines, and they must stay paper.
  const threshold = Math.min(otsu(hist), Math.round(ink + 0.4 * (paper - ink)));
  if (paper - ink < 30) return { glyphHeightPx: 0, bands: 0, threshold, paper, ink, horizontalness: 1 };
  const mask = inkMask(g, threshold);
  const hb = bands(mask, g.width, g.height, false);
  const vb = bands(mask, g.width, g.height, true);
  const hInk = hb.reduce((s, b) => s + b.ink, 0);
  const vInk = vb.reduce((s, b) => s + b.ink, 0);
  // Bands from the direction the lines run in are the cleaner ones; pool both when it is unclear.
  const use = hInk > 1.5 * vInk ? hb : vInk > 1.5 * hInk ? vb : [...hb, ...vb];
  return {
    glyphHeightPx: medianSize(use),
    bands: use.length,
    threshold,
    paper,
    ink,
    horizontalness: (hInk + 1) / (vInk + 1),
  };
}
