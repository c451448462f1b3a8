import type { Box } from './geometry.ts';
import type { RawImage } from './image.ts';

/** One recognised character with its box in the pixels of the image given to the engine. */
export interface OcrChar {
  text: string;
  box: Box;
  confidence: number; // 0..100
}

/** One text line. `text` is the characters joined, spaces kept where the engine saw a gap. */
export interface OcrLine {
  text: string;
  box: Box;
  confidence: number;
  chars: OcrChar[];
}

export interface OcrPage {
  width: number;
  height: number;
  lines: OcrLine[];
  /** Mean line confidence weighted by characters, 0..100. */
  confidence: number;
  /** Where the text came from: an OCR engine, or the PDF's own text layer. */
  source: 'ocr' | 'pdf-text';
}

export interface OcrOptions {
  /** Tesseract page segmentation mode; default: automatic page segmentation. */
  psm?: 'auto' | 'single_block' | 'single_line' | 'sparse';
  /** Language set; default 'chi_sim'. */
  lang?: 'chi_sim' | 'eng';
}

/** The OCR engine behind an interface, so that a better engine is a new module, not a rewrite. */
export interface OcrEngine {
  recognize(image: RawImage, options?: OcrOptions): Promise<OcrPage>;
  terminate(): Promise<void>;
}
