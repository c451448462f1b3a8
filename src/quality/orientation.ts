import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { RawImage } from '../model/image.ts';
import type { OcrEngine, OcrPage } from '../model/ocr.ts';
import { requireLanguageData } from '../ocr/model-path.ts';
import { toPnm } from '../ocr/pgm.ts';
import { QUIET_WORKER } from '../ocr/tesseract-engine.ts';
import { greyForOcr } from '../ocr/prepare.ts';
import { photoVerdict } from './photo.ts';
import { resizeGrey } from './raster.ts';
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
  const favoured = osdGuess !== undefined ? (osdGuess % 180 === 0 ? 0 : 1) : inkOf(across) >= inkOf(down) ? 0 : 1;
  if (favoured === 1) axes.reverse();
  // Each line is read both ways round; the better way earns the difference. A line that reads
  // badly both ways (a picture, a rule, a row of sideways characters) earns nothing, so a few junk
  // lines cannot outvote one line read with confidence.
  const advantage = new Map<Rotation, number>();
  const adv = (r: Rotation) => advantage.get(r) ?? 0;
  const reads: Array<Record<string, unknown>> = [];
  for (const [ai, axis] of axes.entries()) {
    for (const [li, line] of axis.lines.entries()) {
      const img = crop(g, line.x, line.y, line.w, line.h);
      const f = LINE_GLYPH_PX / line.size;
      const sized = Math.abs(f - 1) < 0.15 ? img : resizeGrey(img, f);
      const got: number[] = [];
      for (const turn of axis.turns) {
        // Make the line upright as if the page were stored at `turn`.
        const p = await ocr.recognize(rotateRaw(sized, (360 - turn) % 360), { psm: 'single_line' });
        const s = lineScore(p, line);
        got.push(s.score);
        reads.push({ turn, line: li, size: line.size, conf: Math.round(s.conf), chars: s.chars });
      }
      const [t0, t1] = axis.turns;
      if (got[0] > got[1]) advantage.set(t0, adv(t0) + got[0] - got[1]);
      else advantage.set(t1, adv(t1) + got[1] - got[0]);
      // Two lines read with confidence one way and not the other settle the axis.
      const [a, b] = [adv(t0), adv(t1)];
      if (li + 1 >= MIN_LINES && Math.max(a, b) >= SETTLED && Math.min(a, b) <= Math.max(a, b) / 4) break;
    }
    // Settled along the favoured axis: sideways Chinese does not read well either way round.
    if (ai === 0 && Math.max(...axis.turns.map(adv)) >= SETTLED) break;
  }
  evidence.lines = reads;
  lap('reads');
  const ranked = [...advantage.keys()].map((r) => ({ r, m: adv(r) })).sort((a, b) => b.m - a.m);
  evidence.advantage = Object.fromEntries(ranked.map((x) => [x.r, Math.round(x.m)]));
  const best = ranked[0];
  if (!best || best.m < 20) {
    // Nothing read better one way than another: OSD's unsure guess is all there is.
    return { detected: osdGuess ?? 0, confidence: 0, method: osdGuess !== undefined ? 'osd' : 'ocr', evidence };
  }
  const second = ranked[1]?.m ?? 0;
  const margin = (best.m - second) / best.m;
  // Little evidence (one line read moderately) is little confidence, whatever the margin.
  const confidence = Math.round(Math.max(0, Math.min(1, margin * Math.min(1, best.m / SETTLED))) * 100) / 100;
  // Two weak witnesses: reads this unsure were right 2 times in 5 on the orientation set, an unsure
  // OSD answer of confidence 1–4 right 62 times in 66 (docs/clarity.md, round 4).
  if (confidence < WEAK_READS && osdGuess !== undefined && osdGuess !== best.r && osdGuessConfidence >= OSD_GUESS_CONFIDENCE) {
    evidence.overruledReads = best.r;
    return { detected: osdGuess, confidence, method: 'osd', evidence };
  }
  return { detected: best.r, confidence, method: 'ocr', evidence };
}
