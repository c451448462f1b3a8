/**
 * Seal detection, arc-text reading and owner decision measured on generated pages.
 *   npx tsx scripts/measure-seals.ts [pages=50] [seed=1]   (50 pages hold ≥ 60 seals)
 * Each page is a 200 dpi A4 scan with body text, one or two seals (the employer's or another
 * body's) in every shade and shape, over text, over a signature, cut by the page edge, overlapping;
 * distractor pages carry a red ID-photo background, red headings and underlines, no seal. Some
 * pages go through blur and JPEG, some are grey-scale scans.
 *
 * Definitions. A seal is found when a candidate's centre is within ¼ radius of the true one.
 * Employer-seal recall counts the employer's seals on colour pages; a seal on a grey-scale scan is
 * counted separately (found and reported colour 'lost' = a person checks it), never as found red.
 * Owner: every seal is stamped over a printed place (90 %): 单位（盖章） for the employer's seal,
 * 主管部门意见（盖章）/发证机关（盖章）… for another body's; the labels are drawn under the ink.
 * "unit line from OCR" (the realistic line) reads each drawn label from its crop through
 * greyForOcr, as the pipeline reads a page, and gives decideSealOwner the document type and
 * nearUnitLine of those readings (true / false / undefined when no place is near; each label goes
 * to one seal, the one nearest its 盖章 end, as sealDetections passes the page's other seals) and
 * whether another seal was found on the page. Body text is not
 * read (it holds no seal place). "unit line unknown" is the same without the hint (pessimistic),
 * "oracle" takes the hint from the truth (optimistic), "text only" has no document either. Arc text is read
 * when its character accuracy is ≥ 0.6 against the whole name, including glyphs off the page; the
 * line after it counts only seals with ≥ 90 % of their glyphs on the page. Other seals' rings are
 * passed to the reader as the pipeline does (sealDetections). SEAL_DUMP=file.jsonl writes one
 * line per red seal found (reading, hint, label readings) for study without OCR.
 * SEAL_LIGHT_COLOUR=1 prints a blue photo and a red heading in colour on the grey pages (a grey
 * copy scanned in colour): their seals must still be reported 'lost'.
 */
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
import type { Box, Ellipse } from '../src/model/geometry.ts';
import type { RawImage } from '../src/model/image.ts';
import type { DocTypeId } from '../src/model/doc-types.ts';
import { detectSeals } from '../src/detect/seals/detect-seals.ts';
import { readSealText } from '../src/detect/seals/read-seal-text.ts';
import { decideSealOwner } from '../src/detect/seals/seal-owner.ts';
import { nearUnitLine } from '../src/detect/unit-line.ts';
import { greyForOcr } from '../src/ocr/prepare.ts';
import type { OcrEngine, OcrLine, OcrPage } from '../src/model/ocr.ts';
import { createTesseractEngine } from '../src/ocr/tesseract-engine.ts';
import { drawSeal, randomSealSpec } from './samples/seal.ts';
import { registerFonts, SERIF, HAND } from './samples/fonts.ts';
import { Rng } from './samples/rng.ts';

export const EMPLOYER = '阿克苏金泉煤业有限责任公司';
export const EMPLOYER_ALIASES = ['金泉煤业'];
export const OTHER_BODIES = [
  '新疆维吾尔自治区人力资源和社会保障厅',
  '新疆大学',
  '中国矿业大学',
  '阿克苏地区继续教育培训中心',
  '阿克苏地区人力资源和社会保障局',
  '新疆工程学院',
  '阿克苏宏达建筑工程有限公司',
  '阿克苏地区应急管理局',
  '库车市职业技能培训学校',
];

export interface TrueSeal {
  ellipse: Ellipse;
  box: Box;
  text: string;
  owner: 'employer' | 'other';
  grey: boolean;
  /** Share of the arc glyphs that lie on the page (< 1 for a seal cut by the page edge). */
  textVisible: number;
}

/** A printed line of the form, as drawn (truth), e.g. the 单位（盖章） label a seal is stamped on. */
export interface DrawnLine {
  text: string;
  box: Box;
  /** Index in SealPage.seals of the seal stamped on this label (truth, for diagnostics). */
  seal?: number;
}

export interface SealPage {
  image: RawImage;
  seals: TrueSeal[];
  /** Seal-place labels drawn on the page (单位（盖章）, 主管部门意见（盖章）…), under the seals' ink. */
  labels: DrawnLine[];
  docType: DocTypeId;
  /** What was done to the page, for the printout. */
  notes: string[];
}

/** Where a form asks for the employer's seal, and where for another body's. */
const UNIT_LABELS = ['单位（盖章）', '考核单位（盖章）', '推荐单位意见（盖章）', '所在单位（公章）', '单位盖章'];
const OTHER_LABELS = ['主管部门意见（盖章）', '人力资源和社会保障局审核意见（盖章）', '评审委员会（盖章）', '发证机关（盖章）'];

const BODY = '兹证明该同志在我单位从事煤矿采掘技术工作年度考核结果为合格本人承诺所提交的材料真实有效如有虚假愿承担一切责任';

/** One generated page. `kind` picks the case; everything else comes from the seed. */
export async function makeSealPage(
  seed: number,
  kind: 'single' | 'two' | 'overlap' | 'edge' | 'grey' | 'distractor',
  opts: {
    width?: number;
    height?: number;
    dpi?: number;
    /**
     * 'grey' pages only: a grey copy scanned in colour — a blue ID photo and a red heading are
     * printed in colour on the grey page (chroma share ~0.01), the seal stays grey. Off by default
     * (drawn from its own random source: the page is otherwise the same).
     */
    lightColour?: boolean;
  } = {},
): Promise<SealPage> {
  registerFonts();
  const rng = new Rng(seed);
  const W = opts.width ?? 1654;
  const H = opts.height ?? 2339;
  const dpi = opts.dpi ?? 200;
  const canvas = createCanvas(W, H);
  const g = canvas.getContext('2d');
  const tint = 255 - rng.int(0, 12);
  g.fillStyle = `rgb(${tint},${tint},${tint - rng.int(0, 8)})`;
  g.fillRect(0, 0, W, H);
  g.fillStyle = '#151515';
  const fontPx = Math.round(dpi * 0.14);
  g.font = `${fontPx}px ${SERIF.regular}`;
  for (let y = Math.round(dpi * 0.8); y < H - dpi * 0.6; y += Math.round(fontPx * 1.9)) {
    const off = rng.int(0, BODY.length - 1);
    g.fillText((BODY + BODY).slice(off, off + Math.floor((W - dpi) / fontPx)), dpi * 0.5, y);
  }
  const notes: string[] = [kind];
  const seals: TrueSeal[] = [];
  const labels: DrawnLine[] = [];
  // Labels come from their own random source, so that adding them left every page's seals as they were.
  const lrng = new Rng(seed * 7919 + 17);
  const place = (cx: number, cy: number, owner: 'employer' | 'other', grey = false): void => {
    const text = owner === 'employer' ? EMPLOYER : rng.pick(OTHER_BODIES);
    const spec = randomSealSpec(rng.next, text, cx, cy, dpi);
    spec.grey = grey;
    // The printed place the stamp is put on: the unit's 单位（盖章） for the employer's seal, another
    // body's 主管部门意见（盖章） for the other's; a few stamps are put where no label is printed. The
    // label is on its own line (body text cleared behind it), ending under the seal's middle.
    if (lrng.chance(0.9)) {
      const label = lrng.pick(owner === 'employer' ? UNIT_LABELS : OTHER_LABELS);
      const r = Math.min(spec.rx, spec.ry);
      g.save();
      g.font = `${fontPx}px ${SERIF.regular}`;
      const w = g.measureText(label).width;
      const x = Math.max(4, Math.min(W - w - 4, cx + lrng.float(-0.3, 0.5) * r - w));
      const y = Math.max(fontPx + 4, Math.min(H - 8, cy + lrng.float(-0.35, 0.45) * r));
      g.fillStyle = `rgb(${tint},${tint},${tint})`;
      g.fillRect(x - fontPx * 0.3, y - fontPx * 1.15, w + fontPx * 0.6, fontPx * 1.5);
      g.fillStyle = '#151515';
      g.fillText(label, x, y);
      g.restore();
      labels.push({ text: label, box: [Math.round(x), Math.round(y - fontPx * 0.95), Math.round(w), Math.round(fontPx * 1.15)], seal: seals.length });
    }
    // A signature under the seal, as on forms signed and stamped at one line.
    if (rng.chance(0.4)) {
      g.save();
      g.fillStyle = '#1a1a40';
      g.font = `${Math.round(fontPx * 1.8)}px ${rng.pick(HAND)}`;
      g.fillText('王建国', cx - fontPx * 2, cy + fontPx * 0.5);
      g.restore();
      notes.push('signature');
    }
    const { ellipse, box, textVisible } = drawSeal(g, spec, rng.next);
    seals.push({ ellipse, box, text, owner, grey, textVisible });
    notes.push(`${owner}:${spec.shape}:${spec.colour}:${spec.opacity.toFixed(2)}`);
  };
  const owner = (): 'employer' | 'other' => (rng.chance(0.5) ? 'employer' : 'other');
  const mm = dpi / 25.4;
  if (kind === 'single') place(rng.float(0.25, 0.75) * W, rng.float(0.2, 0.85) * H, owner());
  if (kind === 'two') {
    place(0.28 * W, rng.float(0.6, 0.85) * H, owner());
    place(0.72 * W, rng.float(0.6, 0.85) * H, owner());
  }
  if (kind === 'overlap') {
    const cx = rng.float(0.3, 0.6) * W;
    const cy = rng.float(0.3, 0.7) * H;
    place(cx, cy, owner());
    place(cx + rng.float(28, 34) * mm, cy + rng.float(-8, 8) * mm, owner());
  }
  if (kind === 'edge') {
    // Up to a third of the seal off the page.
    const side = rng.int(0, 3);
    const r = 20 * mm;
    const cut = rng.float(0.1, 0.33) * 2 * r;
    const cx = side === 0 ? r - cut : side === 1 ? W - r + cut : rng.float(0.3, 0.7) * W;
    const cy = side === 2 ? r - cut : side === 3 ? H - r + cut : rng.float(0.3, 0.7) * H;
    place(cx, cy, owner());
  }
  if (kind === 'grey') place(rng.float(0.3, 0.7) * W, rng.float(0.5, 0.85) * H, owner(), true);
  if (kind === 'distractor' || rng.chance(0.3)) {
    // Red things that are not seals: a 1-inch photo's background, a red heading, an underline.
    drawIdPhoto(g, rng, W, H, mm, ['#d8141e', '#c81e28', '#e02020']);
    g.fillStyle = '#c00000';
    g.font = `${Math.round(fontPx * 2)}px ${SERIF.bold}`;
    g.fillText('关于公布专业技术资格评审结果的通知', 0.1 * W, 0.08 * H);
    g.fillRect(0.1 * W, 0.09 * H, 0.8 * W, 4);
    notes.push('red-photo+heading');
  }
  // Scan damage: blur and JPEG on some pages; grey pages lose colour altogether.
  let img = sharp(canvas.toBuffer('image/png'));
  const blur = rng.chance(0.4) ? rng.float(0.6, 1.4) : 0;
  if (blur) img = img.blur(blur);
  if (kind === 'grey') img = img.greyscale().toColourspace('srgb');
  const q = rng.chance(0.5) ? rng.int(45, 85) : 0;
  let buf = await img.png().toBuffer();
  if (kind === 'grey' && opts.lightColour) {
    buf = await sharp(buf).composite([{ input: colourPrint(new Rng(seed * 104729 + 3), W, H, mm, fontPx), left: 0, top: 0 }]).png().toBuffer();
    notes.push('light-colour');
  }
  if (q) buf = await sharp(buf).jpeg({ quality: q }).toBuffer();
  if (blur) notes.push(`blur${blur.toFixed(1)}`);
  if (q) notes.push(`jpeg${q}`);
  const { data, info } = await sharp(buf).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const docType: DocTypeId = seals.some((s) => s.owner === 'employer') ? 'appraisal_form' : 'title_certificate';
  return { image: { data, width: info.width, height: info.height, channels: 3 }, seals, labels, docType, notes };
}

/** A 1-inch ID photo (background in one of `backgrounds`, a face, shoulders) somewhere in the top third. */
function drawIdPhoto(g: ReturnType<ReturnType<typeof createCanvas>['getContext']>, rng: Rng, W: number, H: number, mm: number, backgrounds: string[]): void {
  const px = rng.float(0.05, 0.6) * W;
  const py = rng.float(0.05, 0.3) * H;
  g.fillStyle = rng.pick(backgrounds);
  g.fillRect(px, py, 25 * mm, 35 * mm);
  g.fillStyle = '#f0d0b8';
  g.beginPath();
  g.ellipse(px + 12.5 * mm, py + 15 * mm, 7 * mm, 9 * mm, 0, 0, Math.PI * 2);
  g.fill();
  g.fillRect(px + 4 * mm, py + 25 * mm, 17 * mm, 10 * mm);
}

/**
 * What a colour scan of a grey copy still shows in colour: a blue ID photo near the top and a red
 * heading (a transparent overlay the size of the page). Neither is a ring.
 */
function colourPrint(rng: Rng, W: number, H: number, mm: number, fontPx: number): Buffer {
  const c = createCanvas(W, H);
  const g = c.getContext('2d');
  drawIdPhoto(g, rng, W, H, mm, ['#3c78d8', '#2a6fc9', '#4a86e8']);
  g.fillStyle = '#c00000';
  g.font = `${Math.round(fontPx * 1.6)}px ${SERIF.bold}`;
  g.fillText('专业技术资格评审表', 0.3 * W, 0.05 * H);
  return c.toBuffer('image/png');
}

/** Character accuracy: 1 − edit distance / length of the truth, floored at 0. */
export function charAccuracy(read: string, truth: string): number {
  const a = [...read];
  const b = [...truth];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return Math.max(0, 1 - prev[b.length] / Math.max(1, b.length));
}

/**
 * The page's OCR as far as the 单位 line needs it: each drawn label read from its own crop (with the
 * seal's ink over it, as on the page), its lines put back in page coordinates. Body text holds no
 * seal place (no 盖章/单位意见) and is not read; a label the OCR cannot read is absent, as it would
 * be from the page's OCR.
 */
export async function readLabels(page: SealPage, ocr: OcrEngine): Promise<OcrPage> {
  const { width: W, height: H, data } = page.image;
  const lines: OcrLine[] = [];
  for (const l of page.labels) {
    const m = Math.round(l.box[3] * 0.5);
    const x0 = Math.max(0, l.box[0] - m);
    const y0 = Math.max(0, l.box[1] - m);
    const x1 = Math.min(W, l.box[0] + l.box[2] + m);
    const y1 = Math.min(H, l.box[1] + l.box[3] + m);
    const w = x1 - x0;
    const h = y1 - y0;
    if (w < 8 || h < 8) continue;
    const crop = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) data.copy(crop, y * w * 3, ((y0 + y) * W + x0) * 3, ((y0 + y) * W + x1) * 3);
    // As the pipeline reads a page: the red channel as grey, so that seal ink over the label fades.
    const res = await ocr.recognize(greyForOcr({ data: crop, width: w, height: h, channels: 3 }), { psm: 'single_line' });
    for (const line of res.lines) {
      lines.push({
        ...line,
        box: [line.box[0] + x0, line.box[1] + y0, line.box[2], line.box[3]],
        chars: line.chars.map((ch) => ({ ...ch, box: [ch.box[0] + x0, ch.box[1] + y0, ch.box[2], ch.box[3]] })),
      });
    }
  }
  return { width: W, height: H, lines, confidence: 0, source: 'ocr' };
}

const KINDS = ['single', 'two', 'overlap', 'edge', 'grey', 'single', 'two', 'distractor'] as const;

async function main(): Promise<void> {
  const pages = Number(process.argv[2] ?? 50);
  const seed0 = Number(process.argv[3] ?? 1);
  const ocr = await createTesseractEngine({ workers: 1 });
  let trueSeals = 0;
  let found = 0;
  let employerSeals = 0;
  let employerFound = 0;
  let falsePos = 0;
  let lostReported = 0;
  let greySeals = 0;
  let ownerOk = 0;
  let ownerOracleOk = 0;
  let otherMaskedOracle = 0;
  let employerMasked = 0;
  let employerUnmaskedNoLine = 0;
  const lineHint = { true: 0, false: 0, unknown: 0 };
  let ownerTextOnlyOk = 0;
  let ownerN = 0;
  let ownerNoLineOk = 0;
  let otherMaskedNoLine = 0;
  let wholeN = 0;
  let wholeOk = 0;
  let otherMasked = 0;
  let otherSeals = 0;
  let ocrCalls = 0;
  let readOk = 0;
  let accSum = 0;
  let detectMs = 0;
  let readMs = 0;
  const sims: { owner: string; sim: number }[] = [];
  const failures: string[] = [];
  // SEAL_DUMP=file.jsonl: one line per red seal found (reading, hint, labels) for offline study.
  const dump = process.env.SEAL_DUMP;
  const dumpRows: string[] = [];
  // SEAL_LIGHT_COLOUR=1: the grey pages are grey copies scanned in colour (a blue photo, a red heading).
  const lightColour = process.env.SEAL_LIGHT_COLOUR === '1';
  for (let p = 0; p < pages; p++) {
    const kind = KINDS[p % KINDS.length];
    const page = await makeSealPage(seed0 * 1000 + p, kind, { lightColour });
    const t0 = performance.now();
    const cands = detectSeals(page.image, { dpi: 200 });
    detectMs += performance.now() - t0;
    const matched = new Set<number>();
    const labelOcr = await readLabels(page, ocr);
    for (const s of page.seals) {
      trueSeals++;
      if (s.owner === 'employer' && !s.grey) employerSeals++;
      if (s.grey) greySeals++;
      const r = (s.ellipse.rx + s.ellipse.ry) / 2;
      const ci = cands.findIndex(
        (c, i) => !matched.has(i) && Math.hypot(c.ellipse.cx - s.ellipse.cx, c.ellipse.cy - s.ellipse.cy) < 0.25 * r,
      );
      if (ci < 0) {
        failures.push(`page ${p} ${page.notes.join(' ')}: missed ${s.owner} seal at ${Math.round(s.ellipse.cx)},${Math.round(s.ellipse.cy)}`);
        continue;
      }
      matched.add(ci);
      found++;
      const c = cands[ci];
      if (s.grey) {
        if (c.colour === 'lost') lostReported++;
        continue;
      }
      if (s.owner === 'employer') employerFound++;
      else otherSeals++;
      const t1 = performance.now();
      const read = await readSealText(page.image, c, ocr, cands);
      readMs += performance.now() - t1;
      const acc = charAccuracy(read.text, s.text);
      accSum += acc;
      if (acc >= 0.6) readOk++;
      if (s.textVisible >= 0.9) {
        wholeN++;
        if (acc >= 0.6) wholeOk++;
      }
      const common = { text: read.text, textConfidence: read.confidence, employer: EMPLOYER, employerAliases: EMPLOYER_ALIASES, otherSealOnPage: cands.length > 1 };
      // Realistic: the pipeline tells from the page's OCR whether a seal sits by the 单位（盖章）
      // line (nearUnitLine: true by the unit's place, false by another body's, undefined when no
      // seal place is near). Here the page's drawn labels are read by OCR (readLabels).
      const hint = nearUnitLine(labelOcr, c.box, cands.filter((o) => o !== c).map((o) => o.box));
      lineHint[hint === undefined ? 'unknown' : hint ? 'true' : 'false']++;
      const withDoc = decideSealOwner({ ...common, docType: page.docType, nearUnitLine: hint });
      if (s.owner === 'other' && withDoc.owner === 'employer') otherMasked++;
      if (s.owner === 'employer' && withDoc.owner === 'employer') employerMasked++;
      ocrCalls += read.ocrCalls ?? 1;
      // Oracle: the hint from the truth (employer's seal by the unit line, the other's not).
      const oracle = decideSealOwner({
        ...common,
        docType: page.docType,
        nearUnitLine: page.docType === 'appraisal_form' ? s.owner === 'employer' : undefined,
      });
      if (oracle.owner === s.owner) ownerOracleOk++;
      if (s.owner === 'other' && oracle.owner === 'employer') otherMaskedOracle++;
      const textOnly = decideSealOwner({ ...common, docType: 'unknown' });
      sims.push({ owner: s.owner, sim: Number(withDoc.evidence.similarity ?? 0) });
      ownerN++;
      if (withDoc.owner === s.owner) ownerOk++;
      else failures.push(`page ${p}: owner ${s.owner} decided ${withDoc.owner} (${JSON.stringify(withDoc.evidence)})`);
      if (textOnly.owner === s.owner) ownerTextOnlyOk++;
      // The same document without the unit-line hint (the page's OCR found no seal place near).
      const noLine = decideSealOwner({ ...common, docType: page.docType });
      if (noLine.owner === s.owner) ownerNoLineOk++;
      else failures.push(`page ${p}: (unit line unknown) owner ${s.owner} decided ${noLine.owner} (${JSON.stringify(noLine.evidence)})`);
      if (s.owner === 'other' && noLine.owner === 'employer') otherMaskedNoLine++;
      if (s.owner === 'employer' && noLine.owner !== 'employer') employerUnmaskedNoLine++;
      if (dump) {
        dumpRows.push(JSON.stringify({ seed: seed0, page: p, kind, notes: page.notes, owner: s.owner, truth: s.text, textVisible: s.textVisible, read: read.text, conf: read.confidence, acc, docType: page.docType, box: c.box, ellipse: c.ellipse, others: cands.filter((o) => o !== c).map((o) => o.box), otherSealOnPage: cands.length > 1, labels: page.labels, labelOcr: labelOcr.lines.map((l) => ({ text: l.text, box: l.box })), hint }));
      }
      if (acc < 0.6) failures.push(`page ${p} ${page.notes.join(' ')}: read "${read.text}" for "${s.text}" acc ${acc.toFixed(2)}`);
    }
    for (let i = 0; i < cands.length; i++) {
      if (!matched.has(i)) {
        falsePos++;
        failures.push(`page ${p} ${page.notes.join(' ')}: false seal ${JSON.stringify(cands[i].ellipse)} ${JSON.stringify(cands[i].evidence)}`);
      }
    }
  }
  await ocr.terminate();
  if (dump) writeFileSync(dump, dumpRows.join('\n') + '\n');
  const colourSeals = trueSeals - greySeals;
  const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)} % (${a}/${b})`;
  for (const f of failures) console.log('  ' + f);
  const simsOf = (o: string): string => sims.filter((s) => s.owner === o).map((s) => s.sim.toFixed(2)).sort().join(' ');
  console.log(`similarity employer: ${simsOf('employer')}`);
  console.log(`similarity other:    ${simsOf('other')}`);
  console.log(`pages ${pages}, seals ${trueSeals} (${colourSeals} red, ${greySeals} grey)`);
  console.log(`seal recall (all)         ${pct(found, trueSeals)}`);
  console.log(`employer-seal recall      ${pct(employerFound, employerSeals)}`);
  console.log(`grey seals as 'lost'      ${pct(lostReported, greySeals)}`);
  console.log(`false positives           ${falsePos} on ${pages} pages`);
  console.log(`unit-line hint from OCR   by unit ${lineHint.true}, by other body ${lineHint.false}, none near ${lineHint.unknown}`);
  console.log(`owner correct (text+doc, unit line from OCR) ${pct(ownerOk, ownerN)}; employer seals masked ${pct(employerMasked, employerFound)}, other seals masked ${otherMasked} of ${otherSeals}`);
  console.log(`owner correct (text+doc, unit line unknown)  ${pct(ownerNoLineOk, ownerN)}; other seals masked so ${otherMaskedNoLine}, employer seals unmasked ${employerUnmaskedNoLine}`);
  console.log(`owner correct (text+doc, unit line oracle)   ${pct(ownerOracleOk, ownerN)}; other seals masked so ${otherMaskedOracle}`);
  console.log(`owner correct (text only)                    ${pct(ownerTextOnlyOk, ownerN)}`);
  console.log(`arc text read (acc≥0.6)   ${pct(readOk, ownerN)}; mean char accuracy ${(accSum / Math.max(1, ownerN)).toFixed(3)}`);
  console.log(`  of seals with ≥ 90 % of their text on the page: ${pct(wholeOk, wholeN)}`);
  console.log(`detect ms/page            ${(detectMs / pages).toFixed(0)}; read ms/seal ${(readMs / Math.max(1, ownerN)).toFixed(0)}; OCR calls/seal ${(ocrCalls / Math.max(1, ownerN)).toFixed(1)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
