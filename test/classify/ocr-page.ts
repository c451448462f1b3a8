import type { OcrPage } from '../../src/model/ocr.ts';

/**
 * An OcrPage from text lines as tesseract gives them (spaces between words, its misreadings kept).
 * The first line is printed large, like a document's heading; confidence per line is optional.
 */
export function ocrPage(lines: Array<string | { text: string; confidence?: number; size?: number }>, size: [number, number] = [1654, 2339]): OcrPage {
  let y = 150;
  const out = lines.map((l, i) => {
    const { text, confidence = 85, size: h = i === 0 ? 60 : 36 } = typeof l === 'string' ? { text: l } : l;
    let x = 100;
    const chars = [...text].filter((c) => c.trim()).map((c) => {
      const box: [number, number, number, number] = [x, y, h, h];
      x += h + 4;
      return { text: c, box, confidence };
    });
    const line = { text, box: [100, y, x - 100, h] as [number, number, number, number], confidence, chars };
    y += h * 2;
    return line;
  });
  return { width: size[0], height: size[1], lines: out, confidence: 85, source: 'ocr' };
}

export const docFeatures = (aspect = 0.707) => ({ photo: false, photoScore: 0.1, redBackgroundShare: 0, aspect, textChars: 300 });
