import { intersect } from '../../../model/geometry.ts';
import { isHan } from '../chinese-names.ts';
import { inkBlobRightOf } from '../ink-blob.ts';
import { unionBoxes } from '../line-tokens.ts';
import { heldAsOther, type NameSearch } from '../name-search.ts';

/** Characters of the labels a pledge is signed after: 承诺人, 申请人, 申报人, 签名, 签字. */
const SIGNING_LABEL_CHARS = new Set([...'承诺人申请报签名字']);

/**
 * A personal pledge (个人承诺书) is signed by one person, the applicant, after 承诺人： under its
 * text. A brush signature is read badly, and OCR often garbles the label on the same line with it
 * (承诺人：再努尔·努尔兰 read 承庄和:再好外"奶处兰), so the label rule never fires. The signing line
 * is known by its shape instead: a short label (two to four characters, at least one of a signing
 * label's) ending in a colon, then the signature. What follows the colon is masked, flagged.
 */
export function findPledgeSignature(s: NameSearch): void {
  const { lines, applicant, uncertain, input, detection } = s;
  if (input.docType !== 'personal_pledge') return;
  for (const lt of lines) {
    const t = lt.tokens;
    const colon = t.findIndex((x) => /[：:;；]/.test(x.ch));
    if (colon < 2 || colon > 4 || colon >= t.length - 1) continue;
    const label = t.slice(0, colon).map((x) => x.ch);
    if (!label.every(isHan) || !label.some((c) => SIGNING_LABEL_CHARS.has(c))) continue;
    // The signature: up to the next gap of two glyphs (a date on the same line is not part of it).
    let to = colon + 1;
    while (to < t.length && !/\d/.test(t[to].ch) && (to === colon + 1 || t[to].box[0] - (t[to - 1].box[0] + t[to - 1].box[2]) < 2 * lt.h)) to++;
    if (!t.slice(colon + 1, to).some((x) => isHan(x.ch))) continue;
    const d = detection('applicant_name', lt, colon + 1, to, 0.55, { rule: 'pledge-signature', label: label.join('') });
    const blob = input.grey ? inkBlobRightOf(input.grey, lt, colon + 1, to) : null;
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
}
