import type { PutonghuaLevel } from '../../model/classified.ts';
import { cite, factsOf, pagesOfTypes, where } from '../pages.ts';
import type { Rule } from '../types.ts';

/** Best first, as the national standard orders them. */
export const PUTONGHUA_ORDER: PutonghuaLevel[] = ['一级甲等', '一级乙等', '二级甲等', '二级乙等', '三级甲等', '三级乙等'];

export const putonghuaLevel: Rule = ({ docs, entry, notice }) => {
  const min = notice.putonghua.minLevel;
  const pages = pagesOfTypes(docs, entry.docTypes);
  if (pages.length === 0) {
    return { status: 'missing', reason: `事业单位人员须上传普通话证书（不低于${min}），未找到`, reasonEn: `Putonghua certificate (${min} or better) missing`, pages: [] };
  }
  const facts = factsOf(pages, 'putonghua');
  const levels = facts.filter((f) => f.level !== null);
  // Below 60 points a test gives no level at all (不入级).
  const unranked = facts.find((f) => f.level === null && f.score !== null && f.score < 60);
  if (levels.length === 0 && unranked) {
    return { status: 'insufficient', reason: `普通话测试成绩${unranked.score}分，未入级，低于${min}（${cite(unranked)}）`, reasonEn: `score ${unranked.score}: no level, below ${min}`, pages: pages.map(where) };
  }
  if (levels.length === 0) {
    return { status: 'present', reason: '已上传普通话证书，但未读出等级，请人工核对', reasonEn: 'present; level unreadable', pages: pages.map(where), needsReview: true };
  }
  const best = levels.reduce((a, b) => (PUTONGHUA_ORDER.indexOf(b.level!) < PUTONGHUA_ORDER.indexOf(a.level!) ? b : a));
  if (PUTONGHUA_ORDER.indexOf(best.level!) > PUTONGHUA_ORDER.indexOf(min)) {
    return { status: 'insufficient', reason: `普通话等级${best.level}，低于${min}（${cite(best)}）`, reasonEn: `level ${best.level} below ${min}`, pages: pages.map(where) };
  }
  return { status: 'present', reason: `普通话${best.level}（${cite(best)}）`, reasonEn: `level ${best.level}`, pages: pages.map(where) };
};
