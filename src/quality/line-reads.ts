import type { RawImage } from '../model/image.ts';
import type { OcrEngine, OcrPage } from '../model/ocr.ts';
import { crop, percentile, resizeGrey } from './raster.ts';
import { rotateRaw, type Rotation } from './rotate.ts';
import { estimateSkew, type SkewVerdict } from './skew.ts';
import { textBands, type Band } from './text-scale.ts';

/*
 * The orientation fallback's reading (orientation.ts): text lines found in the ink, cut out and read
 * by the OCR one at a time both ways round; the headings of a blurred page; the tilt of a
 * photographed page, levelled before its lines are read again.
 */

/** Glyph height the line reads are made at: big enough for chi_sim, small enough to be quick. */
export const LINE_GLYPH_PX = 32;
/** Text lines read per direction at most, and before a clear answer may stop the reading. */
const MAX_LINES = 8;
const MIN_LINES = 2;
/** Advantage (summed confidence of the better way round over the worse) that settles a page. */
export const SETTLED = 120;
/** Longest stretch of a line read, in glyphs: a dozen characters say which way up they are. */
const MAX_LINE_GLYPHS = 16;
/**
 * A read that can witness a turn: at least this confidence on at least WITNESS_CHARS characters.
 * On a blurred page single-line reads come out at confidence 40–67 whichever way they are turned
 * (round 5: an upright certificate blurred at σ 0.14 of its type size read as 270° at confidence
 * 1.0 from such reads); readable text reads at 85–96. The line reads decide a turn only with one.
 */
const WITNESS_CONFIDENCE = 75;
const WITNESS_CHARS = 3;
/** Or: a long read (≥ 8 characters) at ≥ 50 one way and ≤ 15 the other — a blurred title that reads
 *  moderately the right way round reads as nothing the wrong way (round 5: 59 against 0). */
const LONG_WITNESS = { confidence: 50, chars: 8, otherAtMost: 15 };

export function witnessed(win: { score: number; conf: number; chars: number }, lose: { conf: number; score: number }): boolean {
  if (win.conf >= WITNESS_CONFIDENCE && win.chars >= WITNESS_CHARS && win.score - lose.score >= 30) return true;
  return win.conf >= LONG_WITNESS.confidence && win.chars >= LONG_WITNESS.chars && lose.conf <= LONG_WITNESS.otherAtMost;
}

/** A text line found in the ink: its rectangle on the stored page, glyph size and ink. */
export interface TextLine {
  x: number;
  y: number;
  w: number;
  h: number;
  size: number;
  ink: number;
  /** The line runs down the stored page (the page is turned a quarter). */
  vertical: boolean;
}

/**
 * Text lines of the stored page running one way: the ink bands of neighbouring strips that continue
 * one another are chained into a line (at most MAX_LINE_GLYPHS glyphs long); the inkiest lines
 * first (see below), no two overlapping. Every line carries its own glyph size, so a wrong page-wide text-size
 * estimate does not spoil the read.
 */
function textLines(g: RawImage, vertical: boolean): TextLine[] {
  const bs: Band[] = (vertical ? textBands(g).vertical : textBands(g).horizontal).filter((b) => b.size >= 6 && b.cover >= 0.2);
  const byStrip = new Map<number, Band[]>();
  for (const b of bs) byStrip.set(b.strip, [...(byStrip.get(b.strip) ?? []), b]);
  const used = new Set<Band>();
  const lines: TextLine[] = [];
  const sorted = [...bs].sort((a, b) => a.strip - b.strip || a.start - b.start);
  for (const first of sorted) {
    if (used.has(first)) continue;
    used.add(first);
    const chain = [first];
    let cur = first;
    while ((cur.a1 - first.a0) < MAX_LINE_GLYPHS * first.size) {
      let best: Band | undefined;
      let bestOverlap = 0;
      for (const c of byStrip.get(cur.strip + 1) ?? []) {
        if (used.has(c) || c.size > 1.5 * cur.size || cur.size > 1.5 * c.size) continue;
        const ov = Math.min(cur.start + cur.size, c.start + c.size) - Math.max(cur.start, c.start);
        if (ov >= 0.5 * Math.min(cur.size, c.size) && ov > bestOverlap) [best, bestOverlap] = [c, ov];
      }
      if (!best) break;
      used.add(best);
      chain.push(best);
      cur = best;
    }
    const size = Math.round(chain.reduce((s, b) => s + b.size, 0) / chain.length);
    const lo = Math.min(...chain.map((b) => b.start));
    const hi = Math.max(...chain.map((b) => b.start + b.size));
    const pad = Math.round(0.4 * size);
    const across0 = Math.max(0, lo - pad);
    const across1 = Math.min(vertical ? g.width : g.height, hi + pad);
    const along0 = Math.max(0, first.a0 - pad);
    const along1 = Math.min(vertical ? g.height : g.width, cur.a1 + pad);
    const ink = chain.reduce((s, b) => s + b.ink, 0);
    lines.push(
      vertical
        ? { x: across0, y: along0, w: across1 - across0, h: along1 - along0, size, ink, vertical }
        : { x: along0, y: across0, w: along1 - along0, h: across1 - across0, size, ink, vertical },
    );
  }
  // Text, not pictures: a line at least three glyphs long, glyphs big enough to read (≥ 10 px).
  // The longest lines first (a dozen characters read with confidence settle it), then the inkiest.
  const glyphs = (l: TextLine) => Math.min(MAX_LINE_GLYPHS, (vertical ? l.h : l.w) / l.size);
  lines.splice(0, lines.length, ...lines.filter((l) => l.size >= 10 && glyphs(l) >= 3));
  lines.sort((a, b) => Math.round(glyphs(b)) - Math.round(glyphs(a)) || b.ink - a.ink);
  const picked: TextLine[] = [];
  const overlaps = (a: TextLine, b: TextLine) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  for (const l of lines) {
    if (picked.length >= MAX_LINES) break;
    if (!picked.some((p) => overlaps(p, l))) picked.push(l);
  }
  return picked;
}

/** Longest side of the coarse copy headings are looked for in. */
const HEADING_WORK_PX = 600;
/** Headings read at most (the thickest first). */
const MAX_HEADINGS = 3;

/**
 * The thickest long runs of ink on a coarse copy of the page (longest side 600 px), either way:
 * ink (darker than the local paper by a third of the page's contrast) is smeared along the candidate
 * direction over gaps of up to 3 px, joined into components, and the components at least four times
 * as long as thick are ranked by thickness. On a blurred page these are its title and headings —
 * the print blurred least for its size — and, unlike body text, they may still read.
 */
export function headingLines(g: RawImage): TextLine[] {
  const f = Math.min(1, HEADING_WORK_PX / Math.max(g.width, g.height));
  const c = resizeGrey(g, f);
  const { width: w, height: h, data } = c;
  const all = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) all[data[i]]++;
  const contrast = Math.max(30, percentile(all, 0.9) - percentile(all, 0.02));
  // Local paper: 90th percentile of 24-px blocks, the lightest of each block's neighbourhood.
  const B = 24;
  const bw = Math.ceil(w / B);
  const bh = Math.ceil(h / B);
  const own = new Uint8Array(bw * bh);
  const hist = new Uint32Array(256);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      hist.fill(0);
      let n = 0;
      for (let y = by * B; y < Math.min(h, (by + 1) * B); y++) for (let x = bx * B; x < Math.min(w, (bx + 1) * B); x++, n++) hist[data[y * w + x]]++;
      let acc = 0;
      let p = 255;
      for (let v = 0; v < 256; v++) if ((acc += hist[v]) >= 0.9 * n) { p = v; break; }
      own[by * bw + bx] = p;
    }
  }
  const ink = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const bx = Math.floor(x / B);
      const by = Math.floor(y / B);
      let p = 0;
      for (let j = Math.max(0, by - 1); j <= Math.min(bh - 1, by + 1); j++) for (let i = Math.max(0, bx - 1); i <= Math.min(bw - 1, bx + 1); i++) p = Math.max(p, own[j * bw + i]);
      ink[y * w + x] = p - data[y * w + x] >= contrast / 3 ? 1 : 0;
    }
  }
  const out: TextLine[] = [];
  for (const vertical of [false, true]) {
    const W = vertical ? h : w; // along
    const H = vertical ? w : h; // across
    const at = (a: number, b: number) => (vertical ? ink[a * w + b] : ink[b * w + a]);
    // Smear along the lines over gaps up to 3 px, then label 4-connected components.
    const m = new Uint8Array(W * H);
    for (let b = 0; b < H; b++) {
      let last = -100;
      for (let a = 0; a < W; a++) {
        if (!at(a, b)) continue;
        if (a - last <= 4) for (let k = last + 1; k < a; k++) m[b * W + k] = 1;
        m[b * W + a] = 1;
        last = a;
      }
    }
    const label = new Int32Array(W * H).fill(-1);
    const boxes: Array<[number, number, number, number, number]> = []; // a0 b0 a1 b1 pixels
    const stack: number[] = [];
    for (let i = 0; i < m.length; i++) {
      if (!m[i] || label[i] >= 0) continue;
      const id = boxes.length;
      const box: [number, number, number, number, number] = [W, H, 0, 0, 0];
      label[i] = id;
      stack.push(i);
      while (stack.length) {
        const k = stack.pop()!;
        const a = k % W;
        const b = (k - a) / W;
        box[0] = Math.min(box[0], a);
        box[1] = Math.min(box[1], b);
        box[2] = Math.max(box[2], a);
        box[3] = Math.max(box[3], b);
        box[4]++;
        for (const n of [a > 0 ? k - 1 : -1, a < W - 1 ? k + 1 : -1, b > 0 ? k - W : -1, b < H - 1 ? k + W : -1]) {
          if (n >= 0 && m[n] && label[n] < 0) {
            label[n] = id;
            stack.push(n);
          }
        }
      }
      boxes.push(box);
    }
    // Characters set wide apart (a certificate's spaced-out title) are separate components: join
    // neighbours in one line — overlapping across by most of their thickness, alike in thickness,
    // apart by under 0.8 of it.
    const parts = boxes.filter((b) => b[3] - b[1] + 1 >= 4).sort((x, y) => x[0] - y[0]);
    const joined: typeof boxes = [];
    const used = new Uint8Array(parts.length);
    for (let i = 0; i < parts.length; i++) {
      if (used[i]) continue;
      const cur = [...parts[i]] as (typeof boxes)[number];
      for (let j = i + 1; j < parts.length; j++) {
        if (used[j]) continue;
        const q = parts[j];
        const t0 = cur[3] - cur[1] + 1;
        const t1 = q[3] - q[1] + 1;
        if (q[0] - cur[2] > 0.8 * Math.max(t0, t1)) {
          if (q[0] - cur[2] > 3 * Math.max(t0, t1)) break;
          continue;
        }
        const ov = Math.min(cur[3], q[3]) - Math.max(cur[1], q[1]) + 1;
        if (ov < 0.6 * Math.min(t0, t1) || Math.max(t0, t1) > 1.4 * Math.min(t0, t1)) continue;
        used[j] = 1;
        cur[0] = Math.min(cur[0], q[0]);
        cur[1] = Math.min(cur[1], q[1]);
        cur[2] = Math.max(cur[2], q[2]);
        cur[3] = Math.max(cur[3], q[3]);
        cur[4] += q[4];
      }
      joined.push(cur);
    }
    for (const [a0, b0, a1, b1, px] of joined) {
      const len = a1 - a0 + 1;
      const thick = b1 - b0 + 1;
      // Long, at least 4 px thick, mostly filled (a line of text, not a frame), not the page's edge.
      if (thick < 4 || len < 4 * thick || px < 0.4 * len * thick || len > 0.95 * W) continue;
      const size = thick / f;
      const pad = Math.round(0.3 * size);
      const A0 = Math.max(0, Math.round(a0 / f) - pad);
      const A1 = Math.min(vertical ? g.height : g.width, Math.round((a1 + 1) / f) + pad);
      const B0 = Math.max(0, Math.round(b0 / f) - pad);
      const B1 = Math.min(vertical ? g.width : g.height, Math.round((b1 + 1) / f) + pad);
      // The read sees at most MAX_LINE_GLYPHS characters of it.
      const A1c = Math.min(A1, A0 + Math.round(MAX_LINE_GLYPHS * size));
      out.push(
        vertical
          ? { x: B0, y: A0, w: B1 - B0, h: A1c - A0, size: Math.round(size), ink: px, vertical }
          : { x: A0, y: B0, w: A1c - A0, h: B1 - B0, size: Math.round(size), ink: px, vertical },
      );
    }
  }
  return out.sort((a, b) => b.size - a.size).slice(0, MAX_HEADINGS);
}

/** How well a line read: mean confidence, discounted when far fewer characters came out than fit. */
export function lineScore(p: OcrPage, line: TextLine): { score: number; conf: number; chars: number } {
  const chars = p.lines.reduce((s, l) => s + l.chars.length, 0);
  const fit = (line.vertical ? line.h : line.w) / line.size;
  const want = Math.max(2, 0.4 * fit);
  return { score: chars ? p.confidence * Math.min(1, chars / want) : 0, conf: p.confidence, chars };
}

/** Lines read, and what they say: per turn the summed advantage and the best witnessing read. */
export interface ReadPass {
  advantage: Map<Rotation, number>;
  witness: Map<Rotation, number>;
  reads: Array<Record<string, unknown>>;
}

/**
 * Text lines found in the ink of `g`, each read both ways round: lines across the page at 0° and
 * 180°, lines down it at 90° and 270°. The axis the ink runs along (or OSD's guess, `steering`)
 * goes first; two lines read with confidence one way and not the other settle it.
 */
export async function readLines(g: RawImage, ocr: OcrEngine, steering: Rotation | undefined): Promise<ReadPass> {
  const across = textLines(g, false);
  const down = textLines(g, true);
  const inkOf = (ls: TextLine[]) => ls.reduce((s, l) => s + l.ink, 0);
  const axes: Array<{ lines: TextLine[]; turns: [Rotation, Rotation] }> = [
    { lines: across, turns: [0, 180] },
    { lines: down, turns: [90, 270] },
  ];
  const favoured = steering !== undefined ? (steering % 180 === 0 ? 0 : 1) : inkOf(across) >= inkOf(down) ? 0 : 1;
  if (favoured === 1) axes.reverse();
  // Each line is read both ways round; the better way earns the difference. A line that reads
  // badly both ways (a picture, a rule, a row of sideways characters) earns nothing, so a few junk
  // lines cannot outvote one line read with confidence.
  const advantage = new Map<Rotation, number>();
  const adv = (r: Rotation) => advantage.get(r) ?? 0;
  /** Best confident read per turn that read clearly better than the other way round. */
  const witness = new Map<Rotation, number>();
  const reads: Array<Record<string, unknown>> = [];
  for (const [ai, axis] of axes.entries()) {
    for (const [li, line] of axis.lines.entries()) {
      const img = crop(g, line.x, line.y, line.w, line.h);
      const f = LINE_GLYPH_PX / line.size;
      const sized = Math.abs(f - 1) < 0.15 ? img : resizeGrey(img, f);
      const got: Array<{ score: number; conf: number; chars: number }> = [];
      for (const turn of axis.turns) {
        // Make the line upright as if the page were stored at `turn`.
        const p = await ocr.recognize(rotateRaw(sized, (360 - turn) % 360), { psm: 'single_line' });
        const s = lineScore(p, line);
        got.push(s);
        reads.push({ turn, line: li, size: line.size, conf: Math.round(s.conf), chars: s.chars });
      }
      const [t0, t1] = axis.turns;
      const [win, lose] = got[0].score > got[1].score ? [0, 1] : [1, 0];
      const tw = axis.turns[win];
      advantage.set(tw, adv(tw) + got[win].score - got[lose].score);
      if (witnessed(got[win], got[lose])) witness.set(tw, Math.max(witness.get(tw) ?? 0, Math.round(got[win].conf)));
      // Two lines read with confidence one way and not the other settle the axis.
      const [a, b] = [adv(t0), adv(t1)];
      const lead = a > b ? t0 : t1;
      if (li + 1 >= MIN_LINES && Math.max(a, b) >= SETTLED && Math.min(a, b) <= Math.max(a, b) / 4 && witness.has(lead)) break;
    }
    // Settled along the favoured axis: sideways Chinese does not read well either way round.
    if (ai === 0 && axis.turns.some((t) => adv(t) >= SETTLED && witness.has(t))) break;
  }
  return { advantage, witness, reads };
}

/** A tilt of the lines (either way they run) from which a page's lines are levelled before reading. */
export const MIN_TILT_DEG = 1.5;
/** …when the skew estimate is at least this sure (its profile clearly sharper at that angle). */
export const MIN_TILT_CONFIDENCE = 0.2;

/** The tilt of the page's lines, measured along whichever axis they run (the surer estimate). */
export function tiltOf(g: RawImage): SkewVerdict {
  const across = estimateSkew(g);
  const down = estimateSkew(rotateRaw(g, 90));
  // A small turn commutes with the quarter turn: the angle levels the stored page as well.
  return down.confidence > across.confidence ? down : across;
}
