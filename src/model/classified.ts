import type { DocTypeId } from './doc-types.ts';

/**
 * What the scan-check step measured on a page's pixels, for the classifier. The photo detector decides
 * `photo`; the classifier only weighs it against the text it read.
 */
export interface PageFeatures {
  /** The page is (mostly) a photograph rather than a printed document. */
  photo: boolean;
  /** 0..1 how photo-like the page is. */
  photoScore: number;
  /** 0..1 share of the page in a flat red background (the 一寸红底 photo). */
  redBackgroundShare: number;
  /** width / height of the page as scanned (after orientation fix). */
  aspect: number;
  /** Characters of text OCR found (0 when not run). */
  textChars: number;
}

/** The document type of one page, with how sure we are and why. */
export interface DocTypeVerdict {
  id: DocTypeId;
  confidence: number; // 0..1
  evidence: Record<string, unknown>;
  /** Other documents on the same page (an ID card scanned front and back on one sheet). */
  also?: DocTypeId[];
}

export type AppraisalResult = '优秀' | '良好' | '称职' | '合格' | '基本称职' | '基本合格' | '不称职' | '不合格';
export type CeKind = '公需课' | '专业课' | 'unknown';
export type PutonghuaLevel = '一级甲等' | '一级乙等' | '二级甲等' | '二级乙等' | '三级甲等' | '三级乙等';
export type SkillGradeRead = '初级工' | '中级工' | '高级工' | '技师' | '高级技师';

export interface FactSource {
  file: string;
  page: number;
}

/** A fact read from a document, with the page it came from. `null` values were not readable. */
export type DocFact = FactSource &
  (
    | { kind: 'appraisal'; year: number | null; result: AppraisalResult | null }
    /** `total`: the hours are a printed sum over both kinds (合计), not one course's. */
    | { kind: 'ce'; year: number | null; hours: number | null; course: CeKind; total?: boolean }
    | { kind: 'putonghua'; level: PutonghuaLevel | null; score: number | null }
    | { kind: 'title'; title: string | null; rank: '员级' | '助理级' | '中级' | '副高级' | '正高级' | null }
    | { kind: 'skill'; grade: SkillGradeRead | null; date: string | null }
    /** Whose document this is: `matches` false only when another name was read and the applicant's was not. */
    | { kind: 'holder'; matches: boolean | null; nameRead: string | null }
    /** An acceptance letter (录用通知) of an unpublished paper. */
    | { kind: 'acceptance_letter' }
  );

/** One page after classification and fact reading: what the rules adapter works on. */
export interface ClassifiedPage {
  file: string;
  /** 1-based page number within the file, as everywhere else in the tool. */
  page: number;
  /** The platform section (sub-folder name) the file sits in, if any. */
  section?: string;
  docType: DocTypeVerdict;
  facts: DocFact[];
}
