import { cite, factsOf, pagesOfTypes, where } from '../pages.ts';
import type { Rule } from '../types.ts';

/**
 * One appraisal form per year for `count` distinct years of the notice's window. Forms whose year
 * could not be read count towards the number (marked for review) rather than being called missing.
 */
export const appraisalYears: Rule = ({ docs, entry, notice }) => {
  const { count, fromYear, toYear, passing } = notice.appraisal;
  const pages = pagesOfTypes(docs, entry.docTypes);
  const forms = factsOf(pages, 'appraisal');
  const inWindow = forms.filter((f) => f.year !== null && f.year >= fromYear && f.year <= toYear);
  const years = [...new Set(inWindow.map((f) => f.year as number))].sort();
  const unread = forms.filter((f) => f.year === null).length;
  const window = `${fromYear}–${toYear}年中任意${count}个年度`;
  if (pages.length === 0) {
    return { status: 'missing', reason: `未找到年度考核登记表（需${window}）`, reasonEn: `no appraisal forms (${count} years of ${fromYear}–${toYear} needed)`, pages: [] };
  }
  const failing = inWindow.filter((f) => f.result !== null && !passing.includes(f.result));
  if (failing.length > 0) {
    return {
      status: 'insufficient',
      reason: `考核结果不合格：${failing.map((f) => `${f.year}年度“${f.result}”（${cite(f)}）`).join('；')}`,
      reasonEn: `failing appraisal result: ${failing.map((f) => `${f.year} ${f.result}`).join(', ')}`,
      pages: pages.map(where),
    };
  }
  const seen = years.length > 0 ? `仅有${years.join('、')}年度` : '未读出有效年度';
  if (years.length + unread < count) {
    const outside = forms.filter((f) => f.year !== null && (f.year < fromYear || f.year > toYear)).map((f) => f.year);
    return {
      status: 'insufficient',
      reason: `需${window}的考核登记表，${seen}${outside.length ? `（${outside.join('、')}年度不在范围内）` : ''}`,
      reasonEn: `${count} years of ${fromYear}–${toYear} needed; found ${years.join(', ') || 'none'}`,
      pages: pages.map(where),
    };
  }
  if (years.length < count) {
    return {
      status: 'present',
      reason: `已有${years.join('、') || '—'}年度，另有${unread}份未读出年度，请人工核对`,
      reasonEn: `${years.length} years read, ${unread} form(s) with unreadable year`,
      pages: pages.map(where),
      needsReview: true,
    };
  }
  return { status: 'present', reason: `已上传${years.join('、')}年度考核登记表`, reasonEn: `years ${years.join(', ')}`, pages: pages.map(where) };
};
