import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { RawImage } from '../model/image.ts';
import type { OcrEngine, OcrPage } from '../model/ocr.ts';
import { requireLanguageData } from '../ocr/model-path.ts';
import { toPnm } from '../ocr/pgm.ts';
import { QUIET_WORKER } from '../ocr/tesseract-engine.ts';
import { greyForOcr, luminance } from '../ocr/prepare.ts';
import { photoVerdict } from './photo.ts';
import { percentile, resizeGrey } from './raster.ts';
import { normRotation, rotateRaw, type Rotation } from './rotate.ts';
import { measureTextScale, textBands, type Band } from './text-scale.ts';

export interface OrientationVerdict {
  /** Clockwise rotation the stored scan has relative to upright; turn it by (360 - detected) to fix. */
  detected: Rotation;
  /** 0..1. */
  confidence: number;
  /** 'osd' (tesseract orientation detection), 'ocr' (a few text lines read both ways round), or 'none' (no text). */
  method: 'osd' | 'ocr' | 'none';
  /** Not set any more: the fallback reads a few short lines, never the page (kept for compatibility). */
  uprightOcr?: OcrPage;
  evidence: Record<string, unknown>;
}

export interface OrientationOptions {
  /** An OSD worker to reuse (see createOsdDetector); without it OSD is skipped and OCR decides. */
  osd?: OsdDetector;
  /** OSD confidence at or above which its answer is taken without asking the OCR. */
  osdMinConfidence?: number;
  /**
   * The grey the page will be read from (greyForOcr of `page`, rules removed), when the caller has
   * it: its text size is measured once (cached per buffer) for orientation and for the OCR of the
   * page, and the OCR reads the same buffer when the page is upright (turnGrey otherwise).
   */
  grey?: RawImage;
}

/** Tesseract's legacy orientation-and-script detection, in its own worker (osd.traineddata). */
export interface OsdDetector {
  detect(grey: RawImage): Promise<{ rotation: Rotation; confidence: number } | null>;
  terminate(): Promise<void>;
}

export async function createOsdDetector(tessdataDir?: string): Promise<OsdDetector> {
  const dir = requireLanguageData('osd', tessdataDir);
  const worker: Worker = await createWorker('osd', OEM.TESSERACT_ONLY, {
    langPath: dir,
    gzip: false,
    cacheMethod: 'none',
    legacyCore: true,
    legacyLang: true,
    workerPath: QUIET_WORKER,
    errorHandler: () => undefined,
  } as Parameters<typeof createWorker>[2]);
  await worker.setParameters({ user_defined_dpi: '300' });
  return {
    async detect(grey) {
      try {
        const r = await worker.detect(toPnm(grey));
        const deg = r.data.orientation_degrees;
        if (deg === null || deg === undefined) return null;
        // OSD says how far to turn the page clockwise to make it upright; we store the opposite.
        return { rotation: normRotation(360 - deg), confidence: Number(r.data.orientation_confidence ?? 0) };
      } catch {
        return null; // "too few characters" and the like: let the OCR decide
      }
    },
    async terminate() {
      await worker.terminate();
    },
  };
}

/** Glyph height the OSD pass sees: its blob filters are tuned for ~10pt text at 300 dpi (40 px
 *  accepts a few more pages than 32 px but costs half as much again; docs/clarity.md, round 4). */
const OSD_GLYPH_PX = 32;
/** Glyph height the line reads are made at: big enough for chi_sim, small enough to be quick. */
const LINE_GLYPH_PX = 32;
const OSD_MIN_CONFIDENCE = 4;
/** Largest area (px, after resampling) OSD looks at: a quarter of an A4 page at 300 dpi. */
const MAX_OSD_PX = 2_000_000;
/** Reads less sure than this give way to an unsure OSD answer of at least OSD_GUESS_CONFIDENCE. */
const WEAK_READS = 0.4;
const OSD_GUESS_CONFIDENCE = 1;
/** Text lines read per direction at most, and before a clear answer may stop the reading. */
const MAX_LINES = 8;
const MIN_LINES = 2;
/** Advantage (summed confidence of the better way round over the worse) that settles a page. */
const SETTLED = 120;
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

function witnessed(win: { score: number; conf: number; chars: number }, lose: { conf: number; score: number }): boolean {
  if (win.conf >= WITNESS_CONFIDENCE && win.chars >= WITNESS_CHARS && win.score - lose.score >= 30) return true;
  return win.conf >= LONG_WITNESS.confidence && win.chars >= LONG_WITNESS.chars && lose.conf <= LONG_WITNESS.otherAtMost;
}

/** Confidence of a decision resting on one clear read (and contradicted by none). */
const WITNESSED = 0.5;

/** Below this confidence a guess is not acted on: the page is left as scanned and flagged (the
 *  pipeline writes it unturned; findings.ts says which way it may be turned). */
export const MIN_TURN_CONFIDENCE = 0.3;

/** The window of at most `maxPx` pixels (page-shaped) holding the most dark pixels. */
function densestWindow(g: RawImage, maxPx: number): RawImage {
  const { width: w, height: h, data } = g;
  if (w * h <= maxPx) return g;
  const k = Math.sqrt(maxPx / (w * h));
  const ww = Math.round(w * k);
  const wh = Math.round(h * k);
  let best = -1;
  let bx = 0;
  let by = 0;
  const steps = 4;
  for (let iy = 0; iy <= steps; iy++) {
    for (let ix = 0; ix <= steps; ix++) {
      const x0 = Math.round(((w - ww) * ix) / steps);
      const y0 = Math.round(((h - wh) * iy) / steps);
      let ink = 0;
      for (let y = y0; y < y0 + wh; y += 4) for (let x = x0, i = y * w + x0; x < x0 + ww; x += 4, i += 4) if (data[i] < 128) ink++;
      if (ink > best) [best, bx, by] = [ink, x0, y0];
    }
  }
  return crop(g, bx, by, ww, wh);
}

function crop(g: RawImage, x0: number, y0: number, w: number, h: number): RawImage {
  const out = Buffer.allocUnsafe(w * h);
  for (let y = 0; y < h; y++) g.data.copy(out, y * w, (y0 + y) * g.width + x0, (y0 + y) * g.width + x0 + w);
  return { data: out, width: w, height: h, channels: 1 };
}

/** A text line found in the ink: its rectangle on the stored page, glyph size and ink. */
interface TextLine {
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
function headingLines(g: RawImage): TextLine[] {
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
function lineScore(p: OcrPage, line: TextLine): { score: number; conf: number; chars: number } {
  const chars = p.lines.reduce((s, l) => s + l.chars.length, 0);
  const fit = (line.vertical ? line.h : line.w) / line.size;
  const want = Math.max(2, 0.4 * fit);
  return { score: chars ? p.confidence * Math.min(1, chars / want) : 0, conf: p.confidence, chars };
}

/**
 * Which way up is the page? A cheap first check (OSD on a copy with normal-sized text) answers for
 * most pages. When it is unsure, a few text lines found in the ink are read by the OCR both ways
 * round (a line across the page at 0° and 180°, a line down the page at 90° and 270°): Chinese read
 * upside down or sideways comes out as low-confidence fragments, the right way as confident text.
 * Each line is read at its own glyph size, one line at a time, so the cost stays a few short reads.
 */
export async function detectOrientation(
  page: RawImage,
  ocr: OcrEngine,
  opts: OrientationOptions = {},
): Promise<OrientationVerdict> {
  const ms: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (k: string) => {
    const t = performance.now();
    ms[k] = Math.round(t - t0);
    t0 = t;
  };
  const g = opts.grey ?? greyForOcr(page);
  lap('grey');
  const scale = measureTextScale(g);
  lap('scale');
  const glyph = scale.glyphHeightPx;
  const evidence: Record<string, unknown> = { glyphHeightPx: glyph, ms };
  // A photograph has no text to read the right way up; its orientation is not ours to guess.
  const photo = photoVerdict(page);
  lap('photo');
  if (glyph === 0 || photo.photo) return { detected: 0, confidence: 0, method: 'none', evidence: { ...evidence, noText: true, photo: photo.photo } };

  let osdGuess: Rotation | undefined;
  let osdGuessConfidence = 0;
  if (opts.osd) {
    // OSD's cost grows with the pixels: the page is cropped to its inkiest window (a few lines of
    // text are plenty for OSD), then resampled to normal-sized text — cropped first, so the
    // resampling costs the window's pixels, not the page's.
    const f = Math.min(2.5, OSD_GLYPH_PX / glyph);
    const w0 = densestWindow(g, MAX_OSD_PX / (f * f));
    const win = Math.abs(f - 1) < 0.15 ? w0 : resizeGrey(w0, f);
    lap('osdPrep');
    const r = await opts.osd.detect(win);
    lap('osd');
    evidence.osd = r ?? 'no answer';
    evidence.osdPx = win.width * win.height;
    if (r && r.confidence >= (opts.osdMinConfidence ?? OSD_MIN_CONFIDENCE)) {
      return { detected: r.rotation, confidence: Math.min(1, r.confidence / 10), method: 'osd', evidence };
    }
    if (r) [osdGuess, osdGuessConfidence] = [r.rotation, r.confidence];
  }

  // Lines across the stored page are read at 0° and 180°, lines down it at 90° and 270°.
  const across = textLines(g, false);
  const down = textLines(g, true);
  lap('lines');
  const inkOf = (ls: TextLine[]) => ls.reduce((s, l) => s + l.ink, 0);
  const axes: Array<{ lines: TextLine[]; turns: [Rotation, Rotation] }> = [
    { lines: across, turns: [0, 180] },
    { lines: down, turns: [90, 270] },
  ];
  // The way the ink runs goes first; OSD's unsure guess, when it has one, outranks it.
  // An OSD answer under OSD_GUESS_CONFIDENCE is noise (0.06 on a blurred certificate, the wrong
  // axis): the ink decides then.
  const steering = osdGuess !== undefined && osdGuessConfidence >= OSD_GUESS_CONFIDENCE ? osdGuess : undefined;
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
  // No clear read: a blurred page, most likely. Its largest print (a title, a heading) is blurred
  // least for its size and may still read: the thickest long ink lines of a coarse copy are read
  // both ways round, on both axes.
  const leader = [...advantage.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (leader === undefined || !witness.has(leader)) {
    // On the page's plain luminance: the OCR's grey has red print lifted out (a certificate's title
    // is often red) and rules painted out (which bites chunks out of a blurred bold title).
    const lum = luminance(page);
    const heads = headingLines(lum);
    evidence.headings = heads.map((l) => ({ x: l.x, y: l.y, w: l.w, h: l.h, size: l.size, vertical: l.vertical }));
    for (const line of heads) {
      const turns: [Rotation, Rotation] = line.vertical ? [90, 270] : [0, 180];
      const img = crop(lum, line.x, line.y, line.w, line.h);
      const sized = resizeGrey(img, Math.min(1, LINE_GLYPH_PX / line.size));
      const got: Array<{ score: number; conf: number; chars: number }> = [];
      for (const turn of turns) {
        const p = await ocr.recognize(rotateRaw(sized, (360 - turn) % 360), { psm: 'single_line' });
        const sc = lineScore(p, line);
        got.push(sc);
        reads.push({ turn, heading: true, size: line.size, conf: Math.round(sc.conf), chars: sc.chars });
      }
      const [win, lose] = got[0].score > got[1].score ? [0, 1] : [1, 0];
      const tw = turns[win];
      advantage.set(tw, adv(tw) + got[win].score - got[lose].score);
      if (witnessed(got[win], got[lose])) witness.set(tw, Math.max(witness.get(tw) ?? 0, Math.round(got[win].conf)));
    }
  }
  evidence.lines = reads;
  evidence.witnesses = Object.fromEntries(witness);
  lap('reads');
  const ranked = [...advantage.keys()].map((r) => ({ r, m: adv(r) })).sort((a, b) => b.m - a.m);
  evidence.advantage = Object.fromEntries(ranked.map((x) => [x.r, Math.round(x.m)]));
  // The one turn a line read clearly for leads, whatever blurred fragments added up to elsewhere.
  const witnessedTurn = witness.size === 1 ? [...witness.keys()][0] : undefined;
  if (witnessedTurn !== undefined && ranked[0]?.r !== witnessedTurn) {
    const i = ranked.findIndex((x) => x.r === witnessedTurn);
    ranked.unshift(...ranked.splice(i, 1));
  }
  const best = ranked[0];
  if (!best || best.m < 20) {
    // Nothing read better one way than another: OSD's unsure guess is all there is.
    return weakest({ detected: osdGuess ?? 0, confidence: 0, method: osdGuess !== undefined ? 'osd' : 'ocr', evidence });
  }
  const second = ranked[1]?.m ?? 0;
  const margin = Math.max(0, (best.m - second) / best.m);
  // Little evidence (one line read moderately) is little confidence, whatever the margin.
  let confidence = Math.round(Math.max(0, Math.min(1, margin * Math.min(1, best.m / SETTLED))) * 100) / 100;
  // Without one clear read the advantage is made of blurred fragments: not enough to turn a page.
  // One clear read for the leader and none for any other turn is enough to act on, however much
  // the blurred fragments read around it muddied the advantage (round 5: a paper blurred at 0.15
  // of its type size, its title read at 58 on 17 characters one way and at 0 the other).
  if (witness.has(best.r) && witness.size === 1 && confidence < WITNESSED) {
    evidence.witnessed = confidence;
    confidence = WITNESSED;
  }
  // (An OSD answer of some confidence that agrees is a second witness: that stands.)
  const osdAgrees = osdGuess === best.r && osdGuessConfidence >= OSD_GUESS_CONFIDENCE;
  if (!witness.has(best.r) && !osdAgrees && confidence >= MIN_TURN_CONFIDENCE) {
    evidence.noWitness = confidence;
    confidence = Math.round((MIN_TURN_CONFIDENCE - 0.01) * 100) / 100;
  }
  // Two weak witnesses: reads this unsure were right 2 times in 5 on the orientation set, an unsure
  // OSD answer of confidence 1–4 right 62 times in 66 (docs/clarity.md, round 4).
  if (confidence < WEAK_READS && osdGuess !== undefined && osdGuess !== best.r && osdGuessConfidence >= OSD_GUESS_CONFIDENCE) {
    evidence.overruledReads = best.r;
    return weakest({ detected: osdGuess, confidence, method: 'osd', evidence });
  }
  return weakest({ detected: best.r, confidence, method: 'ocr', evidence });
}

/**
 * A weak guess from the line reads (blur, a sparse card: right 2 times in 5 on the orientation set),
 * or OSD's unsure answer when the reads found nothing clear, is not acted on: the page is reported upright as scanned, with the guess kept in
 * `evidence.weakGuess` for the finding (方向无法可靠判断) — a wrong turn is worse than none.
 */
function weakest(v: OrientationVerdict): OrientationVerdict {
  // Nor is an unsure OSD answer standing in for weak reads: on the orientation set such answers
  // (confidence 1.4–3) turned an upright ID card front over and sideways (round 5).
  if (v.method === 'none' || v.confidence >= MIN_TURN_CONFIDENCE || v.detected === 0) return v;
  return { ...v, detected: 0, evidence: { ...v.evidence, weakGuess: v.detected } };
}
