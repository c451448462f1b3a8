import type { NameDetection } from '../../../model/detection.ts';
import { EMPLOYER_ISSUED } from '../../../model/doc-types.ts';
import { intersect, type Box } from '../../../model/geometry.ts';
import { isHan, nameCore } from '../chinese-names.ts';
import { inkBlobRightOf, inkRunFrom, inkRunIn } from '../ink-blob.ts';
import { findLabels, rowNeighbourRight, standsAsLabel, valueAfter } from '../labels.ts';
import { unionBoxes, type LineTokens } from '../line-tokens.ts';
import { looksLikeLabelledName, nameScore } from '../name-shape.ts';
import { SELF_SIGNED, type NameSearch } from '../name-search.ts';

/** Mean OCR confidence below which a 姓名 value that reads as a different name is a misreading. */
const UNSURE_READING = 60;

/**
 * Values after labels: 承诺人 (the applicant, often handwritten), 姓名, bare 签名 (either), and
 * the labels of signers, reviewers and authors (someone else).
 */
/** A role word, then up to three characters (签字 as OCR made of it) and a colon. */
const ROLE_SIGNING_GARBLED = /(领导|负责人|审核人|经办人)[^：:，。]{1,3}[：:]/u;

export function findLabelledNames(s: NameSearch): void {
  const { pattern, lines, ink, applicant, others, uncertain, ownDocument, detection, input } = s;
  const name = pattern.join('');
  // On a form the applicant signs (考核登记表), when every other signature on the page is labelled
  // with its role (主管领导签字) and one bare 签名 is left, that one is the applicant's own.
  const hits = lines.flatMap((lt) => findLabels(lt.tokens.map((t) => t.ch).join('')).filter((h) => standsAsLabel(lt, h)));
  const bareSignatures = hits.filter((h) => h.kind === 'signature').length;
  // A role's signing place: 主管领导签字：, also with 签字 garbled (主管领导等字：), which no label matches.
  const roleSignatures =
    hits.filter((h) => h.kind === 'other' && /签字|签名|签章/.test(h.label)).length +
    lines.filter((lt) => ROLE_SIGNING_GARBLED.test(lt.tokens.map((t) => t.ch).join('')) && !findLabels(lt.tokens.map((t) => t.ch).join('')).some((h) => /签字|签名|签章/.test(h.label))).length;
  const bareIsOwn = input.docType !== undefined && SELF_SIGNED.has(input.docType) && bareSignatures === 1 && roleSignatures >= 1;
  // The one bare 签名 of a self-signed form with no applicant's label anywhere (no 本人签名, 承诺人),
  // whose role labels OCR lost: it is the applicant's when its reading starts like the name and holds
  // a third of it (亚森-吾拉木 read 亚某-豆拉森; the leader's 主管领导签字： read as a bare colon).
  const loneBare = input.docType !== undefined && SELF_SIGNED.has(input.docType) && bareSignatures === 1 && !hits.some((h) => h.kind === 'applicant');
  for (const lt of lines) {
    const text = lt.tokens.map((t) => t.ch).join('');
    for (const hit of findLabels(text)) {
      if (!standsAsLabel(lt, hit)) continue;
      // On a form the employer issues (附件1/2), a bare 签字 is the unit head's, not the applicant's.
      if (hit.kind === 'signature' && input.docType !== undefined && EMPLOYER_ISSUED.has(input.docType) && !SELF_SIGNED.has(input.docType)) hit.kind = 'other';
      // The value is after the label on its line, or — when the label ends its line (a form's label
      // column read apart from its value column) — at the start of the line beside it on the row.
      let vl = lt;
      let value = valueAfter(lt, hit.end);
      if (!value && lt.tokens.slice(hit.end).every((t) => /[：:（）()\s_＿|]/.test(t.ch))) {
        const beside = rowNeighbourRight(lines, lt);
        const v = beside ? valueAfter(beside, 0) : null;
        if (beside && v) [vl, value] = [beside, v];
      }
      // The 姓名 field of the applicant's own document with nothing read beside it (the value OCR did
      // not see at all: 邝宇 on a 150-dpi 学籍 report): the first ink along its row, up to a dozen
      // glyphs right, is masked by its place and flagged.
      if (!value && hit.kind === 'field' && ownDocument && input.grey) {
        const last = lt.tokens[hit.end - 1];
        const from = last.box[0] + last.box[2] + 0.3 * lt.h;
        const band: Box = [Math.round(from), Math.round(lt.line.box[1] - 0.4 * lt.h), Math.round(12 * lt.h), Math.round(lt.line.box[3] + 0.8 * lt.h)];
        const b = inkRunIn(input.grey, band, from + 11 * lt.h, lt.h);
        if (b && !overlapsLine(lines, lt, b) && !applicant.some((d) => intersect(d.box, b)) && !others.some((o) => intersect(o.box, b))) {
          applicant.push({ kind: 'applicant_name', text: '（未识别）', box: b, charBoxes: [b], confidence: 0.5, evidence: { rule: 'name-field-position', label: hit.label, read: '' } });
          uncertain.push({ text: '', box: b, reasonZh: `“${hit.label}”栏的内容未能识别，已按申报人姓名的位置遮盖，请核对`, reasonEn: `the “${hit.label}” field was not read; masked as the applicant's name by its place, please check` });
        }
        continue;
      }
      const valueText = value ? vl.tokens.slice(value.from, value.to).map((t) => t.ch).join('') : '';
      // After a label, any short run of Han characters is taken for a name (a dotted minority name
      // whose dot OCR dropped included); elsewhere the stricter shape test applies.
      const readable = value !== null && looksLikeLabelledName(valueText);
      const valueBox = value ? ink.spanBox(vl, value.from, value.to).box : null;
      const overlapsApplicant = (box: Box) => applicant.some((d) => intersect(d.box, box));
      const label = hit.label;
      const blob = () => (input.grey && vl === lt ? inkBlobRightOf(input.grey, lt, hit.end, value?.to ?? hit.end, s.minority) : null);
      // The applicant's own signing place: 承诺人, 本人签名, or the one bare 签名 of a self-signed form.
      const ownPlace = hit.kind === 'applicant' || (hit.kind === 'signature' && bareIsOwn);
      if (valueBox && overlapsApplicant(valueBox)) {
        // Already found as the applicant (read exactly): a signature there is a hand taller and wider
        // than the cells OCR read; its whole ink is the name.
        if (hit.kind === 'applicant' || hit.kind === 'signature') {
          const b = blob();
          if (b && !others.some((o) => intersect(o.box, b))) for (const d of applicant) if (intersect(d.box, valueBox) && intersect(d.box, b)) d.box = unionBoxes([d.box, b]);
        }
        continue;
      }
      const score = readable ? nameScore(nameCore(valueText), name) : 0;
      const asApplicant = (confidence: number, rule: string) => {
        const d = detection('applicant_name', vl, value!.from, value!.to, confidence, { rule, label, read: valueText, score });
        // Handwriting is wider and taller than the cells OCR found: take the whole ink after the label.
        const b = blob();
        if (b && intersect(b, d.box)) d.box = unionBoxes([d.box, b]);
        // At the applicant's own signing place, a reading with a character more than the name (梅伟鹏
        // read 梅伟及包: one brush character split in two) is the applicant's hand, not someone's longer
        // name. An exact name inside a longer one (张伟 in 张伟东) stays someone else's.
        if (ownPlace && !valueText.includes(name)) {
          for (let i = others.length - 1; i >= 0; i--) if (others[i].evidence.rule === 'contains-applicant-name' && intersect(others[i].box, d.box)) others.splice(i, 1);
        }
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
      // The 姓名 field of the applicant's own document (an ID card, a diploma, a 学籍 report) holds
      // the applicant's name, whatever OCR made of it (邝宇 read as one character, 由, confidence 6):
      // mask the value by its place and say so. A value cell read apart from its label is masked whole.
      const valueConfidence = () => {
        const t = vl.tokens.slice(value!.from, value!.to);
        // The line's own confidence too: tesseract can be sure of each glyph of a line it doubts.
        return Math.min(vl.line.confidence, t.reduce((a, x) => a + x.conf, 0) / Math.max(1, t.length));
      };
      // Hand-filled: the value's glyphs much taller than the printed label's (OCR reads a hand badly
      // and confidently: 毛勤 in a brush hand read 亡.敬 at 88).
      const handwritten = () => valueBox![3] > 1.3 * lt.h;
      const maskFieldValue = () => {
        const cells = valueBox!;
        // Marks OCR made of the rest of the scrawl (/ | .) belong to it; a word or a number does not.
        const restIsScrawl = vl.tokens.slice(value!.to).every((t) => !isHan(t.ch) && !/[0-9A-Za-z]/.test(t.ch));
        const whole = vl !== lt && value!.from === 0 && restIsScrawl ? vl.line.box : null;
        const b = blob();
        // Read in part (邝　宇 read 让): the rest of a letter-spaced name stands beside it, a glyph or two on.
        const short = [...valueText].filter(isHan).length < name.length && input.grey;
        const run = short ? inkRunFrom(input.grey!, [0, cells[1], 0, cells[3]], cells[0], 1, 1.5 * name.length + 1, vl.h) : null;
        const box = unionBoxes([cells, ...(whole ? [whole] : []), ...(b && intersect(b, cells) ? [b] : []), ...(run && intersect(run, cells) ? [run] : [])]);
        if (overlapsApplicant(box) || others.some((o) => intersect(o.box, box))) return;
        applicant.push({ kind: 'applicant_name', text: valueText || '（未识别）', box, charBoxes: [box], confidence: 0.5, evidence: { rule: 'name-field-position', label, read: valueText } });
        uncertain.push({ text: valueText, box, reasonZh: `“${label}”栏的内容无法识别（识别为“${valueText}”），已按申报人姓名的位置遮盖，请核对`, reasonEn: `the “${label}” field could not be read (read “${valueText}”); masked as the applicant's name by its place, please check` });
      };
      // The first character OCR made of a signature, when it is the applicant's surname (or looks like it).
      const firstHan = value ? vl.tokens.slice(value.from, value.to).find((t) => isHan(t.ch))?.ch : undefined;
      const surnameFits = firstHan !== undefined && (firstHan === name[0] || s.alike(firstHan, name[0]));
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
        else if (hit.kind === 'field' && ownDocument && value && (!readable || valueConfidence() < UNSURE_READING || handwritten())) maskFieldValue();
        else if (readable && hit.kind === 'signature' && bareIsOwn) asApplicant(0.55, 'label-unlike-reading');
        else if (readable && hit.kind === 'signature' && loneBare && score >= 0.3 && surnameFits) asApplicant(0.55, 'lone-bare-signature');
        else if (readable) others.push(signer(detection('other_name', vl, value!.from, value!.to, 0.7, { rule: hit.kind, label, score })));
        else if (hit.kind === 'signature' && (surnameFits || bareIsOwn)) {
          if (!maskBlob(surnameFits ? 'surname' : 'the one bare signature on a self-signed form') && bareIsOwn && value) asApplicant(0.5, 'label-unlike-reading');
        }
        else if (hit.kind === 'signature') {
          // Not the applicant's surname: someone else signed here. Protect it, and say it was unread.
          const b = blob();
          if (b && !overlapsApplicant(b)) {
            others.push({ kind: 'other_name', text: valueText || '（手写）', box: b, charBoxes: [b], confidence: 0.4, evidence: { rule: 'signature-unread', label, line: lt.lineIndex } });
            uncertain.push({ text: '', box: b, reasonZh: `“${label}”后的手写签名无法识别，按他人签名保留，请人工核对`, reasonEn: `handwritten signature after “${label}” could not be read; kept visible as someone else's — please check` });
          }
        }
      } else if (readable) {
        if (score < 1) others.push(signer(detection('other_name', vl, value!.from, value!.to, 0.8, { rule: 'label', label, score })));
      } else {
        // A signer's handwriting that OCR could not read: protect the ink after the label.
        const b = blob();
        if (b && !overlapsApplicant(b)) others.push({ kind: 'other_name', text: valueText || '（手写）', box: b, charBoxes: [b], confidence: 0.5, evidence: { rule: 'label-position', label, line: lt.lineIndex } });
      }
    }
  }
}

/** Ink found by its place that OCR did read as part of some other line (a word, not an unread value). */
function overlapsLine(lines: LineTokens[], own: LineTokens, b: Box): boolean {
  return lines.some((l) => l !== own && l.tokens.some((t) => /\S/.test(t.ch)) && intersect(l.line.box, b) !== null);
}
