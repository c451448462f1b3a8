import type { Box } from '../model/geometry.ts';
import type { OcrPage } from '../model/ocr.ts';

/** The printed place for the issuing unit's seal: 单位盖章, （公章）, 推荐单位（盖章）… */
const UNIT_LINE = /盖章|公章|[（(]章[)）]|单位[（(]?签章|签章|单位意见|推荐单位|用人单位|所在单位|考核单位/;

/**
 * A place for another body's seal on the same form: 主管部门意见（盖章）, 人力资源和社会保障局审核
 * （盖章）, 评审委员会（盖章）, 发证机关. A seal stamped there is that body's, not the employer's.
 * The employer's own place may read 单位（盖章） or 推荐单位意见, never these words.
 */
const OTHER_BODY_LINE =
  /主管部门|主管单位|上级|人力资源|人社|社会保障|社保|评审委员会|评委会|职改|审核部门|审批部门|审核意见|审批意见|组织部|发证机|证机关|发证单位|培训机构|学校|院校/;

/**
 * OCR drops and swaps characters in labels under a seal (measured on generated labels read through
 * greyForOcr: 章 read as 音/韶/覃, 盖 as 益/善, the bracket as 《): a 单位 followed by a bracket, or a
 * bracket followed by 盖, is a seal place too.
 */
const LOOSE_PLACE = /[盖羔盏益善][章童竟音韶覃]|[（(《<][盖羔盏益善]|单位[（(《<]|[（(《][章童音][)）]|公[章童音]/;

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
 */
export function nearUnitLine(ocr: OcrPage, seal: Box): boolean | undefined {
  const place = nearestSealPlace(ocr, seal);
  if (!place) return undefined;
  return place.kind === 'unit';
}

/** The nearest seal place (label line) within reach of a seal's box, with its text and distance. */
export function nearestSealPlace(ocr: OcrPage, seal: Box): { kind: UnitLineKind; text: string; distance: number } | null {
  const reach = Math.max(seal[2], seal[3]);
  const cx = seal[0] + seal[2] / 2;
  const cy = seal[1] + seal[3] / 2;
  let best: { kind: UnitLineKind; text: string; distance: number } | null = null;
  for (const l of ocr.lines) {
    const kind = sealPlaceKind(l.text);
    if (!kind) continue;
    const lx = Math.max(l.box[0], Math.min(cx, l.box[0] + l.box[2]));
    const ly = Math.max(l.box[1], Math.min(cy, l.box[1] + l.box[3]));
    const d = Math.hypot(cx - lx, cy - ly);
    if (d <= reach && (!best || d < best.distance)) best = { kind, text: l.text, distance: Math.round(d) };
  }
  return best;
}
