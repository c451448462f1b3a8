import type { RawImage } from '../model/image.ts';
import type { OcrPage } from '../model/ocr.ts';
import type { ScanFormat } from './sniff.ts';

/** One page as ingest hands it to the rest of the pipeline. */
export interface SourcePage {
  /** Path relative to the application folder, with forward slashes. */
  file: string;
  /** 1-based page number within the file. */
  page: number;
  format: ScanFormat;
  rgb: RawImage;
  /** How the pixels were obtained: decoded from an image file, taken out of a PDF, or rendered. */
  origin: 'image' | 'pdf-image' | 'pdf-render';
  /** Resolution when the file tells it reliably (PDF page geometry); image DPI fields are not trusted. */
  dpi?: number;
  /** PDF page size in points, so a masked PDF keeps its paper size. */
  pageSizePt?: [number, number];
  /** The PDF's own text with boxes in the pixels of `rgb`, when it has a real text layer. */
  textLayer?: OcrPage;
}
