import { CARRIES_APPLICANT_NAME, EMPLOYER_ISSUED, type DocTypeId } from '../../model/doc-types.ts';
import type { NameDetection } from '../../model/detection.ts';
import { intersect, type Box } from '../../model/geometry.ts';
import type { RawImage } from '../../model/image.ts';
import type { OcrPage } from '../../model/ocr.ts';
import { allowedEdits, approximateMatches } from './approximate-match.ts';
import { APPLICANT_LABELS, NAME_FIELD_LABELS, OTHER_LABELS, endsNameAt, isDotLike, isHan, nameCore, nameParts, startsWithSurname, SURNAMES } from './chinese-names.ts';
import { InkBoxes, lineTokens, unionBoxes, type LineTokens } from './line-tokens.ts';
import { inkBlobRightOf } from './ink-blob.ts';
import { looksAlike, glyphSimilarity, LOOK_ALIKE } from './glyph-similarity.ts';

export interface NameSearchInput {
  ocr: OcrPage;
  /** The grey page the OCR read; its ink gives the exact boxes. */
  grey?: RawImage;
  applicantName: string;
  docType?: DocTypeId;
}

/** Something that may be the applicant's name but is not certain enough to mask silently. */
export interface UncertainName {
  text: string;
  box: Box;
  reasonZh: string;
  reasonEn: string;
}

export interface NameSearchResult {
  detections: NameDetection[];
  uncertain: UncertainName[];
}

/** Forms the applicant fills in and signs: a bare 签名 there is the applicant's signature. */
const SELF_SIGNED = new Set<DocTypeId>(['appraisal_form', 'personal_pledge', 'ce_exemption', 'title_review_form', 'graduate_registration']);
/** Documents about many people: a 姓名 field or 某某同志 there need not be the applicant. */
const MANY_PEOPLE_DOCS = new Set<DocTypeId>(['title_document', 'paper', 'cnki_screenshot']);
/** Documents that list many people: a stray two-character word there is more likely a name. */
const LIST_DOCS = new Set<DocTypeId>(['title_document', 'paper', 'cnki_screenshot', 'unit_publicity']);

/** Finds the applicant's name (every occurrence) and the names of other people on one page. */
export function findNames(input: NameSearchInput): NameSearchResult {
  const pattern = [...nameCore(input.applicantName)];
  const minority = nameParts(input.applicantName).length > 1;
  const lines = lineTokens(input.ocr);
  const ink = new InkBoxes(input.grey);
  const applicant: NameDetection[] = [];
  const others: NameDetection[] = [];
  const uncertain: UncertainName[] = [];
  // Two-character names get one substitution too, but only under the conditions below (a look-alike,
  // or 某某同志 on the applicant's own document): otherwise 张伟 would match every 张X.
  const k = Math.max(allowedEdits(pattern.length), pattern.length === 2 ? 1 : 0);
  const ownDocument = input.docType !== undefined && CARRIES_APPLICANT_NAME.has(input.docType) && !MANY_PEOPLE_DOCS.has(input.docType);

  const detection = (kind: NameDetection['kind'], lt: LineTokens, from: number, to: number, confidence: number, evidence: Record<string, unknown>): NameDetection => {
    const span = ink.spanBox(lt, from, to);
    return {
      kind,
      text: lt.tokens.slice(from, to).map((t) => t.ch).join(''),
      box: span.box,
      charBoxes: span.charBoxes,
      confidence,
      evidence: { line: lt.lineIndex, fromInk: span.fromInk, ...evidence },
    };
  };

  // 1. The applicant's name inside each line, tolerant of OCR errors in longer names.
  for (const lt of lines) {
    // Split glyphs are a fallback: never let them break a name that reads right as it is.
    const plain = hanCharacters(lt, ink, false);
    const merged = hanCharacters(lt, ink, true);
    const useMerged = merged.chars.length < plain.chars.length && approximateMatches(pattern, plain.chars, 0).length === 0;
    const { ranges, chars: coreChars } = useMerged ? merged : plain;
    for (const m of approximateMatches(pattern, coreChars, k)) {
      const from = ranges[m.start][0];
      const to = ranges[m.end - 1][1];
      const inner = lt.tokens.slice(from, to).filter((t) => !isHan(t.ch));
      if (inner.some((t) => !(minority && isDotLike(t.ch)))) continue; // 张3伟 is not 张伟
      if (!closeTogether(lt, from, to)) continue;
      const ext = extendsToLongerName(lt, ink, from, to, pattern.length);
      if (ext) {
        others.push(detection('other_name', lt, ext.from, ext.to, 0.8, { rule: 'contains-applicant-name', applicantSpan: [from, to] }));
        continue;
      }
      // A dropped or extra character is an OCR slip only in long (minority) names; in 张伟东 or 张 it is another name.
      const gapsOk = pattern.length >= 4 || (m.inserted.length === 0 && m.deleted.length === 0);
      // In a long name (5+ characters) one wrong character among the rest read right is a misreading
      // whatever it looks like (a seal over the name, handwriting); shorter names need look-alikes.
      // A split glyph stands for anything: evidence only on the applicant's own document.
      const unlike = m.substituted.filter(([ti, pi]) => (coreChars[ti] === SPLIT_GLYPH ? !ownDocument : !looksAlike(coreChars[ti], pattern[pi]))).length;
      const lineText = lt.tokens.map((t) => t.ch).join('');
      // Where a name stands in a document about one person: 学生X宇，男，… / 对X宇同志 / 承诺人：X宇.
      const addressed =
        /^(同志|先生|女士|[，,]?[男女][，,]|[，,]?性别|[（(]\d)/.test(lineText.slice(to)) || /(学生|姓名|承诺人|申请人|申报人|现对|如对|经审核)[：:]?$/.test(lineText.slice(0, from));
      const misread =
        gapsOk &&
        (pattern.length === 2
          ? m.edits === 1 && m.substituted.length === 1 && (unlike === 0 || (ownDocument && addressed))
          : unlike === 0 || (pattern.length >= 5 && unlike === 1 && m.edits === 1));
      if (pattern.length <= 3 && ink.unreadGlyphAfter(lt, from, to) && !endsNameAt(lineText, to)) {
        // Ink of one more character OCR did not read is glued to the name: it may be a longer name.
        const d = detection('other_name', lt, from, to, 0.4, { rule: 'maybe-longer-name' });
        others.push(d);
        uncertain.push({ text: d.text, box: d.box, reasonZh: `“${d.text}”后紧接一个未识别的字，可能是他人姓名，未遮盖，请人工核对`, reasonEn: `an unread character follows “${d.text}”: possibly someone else's longer name; not masked — please check` });
      } else if (m.edits === 0) {
        applicant.push(detection('applicant_name', lt, from, to, 0.98, { rule: 'exact' }));
      } else if (misread) {
        const read = coreChars.slice(m.start, m.end).join('');
        applicant.push(detection('applicant_name', lt, from, to, 0.85, { rule: 'look-alike', edits: m.edits, read }));
        if (m.edits > 1) uncertain.push({ text: read, box: ink.spanBox(lt, from, to).box, reasonZh: `识别为“${read}”，按申报人姓名遮盖，请核对`, reasonEn: `read as “${read}”; masked as the applicant's name, please check` });
      } else if (pattern.length > 2) {
        // A character read that does not even look like the expected one: a different person.
        // (For a two-character name one shared character says nothing: 毛X is not a name.)
        others.push(detection('other_name', lt, from, to, 0.6, { rule: 'similar-name', edits: m.edits }));
      }
    }
  }

  // 2. A name broken across two lines of running text.
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i];
    const b = lines[i + 1];
    if (b.line.box[1] < a.line.box[1] + 0.5 * a.h) continue;
    const aHan = a.tokens.map((t, j) => ({ t, j })).filter(({ t }) => isHan(t.ch)).slice(-(pattern.length - 1));
    const bHan = b.tokens.map((t, j) => ({ t, j })).filter(({ t }) => isHan(t.ch)).slice(0, pattern.length - 1);
    const joined = [...aHan, ...bHan];
    for (const m of approximateMatches(pattern, joined.map(({ t }) => t.ch), pattern.length >= 4 ? 1 : 0)) {
      const crosses = m.start < aHan.length && m.end > aHan.length;
      if (!crosses || m.substituted.some(([ti, pi]) => !looksAlike(joined[ti].t.ch, pattern[pi])) || (pattern.length < 4 && m.edits > m.substituted.length)) continue;
      // Must be the end of line a and the start of line b, not a name in the middle of either.
      if (joined[m.start].j < a.tokens.length - (aHan.length - m.start) - 2) continue;
      const aFrom = joined[m.start].j;
      const bTo = joined[m.end - 1].j + 1;
      applicant.push(detection('applicant_name', a, aFrom, a.tokens.length, 0.85, { rule: 'split-across-lines', part: 1 }));
      applicant.push(detection('applicant_name', b, 0, bTo, 0.85, { rule: 'split-across-lines', part: 2 }));
    }
  }

  // 3. Values after labels: 承诺人 (the applicant, often handwritten), 姓名, bare 签名 (either), and
  // the labels of signers, reviewers and authors (someone else).
  const name = pattern.join('');
  for (const lt of lines) {
    const text = lt.tokens.map((t) => t.ch).join('');
    for (const hit of findLabels(text)) {
      if (!standsAsLabel(lt, hit)) continue;
      // On a form the employer issues (附件1/2), a bare 签字 is the unit head's, not the applicant's.
      if (hit.kind === 'signature' && input.docType !== undefined && EMPLOYER_ISSUED.has(input.docType) && !SELF_SIGNED.has(input.docType)) hit.kind = 'other';
      const value = valueAfter(lt, hit.end);
      const valueText = value ? lt.tokens.slice(value.from, value.to).map((t) => t.ch).join('') : '';
      // After a label, any short run of Han characters is taken for a name (a dotted minority name
      // whose dot OCR dropped included); elsewhere the stricter shape test applies.
      const readable = value !== null && looksLikeLabelledName(valueText);
      const valueBox = value ? ink.spanBox(lt, value.from, value.to).box : null;
      const overlapsApplicant = (box: Box) => applicant.some((d) => intersect(d.box, box));
      if (valueBox && overlapsApplicant(valueBox)) continue; // already found as the applicant
      const score = readable ? nameScore(nameCore(valueText), name) : 0;
      const label = hit.label;
      const blob = () => (input.grey ? inkBlobRightOf(input.grey, lt, hit.end, value?.to ?? hit.end) : null);
      const asApplicant = (confidence: number, rule: string) => {
        const d = detection('applicant_name', lt, value!.from, value!.to, confidence, { rule, label, read: valueText, score });
        // Handwriting is wider and taller than the cells OCR found: take the whole ink after the label.
        const b = blob();
        if (b && intersect(b, d.box)) d.box = unionBoxes([d.box, b]);
        applicant.push(d);
        uncertain.push(
          rule === 'label-unlike-reading'
            ? { text: valueText, box: d.box, reasonZh: `“${label}”后识别为“${valueText}”，与申报人姓名不符，按申报人签名的位置遮盖，请核对`, reasonEn: `after “${label}” read “${valueText}”, unlike the applicant's name; masked as the applicant's signature by its place, please check` }
            : { text: valueText, box: d.box, reasonZh: `“${label}”后识别为“${valueText}”，与申报人姓名相近，已遮盖，请核对`, reasonEn: `after “${label}” read “${valueText}”, close to the applicant's name; masked, please check` },
        );
      };
      // Someone else's name after a label is often handwritten: protect all of its ink, not the cells read.
      const signer = (d: NameDetection): NameDetection => {
        const b = blob();
        if (b && intersect(b, d.box) && !overlapsApplicant(b)) d.box = unionBoxes([d.box, b]);
        return d;
      };
      const maskBlob = (why: string) => {
        const b = blob();
        if (!b || overlapsApplicant(b)) return false;
        applicant.push({ kind: 'applicant_name', text: valueText || '（手写）', box: b, charBoxes: [b], confidence: 0.6, evidence: { rule: 'label-position', label, line: lt.lineIndex, why } });
        uncertain.push({ text: valueText, box: b, reasonZh: `“${label}”后的手写签名无法完整识别，已按位置遮盖，请核对`, reasonEn: `handwritten signature after “${label}” could not be read in full; masked by position, please check` });
        return true;
      };
      // The first character OCR made of a signature, when it is the applicant's surname (or looks like it).
      const firstHan = value ? lt.tokens.slice(value.from, value.to).find((t) => isHan(t.ch))?.ch : undefined;
      const surnameFits = firstHan !== undefined && (firstHan === name[0] || looksAlike(firstHan, name[0]));
      if (hit.kind === 'applicant') {
        if (readable && score >= 0.3) asApplicant(0.75, 'label');
        else if (!readable) maskBlob('unreadable');
        // The label says whose signature it is; a reading unlike the name is handwriting OCR got wrong.
        else asApplicant(0.6, 'label-unlike-reading');
      } else if (hit.kind === 'field' || hit.kind === 'signature') {
        // On a document about one person (an ID card, a certificate, the applicant's own form) the 姓名
        // field is the applicant unless it reads as a clearly different name; handwriting reads badly.
        // A bare signature shares a surname with the applicant often enough: half the name must agree.
        const fieldBar = hit.kind === 'signature' ? 0.5 : ownDocument ? 0.25 : 0.5;
        if (readable && score >= fieldBar) asApplicant(0.7, hit.kind === 'field' ? 'name-field' : 'signature');
        else if (readable) others.push(signer(detection('other_name', lt, value!.from, value!.to, 0.7, { rule: hit.kind, label, score })));
        else if (hit.kind === 'signature' && surnameFits) maskBlob('surname');
        else if (hit.kind === 'signature') {
          // Not the applicant's surname: someone else signed here. Protect it, and say it was unread.
          const b = blob();
          if (b && !overlapsApplicant(b)) {
            others.push({ kind: 'other_name', text: valueText || '（手写）', box: b, charBoxes: [b], confidence: 0.4, evidence: { rule: 'signature-unread', label, line: lt.lineIndex } });
            uncertain.push({ text: '', box: b, reasonZh: `“${label}”后的手写签名无法识别，按他人签名保留，请人工核对`, reasonEn: `handwritten signature after “${label}” could not be read; kept visible as someone else's — please check` });
          }
        }
      } else if (readable) {
        if (score < 1) others.push(signer(detection('other_name', lt, value!.from, value!.to, 0.8, { rule: 'label', label, score })));
      } else {
        // A signer's handwriting that OCR could not read: protect the ink after the label.
        const b = blob();
        if (b && !overlapsApplicant(b)) others.push({ kind: 'other_name', text: valueText || '（手写）', box: b, charBoxes: [b], confidence: 0.5, evidence: { rule: 'label-position', label, line: lt.lineIndex } });
      }
    }
  }

  // 4. Lists of people (任职资格文件, author lines): name-shaped words separated by gaps or commas.
  for (const lt of lines) {
    const words = nameShapedWords(lt, minority);
    const hanCount = lt.tokens.filter((t) => isHan(t.ch)).length;
    const inList = words.length >= 2 && words.reduce((s, w) => s + (w.to - w.from), 0) >= 0.5 * hanCount;
    const listDoc = input.docType !== undefined && LIST_DOCS.has(input.docType);
    if (!inList && !(listDoc && words.length >= 1 && words.every((w) => w.isolated))) continue;
    for (const w of words) {
      const d = detection('other_name', lt, w.from, w.to, 0.6, { rule: 'name-list' });
      if (applicant.some((a) => intersect(a.box, d.box))) continue;
      others.push(d);
    }
  }

  // 5. A short "label: value" line whose label OCR could not read (a seal stamped over 签字：巫帅德):
  // a two-to-four character value is protected as someone's name unless it is the applicant's.
  for (const lt of lines) {
    const t = lt.tokens;
    const colon = t.findIndex((x) => /[：:]/.test(x.ch));
    if (colon < 0 || colon > 6) continue;
    const value = t.slice(colon + 1);
    const han = value.filter((x) => isHan(x.ch));
    if (han.length < 2 || han.length > 4 || value.length - han.length > 1) continue;
    const d = detection('other_name', lt, colon + 1, t.length, 0.4, { rule: 'colon-value' });
    if (applicant.some((a) => intersect(a.box, d.box))) continue;
    // Handwriting reaches beyond the cells OCR read: protect all of its ink.
    const blob = input.grey ? inkBlobRightOf(input.grey, lt, colon + 1) : null;
    if (blob && intersect(blob, d.box) && !applicant.some((a) => intersect(a.box, blob))) d.box = unionBoxes([d.box, blob]);
    others.push(d);
  }

  // An applicant occurrence wins over any other-name guess on the same ink, except longer names.
  const kept = others.filter((o) => o.evidence.rule === 'contains-applicant-name' || !applicant.some((a) => overlapShare(o.box, a.box) > 0.5));
  return { detections: [...dedupe(applicant), ...dedupe(kept)], uncertain };
}

/** Stands for two narrow halves OCR read out of one glyph (邝 read as 广了): matches like a look-alike. */
const SPLIT_GLYPH = '\uFFFD';

/**
 * The Han characters of a line for name matching, each with its token range. Two narrow neighbours
 * that together are one glyph wide are one character OCR split in two (a left-right character such
 * as 邝 = 广 + 阝 often is): they become one wildcard.
 */
function hanCharacters(lt: LineTokens, ink: InkBoxes, mergeSplit: boolean): { ranges: Array<[number, number]>; chars: string[] } {
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

function overlapShare(a: Box, b: Box): number {
  const i = intersect(a, b);
  return i ? (i[2] * i[3]) / Math.max(1, Math.min(a[2] * a[3], b[2] * b[3])) : 0;
}

function dedupe(ds: NameDetection[]): NameDetection[] {
  const out: NameDetection[] = [];
  for (const d of ds) if (!out.some((o) => overlapShare(o.box, d.box) > 0.8)) out.push(d);
  return out;
}

/** Characters of one name are no further apart than a few glyphs (张　伟 in a form is fine). */
function closeTogether(lt: LineTokens, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) {
    const gap = lt.tokens[i].box[0] - (lt.tokens[i - 1].box[0] + lt.tokens[i - 1].box[2]);
    if (gap > 3.5 * lt.h) return false;
  }
  return true;
}

function gapBefore(lt: LineTokens, i: number): number {
  if (i <= 0 || i >= lt.tokens.length) return Infinity;
  const prev = lt.tokens[i - 1].box;
  return lt.tokens[i].box[0] - (prev[0] + prev[2]);
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
  if (len <= 3 && to < tokens.length && isHan(tokens[to].ch) && gap(to) < 0.5 * lt.h && !endsNameAt(text, to) && hardEnd(to + 1)) {
    return { from, to: to + 1 };
  }
  // 欧阳伟 when the applicant is 阳伟: a surname glued in front after a clear start.
  if (len <= 2 && from > 0 && SURNAMES.has(tokens[from - 1].ch) && gap(from) < 0.5 * lt.h) {
    const before = from - 2;
    if (before < 0 || !isHan(tokens[before].ch) || gap(from - 1) > 0.5 * lt.h) return { from: from - 1, to };
  }
  return null;
}

interface LabelHit {
  label: string;
  start: number;
  end: number; // token index after the label
  kind: 'applicant' | 'other' | 'field' | 'signature';
}

/**
 * A label word in running text (如申请人提交……) is not a label. A label is followed by a colon or a
 * bracket, or stands apart: a gap after it, or nothing after it on the line.
 */
function standsAsLabel(lt: LineTokens, hit: LabelHit): boolean {
  if (hit.kind === 'field') return true; // 姓名 is a field label wherever it stands
  const next = lt.tokens[hit.end];
  if (!next) return true;
  if (/[：:（(\[【_＿|]/.test(next.ch)) return true;
  return gapBefore(lt, hit.end) >= 0.6 * lt.h;
}

/** Labels in a line, longest first, none overlapping another (单位负责人 is not also 负责人). */
function findLabels(text: string): LabelHit[] {
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

/** The word after a label: skip ：() and brackets, then Han characters and dots up to a gap or stop. */
function valueAfter(lt: LineTokens, end: number): { from: number; to: number } | null {
  const t = lt.tokens;
  let i = end;
  while (i < t.length && /[：:（）()\[\]【】\s_＿]/.test(t[i].ch)) i++;
  if (i >= t.length || gapBefore(lt, i) > 8 * lt.h) return null; // a form's value cell can sit far from its label
  const from = i;
  while (i < t.length && (isHan(t[i].ch) || isDotLike(t[i].ch)) && i - from < 10) {
    if (i > from && gapBefore(lt, i) > 1.2 * lt.h) break;
    i++;
  }
  while (i > from && isDotLike(t[i - 1].ch)) i--;
  return i > from ? { from, to: i } : null;
}

const NOT_NAMES = /单位|签字|签名|盖章|公章|负责|年|月|日|审核|意见|同意|推荐|本人|承诺|以上|内容|专家|领导|职称|部门|手写|日期|模板/;

function looksLikeName(s: string): boolean {
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

interface Word {
  from: number;
  to: number;
  isolated: boolean;
}

/** Name-shaped words of a line: 2–4 Han characters starting with a surname, or a dotted minority name. */
function nameShapedWords(lt: LineTokens, _minority: boolean): Word[] {
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
    while (i < t.length && (isHan(t[i].ch) || (MIDDLE_DOT.test(t[i].ch) && i + 1 < t.length && isHan(t[i + 1].ch))) && gapBefore(lt, i) < 0.5 * lt.h) i++;
    const text = t.slice(from, i).map((x) => x.ch).join('');
    const core = nameCore(text);
    const dotted = text.length !== core.length;
    const parts = text.split(MIDDLE_DOT);
    const shaped = dotted
      ? parts.length === 2 && parts.every((p) => p.length >= 2 && p.length <= 6)
      : core.length >= 2 && core.length <= 4 && startsWithSurname(core);
    if (shaped && !NOT_NAMES.test(text)) {
      const isolated = (from === 0 || gapBefore(lt, from) >= 0.5 * lt.h || !isHan(t[from - 1].ch)) && (i >= t.length || gapBefore(lt, i) >= 0.5 * lt.h || !isHan(t[i].ch));
      if (isolated) words.push({ from, to: i, isolated });
    }
  }
  return words;
}

