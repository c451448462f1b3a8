/**
 * Calibration and measurement of the scan checks on the project's sample generator (docs/clarity.md).
 *   npx tsx scripts/measure-quality.ts [clarity|orientation|clean|all] [--seeds=1,2] [--types=a,b] [--no-ocr]
 *     [--cache-ocr] [--dump=file.jsonl] [--blurry] [--ocr-only]
 * --cache-ocr reuses the clarity pages' OCR from an earlier run (kept next to the rendered pages);
 * --dump appends every clarity point (label, score, evidence) as a JSON line; --ocr-only measures only
 * the clarity pages read with the OCR (a quicker run of the pipeline's agreement).
 * - orientation: every document type at the four quarter turns (two seeds, dpi 150–300, a phone
 *   photo on some), orientation accuracy by type and turn, ms per page per check, and the ms of a
 *   plain full-page OCR (readPage) of the same upright pages for comparison. With --blurry the same
 *   documents blurred as the generator blurs (σ 0.14–0.22 of the type size): how many are turned
 *   right, left as scanned and flagged (a weak guess), or turned the wrong way (the worst).
 * - clarity: a set of document types blurred σ 0–3 px and drawn at 100–300 dpi; agreement of
 *   clarityVerdict with the generator's label (scripts/samples/clarity.ts).
 * - clean: false exposure / photo / clarity findings on generator pages labelled clear.
 * Rendered pages are cached under /tmp/measure-quality-cache (the generator is deterministic).
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderDocument, type DocSpec } from './samples/index.ts';
import { Sheet } from './samples/sheet.ts';
import type { DocTypeId } from '../src/model/doc-types.ts';
import type { RawImage } from '../src/model/image.ts';
import type { OcrEngine } from '../src/model/ocr.ts';
import type { Finding } from '../src/model/finding.ts';
import {
  CLARITY_LIMITS,
  clarityVerdict,
  createOsdDetector,
  detectOrientation,
  estimateSkew,
  exposureVerdict,
  photoVerdict,
  qualityFindings,
  measureTextScale,
  normRotation,
  rotateRaw,
  turnGrey,
  type Rotation,
} from '../src/quality/index.ts';
import { removeRules } from '../src/ocr/remove-rules.ts';
import { greyForOcr } from '../src/ocr/prepare.ts';
import { readPage } from '../src/ocr/read-page.ts';
import { createTesseractEngine } from '../src/ocr/tesseract-engine.ts';

const argv = process.argv.slice(2);
const what = argv.find((a) => !a.startsWith('--')) ?? 'all';
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SEEDS = (flag('seeds') ?? '1,2').split(',').map(Number);
const ONLY = flag('types')?.split(',');
const WITH_OCR = !argv.includes('--no-ocr');
/** Reuse the page OCR of an earlier run (for calibrating thresholds; the OCR depends on src/ocr). */
const CACHE_OCR = argv.includes('--cache-ocr');
/** clarity: only the pages the pipeline's subset reads with the OCR (the grid's 180 of 315 a seed). */
const OCR_ONLY = argv.includes('--ocr-only');
/** Append every clarity point as a JSON line to this file. */
const DUMP = flag('dump');
const CACHE = '/tmp/measure-quality-cache';
/** axis / orientation modes: the documents blurred as the generator blurs (clarity 'blurry'). */
const BLURRY = argv.includes('--blurry');
fs.mkdirSync(CACHE, { recursive: true });

const ALL_TYPES: DocTypeId[] = [
  'id_card_front', 'id_card_back', 'photo', 'diploma', 'degree', 'chsi_record', 'chsi_verification',
  'graduate_registration', 'title_certificate', 'title_document', 'title_review_form', 'appraisal_form',
  'ce_certificate', 'ce_exemption', 'putonghua_certificate', 'unit_publicity', 'unit_recommendation',
  'personal_pledge', 'paper', 'cnki_screenshot', 'award_certificate', 'patent_certificate',
  'skill_certificate', 'secrecy_proof', 'work_photo',
];
const PHOTO_TYPES = new Set<DocTypeId>(['photo', 'work_photo']);
const types = (list: DocTypeId[]) => (ONLY ? list.filter((t) => ONLY.includes(t)) : list);

// The generator decides the clarity label from the body-text size of each sheet (Sheet.bodyPx,
// the font size in drawn px). Record it as the generator reads it, to know how far from the label
// boundary a page is.
const bodyDesc = Object.getOwnPropertyDescriptor(Sheet.prototype, 'bodyPx')!;
let bodyLog: number[] = [];
Object.defineProperty(Sheet.prototype, 'bodyPx', {
  get(this: Sheet) {
    const v = bodyDesc.get!.call(this) as number;
    bodyLog.push(v);
    return v;
  },
});

interface Sample {
  /** Cache key of the rendered page. */
  key: string;
  image: RawImage;
  rotation: Rotation;
  clarity: 'ok' | 'blurry' | 'too_small';
  blurSigma: number;
  dpi: number;
  camera: boolean;
  /** Body text size in stored px (font size), as the label uses it. */
  charPx: number;
}

async function sample(spec: DocSpec, seed: number): Promise<Sample> {
  const key = `${spec.type}-${seed}-${JSON.stringify({ ...spec, type: undefined })}`.replace(/[^a-zA-Z0-9_.-]+/g, '_');
  const meta = path.join(CACHE, `${key}.json`);
  if (fs.existsSync(meta)) {
    const m = JSON.parse(fs.readFileSync(meta, 'utf8'));
    return { ...m, key, image: { ...m.image, data: fs.readFileSync(path.join(CACHE, `${key}.rgb`)) } };
  }
  bodyLog = [];
  const doc = await renderDocument(spec, seed);
  const p = doc.pages[0];
  const body = bodyLog.length ? bodyLog[bodyLog.length - 1] : Infinity;
  const scale = spec.degrade?.scale ?? 1;
  const s: Sample = {
    key,
    image: p.image,
    rotation: p.truth.rotation,
    clarity: p.truth.clarity,
    blurSigma: p.truth.blurSigma,
    dpi: p.truth.dpi,
    camera: !!spec.degrade?.camera,
    charPx: Number.isFinite(body) ? body * scale : 0,
  };
  fs.writeFileSync(path.join(CACHE, `${key}.rgb`), p.image.data);
  fs.writeFileSync(meta, JSON.stringify({ ...s, key: undefined, image: { width: p.image.width, height: p.image.height, channels: p.image.channels } }));
  return s;
}

const now = () => performance.now();
const med = (a: number[]) => (a.length ? [...a].sort((x, y) => x - y)[a.length >> 1] : NaN);
const pct = (a: number, b: number) => `${a}/${b} = ${b ? ((100 * a) / b).toFixed(1) : '-'} %`;
const upright = (s: Sample) => (s.rotation ? rotateRaw(s.image, (360 - s.rotation) % 360) : s.image);

// ---------------------------------------------------------------------------------------------
async function clarity(): Promise<void> {
  const kinds = types(['id_card_front', 'id_card_back', 'diploma', 'title_certificate', 'appraisal_form', 'title_document', 'personal_pledge', 'chsi_verification', 'paper']);
  const dpis = [100, 150, 200, 250, 300];
  const sigmas = [0, 0.5, 1, 1.5, 2, 2.5, 3];
  // The pipeline judges clarity with the page's OCR at hand; OCR every page of this subset.
  const withOcr = (dpi: number, sigma: number) => WITH_OCR && (dpi <= 150 ? true : dpi !== 250 && [0, 2, 3].includes(sigma));
  const seed = SEEDS[0];
  const ocr: OcrEngine | undefined = WITH_OCR ? await createTesseractEngine({ workers: 1 }) : undefined;
  const rows: string[] = [];
  const wrong: string[] = [];
  const times: number[] = [];
  const ocrTimes: number[] = [];
  const pts: Array<{ score: number; big: boolean; labelOk: boolean; band: boolean; ocr: boolean }> = [];
  const glyphRatio: number[] = [];
  for (const type of kinds) {
    for (const dpi of dpis) {
      const cells: string[] = [];
      let charPx = 0;
      for (const blurSigma of sigmas) {
        if (OCR_ONLY && !withOcr(dpi, blurSigma)) continue;
        const s = await sample({ type, dpi, degrade: { rotation: 0, camera: false, skewDeg: 0, blurSigma, scale: 1 } }, seed);
        charPx = s.charPx;
        const g = greyForOcr(s.image);
        let pageOcr;
        if (ocr && withOcr(dpi, blurSigma)) {
          const file = path.join(CACHE, `${s.key}.ocr.json`);
          if (CACHE_OCR && fs.existsSync(file)) pageOcr = JSON.parse(fs.readFileSync(file, 'utf8'));
          else {
            const t0 = now();
            pageOcr = (await readPage(g, ocr)).ocr;
            ocrTimes.push(now() - t0);
            fs.writeFileSync(file, JSON.stringify(pageOcr));
          }
        }
        const t = now();
        const v = clarityVerdict(g, pageOcr);
        times.push(now() - t);
        if (blurSigma === 0 && v.glyphHeightPx) glyphRatio.push(v.glyphHeightPx / s.charPx);
        const labelOk = s.clarity === 'ok';
        const ratio = s.blurSigma / s.charPx;
        // The generator's own gap: ratio in (0.05, 0.14) with text big enough is a coin toss by design.
        const band = s.clarity !== 'too_small' && ratio > 0.05 && ratio < 0.14;
        pts.push({ score: v.score, big: v.bigEnough, labelOk, band, ocr: !!pageOcr });
        if (DUMP) fs.appendFileSync(DUMP, JSON.stringify({ type, dpi, blurSigma, charPx: s.charPx, label: s.clarity, band, ocr: !!pageOcr, score: v.score, glyph: v.glyphHeightPx, ...v.evidence }) + '\n');
        const verdict = !v.bigEnough ? 'S' : v.ok ? '' : '✗';
        if (labelOk !== v.ok) wrong.push(`${type}@${dpi} σ${blurSigma}${pageOcr ? ' +ocr' : ''}: score ${v.score} glyph ${v.glyphHeightPx} (text ${s.charPx.toFixed(1)} px, σ/text ${ratio.toFixed(3)}) label ${s.clarity}${band ? ' [band]' : ''} ${JSON.stringify(v.evidence)}`);
        cells.push(`${v.score}${verdict}${pageOcr ? '' : '°'}${labelOk === v.ok ? '' : band ? ' (~)' : ' (!)'}`);
      }
      rows.push(`| ${type} | ${dpi} | ${charPx.toFixed(1)} | ${cells.join(' | ')} |`);
    }
  }
  await ocr?.terminate();
  console.log(`\n### Clarity score by blur σ (stored px) and dpi — threshold ${CLARITY_LIMITS.minScore}; ✗ judged blurred, S judged too small, ° without OCR (ink-band text size); (!) disagrees with the label, (~) disagrees inside the label's boundary band σ/text 0.05–0.14\n`);
  console.log(`| type | dpi | text px | ${sigmas.map((s) => `σ ${s}`).join(' | ')} |`);
  console.log(`|---|---|---|${sigmas.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(r);
  const agreeAt = (min: number, sel: (p: (typeof pts)[number]) => boolean) => {
    const ps = pts.filter(sel);
    return [ps.filter((p) => (p.big && p.score >= min) === p.labelOk).length, ps.length] as const;
  };
  for (const [name, sel] of [
    ['with OCR (as the pipeline)', (p: (typeof pts)[number]) => p.ocr],
    ['with OCR, outside the band', (p: (typeof pts)[number]) => p.ocr && !p.band],
    ['image only', (p: (typeof pts)[number]) => !p.ocr],
    ['image only, outside the band', (p: (typeof pts)[number]) => !p.ocr && !p.band],
    ['all', () => true],
  ] as const) {
    const [a, n] = agreeAt(CLARITY_LIMITS.minScore, sel);
    const sweep = [30, 40, 45, 50, 55, 60, 65, 70, 75, 78, 80, 85].map((m) => `${m}:${agreeAt(m, sel)[0]}`).join(' ');
    console.log(`clarity agreement ${name}: ${pct(a, n)}   (by threshold ${sweep})`);
  }
  console.log(`glyph / text px on sharp pages: median ${med(glyphRatio).toFixed(2)}, min ${Math.min(...glyphRatio).toFixed(2)}, max ${Math.max(...glyphRatio).toFixed(2)}`);
  console.log(`clarity ms median ${med(times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; full OCR ms median ${med(ocrTimes).toFixed(0)}`);
  for (const w of wrong) console.log('  disagree:', w);
}

// ---------------------------------------------------------------------------------------------
interface CheckTimes {
  prepare: number[];
  orientation: number[];
  skew: number[];
  clarity: number[];
  exposure: number[];
  photo: number[];
  ocr: number[];
}

function errorsOf(f: Finding[]): string[] {
  return f.filter((x) => x.severity === 'error').map((x) => x.ruleId);
}

async function orientation(): Promise<void> {
  const ocr: OcrEngine = await createTesseractEngine({ workers: 1 });
  const osd = await createOsdDetector();
  const dpis = [150, 200, 240, 300];
  const turns: Rotation[] = [0, 90, 180, 270];
  const byType = new Map<string, { ok: number; n: number; methods: Record<string, number>; t: CheckTimes }>();
  const byTurn = new Map<number, { ok: number; n: number }>();
  let camOk = 0;
  let camN = 0;
  /** Pages turned the wrong way (worse than not turned), and pages left as scanned and flagged. */
  let wrongTurns = 0;
  let flagged = 0;
  const errors: string[] = [];
  const falseFindings: string[] = [];
  const warnings: Record<string, number> = {};
  let cleanPages = 0;
  const list = types(ALL_TYPES);
  for (const [ti, type] of list.entries()) {
    for (const seed of SEEDS) {
      const dpi = dpis[(ti + seed) % dpis.length];
      // A phone photo on every third document (ID cards are photographed by default).
      const camera = type !== 'cnki_screenshot' && (ti + seed) % 3 === 0 ? true : undefined;
      for (const rotation of turns) {
        const s = await sample({ type, dpi, clarity: BLURRY ? 'blurry' : 'ok', degrade: { rotation, ...(camera ? { camera } : {}) } }, seed);
        const k = byType.get(type) ?? { ok: 0, n: 0, methods: {}, t: { prepare: [], orientation: [], skew: [], clarity: [], exposure: [], photo: [], ocr: [] } };
        byType.set(type, k);
        // As the pipeline does it (src/pipeline/analyse-page.ts): the OCR's grey and its text size
        // made once on the stored page ('prepare', shared with the page read), then orientation.
        let t = now();
        const stored = removeRules(greyForOcr(s.image));
        measureTextScale(stored);
        k.t.prepare.push(now() - t);
        t = now();
        const v = await detectOrientation(s.image, ocr, { osd, grey: stored });
        k.t.orientation.push(now() - t);
        k.methods[v.method] = (k.methods[v.method] ?? 0) + 1;
        // One line per page as it goes (a long run can be read before it ends).
        process.stderr.write(`page ${type} seed ${seed} @${dpi}${s.camera ? ' camera' : ''} σ${s.blurSigma} rot ${rotation} → ${v.detected} ${v.method} ${v.confidence}${v.evidence.weakGuess !== undefined ? ` weakGuess ${v.evidence.weakGuess}` : ''} ${Math.round(k.t.orientation[k.t.orientation.length - 1])} ms\n`);
        const photoDoc = PHOTO_TYPES.has(type);
        if (!photoDoc) {
          const good = v.detected === rotation;
          k.n++;
          if (good) k.ok++;
          const bt = byTurn.get(rotation) ?? { ok: 0, n: 0 };
          bt.n++;
          if (good) bt.ok++;
          byTurn.set(rotation, bt);
          if (s.camera || type.startsWith('id_card')) {
            camN++;
            if (good) camOk++;
          }
          if (!good) errors.push(`${v.detected === 0 && v.evidence.weakGuess !== undefined ? 'not turned (flagged)' : v.detected === 0 ? 'NOT TURNED' : 'WRONG TURN'}: ${type} seed ${seed} @${dpi}${s.camera ? ' camera' : ''} σ${s.blurSigma} rot ${rotation} → ${v.detected} (${v.method}, conf ${v.confidence}) ${JSON.stringify(v.evidence).slice(0, 600)}`);
          if (v.detected !== rotation && v.detected !== 0) wrongTurns++;
          if (v.evidence.weakGuess !== undefined) flagged++;
        } else if (v.method !== 'none') errors.push(`${type} (photo) seed ${seed} rot ${rotation} → ${v.detected} (${v.method})`);

        // The other checks, on the upright page as the pipeline sees it.
        const up = upright(s);
        const g = turnGrey(stored, normRotation(360 - v.detected));
        t = now();
        const skew = estimateSkew(g);
        k.t.skew.push(now() - t);
        t = now();
        const photo = photoVerdict(up);
        k.t.photo.push(now() - t);
        t = now();
        const exposure = exposureVerdict(g);
        k.t.exposure.push(now() - t);
        let pageOcr;
        if (WITH_OCR && rotation === 0) {
          t = now();
          pageOcr = (await readPage(g, ocr)).ocr;
          k.t.ocr.push(now() - t);
        }
        t = now();
        const clar = clarityVerdict(g, pageOcr);
        k.t.clarity.push(now() - t);
        if (photoDoc !== photo.photo) falseFindings.push(`${type} seed ${seed} rot ${rotation}: photo=${photo.photo} ${JSON.stringify(photo)}`);
        const f = qualityFindings({ skew, clarity: clar, exposure, photo }, { file: type, page: 1 });
        cleanPages++;
        for (const e of errorsOf(f)) falseFindings.push(`${type} seed ${seed} @${dpi}${s.camera ? ' camera' : ''} rot ${rotation}: ${e} ${JSON.stringify(f.find((x) => x.ruleId === e)?.evidence)} ${e === 'scan/exposure' ? JSON.stringify(exposure) : ''}`);
        for (const w of f.filter((x) => x.severity === 'warning')) warnings[w.ruleId] = (warnings[w.ruleId] ?? 0) + 1;
      }
    }
  }
  await osd.terminate();
  await ocr.terminate();

  console.log(`\n### Orientation by document type (seeds ${SEEDS.join(',')} × 4 turns; dpi 150–300; camera on every third)\n`);
  console.log('| type | correct | decided by | orientation ms (median) | full OCR ms (median) | ratio | skew | clarity | exposure | photo |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  let ok = 0;
  let n = 0;
  const ratios: number[] = [];
  for (const [type, k] of byType) {
    ok += k.ok;
    n += k.n;
    const o = med(k.t.orientation);
    const r = med(k.t.ocr);
    if (Number.isFinite(r)) ratios.push(o / r);
    const m = (a: number[]) => med(a).toFixed(0);
    console.log(`| ${type} | ${PHOTO_TYPES.has(type as DocTypeId) ? '(photo)' : `${k.ok}/${k.n}`} | ${Object.entries(k.methods).map(([a, b]) => `${a} ${b}`).join(', ')} | ${o.toFixed(0)} | ${Number.isFinite(r) ? r.toFixed(0) : '-'} | ${Number.isFinite(r) ? (o / r).toFixed(2) : '-'} | ${m(k.t.skew)} | ${m(k.t.clarity)} | ${m(k.t.exposure)} | ${m(k.t.photo)} |`);
  }
  console.log(`\norientation (${BLURRY ? 'blurred pages' : 'clean pages'}) ${pct(ok, n)}; turned the wrong way ${wrongTurns}; weak guesses not acted on (flagged) ${flagged}; by turn: ${[...byTurn].map(([r, b]) => `${r}° ${b.ok}/${b.n}`).join(', ')}; phone photos and ID cards ${camOk}/${camN}`);
  const all = [...byType.values()];
  const sum = (f: (t: CheckTimes) => number[]) => all.flatMap((k) => f(k.t)).reduce((a, b) => a + b, 0);
  if (WITH_OCR) {
    console.log(`orientation ms / full OCR ms, median over types ${med(ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}`);
    const nOcr = all.reduce((a, k) => a + k.t.ocr.length, 0);
    const all2 = all.flatMap((k) => k.t.orientation).sort((a, b) => a - b);
    console.log(`orientation ms per page: median ${med(all2).toFixed(0)}; prepare (grey, rules, text size; shared with the page read) mean ${(sum((t) => t.prepare) / all2.length).toFixed(0)}`);
    console.log(`mean per page: orientation ${(sum((t) => t.orientation) / (n + 0.0001 + all.reduce((a, k) => a + (k.n ? 0 : k.t.orientation.length), 0))).toFixed(0)} ms, full OCR ${(sum((t) => t.ocr) / nOcr).toFixed(0)} ms`);
  }
  console.log(`\nclean pages (clarity label ok): ${cleanPages}; error findings: ${falseFindings.length} ; warnings: ${JSON.stringify(warnings)}`);
  for (const e of errors) console.log('  wrong:', e);
  for (const e of falseFindings) console.log('  false:', e.slice(0, 500));
}

// ---------------------------------------------------------------------------------------------
/** Generator defaults (lighting, tint, grey scans, dark borders, phone photos), labelled clear. */
async function clean(): Promise<void> {
  const counts: Record<string, number> = {};
  let pages = 0;
  const lines: string[] = [];
  const inkLevels: number[] = [];
  for (const type of types(ALL_TYPES)) {
    for (const seed of [...SEEDS, 11, 12, 13, 14]) {
      const s = await sample({ type, clarity: 'ok', degrade: { rotation: 0 } }, seed);
      const up = upright(s);
      const g = greyForOcr(up);
      const photo = photoVerdict(up);
      const exposure = exposureVerdict(g);
      const clar = clarityVerdict(g);
      inkLevels.push(exposure.ink);
      const photoDoc = PHOTO_TYPES.has(type);
      pages++;
      const f = qualityFindings({ clarity: clar, exposure, photo }, { file: type, page: 1 });
      for (const x of f) if (x.severity !== 'info' || x.ruleId === 'scan/photo') counts[`${x.ruleId}:${x.severity}`] = (counts[`${x.ruleId}:${x.severity}`] ?? 0) + 1;
      if (photo.photo !== photoDoc) lines.push(`${type} ${seed}: photo ${photo.photo} ${JSON.stringify(photo)}`);
      for (const x of f) if (x.severity !== 'info') lines.push(`${type} ${seed} (dpi ${s.dpi}, text ${s.charPx.toFixed(1)} px): ${x.ruleId} ${x.severity} ${JSON.stringify(x.evidence)}`);
    }
  }
  console.log(`\n### Findings on clean generator pages (${pages} pages, default degradations, label ok)\n`);
  console.log(JSON.stringify(counts));
  console.log(`ink level (1st percentile) median ${med(inkLevels)}, max ${Math.max(...inkLevels)}`);
  for (const l of lines) console.log('  ', l.slice(0, 400));
}

if (what === 'clarity' || what === 'all') await clarity();
if (what === 'clean' || what === 'all') await clean();
if (what === 'orientation' || what === 'all') await orientation();
