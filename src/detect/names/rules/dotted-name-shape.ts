import { intersect } from '../../../model/geometry.ts';
import { isDotLike, isHan, nameParts } from '../chinese-names.ts';
import { findLabels } from '../labels.ts';
import { isOwnDocument, LIST_DOCS, type NameSearch } from '../name-search.ts';

/**
 * A minority name written by hand is read badly character by character, but its shape survives:
 * two runs of Han characters joined by a dot. On the applicant's own document, a dotted name with
 * the applicant's part lengths (3·3 for 再努尔·努尔兰) that agrees with the name in two characters
 * of three — exactly in half of them, the rest look-alikes (再务外.人尔兰) — is the applicant's,
 * unless a label before it names someone else's role (主管领导签字). Masked and flagged.
 * A name that shares only its first part (再努尔·艾合买提) has other part lengths and stays visible.
 */
export function findDottedNameShape(s: NameSearch): void {
  const { lines, applicant, others, uncertain, input, detection } = s;
  if (!s.minority || !isOwnDocument(input.docType) || LIST_DOCS.has(input.docType!)) return;
  const parts = nameParts(input.applicantName).map((p) => [...p]);
  if (parts.length !== 2) return;
  const want = [...parts[0], ...parts[1]];
  for (const lt of lines) {
    const t = lt.tokens;
    for (let dot = 1; dot < t.length - 1; dot++) {
      if (!isDotLike(t[dot].ch)) continue;
      const from = dot - parts[0].length;
      const to = dot + 1 + parts[1].length;
      if (from < 0 || to > t.length) continue;
      const left = t.slice(from, dot);
      const right = t.slice(dot + 1, to);
      if (![...left, ...right].every((x) => isHan(x.ch))) continue;
      // The same part lengths: no Han character glued on either side.
      if ((from > 0 && isHan(t[from - 1].ch)) || (to < t.length && isHan(t[to].ch))) continue;
      const read = [...left, ...right].map((x) => x.ch);
      const exact = read.filter((c, i) => c === want[i]).length;
      const alike = read.filter((c, i) => c !== want[i] && s.alike(c, want[i])).length;
      if (exact === want.length) continue; // read right: the exact rules have it
      if (exact < Math.ceil(want.length / 2) || exact + alike < Math.ceil((2 * want.length) / 3)) continue;
      const before = t.slice(0, from).map((x) => x.ch).join('');
      if (findLabels(before).some((h) => h.kind === 'other')) continue;
      const d = detection('applicant_name', lt, from, to, 0.55, { rule: 'dotted-name-shape', read: read.join(''), exact, alike });
      if (applicant.some((a) => intersect(a.box, d.box)) || others.some((o) => intersect(o.box, d.box))) continue;
      applicant.push(d);
      uncertain.push({
        text: d.text,
        box: d.box,
        reasonZh: `识别为“${d.text}”，与申报人姓名的结构和多数字相同（可能为手写），已遮盖，请核对`,
        reasonEn: `read “${d.text}”, the applicant's name's shape and most of its characters (handwriting?); masked, please check`,
      });
    }
  }
}
