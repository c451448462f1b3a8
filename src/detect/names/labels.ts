/**
 * Labels before a name in forms and running text (姓名, 承诺人, 签字, 负责人 …) and the value after
 * one.
 */
import { APPLICANT_LABELS, NAME_FIELD_LABELS, OTHER_LABELS, isDotLike, isHan } from './chinese-names.ts';
import { glyphSimilarity, LOOK_ALIKE } from './glyph-similarity.ts';
import { ocrGapBefore, type LineTokens } from './line-tokens.ts';

export interface LabelHit {
  label: string;
  start: number;
  end: number; // token index after the label
  kind: 'applicant' | 'other' | 'field' | 'signature';
}

/**
 * A label word in running text (如申请人提交……) is not a label. A label is followed by a colon or a
 * bracket, or stands apart: a gap after it, or nothing after it on the line.
 */
export function standsAsLabel(lt: LineTokens, hit: LabelHit): boolean {
  if (hit.kind === 'field') return true; // 姓名 is a field label wherever it stands
  const next = lt.tokens[hit.end];
  if (!next) return true;
  if (/[：:（(\[【_＿|]/.test(next.ch)) return true;
  // A colon OCR read as a stop or a comma (签字.聂雄嘉, 签名，导峰: the colon's dots blurred into one, or
  // its lower dot dragged into a tail) after a signature label.
  if (/签字|签名|签章/.test(hit.label) && /^[.．。·，,]$/.test(next.ch)) return true;
  return ocrGapBefore(lt, hit.end) >= 0.6 * lt.h;
}

/** Labels in a line, longest first, none overlapping another (单位负责人 is not also 负责人). */
export function findLabels(text: string): LabelHit[] {
  const all: Array<{ label: string; kind: LabelHit['kind'] }> = [
    ...APPLICANT_LABELS.map((label) => ({ label, kind: 'applicant' as const })),
    ...NAME_FIELD_LABELS.map((label) => ({ label, kind: 'field' as const })),
    ...OTHER_LABELS.map((label) => ({ label, kind: 'other' as const })),
  ].sort((a, b) => b.label.replace(/\s/g, '').length - a.label.replace(/\s/g, '').length);
  const hits: LabelHit[] = [];
  const free = (at: number, end: number) => !hits.some((h) => at < h.end && h.start < end);
  for (const { label, kind } of all) {
    const l = label.replace(/\s/g, '');
    for (let at = text.indexOf(l); at >= 0; at = text.indexOf(l, at + 1)) {
      if (free(at, at + l.length)) hits.push({ label, start: at, end: at + l.length, kind });
    }
  }
  // Labels OCR misread by one inner character (承湛人 for 承诺人): the first and last must be right.
  for (const { label, kind } of all) {
    const l = [...label.replace(/\s/g, '')];
    if (l.length < 3) continue;
    for (let at = 0; at + l.length <= text.length; at++) {
      const w = [...text.slice(at, at + l.length)];
      const wrong = l.filter((c, k) => c !== w[k]).length;
      if (wrong === 1 && w[0] === l[0] && w[l.length - 1] === l[l.length - 1] && isHan(w.find((c, k) => c !== l[k])!) && free(at, at + l.length)) {
        hits.push({ label, start: at, end: at + l.length, kind });
      }
    }
  }
  // A bare 签名/签字 OCR garbled in one of its two characters (罕名：, 等名：, 签宇：): at the start of
  // its line, right before a colon, and not a word of its own (书名, 刊名, 户名 …). What it signs for
  // is decided as for a bare signature, by the page and the name.
  const g = GARBLED_SIGNATURE.exec(text);
  // 姓名 garbled the same way (娃名, 性名) is the name field, not a signature.
  const nameField = g !== null && g[2][1] === '名' && glyphSimilarity(g[2][0], '姓') >= LOOK_ALIKE && glyphSimilarity(g[2][0], '姓') > glyphSimilarity(g[2][0], '签');
  if (g && !nameField && free(g[1].length, g[1].length + 2)) {
    const at = g[1].length;
    hits.push({ label: g[2].includes('签') ? '签名' : `签${g[2][1]}`, start: at, end: at + 2, kind: 'other' });
  }
  // 姓名 garbled in one character at the start of a form row that goes on to 性别 (姓是 恨有ay下 性别 男,
  // under a seal whose colour the scan lost): the row's name field.
  const f = GARBLED_NAME_FIELD.exec(text);
  if (f && !hits.some((h) => h.kind === 'field') && free(f[1].length, f[1].length + 2)) hits.push({ label: '姓名', start: f[1].length, end: f[1].length + 2, kind: 'field' });
  // A bare 签名/签字 with no role before it (本人, 领导 …) may be anyone's: decided by the name.
  for (const h of hits) {
    if (h.kind === 'other' && BARE_SIGNATURE.has(h.label)) {
      const before = text.slice(Math.max(0, h.start - 4), h.start);
      if (/本人|个人|申请|申报|承诺/.test(before)) h.kind = 'applicant';
      else if (!/领导|负责|主任|专家|审核|审批|经办|校长|院长|局长|书记|经理|组长|部门|单位|推荐|证明/.test(before)) h.kind = 'signature';
    }
  }
  // 承诺人（签字）： — a signature label right after an applicant label belongs to it.
  hits.sort((a, b) => a.start - b.start);
  const out: LabelHit[] = [];
  for (const h of hits) {
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'applicant' && h.kind === 'other' && h.start >= prev.end && h.start - prev.end <= 2) {
      prev.end = h.end;
      continue;
    }
    out.push(h);
  }
  return out;
}

const BARE_SIGNATURE = new Set(['签名', '签字']);

/** 姓 and one character, or a character and 名 (not a word ending in 名), opening a row with 性别 later on. */
const GARBLED_NAME_FIELD = /^([^\p{Script=Han}]{0,2})(姓(?!别)\p{Script=Han}|(?![书刊篇题户报地品人别网全实曾笔化署单排罪艺英中学用命提点指匿具数文汉打签性])\p{Script=Han}名)(?=.*性\s*别)/u;

/**
 * Two characters opening a line (after at most two marks OCR made of nothing), one of them 签's or
 * 名/字's place kept, then a colon (or what OCR made of it: a comma, a bracket — 等名(人计生 for a
 * hand after 签名：): 签名 or 签字 with one character misread. Words that end in 名 and label
 * something else are not it.
 */
const GARBLED_SIGNATURE = /^([^\p{Script=Han}]{0,2})((?![书刊篇题户报地品人别网全实姓曾笔化署单排罪艺英中学用命提点指匿具数文汉打])\p{Script=Han}[名字]|签(?![名字发订约署证收到批])\p{Script=Han})[：:，,(（]/u;

/** The word after a label: skip ：() and brackets, then Han characters and dots up to a gap or stop. */
export function valueAfter(lt: LineTokens, end: number): { from: number; to: number } | null {
  const t = lt.tokens;
  let i = end;
  while (i < t.length && /[：:（）()\[\]【】\s_＿]/.test(t[i].ch)) i++;
  // The stop or comma a colon was misread as (see standsAsLabel).
  if (i === end && i < t.length && /^[.．。·，,]$/.test(t[i].ch) && i > 0 && /[签字名章]/.test(t[i - 1].ch)) i++;
  if (i >= t.length || (i > 0 && ocrGapBefore(lt, i) > 8 * lt.h)) return null; // a form's value cell can sit far from its label
  const from = i;
  while (i < t.length && (isHan(t[i].ch) || isDotLike(t[i].ch)) && i - from < 10) {
    if (i > from && ocrGapBefore(lt, i) > 1.2 * lt.h) break;
    i++;
  }
  while (i > from && isDotLike(t[i - 1].ch)) i--;
  return i > from ? { from, to: i } : null;
}

/**
 * The nearest line to the right of lt on the same row, within a form cell's reach (12 glyphs: a
 * label column is often as wide as the label with its letter-spacing, 姓　　名, and the value is set
 * well into the next cell).
 */
export function rowNeighbourRight(lines: LineTokens[], lt: LineTokens): LineTokens | undefined {
  return rowNeighbour(lines, lt, 'right', 12);
}

/** The nearest line to the left of lt on the same row, within a form cell's reach (8 glyphs). */
export function rowNeighbourLeft(lines: LineTokens[], lt: LineTokens): LineTokens | undefined {
  return rowNeighbour(lines, lt, 'left', 8);
}

function rowNeighbour(lines: LineTokens[], lt: LineTokens, side: 'left' | 'right', reachGlyphs: number): LineTokens | undefined {
  const [x, y, w, h] = lt.line.box;
  let best: LineTokens | undefined;
  let bestGap = reachGlyphs * lt.h;
  for (const m of lines) {
    if (m === lt) continue;
    const [mx, my, mw, mh] = m.line.box;
    if (Math.min(y + h, my + mh) - Math.max(y, my) < 0.5 * Math.min(h, mh)) continue;
    const gap = side === 'right' ? mx - (x + w) : x - (mx + mw);
    if (gap < -0.2 * lt.h || gap > bestGap) continue;
    best = m;
    bestGap = gap;
  }
  return best;
}
