import { renderDocument, type DocSpec } from '../../scripts/samples/index.ts';
import { greyForOcr } from '../../src/ocr/prepare.ts';
import { removeRules } from '../../src/ocr/remove-rules.ts';
import { measureTextScale } from '../../src/quality/text-scale.ts';

/** The first page of a generated document. */
export const page = async (spec: DocSpec, seed: number) => (await renderDocument(spec, seed)).pages[0];

/** A page as the pipeline stores it for the checks: OCR grey, table rules removed, text scale cached. */
export const stored = (img: Parameters<typeof greyForOcr>[0]) => {
  const g = removeRules(greyForOcr(img));
  measureTextScale(g);
  return g;
};
