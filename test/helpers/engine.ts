import { afterAll, beforeAll } from 'vitest';
import type { OcrEngine } from '../../src/model/ocr.ts';
import { createTesseractEngine } from '../../src/ocr/tesseract-engine.ts';
import { createOsdDetector, type OsdDetector } from '../../src/quality/orientation.ts';
import { startEngines } from '../../src/pipeline/engines.ts';

/** One real OCR pool and orientation detector per test file: starting workers costs ~1 s each. */
export function testEngines(): ReturnType<typeof startEngines> {
  return startEngines(2);
}

/**
 * One OCR worker and the OSD detector for a test file's orientation tests, started before its
 * tests and stopped after; read them inside tests (`engines.ocr`, `engines.osd`).
 */
export function useOcrAndOsd(): { ocr: OcrEngine; osd: OsdDetector } {
  const engines = {} as { ocr: OcrEngine; osd: OsdDetector };
  beforeAll(async () => {
    engines.ocr = await createTesseractEngine({ workers: 1 });
    engines.osd = await createOsdDetector();
  }, 60_000);
  afterAll(async () => {
    await engines.osd?.terminate();
    await engines.ocr?.terminate();
  });
  return engines;
}
