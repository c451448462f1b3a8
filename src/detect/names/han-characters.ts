import { isHan } from './chinese-names.ts';
import type { InkBoxes, LineTokens } from './line-tokens.ts';

/** Stands for two narrow halves OCR read out of one glyph (邝 read as 广了): matches like a look-alike. */
export const SPLIT_GLYPH = '\uFFFD';

/**
 * The Han characters of a line for name matching, each with its token range. Two narrow neighbours
 * that together are one glyph wide are one character OCR split in two (a left-right character such
 * as 邝 = 广 + 阝 often is): they become one wildcard.
 */
export function hanCharacters(lt: LineTokens, ink: InkBoxes, mergeSplit: boolean): { ranges: Array<[number, number]>; chars: string[] } {
  const ranges: Array<[number, number]> = [];
  const chars: string[] = [];
  const t = lt.tokens;
  for (let i = 0; i < t.length; i++) {
    if (!isHan(t[i].ch)) continue;
    const next = t[i + 1];
    if (mergeSplit && next && isHan(next.ch) && t[i].box[2] < 0.62 * lt.h && next.box[2] < 0.62 * lt.h && ink.isSplitGlyph(lt, i)) {
      ranges.push([i, i + 2]);
      chars.push(SPLIT_GLYPH);
      i++;
      continue;
    }
    ranges.push([i, i + 1]);
    chars.push(t[i].ch);
  }
  return { ranges, chars };
}

/** Characters of one name are no further apart than a few glyphs (张　伟 in a form is fine). */
export function closeTogether(lt: LineTokens, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) {
    const gap = lt.tokens[i].box[0] - (lt.tokens[i - 1].box[0] + lt.tokens[i - 1].box[2]);
    if (gap > 3.5 * lt.h) return false;
  }
  return true;
}
