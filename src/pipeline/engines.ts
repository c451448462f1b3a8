import { createTesseractEngine } from '../ocr/tesseract-engine.ts';
import { createOsdDetector } from '../quality/index.ts';
import type { Engines } from './run-application.ts';

/** Starts the OCR worker pool and the orientation detector once for a whole run. */
export async function startEngines(workers: number): Promise<Engines & { stop(): Promise<void> }> {
  const ocr = await createTesseractEngine({ workers });
  const osd = await createOsdDetector();
  return {
    ocr,
    osd,
    async stop() {
      await Promise.all([ocr.terminate(), osd.terminate()]);
    },
  };
}
