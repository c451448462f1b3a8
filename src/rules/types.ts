import type { ClassifiedPage } from '../model/classified.ts';
import type { DocTypeId } from '../model/doc-types.ts';
import type { ApplicantProfile } from '../model/profile.ts';
import type { ChecklistEntry, Notice } from './schema.ts';

export type ChecklistStatus = 'present' | 'missing' | 'insufficient' | 'exempt';

/** One line of the checklist: a required item, whether it is satisfied, and why. */
export interface ChecklistItem {
  id: string;
  label: string;
  labelEn?: string;
  status: ChecklistStatus;
  /** Document types that would satisfy the item. */
  docTypes: DocTypeId[];
  reason: string;
  reasonEn?: string;
  ruleId: string;
  clause: string;
  /** Pages that were counted for the item. */
  pages: Array<{ file: string; page: number }>;
  needsReview?: boolean;
}

/** What a rule module sees. `docs` are the applicant's own pages (someone else's are left out). */
export interface RuleContext {
  profile: ApplicantProfile;
  docs: ClassifiedPage[];
  notice: Notice;
  entry: ChecklistEntry;
}

export type RuleOutcome = Pick<ChecklistItem, 'status' | 'reason' | 'reasonEn' | 'pages' | 'needsReview'>;
export type Rule = (ctx: RuleContext) => RuleOutcome;
