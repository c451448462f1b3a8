import type { SkillGradeRead } from '../../model/classified.ts';
import { cite, factsOf, pagesOfTypes, where } from '../pages.ts';
import type { Rule } from '../types.ts';

const GRADE_ORDER: SkillGradeRead[] = ['初级工', '中级工', '高级工', '技师', '高级技师'];

/** Whole years from `since` (YYYY[-MM[-DD]]) to `until` (YYYY-MM-DD…). */
export function yearsBetween(since: string, until: string): number {
  const [sy, sm = 1, sd = 1] = since.split('-').map(Number);
  const [uy, um, ud] = until.slice(0, 10).split('-').map(Number);
  let years = uy - sy;
  if (um < sm || (um === sm && ud < sd)) years--;
  return years;
}

/**
 * The high-skill track (item 24): a skill certificate of the grade that leads to the level applied
 * for, held long enough by the notice's seniority date. The certificate's own grade and date win over
 * the profile's when they can be read.
 */
export const highSkill: Rule = ({ docs, entry, notice, profile }) => {
  const table = notice.highSkill.yearsAfterGrade;
  const need = Object.entries(table).find(([, v]) => v.level === profile.level);
  const pages = pagesOfTypes(docs, entry.docTypes);
  if (pages.length === 0) {
    return { status: 'missing', reason: '高技能人才贯通申报，未找到职业资格或职业技能等级证书', reasonEn: 'high-skill track: no skill certificate', pages: [] };
  }
  if (!need) {
    return { status: 'insufficient', reason: `通知未规定以技能等级申报${profile.level}`, reasonEn: `the notice has no skill route to ${profile.level}`, pages: pages.map(where) };
  }
  const [neededGrade, { years }] = need as [SkillGradeRead, { years: number }];
  const facts = factsOf(pages, 'skill');
  const fact = facts.find((f) => f.grade) ?? facts[0];
  const grade = fact?.grade ?? profile.highSkill?.grade ?? null;
  const since = fact?.date ?? profile.highSkill?.since ?? null;
  if (grade && GRADE_ORDER.indexOf(grade) < GRADE_ORDER.indexOf(neededGrade)) {
    return {
      status: 'insufficient',
      reason: `申报${profile.level}需${neededGrade}及以上，证书为${grade}${fact ? `（${cite(fact)}）` : ''}`,
      reasonEn: `${profile.level} needs ${neededGrade}; the certificate shows ${grade}`,
      pages: pages.map(where),
    };
  }
  if (since) {
    const held = yearsBetween(since, notice.dates.seniorityTo);
    if (held < years) {
      return {
        status: 'insufficient',
        reason: `取得${grade ?? neededGrade}后需从事技术技能工作满${years}年（截至${notice.dates.seniorityTo}），自${since}起仅${held}年`,
        reasonEn: `${years} years after the grade needed by ${notice.dates.seniorityTo}; ${held} since ${since}`,
        pages: pages.map(where),
      };
    }
  }
  const review = !grade || !since;
  return {
    status: 'present',
    reason: `${grade ?? '等级未读出'}，取得时间${since ?? '未读出'}${review ? '，请人工核对' : ''}`,
    reasonEn: review ? 'present; grade or date unread' : 'grade and years meet the requirement',
    pages: pages.map(where),
    ...(review ? { needsReview: true } : {}),
  };
};
