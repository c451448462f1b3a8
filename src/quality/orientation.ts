import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { RawImage } from '../model/image.ts';
import type { OcrEngine, OcrPage } from '../model/ocr.ts';
import { requireLanguageData } from '../ocr/model-path.ts';
import { toPnm } from '../ocr/pgm.ts';
import { QUIET_WORKER } from '../ocr/tesseract-engine.ts';
import { greyForOcr, luminance } from '../ocr/prepare.ts';
import { photoVerdict } from './photo.ts';
import { checkOsdTurn } from './osd-check.ts';
import { headingLines, LINE_GLYPH_PX, lineScore, MIN_TILT_CONFIDENCE, MIN_TILT_DEG, readLines, SETTLED, tiltOf, witnessed, type ReadPass } from './line-reads.ts';
import { crop, densestWindow, resizeGrey } from './raster.ts';
import { levelGrey, normRotation, rotateRaw, type Rotation } from './rotate.ts';
import { measureTextScale } from './text-scale.ts';

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
const OSD_MIN_CONFIDENCE = 4;
/** Largest area (px, after resampling) OSD looks at: a quarter of an A4 page at 300 dpi. */
const MAX_OSD_PX = 2_000_000;
/** Reads less sure than this give way to an unsure OSD answer of at least OSD_GUESS_CONFIDENCE. */
const WEAK_READS = 0.4;
const OSD_GUESS_CONFIDENCE = 1;
/** Confidence of a decision resting on one clear read (and contradicted by none). */
const WITNESSED = 0.5;

/** Below this confidence a guess is not acted on: the page is left as scanned and flagged (the
 *  pipeline writes it unturned; findings.ts says which way it may be turned). */
export const MIN_TURN_CONFIDENCE = 0.3;

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
      // A turn is checked by a few line reads (osd-check.ts): OSD can be sure and wrong.
      if (r.rotation !== 0) {
        const check = await checkOsdTurn(g, ocr, r.rotation);
        lap('osdCheck');
        if (check.overrule !== undefined) {
          evidence.osdOverruled = r.rotation;
          evidence.lines = check.reads;
          return { detected: check.overrule, confidence: WITNESSED, method: 'ocr', evidence };
        }
      }
      return { detected: r.rotation, confidence: Math.min(1, r.confidence / 10), method: 'osd', evidence };
    }
    if (r) [osdGuess, osdGuessConfidence] = [r.rotation, r.confidence];
  }

  // Lines across the stored page are read at 0° and 180°, lines down it at 90° and 270°.
  // The way the ink runs goes first; OSD's unsure guess, when it has one, outranks it.
  // An OSD answer under OSD_GUESS_CONFIDENCE is noise (0.06 on a blurred certificate, the wrong
  // axis): the ink decides then.
  const steering = osdGuess !== undefined && osdGuessConfidence >= OSD_GUESS_CONFIDENCE ? osdGuess : undefined;
  let pass = await readLines(g, ocr, steering);
  lap('reads');
  const leaderOf = (r: ReadPass) => [...r.advantage.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
  let leader = leaderOf(pass);
  if (leader === undefined || !pass.witness.has(leader)) {
    // A tilted photograph (an ID card held at 4°): the strips the lines are cut from slice through
    // them, and no crop holds a whole line (round 6: an ID card front at 240 dpi read nothing clear
    // at any turn, and OSD was sure of the wrong one). Its lines are levelled and read again.
    const tilt = tiltOf(g);
    evidence.tilt = tilt;
    if (Math.abs(tilt.angleDeg) >= MIN_TILT_DEG && tilt.confidence >= MIN_TILT_CONFIDENCE) {
      const level = levelGrey(g, tilt.angleDeg);
      measureTextScale(level);
      const again = await readLines(level, ocr, steering);
      evidence.crookedReads = pass.reads;
      pass = again;
      leader = leaderOf(pass);
      lap('levelled');
    }
  }
  const { advantage, witness, reads } = pass;
  const adv = (r: Rotation) => advantage.get(r) ?? 0;
  // No clear read: a blurred page, most likely. Its largest print (a title, a heading) is blurred
  // least for its size and may still read: the thickest long ink lines of a coarse copy are read
  // both ways round, on both axes.
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
  lap('headings');
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
    // OSD's guess is "as scanned" and the reads say otherwise: neither is sure, and the page is
    // left as scanned — flagged, the reads' guess kept for the finding (round 6: an ID card front
    // stored at 180°, OSD 0 at confidence 1.9, the levelled reads 180 on six lines of seven).
    if (osdGuess === 0) return { detected: 0, confidence, method: 'osd', evidence: { ...evidence, weakGuess: best.r } };
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
