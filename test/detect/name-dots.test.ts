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
});
