/** Document types and the facts the rules need, page by page. */
export type { ClassifiedPage, DocFact, DocTypeVerdict, PageFeatures } from '../model/classified.ts';
export { classifyPage, classifyPages, scoreTypes, UNKNOWN_BELOW, type ClassifyInput } from './classify-page.ts';
export { extractFacts } from './facts.ts';
export { SIGNATURES } from './signatures.ts';
