/** Input limits: a scan beyond these is reported, not processed (and never stalls the batch). */
export const LIMITS = {
  maxFileBytes: 200 * 1024 * 1024,
  maxPixels: 120_000_000,
  maxPdfPages: 300,
  maxTiffPages: 300,
  /** PDF pages are rendered at this resolution when they have no single full-page scan inside. */
  renderDpi: 200,
};
