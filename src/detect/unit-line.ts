import type { Box } from '../model/geometry.ts';
import type { OcrLine, OcrPage } from '../model/ocr.ts';

/**
 * The printed place for the issuing unit's seal: 单位盖章, （公章）, 推荐单位（盖章）…, and the 单位：
 * field a form opens with (the employer's name, often stamped over).
 */
const UNIT_LINE = /盖章|公章|[（(]章[)）]|单位[（(]?签章|签章|单位意见|推荐单位|用人单位|所在单位|考核单位|^[^\p{Script=Han}]{0,2}单位[：:]/u;

/**
 * A place for another body's seal on the same form: 主管部门意见（盖章）, 人力资源和社会保障局审核
 * （盖章）, 评审委员会（盖章）, 发证机关. A seal stamped there is that body's, not the employer's.
 * The employer's own place may read 单位（盖章） or 推荐单位意见, never these words. 主管领导 (评语) is a
 * person on the employer's own form, not a body, and 采煤队技术主管 a job (现任职务), not a seal's place.
 */
const OTHER_BODY_LINE =
  /主管(?:部|单位|机关|意见|.意见)|上级|人力资源|人社|社会保障|社保|评审|委员会|评委会|职改|审核部门|审批部门|审核意见|审批意见|组织部|发证|证机关|发.机|发证单位|培训机构|学校|院校/;

/**
 * OCR drops and swaps characters in labels under a seal (measured on generated labels read through
 * greyForOcr: 章 read as 音/韶/覃, 盖 as 益/善/答, the bracket as 《 or 〈): a 单位 followed by a bracket
 * or by 章 a glyph later, a bracket followed by 盖, or 章 closing a bracket, is a seal place too.
 * Another body's label loses characters the same way (主管部问, 评审委员容, 发刘机关): its kind is
 * told from any of its two-character words, none of which the unit's own labels hold.
 */
const LOOSE_PLACE = /[盖羔盏益善][章童竟音韶覃]|[（(《<〈][盖羔盏益善答]|单位[（(《<〈]|单位.?[章童音]|[章童竟音韶覃][)）]|公[章童音]/;

export type UnitLineKind = 'unit' | 'other-body';

/** What kind of seal place a page line is, from its text (spaces removed); null: not a seal place. */
export function sealPlaceKind(text: string): UnitLineKind | null {
  const t = text.replace(/\s/g, '');
  const place = UNIT_LINE.test(t) || LOOSE_PLACE.test(t);
  const other = OTHER_BODY_LINE.test(t);
  // Another body's label whose 盖章 was lost to the seal's ink: short, as a label is, not a sentence.
  if (!place && other && [...t].filter((ch) => /\p{Script=Han}/u.test(ch)).length <= 14) return 'other-body';
  if (!place) return null;
  return other ? 'other-body' : 'unit';
}

/**
 * Whether a seal sits by the form's 单位/盖章 line, from the page's OCR. Of the seal places within
 * about a seal's size of the seal's box (stamps are put on or just beside the words), the nearest
 * decides: true when it is the unit's place, false when it is another body's (主管部门意见（盖章）).
 * undefined when no seal place is near: the OCR may have missed a label under the ink, so absence
 * is no evidence either way.
 *
 * `others`: the boxes of the page's other seals. A label is one seal's place: where two seals are
 * stamped side by side or overlapping, each label goes to the seal nearest to where the stamp is put
 * on it (its （盖章） end, see placeAnchor), and a seal never takes the hint of a label that is its
 * neighbour's.
 */
export function nearUnitLine(ocr: OcrPage, seal: Box, others: Box[] = []): boolean | undefined {
  const place = nearestSealPlace(ocr, seal, others);
  if (!place) return undefined;
  return place.kind === 'unit';
}

/** Characters that mark where the stamp goes (盖章, 公章, （章）, as OCR reads them under ink). */
const PLACE_MARK = /[盖羔盏益善答章童竟音韶覃]/;

/**
 * Where on a label line the stamp is put: the place word (（盖章）, 公章) ends the label, and a seal
 * is stamped over it or just after it. With the characters' boxes, the centre of the last
 * place-mark character; otherwise the line's last glyph (its right end, a glyph's width in).
 */
export function placeAnchor(line: OcrLine): [number, number] {
  const [x, y, w, h] = line.box;
  for (let i = line.chars.length - 1; i >= 0; i--) {
    const ch = line.chars[i];
    const mx = ch.box[0] + ch.box[2] / 2;
    const my = ch.box[1] + ch.box[3] / 2;
    // A character box outside its line's box is in other coordinates (a crop's): not used.
    const inLine = mx >= x - h && mx <= x + w + h && my >= y - h && my <= y + 2 * h;
    if (PLACE_MARK.test(ch.text) && ch.box[2] > 0 && inLine) return [mx, my];
  }
  return [x + Math.max(w / 2, w - h / 2), y + h / 2];
}

function centreOf(b: Box): [number, number] {
  return [b[0] + b[2] / 2, b[1] + b[3] / 2];
}

/** The nearest seal place (label line) within reach of a seal's box, with its text and distance. */
export function nearestSealPlace(
  ocr: OcrPage,
  seal: Box,
  others: Box[] = [],
): { kind: UnitLineKind; text: string; distance: number } | null {
  const reach = Math.max(seal[2], seal[3]);
  const [cx, cy] = centreOf(seal);
  const rivals = others.filter((o) => o !== seal && (o[0] !== seal[0] || o[1] !== seal[1] || o[2] !== seal[2] || o[3] !== seal[3]));
  let best: { kind: UnitLineKind; text: string; distance: number } | null = null;
  for (const l of ocr.lines) {
    const kind = sealPlaceKind(l.text);
    if (!kind) continue;
    const lx = Math.max(l.box[0], Math.min(cx, l.box[0] + l.box[2]));
    const ly = Math.max(l.box[1], Math.min(cy, l.box[1] + l.box[3]));
    const d = Math.hypot(cx - lx, cy - ly);
    if (d > reach) continue;
    // The label is another seal's when that seal's centre is nearer to where the stamp goes.
    const [ax, ay] = placeAnchor(l);
    const mine = Math.hypot(cx - ax, cy - ay);
    if (rivals.some((o) => {
      const [ox, oy] = centreOf(o);
      return Math.hypot(ox - ax, oy - ay) < mine;
    })) continue;
    if (!best || d < best.distance) best = { kind, text: l.text, distance: Math.round(d) };
  }
  return best;
}
