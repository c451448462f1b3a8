import type { DocTypeVerdict, PageFeatures } from '../model/classified.ts';
import type { DocTypeId } from '../model/doc-types.ts';
import type { OcrLine, OcrPage } from '../model/ocr.ts';
import { PHOTO_FILE_NAMES, SECTION_TYPES, SIGNATURES, type DocSignature } from './signatures.ts';
import { hasKeyword, normalise } from './text.ts';

export interface ClassifyInput {
  ocr: OcrPage;
  /** From the scan-check step; without it photos cannot be told from blank pages. */
  features?: PageFeatures;
  file: string;
  /** Platform section (sub-folder name), a weak prior. */
  section?: string;
  pageIndex: number;
}

/** Below this confidence a page is `unknown` (with a warning), not a guess. */
export const UNKNOWN_BELOW = 0.45;

const TITLE = 3;
const TITLE_PROMINENT = 1.5;
const EXTRA_TITLE = 0.5;
const CUE = 1;
const CUE_CAP = 6;
const AGAINST = 1.5;
const ASPECT = 0.5;
const SECTION = 0.5;
/** Less than a heading on the page: the page's own words win when they disagree with the name. */
const FILE_NAME = 2.5;

export interface TypeScore {
  id: DocTypeId;
  score: number;
  titles: string[];
  cues: string[];
  against: string[];
  /** Score before the relatives' words were taken away (for two documents on one sheet). */
  positive: number;
  /** The file-name word that pointed here, if any. */
  fileName?: string;
}

interface PreparedPage {
  lines: Array<{ text: string; prominent: boolean }>;
  text: string;
  /** Readable characters: those on lines OCR was fairly sure of (a photo yields confident-looking garbage rarely). */
  readableChars: number;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function lineCharHeight(l: OcrLine): number {
  return median(l.chars.map((c) => c.box[3]));
}

/** Normalised lines, with a flag for headings: printed large, or in the top fifth of the page. */
function prepare(ocr: OcrPage): PreparedPage {
  const lines = ocr.lines.filter((l) => l.text.trim().length > 0);
  const pageMedian = median(lines.flatMap((l) => l.chars.map((c) => c.box[3])));
  const prepared = lines.map((l) => ({
    text: normalise(l.text),
    prominent: (pageMedian > 0 && lineCharHeight(l) >= 1.3 * pageMedian) || l.box[1] + l.box[3] / 2 < 0.2 * ocr.height,
  }));
  const readableChars = lines
    .filter((l) => l.confidence >= 60)
    .reduce((n, l) => n + (normalise(l.text).match(/[\p{Script=Han}A-Za-z0-9]/gu)?.length ?? 0), 0);
  return { lines: prepared, text: prepared.map((l) => l.text).join(''), readableChars };
}

function inSection(section: string | undefined, id: DocTypeId): boolean {
  if (!section) return false;
  const s = normalise(section);
  return SECTION_TYPES.some((e) => s.includes(normalise(e.section)) && e.types.includes(id));
}

/**
 * The type the file name points at: the longest file-name word found wins, so 免除继续教育 beats
 * 继续教育 in 附件4免除继续教育学习申请表.pdf. Digits and the extension are ignored.
 */
export function fileNameType(file: string): { id: DocTypeId; word: string } | null {
  const base = normalise(file.split(/[\\/]/).pop() ?? '').replace(/\.[a-z0-9]+$/, '');
  let best: { id: DocTypeId; word: string } | null = null;
  const words = [...SIGNATURES.map((s) => ({ id: s.id, words: s.fileNames ?? [] })), ...PHOTO_FILE_NAMES];
  for (const { id, words: ws } of words) {
    for (const w of ws) {
      if (base.includes(normalise(w)) && (!best || w.length > best.word.length)) best = { id, word: w };
    }
  }
  return best;
}

function scoreSignature(sig: DocSignature, page: PreparedPage, input: ClassifyInput): TypeScore {
  const titles: string[] = [];
  let best = 0;
  for (const t of sig.titles) {
    const onLine = page.lines.filter((l) => hasKeyword(l.text, t));
    if (onLine.length > 0) {
      titles.push(t);
      best = Math.max(best, TITLE + (onLine.some((l) => l.prominent) ? TITLE_PROMINENT : 0));
    } else if (hasKeyword(page.text, t)) {
      // Split over two lines: still the title, but not where a heading would be.
      titles.push(t);
      best = Math.max(best, TITLE_PROMINENT);
    }
  }
  const titleScore = best + Math.max(0, titles.length - 1) * EXTRA_TITLE;
  const cues = sig.cues.filter((c) => hasKeyword(page.text, c));
  const against = (sig.against ?? []).filter((a) => hasKeyword(page.text, a));
  let positive = titleScore + Math.min(CUE_CAP, cues.length * CUE);
  const aspect = input.features?.aspect;
  if (sig.aspect && aspect !== undefined && aspect >= sig.aspect[0] && aspect <= sig.aspect[1]) positive += ASPECT;
  if (inSection(input.section, sig.id)) positive += SECTION;
  return { id: sig.id, score: positive - against.length * AGAINST, titles, cues, against, positive };
}

/**
 * Photos have no text to read: the scan-check step's picture features decide, and the amount of
 * readable text speaks against them (a document with a face on it is still a document).
 */
function photoScores(page: PreparedPage, input: ClassifyInput): TypeScore[] {
  const f = input.features;
  if (!f) return [];
  const textPenalty = Math.min(6, Math.max(0, page.readableChars - 30) / 15);
  const photoLike = f.photo ? Math.max(0.5, f.photoScore) : f.photoScore * 0.5;
  const red = f.redBackgroundShare;
  const portrait = f.aspect >= 0.6 && f.aspect <= 0.9;
  const idPhoto = (f.photo || red > 0.3 ? 8 * red + (portrait ? 1 : 0) + 2 * photoLike : 0) - textPenalty;
  const workPhoto = 7 * photoLike - 8 * red - textPenalty;
  const mk = (id: DocTypeId, score: number): TypeScore => ({ id, score, titles: [], cues: [], against: [], positive: score });
  return [mk('photo', idPhoto), mk('work_photo', workPhoto)];
}

/** Every type's score on this page, best first. */
export function scoreTypes(input: ClassifyInput): TypeScore[] {
  const page = prepare(input.ocr);
  const scores = [...SIGNATURES.map((s) => scoreSignature(s, page, input)), ...photoScores(page, input)];
  const named = fileNameType(input.file);
  for (const s of scores) {
    if (inSection(input.section, s.id) && (s.id === 'photo' || s.id === 'work_photo')) s.score += SECTION;
    if (named?.id === s.id) {
      s.score += FILE_NAME;
      s.fileName = named.word;
    } else if (named && (s.id === 'photo' || s.id === 'work_photo') && named.id !== 'photo' && named.id !== 'work_photo') {
      // A blurred certificate on tinted paper looks like a photo to the pixels; when the file says it
      // is a document, the two disagree and the page should go to a person, not be called a photo.
      s.score -= FILE_NAME;
    }
  }
  return scores.sort((a, b) => b.score - a.score);
}

/**
 * Confidence from how high the best score is and how far ahead of the runner-up: a page with one
 * strong title and nothing else competing is sure; two types neck and neck are not.
 */
export function confidenceOf(best: number, second: number): number {
  if (best <= 0) return 0;
  const level = 1 - Math.exp(-best / 2.5);
  const lead = 1 - Math.exp(-(Math.max(0, best - Math.max(0, second)) + 0.5) / 1.5);
  return Math.round(level * lead * 1000) / 1000;
}

/** The document type of one page. Low confidence gives `unknown`, with the best guess in the evidence. */
export function classifyPage(input: ClassifyInput): DocTypeVerdict {
  const scores = scoreTypes(input);
  const [first, second] = scores;
  const confidence = confidenceOf(first.score, second?.score ?? 0);
  const evidence: Record<string, unknown> = {
    titles: first.titles,
    cues: first.cues,
    against: first.against,
    score: round(first.score),
    ...(first.fileName ? { fileName: first.fileName } : {}),
    runnerUp: second ? { id: second.id, score: round(second.score) } : null,
    ...(input.features ? { features: input.features } : {}),
    ...(input.section ? { section: input.section } : {}),
  };
  if (confidence < UNKNOWN_BELOW) {
    return { id: 'unknown', confidence: round(1 - confidence), evidence: { ...evidence, bestGuess: first.id, bestGuessConfidence: confidence } };
  }
  const verdict: DocTypeVerdict = { id: first.id, confidence, evidence };
  const also = bothSidesOfIdCard(first, scores);
  if (also) verdict.also = [also];
  return verdict;
}

/** Front and back of the ID card are often scanned on one sheet: the page then stands for both. */
function bothSidesOfIdCard(first: TypeScore, scores: TypeScore[]): DocTypeId | undefined {
  const other = first.id === 'id_card_front' ? 'id_card_back' : first.id === 'id_card_back' ? 'id_card_front' : undefined;
  if (!other) return undefined;
  const o = scores.find((s) => s.id === other);
  return o && o.titles.length > 0 && o.cues.length >= 2 ? other : undefined;
}

/** Documents that run over several pages: an unreadable page right after one is its continuation. */
const MULTI_PAGE: ReadonlySet<DocTypeId> = new Set<DocTypeId>([
  'paper', 'title_document', 'title_review_form', 'graduate_registration', 'appraisal_form', 'secrecy_proof',
  'ce_exemption', 'unit_publicity', 'unit_recommendation', 'cnki_screenshot', 'patent_certificate',
]);

/**
 * Classifies the pages of one file in order. A multi-page PDF can hold several documents, so each
 * page is judged on its own; only a page that says nothing for itself (no title, unknown) and follows
 * a multi-page document is taken as that document's next page.
 */
export function classifyPages(pages: ClassifyInput[]): DocTypeVerdict[] {
  const out: DocTypeVerdict[] = [];
  for (const p of pages) {
    let v = classifyPage(p);
    const prev = out[out.length - 1];
    if (v.id === 'unknown' && prev && prev.id !== 'unknown' && MULTI_PAGE.has(prev.id) && !(p.features?.photo)) {
      const titles = (v.evidence.titles as string[] | undefined) ?? [];
      if (titles.length === 0) {
        v = { id: prev.id, confidence: round(prev.confidence * 0.8), evidence: { ...v.evidence, continuationOf: p.pageIndex - 1 } };
      }
    }
    out.push(v);
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
