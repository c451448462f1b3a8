import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: two levels above this file (src/ocr/). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TESSDATA_DIR = join(PACKAGE_ROOT, 'models', 'tessdata');

export class OcrDataMissingError extends Error {
  constructor(file: string) {
    super(
      `OCR 语言数据缺失：${file}。请在项目目录运行 npm ci（它会从 @tesseract.js-data 包填充 models/tessdata）。` +
        ` / OCR language data missing: ${file}. Run npm ci, which fills models/tessdata from the @tesseract.js-data packages.`,
    );
    this.name = 'OcrDataMissingError';
  }
}

/**
 * Fails fast when a language file is not on disk: tesseract.js would otherwise try to fetch it, and
 * without a network a worker can hang instead of failing.
 */
export function requireLanguageData(lang: string, dir = TESSDATA_DIR): string {
  const file = join(dir, `${lang}.traineddata`);
  if (!existsSync(file) || statSync(file).size < 1000) throw new OcrDataMissingError(file);
  return dir;
}
