/** Seals: find them, read their arc text, decide whose they are. */
import type { SealDetection } from '../../model/detection.ts';
import type { DocTypeId } from '../../model/doc-types.ts';
import type { RawImage } from '../../model/image.ts';
import type { OcrEngine } from '../../model/ocr.ts';
import { detectSeals, type DetectSealsOptions } from './detect-seals.ts';
import { readSealText } from './read-seal-text.ts';
import { decideSealOwner } from './seal-owner.ts';
import { penInkPatch, type SealWithInk } from './pen-ink.ts';

export { detectSeals, type SealCandidate, type DetectSealsOptions } from './detect-seals.ts';
export { readSealText, cleanSealText, voteReadings, type SealText } from './read-seal-text.ts';
export { decideSealOwner, EMPLOYER_MIN_SIMILARITY, OTHER_MAX_SIMILARITY, type SealOwnerInput, type SealOwnerDecision } from './seal-owner.ts';
export { nameSimilarity } from './name-similarity.ts';
export { unwrapRing, findTextGap, findTextSpan, findGlyphBand } from './unwrap-ring.ts';
export { refineRing } from './refine-ring.ts';
export { penInkPatch, isSealRed, type PenInkPatch, type SealWithInk } from './pen-ink.ts';

export interface SealContext {
  docType: DocTypeId;
  employer: string;
  employerAliases: string[];
  /**
   * Tells whether a seal (by its box) sits by the form's 单位/盖章 line; from the page's OCR.
   * `others`: the boxes of the page's other seals, so that a label goes to one seal only (the
   * nearest), not to its neighbour too (nearUnitLine in src/detect/unit-line.ts).
   */
  nearUnitLine?: (seal: SealDetection['box'], others: Array<SealDetection['box']>) => boolean | undefined;
}

/**
 * Every seal of a page with its owner decided. Seals whose colour was lost are read too (the ring
 * text may still be legible in grey) but keep colour 'lost' so the report can say so. A red seal
 * carries the pen ink around it (pen-ink.ts), for the windows its mask leaves for signatures.
 */
export async function sealDetections(
  page: RawImage,
  ocr: OcrEngine,
  ctx: SealContext,
  opts: DetectSealsOptions = {},
): Promise<SealWithInk[]> {
  const out: SealWithInk[] = [];
  const cands = detectSeals(page, opts);
  for (const c of cands) {
    const read = await readSealText(page, c, ocr, cands);
    const decision = decideSealOwner({
      text: read.text,
      textConfidence: read.confidence,
      docType: ctx.docType,
      employer: ctx.employer,
      employerAliases: ctx.employerAliases,
      nearUnitLine: ctx.nearUnitLine?.(c.box, cands.filter((o) => o !== c).map((o) => o.box)),
      otherSealOnPage: cands.length > 1,
    });
    out.push({
      ellipse: c.ellipse,
      box: c.box,
      confidence: c.confidence,
      colour: c.colour,
      owner: decision.owner,
      ownerText: read.text || undefined,
      evidence: { detection: c.evidence, owner: decision.evidence },
      // The pen ink around a red seal: where the mask's windows for signatures are cut to.
      penInk: c.colour === 'red' && page.channels === 3 ? penInkPatch(page, c.box) : undefined,
    });
  }
  return out;
}
