/** Labels as OCR reads them: garbled, and words that only look like one. */
import { describe, expect, it } from 'vitest';
import { findLabels } from '../../src/detect/names/labels.ts';

describe('findLabels', () => {
  it('takes a 姓名 garbled in one character for the name field when its row goes on to 性别', () => {
    // A grey scan with the employer's seal over the row (bench seed 4242): 姓名 任强勤 read 姓是 恨有ay下.
    expect(findLabels('姓是恨有ay下性别国出生年月1996.05')).toEqual([{ label: '姓名', start: 0, end: 2, kind: 'field' }]);
    expect(findLabels('|娃名任强勤性别男')).toEqual([{ label: '姓名', start: 1, end: 3, kind: 'field' }]);
  });
  it('does not take a word ending in 名, or a row without 性别, for it', () => {
    expect(findLabels('书名煤矿安全技术性别')).toEqual([]);
    expect(findLabels('姓是恨有ay下出生年月1996.05')).toEqual([]);
    expect(findLabels('曾用名无性别男').some((h) => h.kind === 'field')).toBe(false);
  });
  it('takes a bare 签名 garbled in one character before a bracket OCR made of its colon', () => {
    expect(findLabels('等名(人计生').map((h) => [h.label, h.kind])).toEqual([['签名', 'signature']]);
    expect(findLabels('书名(第二版)')).toEqual([]);
  });
});
