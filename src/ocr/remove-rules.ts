import type { RawImage } from '../model/image.ts';

/**
 * Anything clearly darker than the paper can be part of a rule, faint anti-aliased edges included
 * (left behind, they still join table rows into one line for tesseract). Paper is the 90th
 * percentile of the page's grey levels.
 */
function ruleThreshold(grey: RawImage): number {
  const hist = new Uint32Array(256);
  const step = Math.max(1, Math.floor(grey.data.length / 200_000));
  let n = 0;
  for (let i = 0; i < grey.data.length; i += step, n++) hist[grey.data[i]]++;
  let acc = 0;
  let paper = 255;
  for (let v = 0; v < 256; v++) {
    acc += hist[v];
    if (acc >= 0.9 * n) {
      paper = v;
      break;
    }
  }
  return Math.max(60, Math.min(215, paper - 25));
}

/**
 * Whitens the long thin lines of forms and tables (and the ______ to write on). Tesseract takes a
 * ruled table for one block of strange text, and glyph cells cannot be cut where a rule runs through
 * a line of text. A rule is a dark run much longer than any stroke of a character, and thin.
 */
export function removeRules(grey: RawImage, threshold = ruleThreshold(grey)): RawImage {
  const { width, height } = grey;
  const src = grey.data;
  const minRun = Math.max(60, Math.round(0.025 * Math.max(width, height)));
  const maxThick = Math.max(4, Math.round(0.003 * Math.max(width, height)));
  const mark = new Uint8Array(width * height);

  // Horizontal runs.
  for (let y = 0; y < height; y++) {
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const dark = x < width && src[y * width + x] <= threshold;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        if (x - start >= minRun) mark.fill(1, y * width + start, y * width + x);
        start = -1;
      }
    }
  }
  // Vertical runs.
  for (let x = 0; x < width; x++) {
    let start = -1;
    for (let y = 0; y <= height; y++) {
      const dark = y < height && src[y * width + x] <= threshold;
      if (dark && start < 0) start = y;
      if (!dark && start >= 0) {
        if (y - start >= minRun) for (let k = start; k < y; k++) mark[k * width + x] |= 2;
        start = -1;
      }
    }
  }
  const out = Buffer.from(src);
  let removed = 0;
  // Only thin marked bands are rules; a thick one is a filled shape or a bold heading stroke.
  for (let x = 0; x < width; x++) {
    let start = -1;
    for (let y = 0; y <= height; y++) {
      const m = y < height && (mark[y * width + x] & 1) !== 0;
      if (m && start < 0) start = y;
      if (!m && start >= 0) {
        if (y - start <= maxThick) for (let k = start; k < y; k++) (out[k * width + x] = 255), removed++;
        start = -1;
      }
    }
  }
  for (let y = 0; y < height; y++) {
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const m = x < width && (mark[y * width + x] & 2) !== 0;
      if (m && start < 0) start = x;
      if (!m && start >= 0) {
        if (x - start <= maxThick) out.fill(255, y * width + start, y * width + x), (removed += x - start);
        start = -1;
      }
    }
  }
  return removed ? { data: out, width, height, channels: 1 } : grey;
}
