import { intersect } from '../../../model/geometry.ts';
import { isDotLike, isHan } from '../chinese-names.ts';
import { followsBelow, type LineTokens } from '../line-tokens.ts';
import { nameScore } from '../name-shape.ts';
import type { NameSearch } from '../name-search.ts';

/** Where the addressed person's name starts: 现对／如对××同志 (附件1's template), 推荐／同意××同志. */
const LEFT_ANCHORS = ['对', '推荐', '同意'];

/**
 * The person a document of the applicant's own addresses as ××同志 is the applicant: the notice's
 * own template for the unit publicity (附件1) reads "现对××同志申报……进行公示" and "如对××同志的
 * 相关信息有异议", and a unit's recommendation "推荐××同志". The words around the slot survive OCR
 * where a rare name does not (邝宇 read as 上|于, 党怡敏 as 欧|怡考), and the slot is often broken
 * across two lines. The slot is masked by its place — about as many characters as the name between
 * the anchor and 同志 — and, unless it reads as the name, flagged for a person.
 */
export function findAddressedSlots(s: NameSearch): void {
  const { pattern, lines, applicant, uncertain, detection, ownDocument } = s;
  if (!ownDocument) return;
  const L = pattern.length;
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i];
    const next = lines[i + 1];
    const b = next && followsBelow(a, next) ? next : undefined;
    const text = a.tokens.map((t) => t.ch).join('');
    for (const anchor of LEFT_ANCHORS) {
      for (let at = text.indexOf(anchor); at >= 0; at = text.indexOf(anchor, at + 1)) {
        const slot = slotAfter(a, b, at + anchor.length, pattern.join(''), s.minority);
        if (!slot) continue;
        const parts = slot.parts.map(({ lt, from, to }) => detection('applicant_name', lt, from, to, 0.7, { rule: 'addressed-slot', anchor, read: slot.read }));
        if (parts.some((p) => applicant.some((d) => intersect(d.box, p.box)))) continue; // found already
        const score = nameScore(slot.read, pattern.join(''));
        parts.forEach((p, k) => {
          if (parts.length > 1) p.evidence.part = k + 1;
          applicant.push(p);
        });
        if (score < 1) {
          for (const p of parts)
            uncertain.push({
              text: slot.read,
              box: p.box,
              reasonZh: `“${anchor}××同志”处识别为“${slot.read}”，按申报人姓名的位置遮盖，请核对`,
              reasonEn: `the person addressed in “${anchor} … 同志” reads “${slot.read}”; masked as the applicant's name by its place, please check`,
            });
        }
      }
    }
  }
}

interface Slot {
  parts: Array<{ lt: LineTokens; from: number; to: number }>;
  read: string;
}

/**
 * The tokens between a left anchor (ending at token `start` of line a) and 同志, possibly continuing
 * at the start of line b. The character before 志 stands for 同 however it was read; the slot must
 * hold about as many Han characters as the name (one more or less: a glyph split or dropped by OCR).
 * With 同 read and 志 misread (如对庄民帮同南), the slot ends at 同 when it reads half like the name.
 */
function slotAfter(a: LineTokens, b: LineTokens | undefined, start: number, name: string, minority: boolean): Slot | null {
  const L = [...name].length;
  const seq: Array<{ lt: LineTokens; i: number }> = [];
  for (let i = start; i < a.tokens.length; i++) seq.push({ lt: a, i });
  const inA = seq.length;
  if (b) for (let i = 0; i < b.tokens.length && seq.length < inA + L + 3; i++) seq.push({ lt: b, i });
  const han = (k: number) => isHan(seq[k].lt.tokens[seq[k].i].ch);
  let hanSeen = 0;
  let dots = 0;
  for (let k = 0; k < seq.length; k++) {
    const { lt, i } = seq[k];
    const ch = lt.tokens[i].ch;
    // Punctuation or a digit: not a name in between. A minority name's one dot (as OCR reads it) is;
    // a full stop, or any mark in a name without a dot, ends the sentence: 同意推荐。| 签字：臧志立 is
    // not an addressee (seed 9007: the slot ran on into the signature line and masked the signer).
    if (!han(k) && !(minority && isDotLike(ch) && ch !== '。' && ++dots <= 1)) return null;
    // 同 read right and 志 misread (同南, 同击): the slot must then read half like the name.
    const tongMisread = ch === '同' && k >= 1 && k + 1 < seq.length && han(k + 1) && seq[k + 1].lt.tokens[seq[k + 1].i].ch !== '志';
    if (tongMisread && hanSeen >= Math.max(1, L - 1) && hanSeen <= L + 1) {
      const slot = seq.slice(0, k);
      const read = slot.map((x) => x.lt.tokens[x.i].ch).filter(isHan).join('');
      if (han(0) && nameScore(read, name) >= 0.5) return slotOf(slot, a, read);
    }
    if (ch === '志' && k >= 2) {
      const n = hanSeen - 1; // minus the character standing for 同
      if (n < Math.max(1, L - 1) || n > L + 1) return null;
      const slot = seq.slice(0, k - 1);
      if (slot.length === 0 || !han(0)) return null;
      return slotOf(slot, a, slot.map((x) => x.lt.tokens[x.i].ch).filter(isHan).join(''));
    }
    if (han(k)) hanSeen++;
    if (hanSeen > L + 2) return null;
  }
  return null;
}

/** The slot's tokens as one part per line; null when it starts on line b (no break at a's end). */
function slotOf(slot: Array<{ lt: LineTokens; i: number }>, a: LineTokens, read: string): Slot | null {
  const parts: Slot['parts'] = [];
  const first = slot.filter((x) => x.lt === a);
  const second = slot.filter((x) => x.lt !== a);
  if (first.length) parts.push({ lt: a, from: first[0].i, to: first[first.length - 1].i + 1 });
  if (second.length) parts.push({ lt: second[0].lt, from: second[0].i, to: second[second.length - 1].i + 1 });
  // Across lines only when the name really breaks at the end of line a.
  if (second.length && !first.length) return null;
  return { parts, read };
}
