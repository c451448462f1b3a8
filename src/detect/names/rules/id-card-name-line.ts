import type { Box } from '../../../model/geometry.ts';
import { intersect } from '../../../model/geometry.ts';
import { inkRunIn } from '../ink-blob.ts';
import type { LineTokens } from '../line-tokens.ts';
import type { NameSearch } from '../name-search.ts';

/**
 * The front of a resident ID card has one layout nationwide: 姓名 on the first line, 性别 … 民族 on
 * the second, 出生 and 住址 below, the labels in one column and the values in another. The name is
 * printed larger than the faint labels and sits on a guilloche background, and OCR loses that line
 * more often than any other (邝宇 read as LE, the label gone with it). When the card's name was not
 * found, its place is known from the 性别 line: the ink one line pitch above it, in the value column,
 * is masked and flagged.
 */
export function findIdCardNameLine(s: NameSearch): void {
  const { lines, applicant, others, uncertain, input } = s;
  const grey = input.grey;
  if (input.docType !== 'id_card_front' || !grey) return;
  const text = (lt: LineTokens) => lt.tokens.map((t) => t.ch).join('');
  const sex = lines.find((lt) => /^\s*性\s*别/.test(text(lt)));
  if (!sex) return;
  const h = sex.h;
  const [sx, sy] = sex.line.box;
  // The value column starts at the first glyph after 性别 (男/女).
  const afterLabel = sex.tokens.findIndex((t, i) => i >= 2 && t.ch.trim() !== '' && !/[：:]/.test(t.ch));
  const valueX = afterLabel >= 0 ? sex.tokens[afterLabel].box[0] : sx + 3 * h;
  // The name stands within three glyphs above the 性别 line (its pitch on a card is 2–2.5 glyphs).
  const band: Box = [Math.round(valueX - 0.5 * h), Math.round(sy - 3.2 * h), Math.round(9 * h), Math.round(3 * h)];
  if (applicant.some((a) => intersect(a.box, band))) return;
  const box = inkRunIn(grey, band, valueX + 1.5 * h, h);
  if (!box || others.some((o) => intersect(o.box, box))) return;
  applicant.push({ kind: 'applicant_name', text: '（未识别）', box, charBoxes: [box], confidence: 0.5, evidence: { rule: 'id-card-name-line', line: sex.lineIndex } });
  uncertain.push({
    text: '',
    box,
    reasonZh: '身份证“姓名”一行未能识别，已按姓名在身份证上的位置遮盖，请核对',
    reasonEn: "the ID card's name line could not be read; masked where the name stands on the card, please check",
  });
}
