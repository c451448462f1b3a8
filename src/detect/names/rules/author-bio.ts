import { intersect } from '../../../model/geometry.ts';
import type { NameDetection } from '../../../model/detection.ts';
import { isDotLike, isHan } from '../chinese-names.ts';
import { inkRunIn } from '../ink-blob.ts';
import { unionBoxes, type LineTokens } from '../line-tokens.ts';
import { nameScore } from '../name-shape.ts';
import { heldAsOther, type NameSearch } from '../name-search.ts';

const han = (x: string) => x.replace(/[^\u3400-\u9fff]/gu, '');

/** 作者简介 as OCR reads it: one character of the four may be wrong or lost. */
const BIO_LABEL = /作者简介|作者介绍|者简介|作者简|作.简介|作者.介/u;
/** What ends the name in 作者简介：张三（1985—），男，…: a bracket, a comma, a digit. */
const NAME_END = /[（(〈<【\[，,0-9]/u;

/**
 * A journal paper's author's note (作者简介：张三（1985—），男，…) opens with an author's name, set in a
 * small footnote that OCR often misreads. Most journals give the note for the first author, some for
 * each author in turn. A name there that the other rules recognised (the applicant's, or a co-author's
 * from the byline) is left to them. One that reads as neither is not guessed silently: it is masked by
 * its place when the applicant is the byline's first author (the note is then the applicant's), and
 * the page is flagged for a person either way.
 */
export function findAuthorBio(s: NameSearch): void {
  const { lines, applicant, others, uncertain, input, detection, name } = s;
  if (input.docType !== 'paper') return;
  for (const lt of lines) {
    const t = lt.tokens;
    const text = t.map((x) => x.ch).join('');
    const m = BIO_LABEL.exec(text);
    if (!m) continue;
    // The label's own words are no one's name (作者 read as a label and 简介 as its value).
    const labelBox = unionBoxes(t.slice(m.index, m.index + m[0].length).map((x) => x.box));
    for (let i = others.length - 1; i >= 0; i--) {
      const o = others[i];
      if (o.evidence.line === lt.lineIndex && [...han(o.text)].every((c) => m[0].includes(c)) && intersect(o.box, labelBox)) others.splice(i, 1);
    }
    let from = m.index + m[0].length;
    while (from < t.length && !isHan(t[from].ch)) from++;
    const nameEnd = (start: number, commas: boolean) => {
      let k = start;
      while (k < t.length && k - from < 12 && (commas ? /[，,]/.test(t[k].ch) || !NAME_END.test(t[k].ch) : !NAME_END.test(t[k].ch)) && (isHan(t[k].ch) || isDotLike(t[k].ch))) k++;
      return k;
    };
    let to = nameEnd(from, false);
    // A minority name's dot read as a comma (达理列提，险力克（1984—）): the name goes on past it
    // when the whole reads closer to the applicant's name than its first part.
    if (s.minority && to < t.length && /[，,]/.test(t[to].ch)) {
      const whole = nameEnd(from, true);
      const readOf = (a: number, b: number) => han(t.slice(a, b).map((x) => x.ch).join(''));
      if (nameScore(readOf(from, whole), name) > nameScore(readOf(from, to), name)) to = whole;
    }
    const read = t.slice(from, to).map((x) => x.ch).join('');
    if (read.replace(/[^\u3400-\u9fff]/gu, '').length < 2) {
      unreadBioName(s, lt, m.index + m[0].length);
      continue;
    }
    const d = detection('applicant_name', lt, from, to, 0.5, { rule: 'author-bio' });
    // A name another rule found (a co-author's) stands; "like the applicant's but not quite" is
    // decided here, where the byline tells whose note it is.
    if (applicant.some((a) => intersect(a.box, d.box)) || heldAsOther(s, d.box)) continue;
    const readHan = han(read);
    const own = nameScore(readHan, name);
    // A co-author's name from the byline, read here better than the applicant's: theirs.
    const coAuthor = others.find((o) => nameScore(readHan, han(o.text)) >= 0.5 && nameScore(readHan, han(o.text)) > own);
    if (coAuthor) {
      others.push({ ...d, kind: 'other_name', confidence: 0.6, evidence: { ...d.evidence, coAuthor: coAuthor.text } });
      continue;
    }
    // The note names one of the byline's authors: read half like the applicant's name (found on the
    // byline) and closer to it than to every co-author's (吐尔了还买买提 for 吐尔逊·买买提, whose
    // co-author is 吐尔逊·卡德尔), it is the applicant's.
    const closest = own >= 0.5 && closestToApplicant(s, readHan, own, lt.line.box[1]);
    const first = firstAuthor(applicant, others, lt.line.box[1]);
    const firstIsApplicant = first !== undefined && first.kind === 'applicant_name';
    const theirs = closest || firstIsApplicant;
    if (theirs) applicant.push({ ...d, evidence: { ...d.evidence, ...(firstIsApplicant ? { firstAuthor: true } : { closestAuthor: true, score: own }) } });
    uncertain.push({
      text: read,
      box: d.box,
      reasonZh: firstIsApplicant
        ? `作者简介中的姓名识别为“${read}”，申报人为第一作者，已按位置遮盖，请核对`
        : closest
          ? `作者简介中的姓名识别为“${read}”，与申报人姓名最接近，已按位置遮盖，请核对`
          : `作者简介中的姓名识别为“${read}”，无法判断是否为申报人本人，未遮盖，请人工核对`,
      reasonEn: firstIsApplicant
        ? `the author's note names “${read}”; the applicant is the first author, so it was masked by its place: please check`
        : closest
          ? `the author's note names “${read}”, closest to the applicant's name of the byline's authors; masked by its place, please check`
          : `the author's note names “${read}”, which could not be told to be the applicant's or not; left unmasked, please check`,
    });
  }
}

/**
 * Whether the note's name reads closer to the applicant's name than to every other author of the
 * byline (the line above the note where the applicant's name was found): the names found on it as
 * others', and its name-sized pieces between commas and footnote digits, which no rule may have
 * called a name (程立豪2，吐尔逊-买买提1，吐尔逊…卡德尔2).
 */
function closestToApplicant(s: NameSearch, readHan: string, own: number, noteTop: number): boolean {
  const han = (x: string) => x.replace(/[^\u3400-\u9fff]/gu, '');
  const bylines = new Set(s.applicant.filter((a) => a.box[1] < noteTop).map((a) => a.evidence.line));
  if (bylines.size === 0) return false;
  const authors: string[] = s.others.filter((o) => o.box[1] < noteTop).map((o) => han(o.text));
  for (const lt of s.lines) {
    if (!bylines.has(lt.lineIndex)) continue;
    const pieces = lt.tokens.map((t) => t.ch).join('').split(/[，,、;；\s\d*∗]+/u).map(han).filter((p) => p.length >= 2);
    // The applicant's own piece is the one most like the name; every other piece is a co-author.
    const mine = pieces.reduce((best, p) => (nameScore(p, s.name) > nameScore(best, s.name) ? p : best), '');
    authors.push(...pieces.filter((p) => p !== mine));
  }
  return authors.every((a) => nameScore(readHan, a) < own);
}

/**
 * The first author of the byline: the leftmost name on the highest line above the author's note that
 * holds two or more of the names found.
 */
function firstAuthor(applicant: NameDetection[], others: NameDetection[], above: number): NameDetection | undefined {
  const byLine = new Map<unknown, NameDetection[]>();
  for (const d of [...applicant, ...others]) {
    if (d.box[1] >= above) continue;
    const k = d.evidence.line;
    byLine.set(k, [...(byLine.get(k) ?? []), d]);
  }
  const rows = [...byLine.values()].filter((r) => r.length >= 2).sort((a, b) => a[0].box[1] - b[0].box[1]);
  return rows[0]?.sort((a, b) => a.box[0] - b.box[0])[0];
}

/**
 * The note's name OCR did not read at all (作者简介：1995—），男，… for 作者简介：薛兴（1995—）, in
 * 7-pt type at 150 dpi): the ink between the label and what OCR read next is the name (and its
 * bracket). When the applicant is the byline's first author the note is theirs: that ink is masked
 * by its place and flagged. Otherwise it is flagged only.
 */
function unreadBioName(s: NameSearch, lt: LineTokens, labelEnd: number): void {
  const { applicant, others, uncertain, input } = s;
  const t = lt.tokens;
  let k = labelEnd;
  while (k < t.length && /[：:;；.．]/.test(t[k].ch)) k++;
  const last = t[k - 1];
  const next = t[k];
  if (!input.grey || !last) return;
  const h = lt.h;
  const x0 = Math.round(last.box[0] + last.box[2] + 0.1 * h);
  const x1 = next ? Math.round(next.box[0] - 0.1 * h) : Math.round(x0 + 6 * h);
  // Room for two characters at least, or it is not a name that was skipped.
  if (x1 - x0 < 1.6 * h) return;
  const band: [number, number, number, number] = [x0, Math.round(lt.line.box[1] - 0.3 * h), x1 - x0, Math.round(lt.line.box[3] + 0.6 * h)];
  const ink = inkRunIn(input.grey, band, x0 + 1.5 * h, h);
  if (!ink || ink[2] < 1.4 * h) return;
  const first = firstAuthor(applicant, others, lt.line.box[1]);
  const firstIsApplicant = first !== undefined && first.kind === 'applicant_name';
  if (firstIsApplicant && !applicant.some((a) => intersect(a.box, ink)) && !others.some((o) => intersect(o.box, ink))) {
    applicant.push({ kind: 'applicant_name', text: '（未识别）', box: ink, charBoxes: [ink], confidence: 0.5, evidence: { rule: 'author-bio', line: lt.lineIndex, read: '', firstAuthor: true } });
  }
  uncertain.push({
    text: '',
    box: ink,
    reasonZh: firstIsApplicant ? '作者简介中的姓名未能识别，申报人为第一作者，已按位置遮盖，请核对' : '作者简介中的姓名未能识别，无法判断是否为申报人本人，未遮盖，请人工核对',
    reasonEn: firstIsApplicant
      ? "the author's note's name could not be read; the applicant is the first author, so it was masked by its place: please check"
      : "the author's note's name could not be read and could not be told to be the applicant's; left unmasked, please check",
  });
}
