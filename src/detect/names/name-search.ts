/**
 * One name search on one page: what every rule of find-names reads (the applicant's name, the lines,
 * the ink) and what they add to (the applicant's occurrences, other people's names, doubts).
 */
import { CARRIES_APPLICANT_NAME, type DocTypeId } from '../../model/doc-types.ts';
import type { NameDetection } from '../../model/detection.ts';
import { intersect, type Box } from '../../model/geometry.ts';
import type { RawImage } from '../../model/image.ts';
import type { OcrPage } from '../../model/ocr.ts';
import { allowedEdits } from './approximate-match.ts';
import { nameCore, nameParts } from './chinese-names.ts';
import { looksAlike } from './glyph-similarity.ts';
import type { NameMisreadings } from './ocr-misreadings.ts';
import { InkBoxes, lineTokens, type LineTokens } from './line-tokens.ts';

export interface NameSearchInput {
  ocr: OcrPage;
  /** The grey page the OCR read; its ink gives the exact boxes. */
  grey?: RawImage;
  applicantName: string;
  docType?: DocTypeId;
  /** How this OCR misreads the applicant's name (ocr-misreadings.ts), learned once per application. */
  misreadings?: NameMisreadings;
}

/** Something that may be the applicant's name but is not certain enough to mask silently. */
export interface UncertainName {
  text: string;
  box: Box;
  reasonZh: string;
  reasonEn: string;
}

export interface NameSearchResult {
  detections: NameDetection[];
  uncertain: UncertainName[];
}

/** Forms the applicant fills in and signs: a bare 签名 there is the applicant's signature. */
export const SELF_SIGNED = new Set<DocTypeId>(['appraisal_form', 'personal_pledge', 'ce_exemption', 'title_review_form', 'graduate_registration']);
/** Documents about many people: a 姓名 field or 某某同志 there need not be the applicant. */
export const MANY_PEOPLE_DOCS = new Set<DocTypeId>(['title_document', 'paper', 'cnki_screenshot']);
/** Documents that list many people: a stray two-character word there is more likely a name. */
export const LIST_DOCS = new Set<DocTypeId>(['title_document', 'paper', 'cnki_screenshot', 'unit_publicity']);

/**
 * A list of people, or a page typed as nothing (a list's second page is typed only with its file,
 * after its names were searched): no sign that the page is about the applicant alone.
 */
export function listOrUntyped(docType: DocTypeId | undefined): boolean {
  return docType === undefined || docType === 'unknown' || LIST_DOCS.has(docType);
}

/** A document about the applicant alone: a name there is theirs unless it clearly reads otherwise. */
export function isOwnDocument(docType: DocTypeId | undefined): boolean {
  return docType !== undefined && CARRIES_APPLICANT_NAME.has(docType) && !MANY_PEOPLE_DOCS.has(docType);
}

export interface NameSearch {
  input: NameSearchInput;
  /** The Han characters of the applicant's name. */
  pattern: string[];
  name: string;
  minority: boolean;
  lines: LineTokens[];
  ink: InkBoxes;
  /** Edits allowed when matching the name in a line. */
  k: number;
  /** A document about the applicant alone (ID card, their certificate, their own form). */
  ownDocument: boolean;
  /** `read` is a known OCR misreading of the name's character `expected`. */
  knownMisreading(read: string, expected: string): boolean;
  /** `read` may stand for `expected`: alike in shape, or a known misreading of it. */
  alike(read: string, expected: string): boolean;
  applicant: NameDetection[];
  others: NameDetection[];
  uncertain: UncertainName[];
  detection(kind: NameDetection['kind'], lt: LineTokens, from: number, to: number, confidence: number, evidence: Record<string, unknown>): NameDetection;
}

export function startNameSearch(input: NameSearchInput): NameSearch {
  const pattern = [...nameCore(input.applicantName)];
  const minority = nameParts(input.applicantName).length > 1;
  const lines = lineTokens(input.ocr);
  const ink = new InkBoxes(input.grey);
  const applicant: NameDetection[] = [];
  const others: NameDetection[] = [];
  const uncertain: UncertainName[] = [];
  // Two-character names get one substitution too, but only under the conditions below (a look-alike,
  // or 某某同志 on the applicant's own document): otherwise 张伟 would match every 张X.
  const k = Math.max(allowedEdits(pattern.length), pattern.length === 2 ? 1 : 0);
  const ownDocument = isOwnDocument(input.docType);

  const detection = (kind: NameDetection['kind'], lt: LineTokens, from: number, to: number, confidence: number, evidence: Record<string, unknown>): NameDetection => {
    const span = ink.spanBox(lt, from, to);
    return {
      kind,
      text: lt.tokens.slice(from, to).map((t) => t.ch).join(''),
      box: span.box,
      charBoxes: span.charBoxes,
      confidence,
      evidence: { line: lt.lineIndex, fromInk: span.fromInk, ...evidence },
    };
  };
  const knownMisreading = (read: string, expected: string) => input.misreadings?.get(expected)?.has(read) ?? false;
  const alike = (read: string, expected: string) => knownMisreading(read, expected) || looksAlike(read, expected);
  return { input, pattern, name: pattern.join(''), minority, lines, ink, k, ownDocument, knownMisreading, alike, applicant, others, uncertain, detection };
}

/**
 * Whether another rule holds this box as someone else's name. "Like the applicant's name but not
 * quite" (the similar-name verdict) says little where the place tells whose name it is (a pledge's
 * signing line, a paper's author's note): such verdicts on the box are withdrawn and do not count.
 */
export function heldAsOther(s: NameSearch, box: Box): boolean {
  for (let i = s.others.length - 1; i >= 0; i--) {
    const o = s.others[i];
    if (o.evidence.rule === 'similar-name' && intersect(o.box, box)) s.others.splice(i, 1);
  }
  return s.others.some((o) => intersect(o.box, box));
}

export function overlapShare(a: Box, b: Box): number {
  const i = intersect(a, b);
  return i ? (i[2] * i[3]) / Math.max(1, Math.min(a[2] * a[3], b[2] * b[3])) : 0;
}

export function dedupe(ds: NameDetection[]): NameDetection[] {
  const out: NameDetection[] = [];
  for (const d of ds) if (!out.some((o) => overlapShare(o.box, d.box) > 0.8)) out.push(d);
  return out;
}
