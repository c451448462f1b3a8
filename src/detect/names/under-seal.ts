import type { NameDetection, SealDetection } from '../../model/detection.ts';
import { intersect } from '../../model/geometry.ts';
import type { OcrPage } from '../../model/ocr.ts';
import type { UncertainName } from './name-search.ts';
import { isHan, startsWithSurname } from './chinese-names.ts';

/** Printed words under a seal that are not anyone's name. */
const NOT_A_NAME = /单位|公章|盖章|印章|年|月|日|推荐|审核|意见|同意|专用章|有限|公司|局|厅|大学/;

/**
 * Text OCR read inside an employer seal. OCR reads a grey page with the red ink lifted out, so what
 * it finds there is black or blue ink under or over the stamp — typically the signature a seal is
 * stamped across. A short word there that is not the applicant's is protected as someone's name,
 * so the seal's mask leaves a window for it (and says so), rather than covering a signer's name.
 */
export function namesUnderSeals(ocr: OcrPage, seals: SealDetection[], found: NameDetection[]): NameDetection[] {
  const out: NameDetection[] = [];
  for (const seal of seals) {
    if (seal.owner !== 'employer' || seal.colour !== 'red') continue;
    for (const line of ocr.lines) {
      if (!intersect(line.box, seal.box)) continue;
      // A label before the signature (签字：) is not part of it, and says a name follows.
      const raw = line.chars.map((c) => c.text).join('');
      const text = raw.replace(/^.*?(签字|签名|签章|负责人)[：:]?/, '');
      const labelled = text !== raw;
      const han = [...text].filter(isHan);
      if (han.length < 2 || han.length > 8 || /\d/.test(text) || NOT_A_NAME.test(text)) continue;
      // Without a label, only what is shaped like a name: a printed form line (现任职务 技术员) is not.
      const nameShaped = (han.length <= 4 && startsWithSurname(han.join(''))) || /[\u4e00-\u9fff]{2,}[·•．.\-‧・][\u4e00-\u9fff]{2,}/u.test(text);
      // Handwriting reads with low confidence; a printed form line under a seal reads well.
      const handwritten = line.confidence < 75 && han.length <= 6;
      if (!labelled && !nameShaped && !handwritten) continue;
      if (found.some((d) => intersect(d.box, line.box))) continue;
      out.push({ kind: 'other_name', text, box: line.box, charBoxes: line.chars.map((c) => c.box), confidence: 0.4, evidence: { rule: 'under-seal' } });
    }
  }
  return out;
}

/**
 * A name that shares all but one character with the applicant's is taken for someone else's where it
 * reads well (党怡怡 signing the applicant 党怡敏's form). Under the employer's seal it does not read
 * well: the red ink lifted out of the grey page leaves broken strokes (党怡敏 read as 党怡皆). There,
 * on the applicant's own document, it is the applicant's name misread — masked, and flagged.
 */
export function applicantUnderSeals(detections: NameDetection[], seals: SealDetection[], ownDocument: boolean): { detections: NameDetection[]; uncertain: UncertainName[] } {
  const uncertain: UncertainName[] = [];
  if (!ownDocument) return { detections, uncertain };
  const employer = seals.filter((s) => s.owner === 'employer' && s.colour === 'red');
  const out = detections.map((d) => {
    if (d.kind !== 'other_name' || d.evidence.rule !== 'similar-name' || !employer.some((s) => intersect(s.box, d.box))) return d;
    uncertain.push({
      text: d.text,
      box: d.box,
      reasonZh: `单位公章下识别为“${d.text}”，与申报人姓名只差一字，按申报人姓名遮盖，请核对`,
      reasonEn: `read “${d.text}” under the employer's seal, one character from the applicant's name; masked as the applicant's name, please check`,
    });
    return { ...d, kind: 'applicant_name' as const, confidence: 0.6, evidence: { ...d.evidence, rule: 'similar-name-under-seal' } };
  });
  return { detections: out, uncertain };
}
