import { intersect } from '../../../model/geometry.ts';
import { isDotLike, isHan } from '../chinese-names.ts';
import { heldAsOther, LIST_DOCS, type NameSearch } from '../name-search.ts';
import { looksLikeName, nameScore } from '../name-shape.ts';

/**
 * Words a holder slot opens with on a certificate or a letter: 学生××，性别男 (a diploma),
 * 兹证明××同志 (a unit's proof), 授予××… The start of a line opens one too: ××，男，1981年…生
 * (a degree), ××同志： (a CE or award certificate).
 */
const OPENERS = ['学生', '兹证明', '兹有', '证明', '授予'];
/**
 * A colon opens one before 同志 (一、政治方面：××同志政治立场坚定 on a unit's recommendation), but a
 * colon ends any label (联系人：××同志): there the slot must also read half like the name.
 */
const COLONS = ['：', ':'];

/** What closes a holder slot: the person's sex, or the form of address. */
const CLOSERS: Array<{ re: RegExp; what: string }> = [
  { re: /^[，,、.．]?性别/u, what: '性别' },
  { re: /^[，,、.．][男女][，,、.．0-9０-９一二〇]/u, what: '男/女' },
  { re: /^同志/u, what: '同志' },
  { re: /^同学/u, what: '同学' },
];

/** Words that stand where a name would, and are not one: 该同志, 全体同志, 上述同志 … */
const NOT_A_HOLDER = /^(该|此|本|各|各位|全体|广大|上述|以上|其他|有关|相关|下列|如下|申报|推荐|青年|老)$/u;

/**
 * The person a certificate or a letter of the applicant's own is made out to — 学生××，性别男 on a
 * diploma, ××，男，1981年…生 on a degree, ××同志： on a CE or an award certificate, 兹证明××同志 on a
 * unit's proof — is the applicant. The words round the slot are common and survive OCR where a rare
 * name does not: 芮桐国 read 黄柚国 on a diploma at 200 dpi, two characters of three wrong, in every
 * place it stood (seed 9005). Such a slot, holding about as many Han characters as the name, is masked
 * by its place and, unless it reads as the name, flagged for a person. Not on documents about many
 * people (a title document's list, a paper's byline), where a slot like it may be anyone's.
 */
export function findHolderSlots(s: NameSearch): void {
  const { pattern, lines, applicant, uncertain, detection, ownDocument, input } = s;
  if (!ownDocument || LIST_DOCS.has(input.docType!)) return;
  const L = pattern.length;
  const name = pattern.join('');
  for (const lt of lines) {
    const t = lt.tokens;
    const text = t.map((x) => x.ch).join('');
    // Where a slot may open: the line's first Han character (after stray marks), or after an opener.
    const starts: Array<{ at: number; opener: string }> = [];
    const first = t.findIndex((x) => isHan(x.ch) || /[0-9]/.test(x.ch));
    if (first >= 0 && isHan(t[first].ch) && !OPENERS.some((o) => text.startsWith(o, first))) starts.push({ at: first, opener: '' });
    for (const opener of [...OPENERS, ...COLONS]) for (let at = text.indexOf(opener); at >= 0; at = text.indexOf(opener, at + 1)) starts.push({ at: at + opener.length, opener });
    for (const { at, opener } of starts) {
      // The slot: Han characters (and a minority name's dot) up to the closer.
      let end = at;
      let han = 0;
      let dots = 0;
      // A minority name's one dot (as OCR reads it, never a full stop); no marks in other names.
      const dotOk = (ch: string) => s.minority && han > 0 && ch !== '。' && isDotLike(ch) && dots < 1;
      while (end < t.length && (isHan(t[end].ch) || dotOk(t[end].ch)) && han <= L + 1) {
        const rest = text.slice(end);
        if (han >= 2 && CLOSERS.some((c) => c.re.test(rest))) break;
        if (isHan(t[end].ch)) han++;
        else dots++;
        end++;
      }
      const closer = CLOSERS.find((c) => c.re.test(text.slice(end)));
      if (!closer || han < Math.max(2, L - 1) || han > L + 1) continue;
      const read = t.slice(at, end).map((x) => x.ch).filter(isHan).join('');
      if (NOT_A_HOLDER.test(read)) continue;
      // At the start of a line without an opener, a slot closed by 同志/同学 must read like a person
      // (or partly like the applicant): 该单位同志 is not one.
      if (!opener && (closer.what === '同志' || closer.what === '同学') && !looksLikeName(read) && nameScore(read, name) < 0.5) continue;
      if (COLONS.includes(opener) && (closer.what !== '同志' || nameScore(read, name) < 0.5)) continue;
      const d = detection('applicant_name', lt, at, end, 0.7, { rule: 'holder-slot', opener: opener || 'line start', closer: closer.what, read });
      if (applicant.some((a) => intersect(a.box, d.box))) continue; // found already
      if (heldAsOther(s, d.box)) continue;
      applicant.push(d);
      const place = !opener ? '行首' : COLONS.includes(opener) ? '冒号后' : opener;
      const placeEn = !opener ? 'line start' : COLONS.includes(opener) ? 'after a colon' : opener;
      if (nameScore(read, name) < 1)
        uncertain.push({
          text: read,
          box: d.box,
          reasonZh: `证书持有人/称呼处（${place}…${closer.what}）识别为“${read}”，按申报人姓名的位置遮盖，请核对`,
          reasonEn: `the holder's place (${placeEn} … ${closer.what}) reads “${read}”; masked as the applicant's name by its place, please check`,
        });
    }
  }
}
