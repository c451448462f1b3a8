import type { OcrPage } from '../model/ocr.ts';

/**
 * Median height of the Chinese characters the OCR read with some confidence (> 30), and how many
 * there were, in the lines `lines` keeps. Digits and punctuation are left out: they are shorter
 * than the line they stand in.
 */
export function medianHanHeight(p: OcrPage, lines: (l: OcrPage['lines'][number]) => boolean = () => true): { h: number; n: number } {
  const hs: number[] = [];
  for (const l of p.lines) if (lines(l)) for (const c of l.chars) if (c.confidence > 30 && /[\u4e00-\u9fff]/u.test(c.text)) hs.push(c.box[3]);
  hs.sort((a, b) => a - b);
  return { h: hs.length ? hs[hs.length >> 1] : 0, n: hs.length };
}
