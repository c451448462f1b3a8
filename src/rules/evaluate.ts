import type { ClassifiedPage } from '../model/classified.ts';
import type { Finding } from '../model/finding.ts';
import type { ApplicantProfile } from '../model/profile.ts';
import { appraisalYears } from './checklist/appraisal-years.ts';
import { ceHours } from './checklist/ce-hours.ts';
import { currentTitle } from './checklist/current-title.ts';
import { highSkill } from './checklist/high-skill.ts';
import { noUnpublishedPapers } from './checklist/no-unpublished-papers.ts';
import { noWorkPhotos } from './checklist/no-work-photos.ts';
import { putonghuaLevel } from './checklist/putonghua-level.ts';
import { requiredDocument } from './checklist/required-document.ts';
import { holds } from './conditions.ts';
import { DOC_TYPE_LABELS } from './doc-type-labels.ts';
import { cite } from './pages.ts';
import type { ChecklistEntry, Notice } from './schema.ts';
import type { ChecklistItem, Rule } from './types.ts';

/** The rule modules a notice's checklist entries can name. */
export const RULE_MODULES: Record<ChecklistEntry['rule'], Rule> = {
  'required-document': requiredDocument,
  'current-title': currentTitle,
  'appraisal-years': appraisalYears,
  'ce-hours': ceHours,
  'putonghua-level': putonghuaLevel,
  'high-skill': highSkill,
  'no-work-photos': noWorkPhotos,
  'no-unpublished-papers': noUnpublishedPapers,
};

export function ruleIdOf(entry: ChecklistEntry): string {
  return entry.ruleId ?? `checklist/${entry.id.replace(/_/g, '-')}`;
}

/** Whether an entry applies to this applicant: `required`, or why not. */
export function applicability(entry: ChecklistEntry, profile: ApplicantProfile):
  | { required: true }
  | { required: false; status: 'exempt'; why: 'not-applicable' | 'exempt'; reason: string; reasonEn?: string } {
  if (entry.requiredWhen && !holds(entry.requiredWhen, profile)) {
    return { required: false, status: 'exempt', why: 'not-applicable', reason: entry.notRequiredReason ?? '不适用于本申请人', reasonEn: entry.notRequiredReasonEn ?? 'does not apply' };
  }
  const ex = entry.exemptWhen.find((c) => holds(c, profile));
  if (ex) return { required: false, status: 'exempt', why: 'exempt', reason: ex.reason, reasonEn: ex.reasonEn };
  return { required: true };
}

/** A page that is someone else's document: a name was read at its label, and it is not the applicant's. */
function otherPersonsPage(d: ClassifiedPage): boolean {
  return d.facts.some((f) => f.kind === 'holder' && f.matches === false);
}

/**
 * The checklist of one application, and the findings it gives rise to. Someone else's documents are
 * reported and do not count towards any item; unknown pages are reported for a person to look at.
 */
export function evaluateChecklist(
  profile: ApplicantProfile,
  docs: ClassifiedPage[],
  notice: Notice,
): { items: ChecklistItem[]; findings: Finding[] } {
  const findings: Finding[] = [];
  for (const d of docs) {
    if (d.docType.id === 'unknown') {
      const guess = d.docType.evidence.bestGuess as string | undefined;
      findings.push({
        ruleId: 'doc/unknown-type',
        severity: 'warning',
        message: `未能识别材料类型${guess ? `（可能是${DOC_TYPE_LABELS[guess as keyof typeof DOC_TYPE_LABELS] ?? guess}）` : ''}，请人工确认`,
        messageEn: `document type not recognised${guess ? ` (maybe ${guess})` : ''}`,
        file: d.file,
        page: d.page,
        evidence: d.docType.evidence,
        needsReview: true,
      });
    }
    const holder = d.facts.find((f) => f.kind === 'holder' && f.matches === false);
    if (holder && holder.kind === 'holder') {
      findings.push({
        ruleId: 'doc/other-person',
        severity: 'error',
        message: `${DOC_TYPE_LABELS[d.docType.id]}上的姓名为“${holder.nameRead}”，不是申请人本人的材料`,
        messageEn: `this ${d.docType.id} names "${holder.nameRead}", not the applicant`,
        file: d.file,
        page: d.page,
        evidence: { nameRead: holder.nameRead, docType: d.docType.id },
      });
    }
  }
  const own = docs.filter((d) => !otherPersonsPage(d));

  const items: ChecklistItem[] = notice.checklist.map((entry) => {
    const base = { id: entry.id, label: entry.label, labelEn: entry.labelEn, docTypes: entry.docTypes, ruleId: ruleIdOf(entry), clause: entry.clause };
    const a = applicability(entry, profile);
    if (!a.required) return { ...base, status: a.status, reason: a.reason, reasonEn: a.reasonEn, pages: [] };
    const outcome = RULE_MODULES[entry.rule]({ profile, docs: own, notice, entry });
    return { ...base, ...outcome };
  });

  for (const it of items) {
    if (it.status === 'missing' || it.status === 'insufficient') {
      findings.push({
        ruleId: it.ruleId,
        severity: 'error',
        message: `${it.label}：${it.reason}`,
        messageEn: `${it.labelEn ?? it.id}: ${it.reasonEn ?? it.status}`,
        ...(it.pages[0] ? { file: it.pages[0].file, page: it.pages[0].page } : {}),
        evidence: { item: it.id, status: it.status, clause: it.clause, pages: it.pages.map(cite) },
      });
    } else if (it.needsReview) {
      findings.push({
        ruleId: it.ruleId,
        severity: 'warning',
        message: `${it.label}：${it.reason}`,
        messageEn: `${it.labelEn ?? it.id}: ${it.reasonEn ?? 'needs review'}`,
        evidence: { item: it.id, status: it.status, clause: it.clause },
        needsReview: true,
      });
    }
  }
  for (const n of notice.notes) {
    findings.push({ ruleId: n.id, severity: n.severity, message: n.message, messageEn: n.messageEn, evidence: { notice: notice.id } });
  }
  return { items, findings };
}
