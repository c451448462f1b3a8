import type { RawImage } from '../model/image.ts';

/**
 * The grey image OCR reads. The red channel is used as grey: black print stays dark while red seal
 * ink turns nearly white, so a seal stamped over text no longer hides it from OCR.
 */
export function greyForOcr(page: RawImage): RawImage {
  if (page.channels === 1) return page;
  const { width, height, data } = page;
  const out = Buffer.allocUnsafe(width * height);
  for (let i = 0, j = 0; j < out.length; i += 3, j++) {
    const r = data[i];
    const g = data[i + 1];
    const b = data[i + 2];
    // Red ink: R high, G and B low → lift to paper. Anything else: luminance, so blue/black pens stay.
    const luma = (r * 299 + g * 587 + b * 114) / 1000;
    out[j] = r - Math.max(g, b) > 40 ? Math.max(luma, r) : luma;
  }
  return { data: out, width, height, channels: 1 };
}

/** Plain luminance (for measures that must see every ink, seals included). */
export function luminance(page: RawImage): RawImage {
  if (page.channels === 1) return page;
  const { width, height, data } = page;
  const out = Buffer.allocUnsafe(width * height);
  for (let i = 0, j = 0; j < out.length; i += 3, j++) {
    out[j] = (data[i] * 299 + data[i + 1] * 587 + data[i + 2] * 114) / 1000;
  }
  return { data: out, width, height, channels: 1 };
}
