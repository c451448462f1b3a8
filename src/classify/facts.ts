import type {
  AppraisalResult,
  CeKind,
  DocFact,
  FactSource,
  PutonghuaLevel,
  SkillGradeRead,
} from '../model/classified.ts';
import type { DocTypeId } from '../model/doc-types.ts';
import { CARRIES_APPLICANT_NAME } from '../model/doc-types.ts';
import type { OcrPage } from '../model/ocr.ts';
import type { ApplicantProfile } from '../model/profile.ts';
import { approxFind, arabicYears, hasKeyword, normalise } from './text.ts';

/** Normalised lines with Chinese year numerals turned into digits. */
function pageLines(ocr: OcrPage): string[] {
  return ocr.lines.map((l) => arabicYears(normalise(l.text))).filter((t) => t.length > 0);
}

const YEAR = /(20[0-4]\d|19[5-9]\d)/;

/**
 * The year a document is about. A year followed by 年度 (or one misread character in its place, 年虔)
 * beats a plain date: forms are signed early the next year (2024年1月10日 on the 2023 appraisal).
 */
export function documentYear(lines: string[]): number | null {
  const text = lines.join('');
  const ofYear = text.match(/(20[0-4]\d)年?(度|[^\d月日\-.\/])?(?=考核|继续教育|公需|专业|培训)/) ?? text.match(/(20[0-4]\d)年?度/);
  if (ofYear) return Number(ofYear[1]);
  const yearNotDate = text.match(/(20[0-4]\d)年(?![\d]{1,2}月|\d)/);
  if (yearNotDate) return Number(yearNotDate[1]);
  const any = text.match(YEAR);
  return any ? Number(any[1]) : null;
}

const APPRAISAL_RESULTS: AppraisalResult[] = ['基本称职', '基本合格', '不称职', '不合格', '优秀', '良好', '称职', '合格'];

function resultsIn(s: string): AppraisalResult[] {
  const found: AppraisalResult[] = [];
  let rest = s;
  for (const r of APPRAISAL_RESULTS) {
    if (rest.includes(r)) {
      found.push(r);
      rest = rest.split(r).join('|');
    }
  }
  return found;
}

/**
 * The appraisal result: the word after 考核等次/考核结果, else a result word on a line that is not
 * the printed list of all options (优秀 称职 基本称职 不称职 with a tick somewhere).
 */
export function appraisalResult(lines: string[]): AppraisalResult | null {
  for (const l of lines) {
    const m = l.match(/(?:等次|结果|等级|定为|评为)[:：为]?(.{0,8})/);
    if (m) {
      const r = resultsIn(m[1]);
      if (r.length === 1) return r[0];
    }
  }
  for (const l of lines) {
    const r = resultsIn(l);
    if (r.length === 1 && !/[□☐]/.test(l)) return r[0];
  }
  return null;
}

/**
 * CE hours by course kind: "公需课 30 学时", "专业课：60学时". A sum (合计/共计) is kept only when the
 * page names no kind or both kinds without their own hours; it then carries `total`. "参加专业诛" still
 * reads as 专业课: 课 is often misread, 参加 is not.
 */
export function ceHours(lines: string[]): Array<{ course: CeKind; hours: number; total?: boolean }> {
  const out: Array<{ course: CeKind; hours: number; total?: boolean }> = [];
  const kindOf = (s: string): CeKind | null =>
    /公需|公共[课科]|参加公/.test(s) ? '公需课' : /专业[课科]|参加专业/.test(s) ? '专业课' : null;
  let lastKind: CeKind | null = null;
  const pageKinds = new Set(lines.map(kindOf).filter((k): k is CeKind => k !== null));
  const only = pageKinds.size === 1 ? [...pageKinds][0] : null;
  const sums: number[] = [];
  for (const l of lines) {
    const k = kindOf(l);
    if (k) lastKind = k;
    for (const m of l.matchAll(/(\d{1,3}(?:\.\d)?)(?:个)?学[时吋肘]/g)) {
      const hours = Number(m[1]);
      const before = l.slice(0, m.index);
      const kindHere = kindOf(before.slice(-12)) ?? only ?? lastKind;
      if (/共|合计|总/.test(before.slice(-6)) && !only) {
        sums.push(hours);
        continue;
      }
      out.push({ course: kindHere ?? 'unknown', hours });
    }
  }
  // A sum printed alongside the parts adds nothing; a sum alone is all we know.
  if (out.length === 0) for (const t of sums) out.push({ course: 'unknown', hours: t, total: pageKinds.size === 2 });
  return out;
}

const PTH_LEVELS: PutonghuaLevel[] = ['一级甲等', '一级乙等', '二级甲等', '二级乙等', '三级甲等', '三级乙等'];

/** The 普通话 level, read from the words or, failing that, from the score (国家标准 score bands). */
export function putonghuaLevel(lines: string[]): { level: PutonghuaLevel | null; score: number | null } {
  const text = lines.join('');
  const m = text.match(/([一二三123])级([甲乙])等/);
  const scoreM = text.match(/(?:成绩|分数|得分)[:：]?(\d{2}(?:\.\d{1,2})?)/);
  const score = scoreM ? Number(scoreM[1]) : null;
  if (m) {
    const n = { 一: '一', 二: '二', 三: '三', 1: '一', 2: '二', 3: '三' }[m[1]] as string;
    return { level: `${n}级${m[2]}等` as PutonghuaLevel, score };
  }
  if (score === null) return { level: null, score };
  const bands: Array<[number, PutonghuaLevel]> = [[97, '一级甲等'], [92, '一级乙等'], [87, '二级甲等'], [80, '二级乙等'], [70, '三级甲等'], [60, '三级乙等']];
  return { level: bands.find(([min]) => score >= min)?.[1] ?? null, score };
}

const TITLES: Array<[string, TitleRank]> = [
  ['正高级工程师', '正高级'],
  ['教授级高级工程师', '正高级'],
  ['高级工程师', '副高级'],
  ['助理工程师', '助理级'],
  ['工程师', '中级'],
  ['技术员', '员级'],
];

/**
 * The title on a certificate or document: after 资格名称/具备/职称 when labelled, else the first title
 * word on the page. Longest names first, so 高级工程师 is not read as 工程师.
 */
export type TitleRank = '员级' | '助理级' | '中级' | '副高级' | '正高级';

export function titleOnDocument(lines: string[]): { title: string | null; rank: TitleRank | null } {
  const text = lines.join('');
  const labelled = text.match(/(?:资格名称|职称名称|资格|具备|职称|职务)[:：]?(.{0,10})/g) ?? [];
  for (const chunk of [...labelled, text]) {
    let rest = chunk;
    let best: { at: number; title: string; rank: (typeof TITLES)[number][1] } | null = null;
    for (const [t, rank] of TITLES) {
      const at = rest.indexOf(t);
      if (at >= 0) {
        if (!best || at < best.at) best = { at, title: t, rank };
        rest = rest.split(t).join('#'.repeat(t.length));
      }
    }
    if (best) return { title: best.title, rank: best.rank };
  }
  const rank = text.match(/(正高级|副高级|中级|初级|助理级)/)?.[1];
  const rankMap: Record<string, TitleRank> = { 正高级: '正高级', 副高级: '副高级', 中级: '中级', 初级: '助理级', 助理级: '助理级' };
  return { title: null, rank: rank ? rankMap[rank] : null };
}

const SKILL_GRADES: Array<[RegExp, SkillGradeRead]> = [
  [/高级技师|一级\/?高级技师|职业技能等级[:：]?一级/, '高级技师'],
  [/(?<!高级)技师|二级\/?技师/, '技师'],
  [/高级工|三级\/?高级/, '高级工'],
  [/中级工|四级/, '中级工'],
  [/初级工|五级/, '初级工'],
];

/** A skill certificate's grade and the date it was issued (发证日期 / 取证日期, else the last date). */
export function skillGradeAndDate(lines: string[]): { grade: SkillGradeRead | null; date: string | null } {
  const text = lines.join('');
  const levelPart = text.match(/(?:等级|级别)[:：]?(.{0,8})/)?.[1] ?? '';
  let grade: SkillGradeRead | null = null;
  for (const src of [levelPart, text]) {
    const hit = SKILL_GRADES.find(([re]) => re.test(src));
    if (hit) {
      grade = hit[1];
      break;
    }
  }
  const dates = [...text.matchAll(/(?:(发证|取证|颁发|批准|签发)日期[:：]?)?((?:19|20)\d{2})[年.\-/](\d{1,2})(?:[月.\-/](\d{1,2}))?/g)];
  const pick = dates.find((d) => d[1]) ?? dates[dates.length - 1];
  const date = pick ? `${pick[2]}-${pick[3].padStart(2, '0')}${pick[4] ? `-${pick[4].padStart(2, '0')}` : ''}` : null;
  return { grade, date };
}

/** The applicant's name as compared: no dot of any kind, no spaces. */
function bareName(s: string): string {
  return normalise(s).replace(/[·\-.]/g, '');
}

/**
 * True when the applicant's name occurs on the page, with one misread character allowed for long names.
 * Only Chinese characters are compared: OCR turns the middle dot of a minority name into anything
 * (，' : ` -) or drops it.
 */
export function pageHasName(lines: string[], name: string): boolean {
  const han = (s: string) => s.replace(/[^\p{Script=Han}]/gu, '');
  const n = han(name);
  const text = han(lines.join(''));
  if (n.length === 0) return false;
  if (text.includes(n)) return true;
  return n.length >= 4 && approxFind(n, text).distance <= 1;
}

/**
 * The name the document says it belongs to: after 姓名, 学生…性别, …同志, 兹证明/兹有, 承诺人.
 * Only labelled names count: a page's other names (signers, co-authors) say nothing about its holder.
 */
export function labelledName(lines: string[]): string | null {
  const text = lines.join('|');
  const patterns = [
    /姓名[:：]?([\p{Script=Han}·]{2,12}?)(?=性别|\||民族|出生|身份|$)/u,
    /学生([\p{Script=Han}·]{2,12}?)[,，]?性别/u,
    /兹(?:证明|有)([\p{Script=Han}·]{2,12}?)(?:同志|[,，]|于|参加|在)/u,
    /(?:^|\|)([\p{Script=Han}·]{2,12}?)同志[:：]/u,
  ];
  for (const re of patterns) {
    const m = text.match(re);
    if (m && m[1] && plausibleName(m[1])) return m[1];
  }
  return null;
}

const NOT_IN_NAMES = /单位|名称|资格|工作|专业|性别|民族|出生|身份|证|号|年|月|日|的|在|于|学|同志|姓名/;

/** 2–4 characters, or a minority name of dotted parts; no label words (a table header is not a name). */
export function plausibleName(s: string): boolean {
  if (NOT_IN_NAMES.test(s)) return false;
  if (s.includes('·')) return s.split('·').every((part) => part.length >= 1) && s.length <= 12;
  return s.length >= 2 && s.length <= 4;
}

/** Characters two names have in common (as multisets). */
function sharedChars(a: string, b: string): number {
  const pool = [...b];
  let n = 0;
  for (const ch of a) {
    const i = pool.indexOf(ch);
    if (i >= 0) {
      n++;
      pool.splice(i, 1);
    }
  }
  return n;
}

/**
 * Whose document this is. `matches: false` only when a labelled name was read clearly (its line has
 * OCR confidence ≥ `minConfidence`) and has (almost) nothing in common with the applicant's name,
 * which is nowhere on the page. OCR misreads rare name characters two at a time (牟雯秀 → 伴妥秀), so a
 * name sharing a character is "don't know" (null), never "someone else": calling an applicant's own
 * diploma someone else's costs more than missing a stranger's.
 */
export function holderFact(
  lines: string[],
  profile: ApplicantProfile,
  lineConfidence: (name: string) => number = () => 100,
  minConfidence = 60,
): { matches: boolean | null; nameRead: string | null } {
  const read = labelledName(lines);
  if (pageHasName(lines, profile.name)) return { matches: true, nameRead: read };
  if (!read) return { matches: null, nameRead: null };
  const a = bareName(read);
  const b = bareName(profile.name);
  if (a === b) return { matches: true, nameRead: read };
  const shared = sharedChars(a, b);
  const stranger = [...b].length >= 4 ? shared / [...b].length <= 0.25 : shared === 0;
  if (!stranger || lineConfidence(read) < minConfidence) return { matches: null, nameRead: read };
  return { matches: false, nameRead: read };
}

/** Documents listing many people: no single labelled name says whose they are. */
const MANY_NAMES: ReadonlySet<DocTypeId> = new Set<DocTypeId>(['title_document', 'paper', 'cnki_screenshot', 'patent_certificate']);

const ACCEPTANCE = ['录用通知', '用稿通知', '录用证明', '拟录用', '拟刊用', '同意录用'];

/** Facts a rule may need from one page of a known type. */
export function extractFacts(docType: DocTypeId, ocr: OcrPage, where: FactSource, profile: ApplicantProfile): DocFact[] {
  const lines = pageLines(ocr);
  const facts: DocFact[] = [];
  const src = { file: where.file, page: where.page };
  // When the page's year is unreadable, the year in the file name (2022年度考核登记表.jpg) stands in.
  const fileYear = Number(where.file.split(/[\\/]/).pop()?.match(/(20[0-4]\d)/)?.[1]) || null;
  switch (docType) {
    case 'appraisal_form':
      facts.push({ ...src, kind: 'appraisal', year: documentYear(lines) ?? fileYear, result: appraisalResult(lines) });
      break;
    case 'ce_certificate': {
      const year = documentYear(lines) ?? fileYear;
      const hours = ceHours(lines);
      if (hours.length === 0) {
        const text = lines.join('');
        const course: CeKind = /公需/.test(text) ? '公需课' : /专业(课|科目)/.test(text) ? '专业课' : 'unknown';
        facts.push({ ...src, kind: 'ce', year, hours: null, course });
      }
      for (const h of hours) facts.push({ ...src, kind: 'ce', year, hours: h.hours, course: h.course, ...(h.total ? { total: true } : {}) });
      break;
    }
    case 'putonghua_certificate':
      facts.push({ ...src, kind: 'putonghua', ...putonghuaLevel(lines) });
      break;
    case 'title_certificate':
    case 'title_document':
    case 'title_review_form':
      facts.push({ ...src, kind: 'title', ...titleOnDocument(lines) });
      break;
    case 'skill_certificate':
      facts.push({ ...src, kind: 'skill', ...skillGradeAndDate(lines) });
      break;
    default:
      break;
  }
  const text = lines.join('');
  // On a paper-like page one misread character is allowed; elsewhere only the exact words count
  // (录取通知 on a school document is one character away from 录用通知).
  const tolerant = docType === 'paper' || docType === 'unknown';
  if (ACCEPTANCE.some((k) => hasKeyword(text, k, tolerant ? undefined : 0))) facts.push({ ...src, kind: 'acceptance_letter' });
  if (MANY_NAMES.has(docType)) {
    facts.push({ ...src, kind: 'holder', matches: pageHasName(lines, profile.name) ? true : null, nameRead: null });
  } else if (CARRIES_APPLICANT_NAME.has(docType)) {
    const confidenceOf = (name: string) => {
      const n = normalise(name);
      const line = ocr.lines.find((l) => normalise(l.text).includes(n));
      return line ? line.confidence : 0;
    };
    facts.push({ ...src, kind: 'holder', ...holderFact(lines, profile, confidenceOf) });
  }
  return facts;
}
