/** The middle dot of a minority name in the forms OCR gives it. */
import { describe, expect, it } from 'vitest';
import { findNames } from '../../src/detect/names/find-names.ts';
import { ocrPage } from '../classify/ocr-page.ts';

describe('a minority name’s dot as OCR reads it', () => {
  it.each(['…', '⋯', '･', '·', '.', '-'])('finds 阿迪力%s赛力克 on a degree certificate', (dot) => {
    // Seed 9007: the printed • read as an ellipsis, and the name was not found on the degree.
    const ocr = ocrPage(['学士学位证书', `阿迪力${dot}赛力克，男，1981年12月生。在新疆工程学院测绘工程专业完`]);
    const r = findNames({ ocr, applicantName: '阿迪力·赛力克', docType: 'degree' });
    expect(r.detections.filter((d) => d.kind === 'applicant_name').map((d) => d.text)).toEqual([`阿迪力${dot}赛力克`]);
  });

  it('keeps a colleague one character off a long minority name in a list as someone else’s, and flags it', () => {
    // Seed 9007: once 亚森…斯拉木 matched (its dot read as an ellipsis), the title document's colleague
    // was masked as the applicant 亚森·吾拉木 misread ("one wrong character in a long name").
    const ocr = ocrPage(['关于吐尔洪等28名同志通过工程系列评审的通知', '4亚森…斯拉木', '阿克苏塔北煤业有限责任公司工程师', '5亚森-吾拉木', '拜城县华凯煤矿工程师']);
    const r = findNames({ ocr, applicantName: '亚森·吾拉木', docType: 'title_document' });
    expect(r.detections.filter((d) => d.kind === 'applicant_name').map((d) => d.text)).toEqual(['亚森-吾拉木']);
    expect(r.detections.some((d) => d.kind === 'other_name' && d.text === '亚森…斯拉木')).toBe(true);
    expect(r.uncertain.some((u) => u.text === '亚森斯拉木')).toBe(true);
  });
});
