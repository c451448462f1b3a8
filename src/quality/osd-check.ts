import type { RawImage } from '../model/image.ts';
import type { OcrEngine } from '../model/ocr.ts';
import type { Rotation } from './rotate.ts';
import { readLines } from './line-reads.ts';

export interface OsdCheck {
  /** The turn the lines read clearly for, when it is not OSD's: OSD is overruled. */
  overrule?: Rotation;
  reads: Array<Record<string, unknown>>;
}

/**
 * A turn OSD is sure of is checked by reading a few lines before the page is turned. Tesseract's
 * OSD can be sure and wrong on Chinese: a paper set in a Song face, upright and plainly legible,
 * got "turn 180" at confidence 15, and the same window turned over got "turn 180" again at 14 —
 * it cannot tell the two ways round for that face (unseen seed 9002). Turning a page the wrong way
 * is the worst thing the checks can do (every name on it is then lost), so a turn costs a few line
 * reads; an upright verdict (most pages) costs nothing more. OSD is overruled only when the lines
 * read clearly one other way and never OSD's way.
 */
export async function checkOsdTurn(g: RawImage, ocr: OcrEngine, osdTurn: Rotation): Promise<OsdCheck> {
  const pass = await readLines(g, ocr, osdTurn);
  const ranked = [...pass.advantage.entries()].sort((a, b) => b[1] - a[1]);
  const leader = ranked[0]?.[0];
  if (leader === undefined || leader === osdTurn || !pass.witness.has(leader) || pass.witness.has(osdTurn)) return { reads: pass.reads };
  return { overrule: leader, reads: pass.reads };
}
