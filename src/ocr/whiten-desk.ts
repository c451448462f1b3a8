import type { RawImage } from '../model/image.ts';
import { paperLevels, type PaperLevels } from './paper-level.ts';

/**
 * A page photographed on a desk: round the sheet, a dark surround reaching the image's edges. Left in
 * the grey the OCR reads, tesseract takes the page for a picture with a little text in it: on a paper
 * photographed at an angle it read 8 lines of 60, and not the byline. The surround is told by the
 * paper's level (paper-level.ts: the brightest tenth of each block of ~1/60 of the page): blocks far
 * darker than the page's paper, joined to the image's edge, are the desk. They are painted the paper's
 * grey, and so is the dark edge of the desk inside the blocks along the sheet's border. Dark blocks
 * inside the sheet (a photo, a QR code, a coloured header) do not touch the edge through the desk and
 * stay as they are.
 */
const DESK_OF_PAPER = 0.5;
/** Less than this share of the page's blocks is desk: a scan's shadowed margin, not a photo's desk. */
const MIN_DESK_SHARE = 0.02;

/** `paper`: the page's paper levels when the caller has them (a frame painted out does not move them). */
export function whitenDesk(grey: RawImage, paper: PaperLevels = paperLevels(grey)): RawImage {
  const { cols, rows, level, block } = paper;
  const sorted = [...level].sort((a, b) => a - b);
  const page = sorted[Math.floor(0.9 * (sorted.length - 1))];
  const deskBelow = Math.max(40, DESK_OF_PAPER * page);
  // Flood from the image's edge over dark blocks.
  const desk = new Uint8Array(cols * rows);
  const stack: number[] = [];
  const push = (k: number) => {
    if (!desk[k] && level[k] < deskBelow) {
      desk[k] = 1;
      stack.push(k);
    }
  };
  for (let x = 0; x < cols; x++) push(x), push((rows - 1) * cols + x);
  for (let y = 0; y < rows; y++) push(y * cols), push(y * cols + cols - 1);
  let n = 0;
  while (stack.length) {
    const k = stack.pop()!;
    n++;
    const x = k % cols;
    const y = (k - x) / cols;
    if (x > 0) push(k - 1);
    if (x < cols - 1) push(k + 1);
    if (y > 0) push(k - cols);
    if (y < rows - 1) push(k + cols);
  }
  if (n < MIN_DESK_SHARE * cols * rows) return grey;
  // The paint: the sheet's own typical paper, not the brightest blocks' — a page straightened onto a
  // white canvas, or with white painted over its rules, has a tenth of its blocks at 255, and a desk
  // painted white round a grey sheet made tesseract take the sheet for a picture (a photographed
  // diploma read as 3 lines of 7, seed 9005).
  const sheet = [...level].filter((_, k) => !desk[k]).sort((a, b) => a - b);
  const paint = sheet.length ? sheet[Math.floor(sheet.length / 2)] : page;
  const { width: w, height: h } = grey;
  const out = Buffer.from(grey.data);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const k = by * cols + bx;
      let threshold: number;
      if (desk[k]) threshold = 256; // all of it
      else {
        // A block of the sheet beside the desk: its pixels as dark as the desk are the desk's edge.
        let besideDesk = false;
        for (let j = Math.max(0, by - 1); j <= Math.min(rows - 1, by + 1) && !besideDesk; j++)
          for (let i = Math.max(0, bx - 1); i <= Math.min(cols - 1, bx + 1); i++) if (desk[j * cols + i]) besideDesk = true;
        if (!besideDesk) continue;
        threshold = deskBelow;
      }
      const x1 = Math.min(w, (bx + 1) * block);
      for (let y = by * block; y < Math.min(h, (by + 1) * block); y++)
        for (let x = bx * block, i = y * w + x; x < x1; x++, i++) if (out[i] < threshold) out[i] = paint;
    }
  }
  return { ...grey, data: out };
}
