import { intersect, type Box } from '../../../model/geometry.ts';
import { inkRunFrom } from '../ink-blob.ts';
import { isDotLike, isHan } from '../chinese-names.ts';
import { findLabels, rowNeighbourLeft, rowNeighbourRight } from '../labels.ts';
import { ocrGapBefore, unionBoxes, type LineTokens } from '../line-tokens.ts';
import { isOwnDocument, LIST_DOCS, type NameSearch } from '../name-search.ts';

/**
 * A form row 姓名 | ×× | 性别 | 男 whose 姓名 label OCR lost (it sits in its own cell, often faint):
 * the line then starts with the name's cell and goes on with 性别. On a document about the applicant
 * alone that first cell is the applicant's name, whatever OCR made of it (邝 宇 read 让字). It is
 * masked where it stands and flagged. A line that still has a label before 性别 is left to the
 * labelled-values rule.
 */
// A table rule, or a seal's ring crossing the row, as OCR reads it: | ｜ 丨 [ ] \ /.
const SEPARATOR = /^[|｜丨\[\]\\/]$/;

export function findValueBeforeField(s: NameSearch): void {
  const { pattern, lines, applicant, others, uncertain, detection, input } = s;
  if (!isOwnDocument(input.docType) || LIST_DOCS.has(input.docType!)) return;
  for (const lt of lines) {
    const text = lt.tokens.map((t) => t.ch).join('');
    // 性别 in the same line (OCR read the row whole) or starting the line beside it (cell by cell).
    let at = text.indexOf('性别');
    if (at < 0) {
      const beside = rowNeighbourRight(lines, lt);
      if (beside && /^[\s|｜丨\[\]\\/]*性(\s*别|\s*$)/.test(beside.tokens.map((t) => t.ch).join('')) && !rowNeighbourLeftHasText(lines, lt)) at = lt.tokens.length;
    }
    if (at === 0 && input.grey && !rowNeighbourLeftHasText(lines, lt)) {
      unreadValueBefore(s, lt);
      continue;
    }
    if (at < 2) continue;
    if (findLabels(text.slice(0, at)).length > 0) continue;
    // Table rules OCR read as | between the cells are not part of the value.
    let end = at;
    while (end > 0 && SEPARATOR.test(lt.tokens[end - 1].ch)) end--;
    // The value's cell starts after the last rule or a gap of two glyphs (a letter-spaced name has
    // gaps of one or more; a lost label's remains stay out).
    let start = end;
    while (start > 0 && !SEPARATOR.test(lt.tokens[start - 1].ch) && (start === end || ocrGapBefore(lt, start) < 2 * lt.h)) start--;
    const before = lt.tokens.slice(start, end);
    const han = before.filter((t) => isHan(t.ch));
    // The name's cell: Han characters (a dot for minority names), about the name's length.
    if (han.length < 2 || han.length > pattern.length + 1 || before.some((t) => !isHan(t.ch) && !isDotLike(t.ch) && !/\s/.test(t.ch))) continue;
    const d = detection('applicant_name', lt, start, end, 0.5, { rule: 'value-before-field', read: han.map((t) => t.ch).join('') });
    if (applicant.some((a) => intersect(a.box, d.box)) || others.some((o) => intersect(o.box, d.box))) continue;
    // A hand-filled name is wider than the cells OCR aligned it to (巴图尔·沙吾提 read 和访再昌, its
    // first glyph outside them): the whole run of ink in the cell, up to 性别, is the value.
    if (input.grey) {
      const right = lt.tokens[at]?.box[0] ?? d.box[0] + d.box[2];
      // The cell starts at the rule OCR read as | (its box as unsure as any: its left edge, then).
      const left = start > 0 ? lt.tokens[start - 1].box[0] : lt.line.box[0];
      const run = inkRunFrom(input.grey, [0, lt.line.box[1] - 0.3 * lt.h, 0, lt.line.box[3] + 0.6 * lt.h], right - 0.3 * lt.h, -1, Math.max(1, (right - left) / lt.h), lt.h);
      if (run && intersect(run, d.box) && run[0] >= left - 0.2 * lt.h) d.box = unionBoxes([d.box, run]);
    }
    applicant.push(d);
    uncertain.push({
      text: d.text,
      box: d.box,
      reasonZh: `表格“性别”前一栏识别为“${d.text}”（“姓名”栏标签未识别），已按申报人姓名的位置遮盖，请核对`,
      reasonEn: `the cell before “性别” reads “${d.text}” (its 姓名 label was not read); masked as the applicant's name by its place, please check`,
    });
  }
}

/**
 * 性别 starts its line and nothing was read left of it on the row: the name's cell before it was not
 * read at all (a handwritten name OCR skipped). The nearest run of ink left of 性别, within the reach
 * of a form's name cell, is masked by its place and flagged.
 */
function unreadValueBefore(s: NameSearch, lt: LineTokens): void {
  const { applicant, others, uncertain, input } = s;
  const first = lt.tokens[0];
  const band: Box = [0, lt.line.box[1] - 0.3 * lt.h, 0, lt.line.box[3] + 0.6 * lt.h];
  const b = inkRunFrom(input.grey!, band, first.box[0] - 0.5 * lt.h, -1, 10, lt.h);
  // Within a form cell's reach (12 glyphs, as rowNeighbourRight): a seal's ring crossing the cell
  // joins the name's ink (谭伟嘉 under a grey seal: 8.3 glyphs of ink, the name 3.5 of them).
  if (!b || b[2] > 12 * lt.h || applicant.some((a) => intersect(a.box, b)) || others.some((o) => intersect(o.box, b))) return;
  // 性别 in the form's first column (姓名, 性别, 出生年月 one under another) has no value cell before it:
  // what lies left of the column where the form's labels start is the margin (a scanner's dark edge).
  const leftmost = Math.min(...s.lines.filter((l) => l.tokens.some((t) => isHan(t.ch))).map((l) => l.line.box[0]));
  if (b[0] <= 2 || b[0] < leftmost - 0.5 * lt.h) return;
  applicant.push({ kind: 'applicant_name', text: '（未识别）', box: b, charBoxes: [b], confidence: 0.5, evidence: { rule: 'value-before-field', read: '' } });
  uncertain.push({
    text: '',
    box: b,
    reasonZh: '表格“性别”前一栏未能识别，已按申报人姓名的位置遮盖，请核对',
    reasonEn: 'the cell before “性别” was not read; masked as the applicant\'s name by its place, please check',
  });
}

/** Something was read left of the cell on its row (then it is not the row's first value). */
function rowNeighbourLeftHasText(lines: LineTokens[], lt: LineTokens): boolean {
  const left = rowNeighbourLeft(lines, lt);
  return left !== undefined && left.tokens.some((t) => isHan(t.ch));
}
