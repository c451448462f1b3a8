import type { RawImage } from '../model/image.ts';
import { histogram, percentile, strongEdgeSamples } from './raster.ts';

/**
 * Limits on the grey levels of a scan; documented in docs/clarity.md. Ink and contrast are measured
 * at the edges of the print (see exposureVerdict), so a page of little text on a tinted card counts
 * the text, not the card. Past the warning limits the scan is worth redoing; past the error limits
 * it cannot be read at all.
 */
export const EXPOSURE_LIMITS = {
  /** Paper (the 90th percentile of grey) darker than this: the scan is too dark (warning). */
  minPaper: 110,
  /** Typical ink of the print lighter than this: the print is washed out (warning). */
  maxInk: 160,
  /** Typical contrast between the print and the paper beside it below this: too flat (warning). */
  minContrast: 60,
  /** Errors: the page is unreadable — text contrast below this … */
  unreadableContrast: 30,
  /** … or paper darker than this. */
  unreadablePaper: 55,
} as const;

export interface ExposureVerdict {
  mean: number;
  /** Grey level of the paper (90th percentile) and of the typical ink of the print, 0..255. */
  paper: number;
  ink: number;
  /** Typical contrast across the edges of the print. */
  contrast: number;
  tooDark: boolean;
  tooLight: boolean;
  lowContrast: boolean;
  /** 'error' only when the page cannot be read; 'warning' when it reads but should be redone. */
  severity: 'ok' | 'warning' | 'error';
  /** Number of print edges the ink and contrast rest on (0: no print found, levels from the histogram). */
  edges: number;
}

/**
 * Ink and contrast of the print: at every steep point of an edge along a row, the darkest and
 * lightest grey within a few pixels either side; the medians over the page. Faint background
 * patterns do not make steep edges; a photo or a QR code is a small share of a page's edges.
 */
function printLevels(g: RawImage): { ink: number; contrast: number; edges: number } {
  const { mins, ranges } = strongEdgeSamples(g, true);
  if (mins.length === 0) return { ink: 0, contrast: 0, edges: 0 };
  const inkHist = new Uint32Array(256);
  const conHist = new Uint32Array(256);
  for (let k = 0; k < mins.length; k++) {
    inkHist[mins[k]]++;
    conHist[ranges[k]]++;
  }
  return { ink: percentile(inkHist, 0.5), contrast: percentile(conHist, 0.5), edges: mins.length };
}

/** Exposure of a grey page: paper level from the histogram, ink and contrast from the print's edges. */
export function exposureVerdict(g: RawImage, limits = EXPOSURE_LIMITS): ExposureVerdict {
  const hist = histogram(g, 2);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    n += hist[i];
    sum += i * hist[i];
  }
  const paper = percentile(hist, 0.9);
  const print = printLevels(g);
  // Too few edges to speak of print: fall back to the histogram (darkest 1 %).
  const [ink, contrast] = print.edges >= 100 ? [print.ink, print.contrast] : [percentile(hist, 0.01), paper - percentile(hist, 0.01)];
  const tooDark = paper < limits.minPaper;
  const tooLight = !tooDark && ink > limits.maxInk;
  const lowContrast = !tooDark && !tooLight && contrast < limits.minContrast;
  // Unreadable needs print to judge (a blank page has no contrast and nothing to read either).
  const unreadable = (print.edges >= 100 && contrast < limits.unreadableContrast) || paper < limits.unreadablePaper;
  return {
    mean: Math.round(n ? sum / n : 0),
    paper,
    ink,
    contrast,
    tooDark,
    tooLight,
    lowContrast,
    severity: unreadable ? 'error' : tooDark || tooLight || lowContrast ? 'warning' : 'ok',
    edges: print.edges,
  };
}
