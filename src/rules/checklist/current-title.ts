import { DOC_TYPE_LABELS } from '../doc-type-labels.ts';
import { cite, factsOf, pagesOfTypes, where } from '../pages.ts';
import type { Rule } from '../types.ts';
import { rankOfTitle, rankValue } from './titles.ts';

/**
 * The applicant holds the title below the one applied for (工程师 before 高级工程师). A title read on
 * a document that is lower than needed makes the item insufficient; an unreadable one is given the
 * benefit of the doubt but marked for review.
 */
export const currentTitle: Rule = ({ docs, entry, notice, profile }) => {
  const needed = notice.levels[profile.level]?.requiresTitle ?? null;
  const neededRank = rankOfTitle(needed);
  const found = pagesOfTypes(docs, entry.docTypes);
  const names = entry.docTypes.map((t) => DOC_TYPE_LABELS[t]).join('、');
  if (found.length === 0) {
    return { status: 'missing', reason: `申报${profile.level}需具备${needed}资格，未找到${names}`, reasonEn: `needs the ${needed} qualification; none found`, pages: [] };
  }
  const declared = rankOfTitle(profile.currentTitle);
  if (neededRank && declared && rankValue(declared) < rankValue(neededRank)) {
    return {
      status: 'insufficient',
      reason: `申报${profile.level}需具备${needed}资格，申请人现职称为${profile.currentTitle}`,
      reasonEn: `needs ${needed}; the applicant declares ${profile.currentTitle}`,
      pages: found.map(where),
    };
  }
  const titles = factsOf(found, 'title');
  const ranks = titles.map((t) => t.rank ?? rankOfTitle(t.title));
  if (neededRank && ranks.length > 0 && ranks.every((r) => r !== null) && ranks.every((r) => rankValue(r!) < rankValue(neededRank))) {
    const read = titles.map((t) => t.title ?? t.rank).join('、');
    return {
      status: 'insufficient',
      reason: `申报${profile.level}需具备${needed}资格，上传的材料为${read}（${cite(titles[0])}）`,
      reasonEn: `needs ${needed}; the documents show ${read}`,
      pages: found.map(where),
    };
  }
  const unread = ranks.length === 0 || ranks.every((r) => r === null);
  return {
    status: 'present',
    reason: `已上传：${found.slice(0, 3).map(cite).join('；')}${unread ? '（未能读出资格名称，请人工核对）' : ''}`,
    reasonEn: unread ? 'present; the title could not be read' : 'present',
    pages: found.map(where),
    ...(unread ? { needsReview: true } : {}),
  };
};
