/**
 * Whose seal: the current employer's (to be masked) or another body's (to stay visible).
 * The arc text decides when it was read; otherwise the document does: a form the employer issues
 * carries the employer's seal by its 单位/盖章 line, a third-party document carries its issuer's.
 */
import type { SealOwner } from '../../model/detection.ts';
import type { DocTypeId } from '../../model/doc-types.ts';
import { EMPLOYER_ISSUED } from '../../model/doc-types.ts';
import { foreignDistinctive, nameSimilarity } from './name-similarity.ts';

export interface SealOwnerInput {
  text?: string;
  textConfidence?: number;
  docType: DocTypeId;
  employer: string;
  employerAliases: string[];
  /** The seal sits by the form's 单位/盖章 line (undefined: not known). */
  nearUnitLine?: boolean;
}

export interface SealOwnerDecision {
  owner: SealOwner;
  evidence: {
    rule: 'text-matches-employer' | 'text-is-other-body' | 'employer-issued-form' | 'third-party-document' | 'undecided';
    textRead?: string;
    textConfidence?: number;
    similarity?: number;
    foreignChars?: number;
    bestName?: string;
    docType: DocTypeId;
    nearUnitLine?: boolean;
  };
}

/**
 * Thresholds on the weighted similarity (measured by scripts/measure-seals.ts on generated seals):
 * employer seals read with OCR noise score ≥ 0.5 in the large majority, other bodies' seals —
 * sharing 阿克苏/新疆/有限公司 — stay below 0.3. Between the two the reading is not trusted.
 */
export const EMPLOYER_MIN_SIMILARITY = 0.5;
export const OTHER_MAX_SIMILARITY = 0.3;
/** Fewer Han characters than this is too little text to call a seal someone else's. */
const MIN_CHARS_FOR_OTHER = 4;
/**
 * The kinds of body a seal names end in. A reading without one is more likely a garbled strip
 * (wrong start angle, faded ink) than a legible other body, and must not unmask anything.
 */
const ORG_SUFFIX = /(大学|学院|学校|中心|公司|厅|局|委员会|政府|协会|研究院|研究所|医院)/u;

export function decideSealOwner(input: SealOwnerInput): SealOwnerDecision {
  const names = [input.employer, ...input.employerAliases].filter((n) => n && n.trim());
  const text = input.text ?? '';
  const hanCount = [...text].filter((ch) => /\p{Script=Han}/u.test(ch)).length;
  let similarity = 0;
  let bestName: string | undefined;
  for (const n of names) {
    const s = nameSimilarity(text, n);
    if (s > similarity) {
      similarity = s;
      bestName = n;
    }
  }
  similarity = Math.round(similarity * 100) / 100;
  const foreign = foreignDistinctive(text, names);
  const base = {
    textRead: text || undefined,
    textConfidence: input.textConfidence,
    similarity: text ? similarity : undefined,
    bestName,
    foreignChars: text ? foreign : undefined,
    docType: input.docType,
    nearUnitLine: input.nearUnitLine,
  };
  if (hanCount >= 2 && similarity >= EMPLOYER_MIN_SIMILARITY) {
    return { owner: 'employer', evidence: { rule: 'text-matches-employer', ...base } };
  }
  // 'Other' needs positive evidence: distinctive characters the employer's name does not have,
  // not just a reading that failed to match (a garbled employer seal matches nothing either).
  // On an employer-issued form, a seal by the 单位（盖章） line is the employer's unless the reading
  // is long, confident and holds nothing of the employer's name: a garbled strip must not unmask it.
  const byUnitLine = EMPLOYER_ISSUED.has(input.docType) && input.nearUnitLine === true;
  const otherMax = byUnitLine ? 0.1 : OTHER_MAX_SIMILARITY;
  const otherMinConf = byUnitLine ? 0.9 : 0.6;
  const otherMinChars = byUnitLine ? 6 : MIN_CHARS_FOR_OTHER;
  if (
    hanCount >= otherMinChars &&
    foreign >= 2 &&
    ORG_SUFFIX.test(text) &&
    similarity <= otherMax &&
    (input.textConfidence ?? 1) >= otherMinConf
  ) {
    return { owner: 'other', evidence: { rule: 'text-is-other-body', ...base } };
  }
  // Text unread or ambiguous: the document decides.
  if (EMPLOYER_ISSUED.has(input.docType) && input.nearUnitLine !== false) {
    return { owner: 'employer', evidence: { rule: 'employer-issued-form', ...base } };
  }
  // An employer-issued form whose OCR shows the seal is not by the 单位 line: another body's
  // stamp on the form (主管部门, 人社局 approval), which stays visible.
  if (EMPLOYER_ISSUED.has(input.docType) && input.nearUnitLine === false) {
    return { owner: 'other', evidence: { rule: 'employer-issued-form', ...base } };
  }
  if (input.docType !== 'unknown' && !EMPLOYER_ISSUED.has(input.docType)) {
    return { owner: 'other', evidence: { rule: 'third-party-document', ...base } };
  }
  return { owner: 'unknown', evidence: { rule: 'undecided', ...base } };
}
