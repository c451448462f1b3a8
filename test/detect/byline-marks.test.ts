/**
 * A byline's footnote marks are not characters of a name: OCR reads the superscript 1 after 仇光平 as
 * 二 (seed 9005), and 仇光平二 looked like someone's longer name holding the applicant's — kept
 * visible, the applicant's own name unmasked. A mark drawn far smaller than a glyph is not a glyph.
 */
import { describe, expect, it } from 'vitest';
import { findNames } from '../../src/detect/names/find-names.ts';
import type { OcrPage } from '../../src/model/ocr.ts';

type Char = [string, number, number, number, number];

function line(chars: Char[]): OcrPage {
  const c = chars.map(([text, x, y, w, h]) => ({ text, box: [x, y, w, h] as [number, number, number, number], confidence: 95 }));
  const x0 = Math.min(...c.map((k) => k.box[0]));
  const x1 = Math.max(...c.map((k) => k.box[0] + k.box[2]));
  return { width: 1600, height: 600, confidence: 95, source: 'ocr', lines: [{ text: chars.map((k) => k[0]).join(' '), box: [x0, 100, x1 - x0, 30], confidence: 95, chars: c }] };
}

describe('footnote marks on a byline', () => {
  const glyph = (ch: string, x: number): Char => [ch, x, 100, 30, 30];
  it('takes the applicant’s name before a superscript read as 二, not a longer name', () => {
    const ocr = line([glyph('仇', 100), glyph('光', 133), glyph('平', 166), ['二', 199, 102, 6, 10], ['，', 210, 120, 8, 10], glyph('从', 240), glyph('荷', 273)]);
    const r = findNames({ ocr, applicantName: '仇光平', docType: 'paper' });
    expect(r.detections.filter((d) => d.kind === 'applicant_name').map((d) => d.text)).toEqual(['仇光平']);
  });
  it('still takes a glyph-sized character glued to the name for a longer name (仇光平霞)', () => {
    const ocr = line([glyph('仇', 100), glyph('光', 133), glyph('平', 166), glyph('霞', 199), ['，', 232, 120, 8, 10], glyph('从', 260), glyph('荷', 293)]);
    const r = findNames({ ocr, applicantName: '仇光平', docType: 'paper' });
    expect(r.detections.filter((d) => d.kind === 'applicant_name')).toEqual([]);
    expect(r.detections.some((d) => d.kind === 'other_name' && d.text === '仇光平霞')).toBe(true);
  });
});
