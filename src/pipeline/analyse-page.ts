import { classifyPage, type ClassifyInput } from '../classify/index.ts';
import { findNames } from '../detect/names/find-names.ts';
import { isOwnDocument } from '../detect/names/name-search.ts';
import type { NameMisreadings } from '../detect/names/ocr-misreadings.ts';
import { applicantReadUnderSeals, applicantUnderSeals, namesUnderSeals, unreadInkUnderSeals } from '../detect/names/under-seal.ts';
import { sealDetections } from '../detect/seals/index.ts';
import { nearUnitLine } from '../detect/unit-line.ts';
import { sectionOf } from '../ingest/discover.ts';
import type { SourcePage } from '../ingest/source-page.ts';
import { applyMasks } from '../mask/apply.ts';
import { planMasks } from '../mask/plan.ts';
import type { DocTypeVerdict } from '../model/classified.ts';
import { CARRIES_APPLICANT_NAME, EMPLOYER_ISSUED } from '../model/doc-types.ts';
import type { Finding } from '../model/finding.ts';
import type { RawImage } from '../model/image.ts';
import type { OcrEngine, OcrPage } from '../model/ocr.ts';
import type { ApplicantProfile } from '../model/profile.ts';
import { greyForOcr } from '../ocr/prepare.ts';
import { paperLevels } from '../ocr/paper-level.ts';
import { removeFrames } from '../ocr/remove-frames.ts';
import { whitenDesk } from '../ocr/whiten-desk.ts';
import { removeRules, removeRulesBoth } from '../ocr/remove-rules.ts';
import { readPage } from '../ocr/read-page.ts';
import { readingFrame } from './reading-frame.ts';
import {
  CLARITY_LIMITS,
  clarityVerdict,
  detectOrientation,
  estimateSkew,
  exposureVerdict,
  measureTextScale,
  normRotation,
  photoVerdict,
  photoGivenText,
  qualityFindings,
  rotateRaw,
  shareTextScale,
  turnGrey,
  type OrientationVerdict,
  type OsdDetector,
  type Rotation,
} from '../quality/index.ts';
import { checkOsdTurn } from '../quality/osd-check.ts';
import type { PageReport } from '../report/schema.ts';
import type { RunOptions } from './options.ts';
import { pageReport } from './page-report.ts';

/** OCR confidence under which a page OSD called upright has its orientation checked by line reads. */
const RECHECK_BELOW_CONFIDENCE = 45;

export interface PageContext {
  profile: ApplicantProfile;
  ocr: OcrEngine;
  osd?: OsdDetector;
  options: RunOptions;
  /** How the OCR misreads the applicant's name (detect/names/ocr-misreadings.ts). */
  misreadings?: Promise<NameMisreadings>;
}

export interface AnalysedPage {
  report: PageReport;
  /** The masked page: upright unless --keep-orientation. */
  masked: RawImage;
  pageSizePt?: [number, number];
  /** What the classifier and the rules adapter need at the file level, kept out of report.json. */
  classifyInput: ClassifyInput;
  docType: DocTypeVerdict;
}

const SEAL_BEARING = new Set<string>([
  ...EMPLOYER_ISSUED,
  'diploma', 'degree', 'graduate_registration', 'title_certificate', 'title_document', 'ce_certificate', 'ce_exemption',
  'putonghua_certificate', 'award_certificate', 'patent_certificate', 'skill_certificate', 'unknown',
]);

/** Minimum OCR confidence for a page to count as read: below it a missing name is not news. */
const READABLE_PAGE = 55;

/**
 * One page from pixels to masked pixels and its report entry: turn it upright, read it, check it,
 * type it, find names and seals, plan and burn the masks. Only the OCR calls leave the function.
 */
export async function analysePage(src: SourcePage, ctx: PageContext): Promise<AnalysedPage> {
  const timings: Record<string, number> = {};
  const time = async <T>(stage: string, f: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      timings[stage] = (timings[stage] ?? 0) + Math.round(performance.now() - t0);
    }
  };
  const { file, page } = src;
  const findings: Finding[] = [];

  // A PDF's own text layer fixes the page's orientation; everything else is checked.
  // The grey and its text size are made once, on the page as stored: orientation looks at it with
  // rules and blurred-text bars painted out (`stored`); the OCR reads it with lines of text kept
  // whole (`storedText`, the same text size), as stored when the page is upright, or turned upright
  // with its text size carried over (turnGrey): no second measure of the page. In the grey read, a
  // certificate's thick printed frame is painted out and the desk round a photographed sheet painted
  // paper (remove-frames.ts, whiten-desk.ts): with either, tesseract takes the page for a picture
  // with a little text in it. Orientation keeps both: without them a blurred certificate and a
  // blurred photographed ID card back read upside down to the line reads (turned 180°, bench 4242).
  const readable = (g: RawImage) => {
    const paper = paperLevels(g);
    return whitenDesk(removeFrames(g, paper), paper);
  };
  const prepare = (rgb: RawImage) => readable(removeRules(greyForOcr(rgb), { keepText: true }));
  const storedGrey = src.textLayer ? undefined : await time('prepare', () => greyForOcr(src.rgb));
  const greys = !storedGrey
    ? undefined
    : await time('prepare', () => {
        const both = removeRulesBoth(storedGrey);
        measureTextScale(both.plain);
        const keepText = readable(both.keepText);
        shareTextScale(both.plain, keepText);
        return { plain: both.plain, keepText };
      });
  const stored = greys?.plain;
  const storedText = greys?.keepText;
  let orientation: OrientationVerdict = !stored
    ? { detected: 0, confidence: 1, method: 'none', evidence: { textLayer: true } }
    : await time('orientation', () => detectOrientation(src.rgb, ctx.ocr, { osd: ctx.osd, grey: stored }));
  // A weak guess is not acted on (detectOrientation reports such a page upright, the guess in its
  // evidence): the page is read and written as scanned, and flagged for a person.
  const readAt = async (turn: Rotation) => {
    const upright = turn ? rotateRaw(src.rgb, (360 - turn) % 360) : src.rgb;
    const uprightGrey = storedText ? turnGrey(storedText, normRotation(360 - turn)) : await time('prepare', () => prepare(upright));
    // A page whose lines clearly slope is read, searched and masked in a straightened copy; the masks
    // come back to the page as scanned (reading-frame.ts). A text layer has exact boxes: no need.
    // The slope is measured before rule removal: on a sloping page, removing rules leaves a staircase
    // of short level pieces of them, which the line profile takes for level lines.
    const skew = await time('prepare', () => estimateSkew(storedGrey ? rotateRaw(storedGrey, (360 - turn) % 360) : greyForOcr(upright)));
    const frame = src.textLayer ? readingFrame(upright, uprightGrey, { angleDeg: 0, confidence: 0 }, prepare) : await time('straighten', () => readingFrame(upright, uprightGrey, skew, prepare));
    const ocr: OcrPage = src.textLayer ?? (await time('ocr', () => readPage(frame.grey, ctx.ocr))).ocr;
    return { turn, upright, uprightGrey, skew, frame, ocr };
  };
  let read = await readAt(orientation.detected);
  // OSD's "upright" is taken unchecked (most pages are), and OSD can be sure and wrong both ways
  // round on some faces (osd-check.ts). A page OSD left upright that then reads badly is checked by
  // a few line reads, and read again the way they say.
  if (stored && orientation.method === 'osd' && orientation.detected === 0 && read.ocr.confidence < RECHECK_BELOW_CONFIDENCE) {
    const check = await time('orientation', () => checkOsdTurn(stored, ctx.ocr, 0));
    if (check.overrule !== undefined) {
      orientation = { detected: check.overrule, confidence: 0.5, method: 'ocr', evidence: { ...orientation.evidence, osdOverruled: 0, recheckedAfterOcr: read.ocr.confidence, lines: check.reads } };
      read = await readAt(check.overrule);
    }
  }
  const { turn, upright, uprightGrey, skew, frame, ocr } = read;
  const { grey, rgb: work } = frame;

  const quality = await time('quality', () => {
    // Han characters read with some confidence: a page with a document's worth is not a photograph.
    const hanRead = ocr.lines.filter((l) => l.confidence >= 60).reduce((n, l) => n + l.chars.filter((c) => c.confidence >= 60 && /[\u4e00-\u9fff]/u.test(c.text)).length, 0);
    const photo = photoGivenText(photoVerdict(upright), hanRead);
    // A photograph (the 1-inch photo) is judged by the blur of its own edges, not as text.
    return { skew, clarity: clarityVerdict(grey, src.textLayer ? undefined : ocr, CLARITY_LIMITS, photo), exposure: exposureVerdict(uprightGrey), photo };
  });
  const corrected = turn !== 0 && !ctx.options.keepOrientation;
  findings.push(...qualityFindings({ orientation, corrected, ...quality }, { file, page }));

  const textChars = ocr.lines.reduce((s, l) => s + l.chars.length, 0);
  const classifyInput: ClassifyInput = {
    ocr,
    file,
    section: sectionOf(file),
    pageIndex: page - 1,
    features: { photo: quality.photo.photo, photoScore: quality.photo.score, redBackgroundShare: quality.photo.redBackgroundShare, aspect: upright.width / upright.height, textChars },
  };
  const docType = await time('classify', () => classifyPage(classifyInput));

  const misreadings = await ctx.misreadings;
  const names = await time('detect', () => findNames({ ocr, grey, applicantName: ctx.profile.name, docType: docType.id, misreadings }));
  const seals = await time('seals', () =>
    sealDetections(work, ctx.ocr, {
      docType: docType.id,
      employer: ctx.profile.employer,
      employerAliases: ctx.profile.employerAliases,
      nearUnitLine: (box, others) => nearUnitLine(ocr, box, others),
    }, { pageSizePx: [upright.width, upright.height] }),
  );
  // A grey ring is only worth a person's look where seals are stamped (forms, certificates, notices);
  // on a paper or a screenshot it is a drawing or text.
  const keptSeals = seals.filter((s) => s.colour === 'red' || SEAL_BEARING.has(docType.id));
  findings.push(...sealFindings(keptSeals, file, page));

  const underSeal = applicantUnderSeals(names.detections, keptSeals, isOwnDocument(docType.id));
  names.uncertain.push(...underSeal.uncertain);
  const readThere = applicantReadUnderSeals(namesUnderSeals(ocr, keptSeals, underSeal.detections, grey), underSeal.detections, ctx.profile.name, isOwnDocument(docType.id));
  names.uncertain.push(...readThere.uncertain);
  const readUnderSeals = [...underSeal.detections, ...readThere.detections];
  const nameDetections = [...readUnderSeals, ...unreadInkUnderSeals(grey, ocr, keptSeals, readUnderSeals)];
  const plan = await time('plan', () =>
    planMasks({
      width: work.width,
      height: work.height,
      names: nameDetections,
      seals: keptSeals.filter((s) => s.colour === 'red'),
      file,
      page,
      maxMaskedShare: ctx.options.maxMaskedShare,
    }),
  );
  findings.push(...plan.findings);
  const burned = frame.masks(plan.masks);
  let masked = await time('mask', () => applyMasks(upright, burned));

  for (const u of names.uncertain) {
    findings.push({ ruleId: 'mask/uncertain-name', severity: 'warning', message: `第${page}页：${u.reasonZh}`, messageEn: `page ${page}: ${u.reasonEn}`, file, page, box: u.box, needsReview: true });
  }
  findings.push(...missingNameFindings(nameDetections.some((d) => d.kind === 'applicant_name'), docType, ocr, file, page));

  // Boxes are reported in the frame of the page as written.
  const outTurn = corrected || turn === 0 ? 0 : turn;
  if (outTurn) masked = rotateRaw(masked, outTurn);
  const report = pageReport({
    src,
    upright,
    outTurn,
    orientation: { detected: turn, corrected, confidence: orientation.confidence, method: orientation.method },
    quality,
    docType,
    ocr,
    frame,
    plan: { ...plan, masks: burned },
    names: nameDetections,
    seals: keptSeals,
    findings,
    timings,
  });
  return { report, masked, pageSizePt: src.pageSizePt && outTurn % 180 === 0 ? src.pageSizePt : src.pageSizePt && [src.pageSizePt[1], src.pageSizePt[0]], classifyInput, docType };
}

function sealFindings(seals: Awaited<ReturnType<typeof sealDetections>>, file: string, page: number): Finding[] {
  const out: Finding[] = [];
  for (const s of seals) {
    if (s.colour === 'lost') {
      out.push({ ruleId: 'seal/colour-lost', severity: 'warning', message: `第${page}页可能有印章，但扫描件无颜色，无法判断是否为现单位公章，请人工核对（建议彩色扫描）`, messageEn: `page ${page}: a possible seal, but the scan has no colour; cannot tell whether it is the employer's — please check (scan in colour)`, file, page, box: s.box, needsReview: true });
    } else if (s.owner === 'unknown') {
      out.push({ ruleId: 'seal/owner-unknown', severity: 'warning', message: `第${page}页有一枚红色印章，无法判断是否为现单位公章，未遮盖，请人工核对`, messageEn: `page ${page}: a red seal whose owner could not be decided; not masked — please check`, file, page, box: s.box, needsReview: true });
    }
  }
  return out;
}

/** A page of a kind that carries the applicant's name, read well, where the name was not found. */
function missingNameFindings(found: boolean, docType: DocTypeVerdict, ocr: OcrPage, file: string, page: number): Finding[] {
  if (found) return [];
  const expects = docType.id === 'unknown' ? ocr.lines.length >= 3 : CARRIES_APPLICANT_NAME.has(docType.id);
  if (!expects) return [];
  if (ocr.confidence >= READABLE_PAGE) {
    return [{ ruleId: 'mask/name-not-found', severity: 'warning', message: `第${page}页未找到申报人姓名，如页面上有姓名（含手写），请人工遮盖或核对`, messageEn: `page ${page}: the applicant's name was not found; if it is on the page (handwritten too), mask it by hand or check`, file, page, needsReview: true }];
  }
  return [{ ruleId: 'mask/low-ocr-confidence', severity: 'warning', message: `第${page}页文字识别置信度低（${ocr.confidence.toFixed(0)}），姓名可能漏遮，请人工核对`, messageEn: `page ${page}: low OCR confidence (${ocr.confidence.toFixed(0)}); a name may have been missed — please check`, file, page, needsReview: true }];
}
