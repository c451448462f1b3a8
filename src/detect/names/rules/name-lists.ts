import { intersect } from '../../../model/geometry.ts';
import { isHan } from '../chinese-names.ts';
import { nameShapedWords } from '../name-shape.ts';
import { LIST_DOCS, type NameSearch } from '../name-search.ts';

/**
 * Lists of people (任职资格文件, author lines): name-shaped words separated by gaps or commas.
 */
export function findNameLists(s: NameSearch): void {
  const { minority, lines, applicant, others, detection, input } = s;
  for (const lt of lines) {
    const words = nameShapedWords(lt, minority);
    const hanCount = lt.tokens.filter((t) => isHan(t.ch)).length;
    const inList = words.length >= 2 && words.reduce((s, w) => s + (w.to - w.from), 0) >= 0.5 * hanCount;
    const listDoc = input.docType !== undefined && LIST_DOCS.has(input.docType);
    if (!inList && !(listDoc && words.length >= 1 && words.every((w) => w.isolated))) continue;
    for (const w of words) {
      const d = detection('other_name', lt, w.from, w.to, 0.6, { rule: 'name-list' });
      if (applicant.some((a) => intersect(a.box, d.box))) continue;
      others.push(d);
    }
  }
}
