import { DOC_TYPE_LABELS } from '../doc-type-labels.ts';
import { cite, pagesOfTypes, where } from '../pages.ts';
import type { Rule } from '../types.ts';

/** The item is there when a page of one of its types is. */
export const requiredDocument: Rule = ({ docs, entry }) => {
  const found = pagesOfTypes(docs, entry.docTypes);
  const names = entry.docTypes.map((t) => DOC_TYPE_LABELS[t]).join('、');
  if (found.length === 0) {
    return {
      status: 'missing',
      reason: `未找到${names}`,
      reasonEn: `no ${entry.docTypes.join(' / ')} found`,
      pages: [],
    };
  }
  return {
    status: 'present',
    reason: `已上传：${found.slice(0, 3).map(cite).join('；')}`,
    reasonEn: `found on ${found.length} page(s)`,
    pages: found.map(where),
  };
};
