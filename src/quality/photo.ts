import type { RawImage } from '../model/image.ts';

export interface PhotoVerdict {
  /** True when the page is a photograph (a scene, a portrait) rather than a document. */
  photo: boolean;
  /** 0..1, higher = more like a photograph. */
  score: number;
  /** Share of the page that is saturated red (the background of a 1-inch 红底 ID photo). */
  redBackgroundShare: number;
  evidence: Record<string, number>;
}

/**
 * A document is mostly flat paper with dark ink on it; a photograph is mostly mid-tones and colour
 * with texture everywhere. Measured on a sub-sample of pixels: share of flat paper-like pixels, share
 * of mid-tone pixels, mean colour saturation, and share of saturated red.
 */
export function photoVerdict(rgb: RawImage): PhotoVerdict {
  // Kept per image buffer: orientation asks about the stored page, the checks about the upright one,
  // the same buffer when the page was not turned.
  const hit = verdicts.get(rgb.data);
  if (hit) return hit;
  const v = measurePhoto(rgb);
  verdicts.set(rgb.data, v);
  return v;
}

const verdicts = new WeakMap<Buffer, PhotoVerdict>();

function measurePhoto(rgb: RawImage): PhotoVerdict {
  const { width: w, height: h, channels: c, data } = rgb;
  const step = Math.max(1, Math.floor(Math.sqrt((w * h) / 250_000)));
  let n = 0;
  let flatLight = 0;
  let mid = 0;
  let satSum = 0;
  let red = 0;
  for (let y = step; y < h - step; y += step) {
    for (let x = step; x < w - step; x += step) {
      const i = (y * w + x) * c;
      const r = data[i];
      const g = c === 3 ? data[i + 1] : r;
      const b = c === 3 ? data[i + 2] : r;
      const l = (r * 299 + g * 587 + b * 114) / 1000;
      const mx = Math.max(r, g, b);
      const mn = Math.min(r, g, b);
      const sat = mx === 0 ? 0 : (mx - mn) / mx;
      // flat: the neighbour `step` pixels away is nearly the same (paper, or a flat background)
      const j = (y * w + x + step) * c;
      const k = ((y + step) * w + x) * c;
      const flat = Math.abs(data[j] - r) < 12 && Math.abs(data[k] - r) < 12;
      n++;
      satSum += sat;
      if (flat && l > 170 && sat < 0.25) flatLight++;
      if (l > 50 && l < 190) mid++;
      if (r > 140 && r - g > 70 && r - b > 50) red++;
    }
  }
  const localPaper = localPaperShare(rgb);
  const paperShare = flatLight / n;
  const midShare = mid / n;
  const saturation = satSum / n;
  const redBackgroundShare = red / n;
  // Logistic-free blend: each cue pushes towards "photo"; weights set on the generated pages.
  const score = Math.max(0, Math.min(1, 0.6 * (1 - paperShare) + 0.3 * midShare + 0.4 * saturation - 0.1));
  return {
    // A phone photo of a document loses its flat light paper to shadows and the table around it,
    // but keeps plain paper at its own local light level (localPaperShare): that vetoes "photo".
    photo: score >= 0.5 && paperShare < 0.35 && localPaper < 0.47,
    score: Math.round(score * 1000) / 1000,
    redBackgroundShare: Math.round(redBackgroundShare * 1000) / 1000,
    evidence: {
      paperShare: Math.round(paperShare * 1000) / 1000,
      midToneShare: Math.round(midShare * 1000) / 1000,
      saturation: Math.round(saturation * 1000) / 1000,
      localPaperShare: Math.round(localPaper * 1000) / 1000,
    },
  };
}

/**
 * Share of the page in blocks that are plain paper at their own light level: nearly all pixels
 * within a few grey levels of the block's light level, and no colour. A photographed document keeps
 * it under shadows and vignetting (the level is the block's own); a photograph has texture and
 * colour nearly everywhere.
 */
export function localPaperShare(rgb: RawImage): number {
  const { width: w, height: h, channels: c, data } = rgb;
  const B = Math.max(8, Math.round(Math.max(w, h) / 40));
  const step = Math.max(1, Math.round(B / 8));
  let blocks = 0;
  let paper = 0;
  const ls: number[] = [];
  for (let by = 0; by + B <= h; by += B) {
    for (let bx = 0; bx + B <= w; bx += B) {
      ls.length = 0;
      let sat = 0;
      for (let y = by; y < by + B; y += step) {
        for (let x = bx; x < bx + B; x += step) {
          const i = (y * w + x) * c;
          const r = data[i];
          const g = c === 3 ? data[i + 1] : r;
          const b = c === 3 ? data[i + 2] : r;
          const mx = Math.max(r, g, b);
          ls.push((r * 299 + g * 587 + b * 114) / 1000);
          sat += mx === 0 ? 0 : (mx - Math.min(r, g, b)) / mx;
        }
      }
      blocks++;
      ls.sort((a, b) => a - b);
      const light = ls[Math.floor(ls.length * 0.9)];
      if (light < 90 || sat / ls.length > 0.2) continue;
      let near = 0;
      for (const l of ls) if (light - l < 22) near++;
      if (near >= 0.8 * ls.length) paper++;
    }
  }
  return blocks ? paper / blocks : 0;
}

/**
 * A page the OCR read a document's worth of text on is a document, whatever its colours say: a
 * phone photograph of a certificate on a dark desk (mid-tones, a red frame and a red ID photo on
 * it) scored 0.52 as a photograph. A portrait or a work photo carries a caption at most.
 */
export const DOCUMENT_TEXT_CHARS = 40;

export function photoGivenText(v: PhotoVerdict, hanRead: number): PhotoVerdict {
  if (!v.photo || hanRead < DOCUMENT_TEXT_CHARS) return v;
  return { ...v, photo: false, evidence: { ...v.evidence, hanRead } };
}
