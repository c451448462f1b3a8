import { startEngines } from '../../src/pipeline/engines.ts';

/** One real OCR pool and orientation detector per test file: starting workers costs ~1 s each. */
export function testEngines(): ReturnType<typeof startEngines> {
  return startEngines(2);
}
