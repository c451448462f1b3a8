import { cite, factsOf, where } from '../pages.ts';
import type { Rule } from '../types.ts';

/** Only published papers count: an acceptance letter (录用通知) shows the paper is not out yet. */
export const noUnpublishedPapers: Rule = ({ docs }) => {
  const letters = factsOf(docs, 'acceptance_letter');
  if (letters.length > 0) {
    return {
      status: 'insufficient',
      reason: `未刊出的论文不得上传（含录用通知）：${letters.map(cite).join('；')}`,
      reasonEn: `acceptance letter(s) of unpublished papers: ${letters.length}`,
      pages: letters.map(where),
    };
  }
  return { status: 'present', reason: '未发现录用通知', reasonEn: 'no acceptance letters', pages: [] };
};
