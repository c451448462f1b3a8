import { intersect, type Box } from '../model/geometry.ts';
import type { RawImage } from '../model/image.ts';
import type { OcrEngine, OcrLine, OcrPage } from '../model/ocr.ts';
import { readCropAsLine } from './read-crop.ts';
import { pageConfidence } from './tesseract-engine.ts';
import { paperLevels } from './paper-level.ts';

/** A reading of a crop is kept from this confidence on: below it, it is mostly noise read as text. */
const MIN_CONFIDENCE = 55;

/**
 * Tesseract's page layout sometimes drops a whole text block: a name in a table cell beside a photo,
 * a value far from its label, a handwritten signature. Those are exactly where names are. Here the
 * page's ink is searched for line-shaped runs of text no OCR line covers, and each is read on its own
 * as a single line, enlarged to a comfortable glyph size. At most `maxRegions` a page (largest first),
 * so a page of graphics does not cost a hundred OCR calls.
 */
export async function readMissedInk(grey: RawImage, page: OcrPage, engine: OcrEngine, glyphPx: number, maxRegions = 8): Promise<OcrPage> {
  const h = Math.max(8, glyphPx);
  // Crisp ink first; then what only the paper-relative level shows (faint, blurred strokes), where
  // it does not overlap: the lighter level also takes in a seal's ring, and a signature under the
  // seal joined to it is no longer line-shaped.
  const crisp = missedTextRegions(grey, page, h, 'fixed');
  const faint = missedTextRegions(grey, page, h, 'paper').filter((r) => !crisp.some((c) => intersect(c, r)));
  const regions = [...crisp, ...faint].slice(0, maxRegions);
  if (regions.length === 0) return page;
  const added: OcrLine[] = [];
  for (const r of regions) {
    const chars = await readCropAsLine(grey, r, engine);
    if (!chars) continue;
    const han = chars.filter((ch) => /[\u3400-\u9fff]/u.test(ch.text));
    if (han.length === 0) continue;
    const confidence = chars.reduce((s, ch) => s + ch.confidence, 0) / chars.length;
    if (confidence < MIN_CONFIDENCE) continue;
    const x0 = Math.min(...chars.map((ch) => ch.box[0]));
    const y0 = Math.min(...chars.map((ch) => ch.box[1]));
    const x1 = Math.max(...chars.map((ch) => ch.box[0] + ch.box[2]));
    const y1 = Math.max(...chars.map((ch) => ch.box[1] + ch.box[3]));
    added.push({ text: chars.map((ch) => ch.text).join(' '), confidence, box: [x0, y0, x1 - x0, y1 - y0], chars });
  }
  if (added.length === 0) return page;
  const lines = [...page.lines, ...added].sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
  return { ...page, lines, confidence: pageConfidence(lines) };
}

/**
 * What counts as ink. 'fixed': darker than 110, the level crisp print reaches (whether small text
 * went unread). 'paper': darker than 0.65 of the paper's own level where it is — on a blurred
 * photograph (paper ~215, strokes 60–150) the strokes of a line OCR dropped (姓名 薛兴 on a
 * certificate) hardly reach 110 at all.
 */
export type InkLevel = 'fixed' | 'paper';
const FIXED_INK = 110;
const INK_OF_PAPER = 0.65;

/**
 * Line-shaped regions of ink that no OCR line covers, in page pixels, largest first. The page is
 * looked at in blocks of about an eighth of a glyph; inked blocks outside the read lines are joined
 * along the row across gaps narrower than a glyph (the run-length smearing of document layout
 * analysis), and each connected run one to two and a half glyphs high becomes a region.
 */
export function missedTextRegions(grey: RawImage, page: OcrPage, h: number, inkLevel: InkLevel = 'fixed'): Box[] {
  const s = Math.max(1, Math.round(h / 8));
  const W = Math.ceil(grey.width / s);
  const H = Math.ceil(grey.height / s);
  const ink = new Uint8Array(W * H);
  const paper = inkLevel === 'paper' ? paperLevels(grey) : null;
  for (let y = 0; y < grey.height; y++) {
    const row = y * grey.width;
    const by = Math.floor(y / s) * W;
    for (let x = 0; x < grey.width; x++) {
      const thr = paper ? INK_OF_PAPER * paper.at(x, y) : FIXED_INK;
      if (grey.data[row + x] < thr) ink[by + Math.floor(x / s)] = 1;
    }
  }
  // What OCR read already (a little beyond its boxes) is not looked at again.
  for (const l of page.lines) {
    const pad = 0.3 * h;
    const bx0 = Math.max(0, Math.floor((l.box[0] - pad) / s));
    const by0 = Math.max(0, Math.floor((l.box[1] - pad) / s));
    const bx1 = Math.min(W, Math.ceil((l.box[0] + l.box[2] + pad) / s));
    const by1 = Math.min(H, Math.ceil((l.box[1] + l.box[3] + pad) / s));
    for (let y = by0; y < by1; y++) ink.fill(0, y * W + bx0, y * W + bx1);
  }
  // Join along rows across gaps narrower than a glyph.
  const smear = new Uint8Array(ink);
  const gap = Math.round((1.4 * h) / s);
  for (let y = 0; y < H; y++) {
    let last = -1;
    for (let x = 0; x < W; x++) {
      if (!ink[y * W + x]) continue;
      if (last >= 0 && x - last > 1 && x - last <= gap) smear.fill(1, y * W + last + 1, y * W + x);
      last = x;
    }
  }
  // Connected runs.
  const seen = new Uint8Array(W * H);
  const out: Array<{ box: Box; area: number }> = [];
  const stack: number[] = [];
  for (let start = 0; start < W * H; start++) {
    if (!smear[start] || seen[start]) continue;
    let x0 = W, y0 = H, x1 = 0, y1 = 0, inked = 0, n = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % W;
      const y = (p - x) / W;
      n++;
      if (ink[p]) inked++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (x > 0 && smear[p - 1] && !seen[p - 1]) (seen[p - 1] = 1), stack.push(p - 1);
      if (x < W - 1 && smear[p + 1] && !seen[p + 1]) (seen[p + 1] = 1), stack.push(p + 1);
      if (y > 0 && smear[p - W] && !seen[p - W]) (seen[p - W] = 1), stack.push(p - W);
      if (y < H - 1 && smear[p + W] && !seen[p + W]) (seen[p + W] = 1), stack.push(p + W);
    }
    const bw = (x1 - x0 + 1) * s;
    const bh = (y1 - y0 + 1) * s;
    // Text: two glyphs or more wide (a name has two), one to two and a half glyphs high, neither a
    // speck nor a solid block.
    if (bh < 0.6 * h || bh > 2.5 * h || bw < 1.5 * h) continue;
    const fill = inked / n;
    if (fill < 0.15 || fill > 0.9) continue;
    const pad = 0.25 * h;
    out.push({ box: [x0 * s - pad, y0 * s - pad, bw + 2 * pad, bh + 2 * pad], area: bw * bh });
  }
  return out.sort((a, b) => b.area - a.area).map((r) => r.box);
}

