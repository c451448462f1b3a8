import { intersect } from '../../../model/geometry.ts';
import { isHan } from '../chinese-names.ts';
import { inkBlobRightOf } from '../ink-blob.ts';
import { unionBoxes } from '../line-tokens.ts';
import type { NameSearch } from '../name-search.ts';

/**
 * A short "label: value" line whose label OCR could not read (a seal stamped over 签字：巫帅德):
 * a two-to-four character value is protected as someone's name unless it is the applicant's.
 */
export function findColonValues(s: NameSearch): void {
  const { lines, applicant, others, detection, input } = s;
  for (const lt of lines) {
    const t = lt.tokens;
    const colon = t.findIndex((x) => /[：:]/.test(x.ch));
    if (colon < 0 || colon > 6) continue;
    const value = t.slice(colon + 1);
    const han = value.filter((x) => isHan(x.ch));
    if (han.length < 2 || han.length > 4 || value.length - han.length > 1) continue;
    const d = detection('other_name', lt, colon + 1, t.length, 0.4, { rule: 'colon-value' });
    if (applicant.some((a) => intersect(a.box, d.box))) continue;
    // Handwriting reaches beyond the cells OCR read: protect all of its ink.
    const blob = input.grey ? inkBlobRightOf(input.grey, lt, colon + 1) : null;
    if (blob && intersect(blob, d.box) && !applicant.some((a) => intersect(a.box, blob))) d.box = unionBoxes([d.box, blob]);
    others.push(d);
  }
}
