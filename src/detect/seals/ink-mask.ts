/**
 * Seal ink at a coarse working resolution. A seal is 40 mm across, so a grid of ~1 mm cells keeps
 * its ring (1.2 mm wide) while turning a page into a few hundred thousand cells: cheap to search.
 */
import type { RawImage } from '../../model/image.ts';

export interface InkGrid {
  /** 1 where the cell holds seal-like ink. */
  mask: Uint8Array;
  width: number;
  height: number;
  /** Page pixels per cell side. */
  cell: number;
  /** Share of page pixels that are clearly chromatic: ~0 on a grey-scale scan. */
  chromaShare: number;
  /**
   * 1 where a filled area (an ID photo's background, a red block) was cleared from the mask: what
   * lies there is unknown, as off the page — a seal stamped across a photo's corner, or under a
   * photo pasted on later, has no ring to be seen there, not a gap in it.
   */
  hidden?: Uint8Array;
}

/**
 * How red a pixel is: red minus the larger of green and blue. Dark pixels (text under the ink)
 * do not count: multiplied red over black is black, and JPEG fringes around black text are dark.
 */
export function redness(r: number, g: number, b: number): number {
  if (r < 105) return 0;
  return r - Math.max(g, b);
}

/** Red-ink threshold: faded pink #e8a0a8 printed at 60 % still gives ~30; JPEG chroma noise < 15. */
export const RED_MIN = 22;

/**
 * Cells in which at least `minShare` of the pixels are red ink. Counting pixels instead of averaging
 * colour keeps thin faded strokes, and a share (not a single pixel) ignores JPEG colour speckle.
 */
export function redInkGrid(page: RawImage, cell: number, minShare = 0.1): InkGrid {
  if (page.channels !== 3) throw new Error('redInkGrid needs an RGB page');
  const { width: W, height: H, data } = page;
  const gw = Math.ceil(W / cell);
  const gh = Math.ceil(H / cell);
  const counts = new Uint16Array(gw * gh);
  let chromatic = 0;
  for (let y = 0; y < H; y++) {
    const row = Math.floor(y / cell) * gw;
    let i = y * W * 3;
    for (let x = 0; x < W; x++, i += 3) {
      const r = data[i];
      const g = data[i + 1];
      const b = data[i + 2];
      const red = redness(r, g, b);
      if (red >= RED_MIN) counts[row + ((x / cell) | 0)]++;
      const mx = r > g ? (r > b ? r : b) : g > b ? g : b;
      const mn = r < g ? (r < b ? r : b) : g < b ? g : b;
      if (mx - mn > 40) chromatic++;
    }
  }
  const mask = new Uint8Array(gw * gh);
  for (let gy = 0; gy < gh; gy++) {
    const ch = Math.min(cell, H - gy * cell);
    for (let gx = 0; gx < gw; gx++) {
      const cw = Math.min(cell, W - gx * cell);
      if (counts[gy * gw + gx] >= Math.max(1, minShare * cw * ch)) mask[gy * gw + gx] = 1;
    }
  }
  return { mask, width: gw, height: gh, cell, chromaShare: chromatic / (W * H) };
}

/**
 * Cells of mid-grey ink, for grey-scale scans where a seal is only a grey ring: the seal prints
 * lighter than black text, so cells whose typical ink is mid-grey (not black, not paper) are kept.
 */
export function greyInkGrid(page: RawImage, cell: number, minShare = 0.12): InkGrid {
  const { width: W, height: H, data, channels } = page;
  const gw = Math.ceil(W / cell);
  const gh = Math.ceil(H / cell);
  const mid = new Uint16Array(gw * gh);
  const dark = new Uint16Array(gw * gh);
  for (let y = 0; y < H; y++) {
    const row = Math.floor(y / cell) * gw;
    let i = y * W * channels;
    for (let x = 0; x < W; x++, i += channels) {
      const v = channels === 3 ? (data[i] * 77 + data[i + 1] * 150 + data[i + 2] * 29) >> 8 : data[i];
      const k = row + ((x / cell) | 0);
      if (v < 70) dark[k]++;
      else if (v < 200) mid[k]++;
    }
  }
  const mask = new Uint8Array(gw * gh);
  for (let k = 0; k < mask.length; k++) {
    // Antialiased edges of black text are mid-grey too, but always next to black pixels.
    if (mid[k] >= minShare * cell * cell && mid[k] > 2 * dark[k]) mask[k] = 1;
  }
  return { mask, width: gw, height: gh, cell, chromaShare: 0 };
}

/**
 * Cells holding thick ink, for grey-scale scans: pixels darker than the paper by a margin, kept
 * where a (2·radius+1)² square around them is ink throughout. A seal's ring (~1.2 mm, 10 px at
 * 200 dpi) survives; print strokes (0.3–0.5 mm), even blurred to mid-grey, do not. Unlike
 * greyInkGrid this does not depend on the seal printing lighter than the text: a crimson seal
 * turns as dark as print in grey, and a blurred page's print as light as a seal.
 */
export function thickInkGrid(page: RawImage, cell: number, radius = 3, minShare = 0.06): InkGrid {
  const { width: W, height: H, data, channels } = page;
  const lum = new Uint8Array(W * H);
  const hist = new Uint32Array(256);
  for (let k = 0, i = 0; k < W * H; k++, i += channels) {
    const v = channels === 3 ? (data[i] * 77 + data[i + 1] * 150 + data[i + 2] * 29) >> 8 : data[i];
    lum[k] = v;
    hist[v]++;
  }
  // Paper: the 70th percentile of the page (most of a page is paper).
  let acc = 0;
  let paper = 255;
  for (let v = 0; v < 256; v++) {
    acc += hist[v];
    if (acc >= 0.7 * W * H) {
      paper = v;
      break;
    }
  }
  const inkT = paper - 40;
  // Erosion by a square, separably: the run of ink along the row, then along the column.
  const side = 2 * radius + 1;
  const rowRun = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    let run = 0;
    for (let x = 0; x < W; x++) {
      run = lum[y * W + x] < inkT ? run + 1 : 0;
      // Ink throughout the `side` pixels ending at x: centre x - radius is eroded ink in this row.
      if (run >= side) rowRun[y * W + x - radius] = 1;
    }
  }
  const gw = Math.ceil(W / cell);
  const gh = Math.ceil(H / cell);
  const counts = new Uint16Array(gw * gh);
  for (let x = 0; x < W; x++) {
    let run = 0;
    for (let y = 0; y < H; y++) {
      run = rowRun[y * W + x] ? run + 1 : 0;
      if (run >= side) {
        const yc = y - radius;
        counts[Math.floor(yc / cell) * gw + Math.floor(x / cell)]++;
      }
    }
  }
  const mask = new Uint8Array(gw * gh);
  const need = Math.max(1, Math.round(minShare * cell * cell));
  for (let k = 0; k < mask.length; k++) if (counts[k] >= need) mask[k] = 1;
  return { mask, width: gw, height: gh, cell, chromaShare: 0 };
}
