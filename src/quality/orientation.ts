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
import { measureTextScale } from './text-scale.ts';

export interface OrientationVerdict {
  /** Clockwise rotation the stored scan has relative to upright; turn it by (360 - detected) to fix. */
  detected: Rotation;
  /** 0..1. */
  confidence: number;
  /** 'osd' (tesseract orientation detection), 'ocr' (OCR confidence at each turn), or 'none' (no text). */
  method: 'osd' | 'ocr' | 'none';
  /** The OCR of the upright page when the decision already needed one (sparse segmentation). */
  uprightOcr?: OcrPage;
  evidence: Record<string, unknown>;
}

export interface OrientationOptions {
  /** An OSD worker to reuse (see createOsdDetector); without it OSD is skipped and OCR decides. */
  osd?: OsdDetector;
  /** OSD confidence at or above which its answer is taken without asking the OCR. */
  osdMinConfidence?: number;
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

/** Glyph height the OSD pass sees: its blob filters are tuned for ~10pt text at 300 dpi. */
const OSD_GLYPH_PX = 40;
/** Glyph height the OCR fallback reads at: big enough for chi_sim, small enough to be quick. */
const OCR_GLYPH_PX = 32;
const OSD_MIN_CONFIDENCE = 4;
/** Largest area (px) the OCR fallback reads at each turn: about a third of an A4 page of 10pt text. */
const MAX_FALLBACK_PX = 900 * 900;
/** Largest area (px) OSD looks at: about half an A4 page at 300 dpi. */
const MAX_OSD_PX = 4_000_000;

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
  const out = Buffer.allocUnsafe(ww * wh);
  for (let y = 0; y < wh; y++) data.copy(out, y * ww, (by + y) * w + bx, (by + y) * w + bx + ww);
  return { data: out, width: ww, height: wh, channels: 1 };
}

function ocrScore(p: OcrPage): { score: number; conf: number; chars: number } {
  const chars = p.lines.reduce((s, l) => s + l.chars.length, 0);
  // Mean confidence decides; the count of characters (capped) breaks ties between two empty reads.
  return { score: p.confidence * Math.min(1, chars / 12), conf: p.confidence, chars };
}

/**
 * Which way up is the page? A cheap first check (OSD on a copy with normal-sized text) answers for
 * most pages; when it is unsure, the OCR reads the page at each quarter turn with sparse segmentation
 * (which, unlike automatic segmentation, does not quietly turn vertical lines itself) and the turn
 * with the confident read wins. Upright is tried first and ends the search when the read is good.
 */
export async function detectOrientation(
  page: RawImage,
  ocr: OcrEngine,
  opts: OrientationOptions = {},
): Promise<OrientationVerdict> {
  const g = greyForOcr(page);
  const scale = measureTextScale(g);
  const glyph = scale.glyphHeightPx;
  const evidence: Record<string, unknown> = { glyphHeightPx: glyph };
  // A photograph has no text to read the right way up; its orientation is not ours to guess.
  const photo = photoVerdict(page);
  if (glyph === 0 || photo.photo) return { detected: 0, confidence: 0, method: 'none', evidence: { ...evidence, noText: true, photo: photo.photo } };

  let osdGuess: Rotation | undefined;
  if (opts.osd) {
    // OSD's cost grows with the pixels: an enlarged 300 dpi page (or one whose text size was
    // under-estimated) is cropped to its inkiest window; a few lines of text are plenty for OSD.
    const f = Math.min(2.5, OSD_GLYPH_PX / glyph);
    const r = await opts.osd.detect(densestWindow(Math.abs(f - 1) < 0.15 ? g : resizeGrey(g, f), MAX_OSD_PX));
    evidence.osd = r ?? 'no answer';
    if (r && r.confidence >= (opts.osdMinConfidence ?? OSD_MIN_CONFIDENCE)) {
      return { detected: r.rotation, confidence: Math.min(1, r.confidence / 10), method: 'osd', evidence };
    }
    if (r) osdGuess = r.rotation;
  }

  const readTurns = async (img: RawImage, first: Rotation, pass: number) => {
    // OSD's unsure guess first, then upright, then the rest.
    const order: Rotation[] = [...new Set<Rotation>([first, 0, 180, 90, 270])];
    const out: Array<{ rotation: Rotation; score: number; conf: number; chars: number; page: OcrPage; pass: number }> = [];
    for (const rotation of order) {
      const p = await ocr.recognize(rotateRaw(img, (360 - rotation) % 360), { psm: 'sparse' });
      const s = ocrScore(p);
      out.push({ rotation, ...s, page: p, pass });
      // A confident read of enough characters: no need to try the other turns.
      if (s.conf >= 80 && s.chars >= 12) break;
    }
    return out;
  };
  const f = Math.min(2.5, OCR_GLYPH_PX / glyph);
  const native = Math.abs(f - 1) < 0.15;
  const resized = native ? g : resizeGrey(g, f);
  // A dense page read four times would cost more than its OCR: read the inkiest part of it only.
  const small = densestWindow(resized, MAX_FALLBACK_PX);
  const cropped = small !== resized;
  const tried = await readTurns(small, osdGuessOr0(osdGuess), 1);
  // Too little read at every turn: the text-size estimate (and so the crop) was likely off — a
  // phone photo, a form whose rules fooled the estimate. Read a larger window at the stored size.
  const weak = (t: { conf: number; chars: number }) => t.chars < 12 || t.conf < 40;
  if (tried.every(weak) && !native) {
    const wide = densestWindow(g, MAX_FALLBACK_PX * 2.5);
    const best1 = [...tried].sort((a, b) => b.score - a.score)[0];
    tried.push(...(await readTurns(wide, best1.score > 0 ? best1.rotation : osdGuessOr0(osdGuess), 2)));
  }
  tried.sort((a, b) => b.score - a.score);
  const best = tried[0];
  // The margin is over the best read at another turn (a turn may have been read in both passes).
  const second = tried.find((t) => t.rotation !== best.rotation);
  evidence.ocr = tried.map((t) => ({ rotation: t.rotation, conf: Math.round(t.conf), chars: t.chars, pass: t.pass }));
  const margin = second ? (best.score - second.score) / Math.max(1, best.score) : best.conf >= 80 ? 1 : 0.5;
  return {
    detected: best.score > 0 ? best.rotation : 0,
    // A win between two near-empty reads is no evidence: scale by how well the best turn read.
    confidence: Math.round(Math.max(0, Math.min(1, margin * Math.min(1, best.conf / 50))) * 100) / 100,
    method: 'ocr',
    ...(native && !cropped && best.pass === 1 && best.score > 0 ? { uprightOcr: best.page } : {}),
    evidence,
  };
}

function osdGuessOr0(r: Rotation | undefined): Rotation {
  return r ?? 0;
}
