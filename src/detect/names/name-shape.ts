/** What reads as a person's name: shapes of names, and how close a reading is to the applicant's. */
import { isHan, nameCore, startsWithSurname } from './chinese-names.ts';
import { glyphSimilarity, LOOK_ALIKE } from './glyph-similarity.ts';
import { ocrGapBefore, type LineTokens } from './line-tokens.ts';

const NOT_NAMES = /单位|签字|签名|盖章|公章|负责|年|月|日|审核|意见|同意|推荐|本人|承诺|以上|内容|专家|领导|职称|部门|手写|日期|模板|公司|有限|集团|协会|学院|大学|中心|公示/;

export function looksLikeName(s: string): boolean {
  const core = nameCore(s);
  if (NOT_NAMES.test(s)) return false;
  if (core.length >= 2 && core.length <= 4 && startsWithSurname(core)) return true;
  // Minority names: two Han runs joined by a dot.
  return /^[\u4e00-\u9fff]{2,6}[·•．.\-‧・'`,，:：;；]+[\u4e00-\u9fff]{2,6}$/u.test(s) && core.length >= 4 && core.length <= 12;
}

export function looksLikeLabelledName(s: string): boolean {
  const core = nameCore(s);
  return looksLikeName(s) || (core.length >= 2 && core.length <= 8 && core.length >= [...s].length - 2 && !NOT_NAMES.test(s));
}

/**
 * How well a name read by OCR fits the applicant's name: characters in order (an LCS where a
 * look-alike character counts 0.7), over the longer length. 1 is the same name.
 */
export function nameScore(read: string, name: string): number {
  const a = [...read];
  const b = [...name];
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1] ? 1 : glyphSimilarity(a[i - 1], b[j - 1]) >= LOOK_ALIKE ? 0.7 : 0;
      dp[i][j] = Math.max(dp[i - 1][j - 1] + same, dp[i - 1][j], dp[i][j - 1]);
    }
  return dp[a.length][b.length] / Math.max(a.length, b.length, 1);
}

/** The printed middle dots of a minority name (not the commas and colons OCR may turn one into). */
const MIDDLE_DOT = /[·•．.\-‧・]/u;

export interface Word {
  from: number;
  to: number;
  isolated: boolean;
}

/** Name-shaped words of a line: 2–4 Han characters starting with a surname, or a dotted minority name. */
export function nameShapedWords(lt: LineTokens, _minority: boolean): Word[] {
  const t = lt.tokens;
  const words: Word[] = [];
  let i = 0;
  while (i < t.length) {
    if (!isHan(t[i].ch)) {
      i++;
      continue;
    }
    const from = i;
    i++;
    while (i < t.length && (isHan(t[i].ch) || (MIDDLE_DOT.test(t[i].ch) && i + 1 < t.length && isHan(t[i + 1].ch))) && ocrGapBefore(lt, i) < 0.5 * lt.h) i++;
    const text = t.slice(from, i).map((x) => x.ch).join('');
    const core = nameCore(text);
    const dotted = text.length !== core.length;
    const parts = text.split(MIDDLE_DOT);
    const shaped = dotted
      ? parts.length === 2 && parts.every((p) => p.length >= 2 && p.length <= 6)
      : core.length >= 2 && core.length <= 4 && startsWithSurname(core);
    if (shaped && !NOT_NAMES.test(text)) {
      const isolated = (from === 0 || ocrGapBefore(lt, from) >= 0.5 * lt.h || !isHan(t[from - 1].ch)) && (i >= t.length || ocrGapBefore(lt, i) >= 0.5 * lt.h || !isHan(t[i].ch));
      if (isolated) words.push({ from, to: i, isolated });
    }
  }
  return words;
}
