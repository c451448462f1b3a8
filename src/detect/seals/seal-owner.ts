/**
 * Whose seal: the current employer's (to be masked) or another body's (to stay visible).
 * The arc text decides when it was read; otherwise the document does: a form the employer issues
 * carries the employer's seal by its 单位/盖章 line, a third-party document carries its issuer's.
 */
import type { SealOwner } from '../../model/detection.ts';
import type { DocTypeId } from '../../model/doc-types.ts';
import { EMPLOYER_ISSUED } from '../../model/doc-types.ts';
import { foreignDistinctive, nameMatch } from './name-similarity.ts';

export interface SealOwnerInput {
  text?: string;
  textConfidence?: number;
  docType: DocTypeId;
  employer: string;
  employerAliases: string[];
  /** The seal sits by the form's 单位/盖章 line (undefined: not known). */
  nearUnitLine?: boolean;
  /**
   * Another seal was found on the same page. An employer's form with two seals may carry another
   * body's (主管部门) beside the employer's: the form alone no longer says which is which.
   */
  otherSealOnPage?: boolean;
}

export interface SealOwnerDecision {
  owner: SealOwner;
  evidence: {
    rule:
      | 'text-matches-employer'
      | 'text-partly-matches-employer'
      | 'text-is-other-body'
      | 'text-names-other-body'
      | 'text-conflicts-with-unit-line'
      | 'employer-issued-form'
      | 'two-seals-on-employer-form'
      | 'third-party-document'
      | 'undecided';
    textRead?: string;
    textConfidence?: number;
    similarity?: number;
    /** Distinctive characters of the best-matching name read in order, and how many it has. */
    distinctiveMatched?: number;
    distinctiveTotal?: number;
    foreignChars?: number;
    /** The words of the reading that name another kind of body (大学, 人力资源, 培训 …). */
    otherBodyWords?: string[];
    /** Endings of a body's name in the reading that the employer's names do not have (大学, 局 …). */
    otherBodySuffixes?: string[];
    bestName?: string;
    docType: DocTypeId;
    nearUnitLine?: boolean;
    otherSealOnPage?: boolean;
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
const MIN_CHARS_FOR_OTHER = 3;
/**
 * The kinds of body a seal names end in. A reading without one is more likely a garbled strip
 * (wrong start angle, faded ink) than a legible other body, and must not unmask anything.
 */
const ORG_SUFFIX = /(大学|学院|学校|中心|公司|厅|局|委员会|政府|协会|研究院|研究所|医院)/gu;

/**
 * Endings of a body's name found in a reading, less those the employer's names have: a garbled
 * reading of the employer keeps its own 有限责任公司, which says nothing of another body.
 */
export function otherBodySuffixes(reading: string, employerNames: string[]): string[] {
  return [...reading.matchAll(ORG_SUFFIX)].map((m) => m[0]).filter((w) => !employerNames.some((n) => n.includes(w)));
}

/**
 * Words that name the kind of body behind a seal that is not a coal company's: the issuers of the
 * other documents in an application (人社厅/局 on titles, a university on a diploma, a training
 * centre on CE certificates, an 应急管理局 as the committee's office). Generic, never the samples'
 * names; a word the employer's own name or aliases contain does not count.
 */
const OTHER_BODY_WORDS = [
  '大学', '学院', '学校', '中心', '培训', '教育', '继续教育', '人力', '资源', '人力资源', '社会保障', '保障厅', '保障局',
  '人社', '应急', '管理局', '委员会', '政府', '协会', '研究院', '研究所', '医院', '考试', '评审', '鉴定', '职业技能',
  '技能', '建筑', '工程', '厅',
];

/** Other-body words found in a reading, less those the employer's names contain. */
export function otherBodyWords(reading: string, employerNames: string[]): string[] {
  const found = OTHER_BODY_WORDS.filter((w) => reading.includes(w) && !employerNames.some((n) => n.includes(w)));
  // A word inside a longer found word is the same evidence once (资源 in 人力资源).
  return found.filter((w) => !found.some((o) => o !== w && o.includes(w)));
}

/**
 * A weaker match of the employer: a third of the name's weight with at least two of its
 * distinctive characters in order (金…煤, 泉…业). Other bodies' seals of the same prefecture
 * measured ≤ 0.15 with at most one distinctive character in common.
 */
export const EMPLOYER_PARTIAL_SIMILARITY = 0.3;

/** Documents the employer issues as often as another body does. */
const EITHER_ISSUER = new Set<DocTypeId>(['award_certificate']);

export function decideSealOwner(input: SealOwnerInput): SealOwnerDecision {
  const names = [input.employer, ...input.employerAliases].filter((n) => n && n.trim());
  const text = input.text ?? '';
  const hanCount = [...text].filter((ch) => /\p{Script=Han}/u.test(ch)).length;
  let best = { similarity: 0, distinctive: 0, distinctiveTotal: 0 };
  let bestName: string | undefined;
  for (const n of names) {
    const m = nameMatch(text, n);
    if (m.similarity > best.similarity || (m.similarity === best.similarity && m.distinctive > best.distinctive)) {
      best = m;
      bestName = n;
    }
  }
  // The most distinctive characters matched by any of the names (the alias may hold them all).
  const distinctive = Math.max(0, ...names.map((n) => nameMatch(text, n).distinctive));
  const similarity = Math.round(best.similarity * 100) / 100;
  const foreign = foreignDistinctive(text, names);
  const words = otherBodyWords(text, names);
  const suffixes = otherBodySuffixes(text, names);
  const base = {
    textRead: text || undefined,
    textConfidence: input.textConfidence,
    similarity: text ? similarity : undefined,
    distinctiveMatched: text ? distinctive : undefined,
    distinctiveTotal: text ? best.distinctiveTotal : undefined,
    bestName,
    foreignChars: text ? foreign : undefined,
    otherBodyWords: words.length ? words : undefined,
    otherBodySuffixes: suffixes.length ? suffixes : undefined,
    docType: input.docType,
    nearUnitLine: input.nearUnitLine,
    otherSealOnPage: input.otherSealOnPage || undefined,
  };
  // A reading that names another kind of body in characters the employer's names do not have is
  // not the employer's on the strength of shared trade words: 中国煤炭教育协会培训中心 matches half of
  // the alias 华凯煤炭 by its 煤炭 alone.
  const contradicted = (suffixes.length > 0 || words.length > 0) && foreign >= 2 && similarity < 0.75;
  if (hanCount >= 2 && similarity >= EMPLOYER_MIN_SIMILARITY && !contradicted) {
    return { owner: 'employer', evidence: { rule: 'text-matches-employer', ...base } };
  }
  // Partly read: two distinctive characters of the name in order and a third of its weight, and
  // nothing that names another kind of body.
  if (hanCount >= 3 && similarity >= EMPLOYER_PARTIAL_SIMILARITY && distinctive >= 2 && words.length === 0 && !contradicted) {
    return { owner: 'employer', evidence: { rule: 'text-partly-matches-employer', ...base } };
  }
  // 'Other' needs positive evidence: distinctive characters the employer's name does not have and
  // a word or ending that names a kind of body, not just a reading that failed to match (a garbled
  // employer seal matches nothing either). On an employer-issued form, a seal by the 单位（盖章）
  // line is the employer's unless the reading is long, confident and holds nothing of the
  // employer's name: a garbled strip must not unmask it.
  const byUnitLine = EMPLOYER_ISSUED.has(input.docType) && input.nearUnitLine === true;
  const otherMax = byUnitLine ? 0.1 : OTHER_MAX_SIMILARITY;
  const otherMinConf = byUnitLine ? 0.9 : 0.5;
  const otherMinChars = byUnitLine ? 6 : MIN_CHARS_FOR_OTHER;
  const namesBody = suffixes.length > 0 || words.length > 0;
  if (
    hanCount >= otherMinChars &&
    foreign >= 2 &&
    namesBody &&
    similarity <= otherMax &&
    distinctive <= 1 &&
    (input.textConfidence ?? 1) >= otherMinConf
  ) {
    return { owner: 'other', evidence: { rule: 'text-is-other-body', ...base } };
  }
  // Less text, still naming another kind of body: a word no employer name holds (大学, 人力资源,
  // 应急 …) in a reading with nothing of the employer's distinctive characters, e.g. 新名大学 or
  // 新疆大学 (whose characters are all common ones, so it has no foreign ones to count).
  const namesOther =
    words.length > 0 &&
    distinctive === 0 &&
    similarity <= 0.15 &&
    hanCount >= 3 &&
    (foreign >= 1 || hanCount >= 4) &&
    (input.textConfidence ?? 1) >= 0.5;
  // The same evidence as text-is-other-body, less demanding than by the unit line.
  const readsOther =
    hanCount >= MIN_CHARS_FOR_OTHER && foreign >= 2 && namesBody && similarity <= OTHER_MAX_SIMILARITY && distinctive <= 1 && (input.textConfidence ?? 1) >= 0.5;
  if (namesOther && !byUnitLine) {
    return { owner: 'other', evidence: { rule: 'text-names-other-body', ...base } };
  }
  // The reading names another body but the seal is by the unit's 单位（盖章）: one of the two is
  // wrong (a label read or assigned wrongly, a reading gone astray). Precision first: not masked,
  // a person looks.
  if (byUnitLine && (namesOther || readsOther)) {
    return { owner: 'unknown', evidence: { rule: 'text-conflicts-with-unit-line', ...base } };
  }
  // An employer's form with two seals, neither label read by this one and nothing of the
  // employer's name in its reading: either seal may be the other body's. Not masked, a person looks.
  if (EMPLOYER_ISSUED.has(input.docType) && input.nearUnitLine === undefined && input.otherSealOnPage && similarity < 0.1 && distinctive === 0) {
    return { owner: 'unknown', evidence: { rule: 'two-seals-on-employer-form', ...base } };
  }
  // Text unread or ambiguous: the document decides.
  if (EMPLOYER_ISSUED.has(input.docType) && input.nearUnitLine !== false) {
    return { owner: 'employer', evidence: { rule: 'employer-issued-form', ...base } };
  }
  // An employer-issued form whose OCR shows the seal by another body's place (主管部门意见（盖章）):
  // that body's stamp on the form, which stays visible.
  if (EMPLOYER_ISSUED.has(input.docType) && input.nearUnitLine === false) {
    return { owner: 'other', evidence: { rule: 'employer-issued-form', ...base } };
  }
  // An award certificate (荣誉证书) is as often the employer's own as a government body's: the
  // document says nothing of whose seal it bears (seed 9005: the employer's, read 北得姑有碌众过, was
  // left visible as a third party's). Without a reading that decides, a person looks.
  if (EITHER_ISSUER.has(input.docType)) {
    return { owner: 'unknown', evidence: { rule: 'undecided', ...base } };
  }
  if (input.docType !== 'unknown' && !EMPLOYER_ISSUED.has(input.docType)) {
    return { owner: 'other', evidence: { rule: 'third-party-document', ...base } };
  }
  return { owner: 'unknown', evidence: { rule: 'undecided', ...base } };
}
