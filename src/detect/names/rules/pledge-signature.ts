import { intersect } from '../../../model/geometry.ts';
import { isHan } from '../chinese-names.ts';
import { inkBlobRightOf, inkExtent } from '../ink-blob.ts';
import { findLabels } from '../labels.ts';
import { unionBoxes, type LineTokens } from '../line-tokens.ts';
import { heldAsOther, type NameSearch } from '../name-search.ts';

/** Characters of the labels a pledge is signed after: 承诺人, 申请人, 申报人, 签名, 签字. */
const SIGNING_LABEL_CHARS = new Set([...'承诺人申请报签名字']);

/**
 * A personal pledge (个人承诺书) is signed by one person, the applicant, after 承诺人： under its
 * text. A brush signature is read badly, and OCR often garbles the label on the same line with it
 * (承诺人：再努尔·努尔兰 read 承庄和:再好外"奶处兰; 承诺人：唐龙朴 read z尖人:庚龙丰, 5人:沙吕雄), so
 * the label rule never fires. The signing line is known by its place and shape instead: under the
 * pledge's text, a short label (one to four marks before a colon) that is not another person's,
 * then a signature. The label keeps one of a signing label's characters, or — garbled past that —
 * the signature is handwriting, taller than the printed text. What follows the colon is masked,
 * flagged.
 */
export function findPledgeSignature(s: NameSearch): void {
  const { lines, applicant, uncertain, input, detection, ink } = s;
  if (input.docType !== 'personal_pledge') return;
  // The printed text's glyph height: the median over lines of running text.
  const body = lines.filter(isRunningText).map((l) => l.h).sort((a, b) => a - b);
  const printH = body.length ? body[Math.floor(body.length / 2)] : 0;
  const firstBody = lines.find(isRunningText);
  for (const lt of lines) {
    const t = lt.tokens;
    const colon = t.findIndex((x) => /[：:;；]/.test(x.ch));
    if (colon < 1 || colon > 4 || colon >= t.length - 1) continue;
    const labelTokens = t.slice(0, colon);
    const label = labelTokens.map((x) => x.ch);
    const text = t.map((x) => x.ch).join('');
    // Another person's label (联系人, 推荐人 …) is not the pledge's signing line.
    if (findLabels(text).some((h) => h.kind === 'other' && h.end <= colon)) continue;
    // What OCR makes of a printed label: characters, or letters and digits for the ones it lost.
    if (!label.every((c) => isHan(c) || /^[0-9A-Za-z]$/.test(c)) || !label.some(isHan) && label.length < 2) continue;
    // The signature: up to the next gap of two glyphs (a date on the same line is not part of it).
    let to = colon + 1;
    while (to < t.length && !/\d/.test(t[to].ch) && (to === colon + 1 || t[to].box[0] - (t[to - 1].box[0] + t[to - 1].box[2]) < 2 * lt.h)) to++;
    const han = t.slice(colon + 1, to).filter((x) => isHan(x.ch)).length;
    // Up to a name's length and one more (a long minority name signed in full: 达理列提`哈力况).
    if (han < 1 || han > Math.max(6, s.pattern.length + 1)) continue;
    const keepsLabel = label.length >= 2 && label.some((c) => SIGNING_LABEL_CHARS.has(c)) && label.filter(isHan).length >= 1;
    // Fully garbled: known by place (below the pledge's text) and by the hand, taller than the print.
    const below = firstBody !== undefined && lt.line.box[1] > firstBody.line.box[1] + firstBody.line.box[3];
    const tall = printH > 0 && ink.spanBox(lt, colon + 1, to).box[3] > 1.4 * printH;
    if (!keepsLabel && !(below && tall)) continue;
    if (keepsLabel && !label.every(isHan) && !below) continue;
    const d = detection('applicant_name', lt, colon + 1, to, 0.55, { rule: 'pledge-signature', label: label.join('') });
    const blob = input.grey ? inkBlobRightOf(input.grey, lt, colon + 1, to, s.minority) : null;
    if (blob && intersect(blob, d.box)) d.box = unionBoxes([d.box, blob]);
    if (applicant.some((a) => intersect(a.box, d.box)) || heldAsOther(s, d.box)) continue;
    applicant.push(d);
    uncertain.push({
      text: d.text,
      box: d.box,
      reasonZh: `承诺书签名处识别为“${label.join('')}：${d.text}”，已按承诺人签名的位置遮盖，请核对`,
      reasonEn: `the pledge's signing line reads “${label.join('')}: ${d.text}”; masked as the applicant's signature by its place, please check`,
    });
  }
  signingLineByPlace(s, printH);
}

/** A line of the pledge's printed text: eight characters or more (a date line has fewer). */
const isRunningText = (l: LineTokens) => l.tokens.filter((t) => isHan(t.ch)).length >= 8;

/**
 * The signing line OCR read as nothing like a label or a name (承诺人：米热古丽·买买提 read "Bed" and
 * "、-31了一"), when nothing of the applicant was found under the pledge's text: between the text
 * and the date under it, the line(s) of ink taller than the print are the signature with its label.
 * The whole line is masked (the printed label with it: no name is lost), flagged.
 */
function signingLineByPlace(s: NameSearch, printH: number): void {
  const { lines, applicant, uncertain, input } = s;
  const body = lines.filter(isRunningText);
  if (!body.length || !printH || !input.grey) return;
  const bodyEnd = Math.max(...body.map((l) => l.line.box[1] + l.line.box[3]));
  if (applicant.some((a) => a.box[1] + a.box[3] / 2 > bodyEnd)) return;
  const below = lines.filter((l) => l.line.box[1] >= bodyEnd - 0.2 * printH).sort((a, b) => a.line.box[1] - b.line.box[1]);
  // The date the pledge is signed on closes the signing place.
  const date = below.find((l) => /\d/.test(l.line.text) && /[年月日]/.test(l.line.text));
  const dateTop = date ? date.line.box[1] : bodyEnd + 12 * printH;
  const place = below.filter((l) => l !== date && l.line.box[1] + l.line.box[3] <= dateTop + 0.3 * printH);
  // A printed line there (another field, a note) is not a signature; the hand stands taller.
  const tall = place.filter((l) => l.line.box[3] > 1.35 * printH);
  if (!tall.length) return;
  // The tall line and whatever OCR read beside it on its row.
  const row = place.filter((l) => tall.some((t) => Math.min(t.line.box[1] + t.line.box[3], l.line.box[1] + l.line.box[3]) - Math.max(t.line.box[1], l.line.box[1]) > 0.5 * Math.min(t.line.box[3], l.line.box[3])));
  const text = row.map((l) => l.line.text).join('');
  if (row.some((l) => findLabels(l.tokens.map((t) => t.ch).join('')).some((h) => h.kind === 'other'))) return;
  const lineBox = unionBoxes(row.map((l) => l.line.box));
  // A signature, not a paragraph: under two-thirds of the page's width, a few lines of print high.
  if (lineBox[2] > 0.66 * input.grey.width || lineBox[3] > 4 * printH) return;
  const ink = inkExtent(input.grey, lineBox, 0.4 * printH);
  const box = ink && intersect(ink, lineBox) ? unionBoxes([lineBox, ink]) : lineBox;
  if (heldAsOther(s, box)) return;
  applicant.push({ kind: 'applicant_name', text: '（手写）', box, charBoxes: [box], confidence: 0.45, evidence: { rule: 'pledge-signing-place', read: text } });
  uncertain.push({
    text: '',
    box,
    reasonZh: `承诺书签名处的手写签名未能识别（识别为“${text}”），已按承诺人签名的位置遮盖整行，请核对`,
    reasonEn: `the pledge's handwritten signature could not be read (read “${text}”); its whole line was masked by the signing place, please check`,
  });
}
