import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Box, Ellipse } from '../../src/model/geometry.ts';
import { union } from '../../src/model/geometry.ts';
import { Rng } from './rng.ts';
import { registerFonts, HAND } from './fonts.ts';
import { drawSeal, randomSealSpec } from './seal.ts';

export type Owner = 'applicant' | 'other';

/** A name as drawn on the upright page, before any scanning damage. */
export interface DrawnName {
  owner: Owner;
  text: string;
  box: Box;
  handwritten?: boolean;
  note?: string;
}
export interface DrawnSeal {
  owner: 'employer' | 'other';
  text: string;
  ellipse: Ellipse;
  box: Box;
  grey: boolean;
}

export interface TextStyle {
  size: number; // px
  family: string;
  colour?: string;
  align?: 'left' | 'center' | 'right';
  /** Extra space between characters, px (forms and certificates letter-space their labels). */
  tracking?: number;
  /** Shrink the type until the line fits this width, px (a long name in a narrow cell). */
  maxWidth?: number;
}

/** One run of a line: plain text, or a name whose ink box goes into the truth. */
export interface Span {
  text: string;
  owner?: Owner;
  note?: string;
}

/**
 * Parses `{A}` (the applicant, as printed here) and `{O:张三}` (someone else) in running text.
 * Keeping names as spans, not positions, lets every layout report exactly where each one landed.
 */
export function spans(text: string, applicantPrinted: string): Span[] {
  const out: Span[] = [];
  const re = /\{A\}|\{O:([^}]+)\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push(m[1] ? { text: m[1], owner: 'other' } : { text: applicantPrinted, owner: 'applicant' });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** An upright page being drawn: a canvas plus the truth of every name and seal put on it. */
export class Sheet {
  readonly canvas: Canvas;
  readonly ctx: SKRSContext2D;
  readonly names: DrawnName[] = [];
  readonly seals: DrawnSeal[] = [];
  /** Characters printed per type size: the size most text is set in is the page's body size. */
  private sizes = new Map<number, number>();
  /** Size of the page's running text, px (the size most characters are set in): what the clarity
   *  label is judged on. Infinity on a page without text. */
  get bodyPx(): number {
    let best = Infinity, most = 0;
    for (const [size, n] of this.sizes) if (n > most) (best = size), (most = n);
    return best;
  }
  private count(size: number, text: string): void {
    const n = text.replace(/\s/g, '').length;
    if (n) this.sizes.set(Math.round(size * 10) / 10, (this.sizes.get(Math.round(size * 10) / 10) ?? 0) + n);
  }

  constructor(
    readonly width: number,
    readonly height: number,
    readonly dpi: number,
    readonly rng: Rng,
    background = '#ffffff',
  ) {
    registerFonts();
    this.canvas = createCanvas(width, height);
    this.ctx = this.canvas.getContext('2d');
    this.ctx.fillStyle = background;
    this.ctx.fillRect(0, 0, width, height);
  }

  static a4(dpi: number, rng: Rng, landscape = false): Sheet {
    const w = Math.round((210 / 25.4) * dpi);
    const h = Math.round((297 / 25.4) * dpi);
    return landscape ? new Sheet(h, w, dpi, rng) : new Sheet(w, h, dpi, rng);
  }

  mm(v: number): number {
    return (v * this.dpi) / 25.4;
  }
  pt(v: number): number {
    return (v * this.dpi) / 72;
  }

  private setFont(st: TextStyle): void {
    this.ctx.font = `${st.size}px ${st.family}`;
    this.ctx.fillStyle = st.colour ?? '#151515';
    this.ctx.textAlign = 'left';
    this.ctx.textBaseline = 'alphabetic';
  }

  /** Advance width of `s` in style `st` (tracking included). */
  measure(s: string, st: TextStyle): number {
    this.setFont(st);
    const n = [...s].length;
    return this.ctx.measureText(s).width + (st.tracking ?? 0) * Math.max(0, n - 1);
  }

  /** Ink box of `s` drawn at baseline (x, y), no tracking. */
  private inkBox(s: string, x: number, y: number): Box {
    const m = this.ctx.measureText(s);
    const x0 = x - m.actualBoundingBoxLeft;
    const y0 = y - m.actualBoundingBoxAscent;
    return [Math.floor(x0), Math.floor(y0), Math.ceil(x + m.actualBoundingBoxRight) - Math.floor(x0), Math.ceil(y + m.actualBoundingBoxDescent) - Math.floor(y0)];
  }

  /**
   * Draws one line of spans at baseline y; x is the left, centre or right edge per `align`.
   * Returns the line's advance width. Names are recorded with their ink boxes.
   */
  line(parts: Span[] | string, x: number, y: number, st0: TextStyle, body = true): number {
    const list = typeof parts === 'string' ? [{ text: parts }] : parts;
    let st = st0;
    if (st.maxWidth) {
      const w = list.reduce((a, p) => a + this.measure(p.text, st), 0);
      if (w > st.maxWidth) st = { ...st, size: (st.size * st.maxWidth) / w, tracking: (st.tracking ?? 0) * (st.maxWidth / w) };
    }
    const total = list.reduce((w, p) => w + this.measure(p.text, st), 0) + (st.tracking ?? 0) * Math.max(0, list.length - 1);
    if (body) for (const p of list) this.count(st.size, p.text);
    let cx = st.align === 'center' ? x - total / 2 : st.align === 'right' ? x - total : x;
    this.setFont(st);
    for (const p of list) {
      let box: Box | undefined;
      for (const ch of st.tracking ? [...p.text] : [p.text]) {
        this.ctx.fillText(ch, cx, y);
        if (ch.trim()) {
          const b = this.inkBox(ch, cx, y);
          box = box ? union(box, b) : b;
        }
        cx += this.ctx.measureText(ch).width + (st.tracking ?? 0);
      }
      if (p.owner && box) this.names.push({ owner: p.owner, text: p.text, box, ...(p.note ? { note: p.note } : {}) });
    }
    return total;
  }

  /**
   * Running text wrapped character by character (as Chinese is), first line indented by `indent`
   * characters. A name that falls across a line end is recorded as two boxes, one per line, with a
   * note — the hard case of a name split over two lines. Returns the baseline after the last line.
   */
  paragraph(parts: Span[], x: number, y: number, width: number, st: TextStyle, lineHeight = 1.7, indent = 2): number {
    this.setFont(st);
    for (const p of parts) this.count(st.size, p.text);
    const em = this.ctx.measureText('中').width;
    let cx = x + indent * em;
    let cy = y;
    for (const p of parts) {
      // Pieces of this span, one per line it lands on.
      const pieces: { box?: Box; text: string }[] = [{ text: '' }];
      for (const ch of [...p.text]) {
        const w = this.ctx.measureText(ch).width;
        // Closing punctuation may hang in the margin rather than start a line (避头点).
        if (cx + w > x + width + 0.5 && !/[，。、；：）」》！？]/.test(ch)) {
          if (pieces[pieces.length - 1].text) pieces.push({ text: '' });
          cx = x;
          cy += st.size * lineHeight;
        }
        this.ctx.fillText(ch, cx, cy);
        const cur = pieces[pieces.length - 1];
        cur.text += ch;
        if (p.owner && ch.trim()) {
          const b = this.inkBox(ch, cx, cy);
          cur.box = cur.box ? union(cur.box, b) : b;
        }
        cx += w;
      }
      if (!p.owner) continue;
      const inked = pieces.filter((q) => q.box);
      inked.forEach((q, i) =>
        this.names.push({
          owner: p.owner!,
          text: inked.length > 1 ? q.text.trim() : p.text,
          box: q.box!,
          ...(inked.length > 1 ? { note: `split across lines (${i + 1}/${inked.length}) of "${p.text}"` } : p.note ? { note: p.note } : {}),
        }),
      );
    }
    return cy + st.size * lineHeight;
  }

  /**
   * Handwriting: each character with its own small turn, size and baseline wobble, in pen ink.
   * Returns the ink box (union of each turned character's box).
   */
  hand(text: string, x: number, y: number, size: number, owner?: Owner, opts: { family?: string; colour?: string; slant?: number } = {}): Box {
    const rng = this.rng;
    const family = opts.family ?? rng.pick(HAND);
    const colour = opts.colour ?? rng.pick(['#1b2a6b', '#15204f', '#222222', '#0d1a55', '#2a2a3a']);
    const slant = opts.slant ?? rng.float(-0.12, 0.06);
    let cx = x;
    let box: Box | undefined;
    const ctx = this.ctx;
    for (const ch of [...text]) {
      const s = size * rng.float(0.88, 1.12);
      const rot = rng.float(-0.12, 0.12) + slant;
      const dy = rng.float(-0.08, 0.08) * size;
      ctx.save();
      ctx.font = `${s}px ${family}`;
      ctx.fillStyle = colour;
      ctx.translate(cx, y + dy);
      ctx.rotate(rot);
      ctx.fillText(ch, 0, 0);
      const m = ctx.measureText(ch);
      ctx.restore();
      if (ch.trim()) {
        const corners: [number, number][] = [
          [-m.actualBoundingBoxLeft, -m.actualBoundingBoxAscent],
          [m.actualBoundingBoxRight, -m.actualBoundingBoxAscent],
          [-m.actualBoundingBoxLeft, m.actualBoundingBoxDescent],
          [m.actualBoundingBoxRight, m.actualBoundingBoxDescent],
        ];
        const c = Math.cos(rot), sn = Math.sin(rot);
        const xs = corners.map(([px, py]) => cx + px * c - py * sn);
        const ys = corners.map(([px, py]) => y + dy + px * sn + py * c);
        const b: Box = [Math.floor(Math.min(...xs)), Math.floor(Math.min(...ys)), 0, 0];
        b[2] = Math.ceil(Math.max(...xs)) - b[0];
        b[3] = Math.ceil(Math.max(...ys)) - b[1];
        box = box ? union(box, b) : b;
      }
      // Handwriting runs tighter or looser than type, and minority-name dots are small.
      cx += m.width * rng.float(0.82, 1.05);
    }
    const b = box ?? [x, y - size, 1, 1];
    if (owner) this.names.push({ owner, text, box: b, handwritten: true });
    return b;
  }

  rule(x0: number, y0: number, x1: number, y1: number, w = Math.max(1, this.dpi / 150), colour = '#222'): void {
    this.ctx.strokeStyle = colour;
    this.ctx.lineWidth = w;
    this.ctx.beginPath();
    this.ctx.moveTo(x0, y0);
    this.ctx.lineTo(x1, y1);
    this.ctx.stroke();
  }

  rect(x: number, y: number, w: number, h: number, lw = Math.max(1, this.dpi / 150), colour = '#222'): void {
    this.ctx.strokeStyle = colour;
    this.ctx.lineWidth = lw;
    this.ctx.strokeRect(x, y, w, h);
  }

  fill(x: number, y: number, w: number, h: number, colour: string): void {
    this.ctx.fillStyle = colour;
    this.ctx.fillRect(x, y, w, h);
  }

  /** A ruled grid: column x edges and row y edges. */
  grid(xs: number[], ys: number[], lw?: number): void {
    for (const y of ys) this.rule(xs[0], y, xs[xs.length - 1], y, lw);
    for (const x of xs) this.rule(x, ys[0], x, ys[ys.length - 1], lw);
  }

  /** Stamps a seal (the colleague's drawer in seal.ts) and records it. */
  seal(text: string, owner: 'employer' | 'other', cx: number, cy: number, opts: { grey?: boolean; scale?: number } = {}): DrawnSeal {
    const r = this.rng.next;
    const spec = randomSealSpec(r, text, cx, cy, this.dpi);
    if (opts.scale) {
      spec.rx *= opts.scale;
      spec.ry *= opts.scale;
    }
    if (opts.grey) spec.grey = true;
    const { ellipse, box } = drawSeal(this.ctx, spec, r);
    const s: DrawnSeal = { owner, text, ellipse, box, grey: !!opts.grey };
    this.seals.push(s);
    return s;
  }
}
