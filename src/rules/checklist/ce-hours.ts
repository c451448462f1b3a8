import type { CeKind, DocFact } from '../../model/classified.ts';
import { cite, factsOf, pagesOfTypes, where } from '../pages.ts';
import type { Rule } from '../types.ts';

type CeFact = Extract<DocFact, { kind: 'ce' }>;

function sumHours(fs: CeFact[]): number | null {
  if (fs.some((f) => f.hours === null)) return null;
  return fs.reduce((s, f) => s + (f.hours ?? 0), 0);
}

/**
 * Continuing education, year by year: at least `minHoursPerYear` hours of which
 * `minProfessionalHoursPerYear` professional. Certificates the platform supplies itself (专业课 from
 * `platformFrom.专业课`, 公需课 from `platformFrom.公需课`) need not be uploaded, so only a year that
 * must be uploaded and has no certificate at all is a gap; a year's total is only judged when
 * everything that makes it up is on the page (both kinds, or a certificate of the total).
 */
export const ceHours: Rule = ({ docs, notice, profile }) => {
  const ce = notice.continuingEducation;
  const exemption = pagesOfTypes(docs, ['ce_exemption']);
  if (exemption.length > 0) {
    return {
      status: 'exempt',
      reason: `已上传免除继续教育学习申请表（${cite(exemption[0])}）`,
      reasonEn: 'CE exemption form uploaded',
      pages: exemption.map(where),
    };
  }
  const pages = pagesOfTypes(docs, ['ce_certificate']);
  const facts = factsOf(pages, 'ce');
  const problems: string[] = [];
  const problemsEn: string[] = [];
  const notes: string[] = [];
  let missingYears = 0;
  const unreadYear = facts.filter((f) => f.year === null).length;
  for (let y = ce.fromYear; y <= ce.toYear; y++) {
    const manual = (['公需课', '专业课'] as const).filter((k) => y < ce.platformFrom[k]);
    const fy = facts.filter((f) => f.year === y);
    const of = (k: CeKind) => fy.filter((f) => f.course === k);
    if (fy.length === 0) {
      if (manual.length > 0) {
        missingYears++;
        problems.push(`${y}年未上传继续教育证书（${manual.join('、')}需手动上传）`);
        problemsEn.push(`${y}: no certificate (${manual.join(', ')} must be uploaded)`);
      } else notes.push(`${y}年证书由平台获取`);
      continue;
    }
    // One kind of a manual year not seen: worth a look, not an error. Applicants often hold one
    // combined record, and whether the platform already has a year is not visible from the scans.
    for (const k of manual) {
      if (of(k).length === 0 && of('unknown').length === 0) notes.push(`${y}年未见${k}证书，请人工核对`);
    }
    const pro = of('专业课');
    const proHours = sumHours(pro);
    if (pro.length > 0 && proHours !== null && proHours < ce.minProfessionalHoursPerYear) {
      problems.push(`${y}年专业课${proHours}学时，不足${ce.minProfessionalHoursPerYear}学时`);
      problemsEn.push(`${y}: ${proHours} professional hours < ${ce.minProfessionalHoursPerYear}`);
    }
    // The year's sum is judged only when it is all on the page: both kinds, or a printed sum of both.
    // One certificate alone says nothing about the other kind (it may come from the platform).
    const sums = fy.filter((f) => f.total);
    const complete = (pro.length > 0 && of('公需课').length > 0) || sums.length > 0;
    const total = sums.length > 0 ? sumHours(sums) : sumHours([...pro, ...of('公需课')]);
    if (complete && total !== null && total < ce.minHoursPerYear) {
      problems.push(`${y}年合计${total}学时，不足${ce.minHoursPerYear}学时`);
      problemsEn.push(`${y}: ${total} hours < ${ce.minHoursPerYear}`);
    }
    if (sumHours(fy) === null) notes.push(`${y}年有证书未读出学时，请人工核对`);
  }
  const claimed = profile.ceExempt || profile.villageResident;
  const claim = claimed ? '；申请人填报免除继续教育，但未上传免学申请表（附件4）' : '';
  const claimEn = claimed ? '; exemption claimed but no exemption form uploaded' : '';
  if (pages.length === 0) {
    if (missingYears === 0) {
      return { status: 'present', reason: `${notes.join('；')}，无需手动上传`, reasonEn: 'all certificates come from the platform', pages: [] };
    }
    return { status: 'missing', reason: `未找到继续教育证书${claim}`, reasonEn: `no CE certificates${claimEn}`, pages: [] };
  }
  // Certificates whose year was unreadable may be the "missing" years: ask a person instead.
  const onlyMissingYears = problems.length === missingYears;
  if (problems.length > 0 && !(onlyMissingYears && unreadYear >= missingYears)) {
    return { status: 'insufficient', reason: problems.join('；') + claim, reasonEn: problemsEn.join('; ') + claimEn, pages: pages.map(where) };
  }
  const review = unreadYear > 0 || notes.some((n) => n.includes('人工'));
  return {
    status: 'present',
    reason: `${ce.fromYear}–${ce.toYear}年学时满足要求${notes.length ? `（${notes.join('；')}）` : ''}${unreadYear ? `；${unreadYear}份证书未读出年度，请人工核对` : ''}`,
    reasonEn: 'hours meet the requirement' + (review ? ' (some values unread: review)' : ''),
    pages: pages.map(where),
    ...(review ? { needsReview: true } : {}),
  };
};
