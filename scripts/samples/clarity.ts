/** Text smaller than this many stored pixels is unreadable for OCR and reviewers alike. */
export const MIN_CHAR_PX = 14;
/** Blur above this share of the character size merges strokes. */
export const BLURRY_RATIO = 0.1;
/** The generator keeps a gap around the boundary so labels are never a coin toss. */
export const CLEAN_MAX_RATIO = 0.05;
export const BLURRY_MIN_RATIO = 0.14;

/** The clarity label of a page (see PageTruth.clarity). Photos have no text: blur alone decides. */
export function clarityLabel(charPx: number, blurSigma: number, photo: boolean): 'ok' | 'blurry' | 'too_small' {
  if (photo) return blurSigma > 3 ? 'blurry' : 'ok';
  if (charPx < MIN_CHAR_PX) return 'too_small';
  return blurSigma > BLURRY_RATIO * charPx ? 'blurry' : 'ok';
}
