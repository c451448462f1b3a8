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
    // On a list document a lone name-shaped word counts too (a table row: 1 张伟 阿克苏… 采矿工程;
    // a byline: 宇文信光1，党怡天1，司马嘉江2), but not in running text or a keyword line
    // (关键词：支护；煤矿安全) or a label's value (作者简介：…, 文章编号：…), whose words stand between
    // stops, inside sentences or after a label the label rules read.
    const text = lt.tokens.map((t) => t.ch).join('');
    const prose = /[。；;！？：:]/u.test(text) || /[\u3400-\u9fff]{9,}/u.test(text);
    if (!inList && !(listDoc && !prose && words.length >= 1)) continue;
    for (const w of words) {
      const d = detection('other_name', lt, w.from, w.to, 0.6, { rule: 'name-list' });
      if (applicant.some((a) => intersect(a.box, d.box))) continue;
      others.push(d);
    }
  }
}
