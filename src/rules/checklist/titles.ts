import type { TitleRank } from '../../classify/facts.ts';

const RANK_ORDER: TitleRank[] = ['员级', '助理级', '中级', '副高级', '正高级'];

/** Rank of a title name: 高级工程师 → 副高级. Unknown names give null. */
export function rankOfTitle(title: string | null | undefined): TitleRank | null {
  if (!title) return null;
  if (/正高级|教授级/.test(title)) return '正高级';
  if (/高级工程师|副高/.test(title)) return '副高级';
  if (/助理工程师|助理级|初级/.test(title)) return '助理级';
  if (/工程师|中级/.test(title)) return '中级';
  if (/技术员|员级/.test(title)) return '员级';
  return null;
}

export function rankValue(r: TitleRank): number {
  return RANK_ORDER.indexOf(r);
}
