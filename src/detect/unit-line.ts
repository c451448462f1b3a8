import type { Box } from '../model/geometry.ts';
import type { OcrPage } from '../model/ocr.ts';

/** The printed place for the issuing unit's seal: 单位盖章, （公章）, 推荐单位（盖章）… */
const UNIT_LINE = /盖章|公章|[（(]章[)）]|单位[（(]?签章|签章|单位意见|推荐单位|用人单位|所在单位|考核单位/;

/**
 * Whether a seal sits by the form's 单位/盖章 line: such a line within about a seal's size of the
 * seal's box (stamps are put on or just beside the words).
 */
export function nearUnitLine(ocr: OcrPage, seal: Box): boolean {
  const reach = Math.max(seal[2], seal[3]);
  const cx = seal[0] + seal[2] / 2;
  const cy = seal[1] + seal[3] / 2;
  return ocr.lines.some((l) => {
    if (!UNIT_LINE.test(l.text.replace(/\s/g, ''))) return false;
    const lx = Math.max(l.box[0], Math.min(cx, l.box[0] + l.box[2]));
    const ly = Math.max(l.box[1], Math.min(cy, l.box[1] + l.box[3]));
    return Math.hypot(cx - lx, cy - ly) <= reach;
  });
}
