import { approximateMatches } from '../approximate-match.ts';
import { endsNameAt, isDotLike, isHan, SURNAMES } from '../chinese-names.ts';
import { glyphSimilarity } from '../glyph-similarity.ts';
import { closeTogether, hanCharacters, SPLIT_GLYPH } from '../han-characters.ts';
import type { InkBoxes, LineTokens } from '../line-tokens.ts';
import { findLabels, rowNeighbourLeft } from '../labels.ts';
import { LIST_DOCS, listOrUntyped, type NameSearch } from '../name-search.ts';

/**
 * The applicant's name inside each line, tolerant of OCR errors in longer names.
 */
export function findApplicantInLines(s: NameSearch): void {
  const { pattern, minority, lines, ink, applicant, others, uncertain, k, ownDocument, detection, knownMisreading, alike } = s;
  for (const lt of lines) {
    // Split glyphs are a fallback: never let them break a name that reads right as it is.
    const plain = hanCharacters(lt, ink, false);
    const merged = hanCharacters(lt, ink, true);
    // Merged only where that reads at least as close to the name: 上闻宇 merged to 邝宇's two glyphs,
    // but not 届福龙 (for 屈福龙), whose merged 届福 would lose a name read one look-alike off.
    const fewest = (chars: string[]) => Math.min(Infinity, ...approximateMatches(pattern, chars, k, knownMisreading).map((m) => m.edits));
    const plainFewest = merged.chars.length < plain.chars.length ? fewest(plain.chars) : 0;
    const useMerged = plainFewest > 0 && fewest(merged.chars) <= plainFewest;
    const { ranges, chars: coreChars } = useMerged ? merged : plain;
    for (const m of approximateMatches(pattern, coreChars, k, knownMisreading)) {
      const from = ranges[m.start][0];
      const to = ranges[m.end - 1][1];
      const inner = lt.tokens.slice(from, to).filter((t) => !isHan(t.ch));
      if (inner.some((t) => !(minority && isDotLike(t.ch)))) continue; // 张3伟 is not 张伟
      if (!closeTogether(lt, from, to)) continue;
      const ext = extendsToLongerName(lt, ink, from, to, pattern.length);
      if (ext) {
        // On the applicant's own document the person addressed as 对…同志 is the applicant
        // (addressed-slots.ts masks the slot): a misread name there with a character more (党怡敏
        // read 党褒敏疙) is not someone's longer name. An exact 张伟 in 张伟东 always is.
        const t = lt.tokens.map((x) => x.ch).join('');
        if (ownDocument && m.edits > 0 && /(对|推荐|同意)$/.test(t.slice(0, from)) && /^同志/.test(t.slice(ext.to))) continue;
        others.push(detection('other_name', lt, ext.from, ext.to, 0.8, { rule: 'contains-applicant-name', applicantSpan: [from, to] }));
        continue;
      }
      // A dropped or extra character is an OCR slip only in long (minority) names; in 张伟东 or 张 it is another name.
      const gapsOk = pattern.length >= 4 || (m.inserted.length === 0 && m.deleted.length === 0);
      // In a long name (5+ characters) one wrong character among the rest read right is a misreading
      // whatever it looks like (a seal over the name, handwriting); shorter names need look-alikes.
      // A split glyph stands for anything: evidence only on the applicant's own document.
      const unlike = m.substituted.filter(([ti, pi]) => (coreChars[ti] === SPLIT_GLYPH ? !ownDocument : !alike(coreChars[ti], pattern[pi]))).length;
      const lineText = lt.tokens.map((t) => t.ch).join('');
      // Where a name stands in a document about one person: 学生X宇，男，… / 对X宇同志 / 承诺人：X宇.
      const addressed =
        /^(同志|先生|女士|[，,]?[男女][，,]|[，,]?性别|[（(]\d)/.test(lineText.slice(to)) || /(学生|姓名|承诺人|申请人|申报人|现对|如对|经审核)[：:]?$/.test(lineText.slice(0, from));
      // A cell holding nothing but the name (a 学籍 report's value column whose 姓名 label OCR lost).
      // A label beside it naming someone else (经办人 in its own column) makes it theirs.
      const alone = from === 0 && to === lt.tokens.length && !labelledForOther(lines, lt);
      // On a document about the applicant alone, one character misread where the applicant's name
      // stands (addressed, or alone in its cell) is the applicant's name misread, the surname too:
      // 党怡敏 read 党属敏, 燕霖英 read 节霖英 in …，女，1984年11月生, 任强勤 read 坚强勤 under a
      // seal in a form's 姓名 cell whose label the seal hid. Someone else on the applicant's own
      // document who shares all but one character of the name, in a cell of their own with no
      // label, is far rarer than a misread; it is flagged either way. A labelled signer
      // (经办人：党怡怡) never gets here.
      const standsForApplicant = ownDocument && !LIST_DOCS.has(s.input.docType!) && (addressed || alone) && m.edits === 1 && m.substituted.length === 1;
      // Not in a list of people (or on a page typed as nothing, as a list's second page is): minority
      // names there share all but one character often (亚森·斯拉木 beside the applicant 亚森·吾拉木 on a
      // title document, seed 9007, masked whole). There it is kept as someone's and flagged.
      const listLike = listOrUntyped(s.input.docType);
      const longOneOff = gapsOk && pattern.length >= 5 && unlike === 1 && m.edits === 1;
      const misread =
        gapsOk &&
        (pattern.length === 2
          ? m.edits === 1 && m.substituted.length === 1 && (unlike === 0 || (ownDocument && addressed))
          : unlike === 0 || (longOneOff && !listLike) || standsForApplicant);
      if (pattern.length <= 3 && ink.unreadGlyphAfter(lt, from, to) && !endsNameAt(lineText, to)) {
        // Ink of one more character OCR did not read is glued to the name: it may be a longer name.
        const d = detection('other_name', lt, from, to, 0.4, { rule: 'maybe-longer-name' });
        others.push(d);
        uncertain.push({ text: d.text, box: d.box, reasonZh: `“${d.text}”后紧接一个未识别的字，可能是他人姓名，未遮盖，请人工核对`, reasonEn: `an unread character follows “${d.text}”: possibly someone else's longer name; not masked — please check` });
      } else if (m.edits === 0) {
        applicant.push(detection('applicant_name', lt, from, to, 0.98, { rule: 'exact' }));
      } else if (misread && signsByRole(lineText.slice(0, from))) {
        // After a role's signature label (主管领导签字：, even garbled as 管驾导签学:) a name one
        // character off the applicant's is the signer's own, not the applicant misread (党怡怡).
        const read = coreChars.slice(m.start, m.end).join('');
        const d = detection('other_name', lt, from, to, 0.6, { rule: 'similar-name-signing', edits: m.edits, read });
        others.push(d);
        uncertain.push({ text: read, box: d.box, reasonZh: `“${read}”在他人签字处，与申报人姓名相近，按他人姓名保留，请核对`, reasonEn: `“${read}” signs where someone else signs and is close to the applicant's name; kept as someone else's, please check` });
      } else if (misread && !addressed && pattern.length <= 4 && confidentOtherInList(s, lt, ranges, coreChars, m.substituted)) {
        // In a list of people (任职资格文件, an author line) a name one character off the applicant's,
        // that character read sure and only loosely like the expected one (唐龙峰 for 唐龙朴, 峰 read
        // at 98), is far more likely a colleague than a misreading: kept and flagged, not masked. Not
        // where the text says whose name it is (现对X同志), nor in a long minority name.
        const read = coreChars.slice(m.start, m.end).join('');
        const d = detection('other_name', lt, from, to, 0.6, { rule: 'similar-name-in-list', edits: m.edits, read });
        others.push(d);
        uncertain.push({ text: read, box: d.box, reasonZh: `名单中的“${read}”与申报人姓名仅差一字且识别清楚，按他人姓名保留，请核对`, reasonEn: `“${read}” in a list differs from the applicant's name by one clearly read character; kept as someone else's, please check` });
      } else if (misread) {
        const read = coreChars.slice(m.start, m.end).join('');
        const known = m.substituted.filter(([ti, pi]) => knownMisreading(coreChars[ti], pattern[pi])).map(([ti, pi]) => `${pattern[pi]}→${coreChars[ti]}`);
        applicant.push(detection('applicant_name', lt, from, to, 0.85, { rule: 'look-alike', edits: m.edits, read, ...(known.length ? { knownMisreadings: known } : {}) }));
        if (m.edits > 1 || (unlike > 0 && pattern.length < 5)) uncertain.push({ text: read, box: ink.spanBox(lt, from, to).box, reasonZh: `识别为“${read}”，按申报人姓名遮盖，请核对`, reasonEn: `read as “${read}”; masked as the applicant's name, please check` });
      } else if (longOneOff && listLike) {
        const read = coreChars.slice(m.start, m.end).join('');
        const d = detection('other_name', lt, from, to, 0.5, { rule: 'similar-long-name-in-list', edits: m.edits, read });
        others.push(d);
        uncertain.push({ text: read, box: d.box, reasonZh: `名单中的“${read}”与申报人姓名仅差一字，按他人姓名保留，请核对`, reasonEn: `“${read}” in a list differs from the applicant's name by one character; kept as someone else's, please check` });
      } else if (pattern.length > 2) {
        // A character read that does not even look like the expected one: a different person.
        // (For a two-character name one shared character says nothing: 毛X is not a name.)
        others.push(detection('other_name', lt, from, to, 0.6, { rule: 'similar-name', edits: m.edits }));
      }
    }
  }
}

/**
 * 张伟 inside 张伟东: one more character glued to the match, followed by a clear end (punctuation,
 * a gap, a following word like 负责, the end of the line). Returns the longer name's span.
 */
function extendsToLongerName(lt: LineTokens, ink: InkBoxes, from: number, to: number, len: number): { from: number; to: number } | null {
  const text = lt.tokens.map((t) => t.ch).join('');
  const tokens = lt.tokens;
  // Gaps from the ink, not OCR's boxes, which are often off by part of a glyph.
  const gap = (i: number) => ink.gapBefore(lt, i);
  const hardEnd = (i: number) => i >= tokens.length || !isHan(tokens[i].ch) || gap(i) > 0.5 * lt.h || endsNameAt(text, i);
  // Not a footnote mark OCR read as a character (仇光平¹ read 仇江平二 on a byline).
  if (len <= 3 && to < tokens.length && isHan(tokens[to].ch) && !ink.isSmallMark(lt, to) && gap(to) < 0.5 * lt.h && !endsNameAt(text, to) && hardEnd(to + 1)) {
    return { from, to: to + 1 };
  }
  // 欧阳伟 when the applicant is 阳伟: a surname glued in front after a clear start.
  if (len <= 2 && from > 0 && SURNAMES.has(tokens[from - 1].ch) && gap(from) < 0.5 * lt.h) {
    const before = from - 2;
    if (before < 0 || !isHan(tokens[before].ch) || gap(from - 1) > 0.5 * lt.h) return { from: from - 1, to };
  }
  return null;
}

/** The line left of lt on its row ends in a label of someone other than the applicant (经办人：). */
function labelledForOther(lines: LineTokens[], lt: LineTokens): boolean {
  const left = rowNeighbourLeft(lines, lt);
  if (!left) return false;
  const text = left.tokens.map((t) => t.ch).join('').replace(/[：:\s_＿|]+$/, '');
  const last = findLabels(text).sort((a, b) => b.end - a.end)[0];
  return last !== undefined && last.end === text.length && last.kind !== 'applicant' && last.kind !== 'field';
}

/**
 * The text before a name ends in a signature label with a role before it (主管领导签字：, 单位负责人签名：),
 * not the applicant's own (本人签名, 承诺人签字) nor a bare 签名.
 */
function signsByRole(before: string): boolean {
  const t = before.replace(/\s/g, '');
  return /[\u4e00-\u9fff]{2,}签[\u4e00-\u9fff]?[：:.．]?$/u.test(t) && !/本人|承诺|申请|申报/.test(t);
}

/** A character OCR is this sure of is rarely a misreading of a clearly printed list. */
const SURE_CHARACTER = 90;
/** Look-alikes closer than this (童/章 0.82, 峰/蜂 0.82, 童/董 0.79) are misread even when read sure. */
const NEAR_TWIN = 0.75;

/**
 * On a document listing many people (or a page of no known type), the one substituted character of a
 * look-alike match was read sure and is not a near twin of the expected one: another person's name.
 */
function confidentOtherInList(s: NameSearch, lt: LineTokens, ranges: Array<[number, number]>, chars: string[], substituted: Array<[number, number]>): boolean {
  if (!listOrUntyped(s.input.docType) || substituted.length !== 1) return false;
  const [ti, pi] = substituted[0];
  if (chars[ti] === SPLIT_GLYPH) return false;
  // A misreading OCR makes of this very name (胥 read 悄) is no colleague — unless it gives a surname
  // in the surname's place (芮 read 黄: 黄桐国 may well be someone).
  if (s.knownMisreading(chars[ti], s.pattern[pi]) && !(pi === 0 && SURNAMES.has(chars[ti]))) return false;
  const [a, b] = ranges[ti];
  const conf = Math.min(...lt.tokens.slice(a, b).map((t) => t.conf));
  return conf >= SURE_CHARACTER && glyphSimilarity(chars[ti], s.pattern[pi]) < NEAR_TWIN;
}
