import type { RawImage } from '../model/image.ts';
import { histogram, percentile } from './raster.ts';

/** Limits on the grey levels of a scan; documented in docs/clarity.md. */
export const EXPOSURE_LIMITS = {
  /** Paper (the 90th percentile of grey) darker than this: the scan is too dark. */
  minPaper: 130,
  /** Ink (the 1st percentile of grey) lighter than this: the print is washed out. */
  maxInk: 150,
  /** Paper minus ink below this: too little contrast to read. */
  minContrast: 70,
} as const;

export interface ExposureVerdict {
  mean: number;
  /** Grey level of the paper and of the darkest ink, 0..255. */
  paper: number;
  ink: number;
  contrast: number;
  tooDark: boolean;
  tooLight: boolean;
  lowContrast: boolean;
}

/** Exposure of a grey page: paper and ink levels from the histogram, so a page of little text counts. */
export function exposureVerdict(g: RawImage, limits = EXPOSURE_LIMITS): ExposureVerdict {
  const hist = histogram(g, 2);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    n += hist[i];
    sum += i * hist[i];
  }
  const paper = percentile(hist, 0.9);
  const ink = percentile(hist, 0.01);
  const contrast = paper - ink;
  const tooDark = paper < limits.minPaper;
  const tooLight = !tooDark && ink > limits.maxInk;
  return {
    mean: Math.round(n ? sum / n : 0),
    paper,
    ink,
    contrast,
    tooDark,
    tooLight,
    lowContrast: !tooDark && !tooLight && contrast < limits.minContrast,
  };
}
