import type { NameDetection, SealDetection } from '../model/detection.ts';
import { clamp, intersect, pad, type Box } from '../model/geometry.ts';
import type { Finding } from '../model/finding.ts';

export type MaskKind = 'applicant_name' | 'employer_seal';

/** One mask: a solid fill made of one or more rectangles (a seal with a name cut out of it is four). */
export interface Mask {
  kind: MaskKind;
  /** The rectangles burned into the page. */
  rects: Box[];
  /** Box around the rectangles, for the report. */
  box: Box;
  text?: string;
  confidence: number;
  /** True when part of the mask was left out because another person's name lies under it. */
  avoidedOtherName?: boolean;
  evidence: Record<string, unknown>;
}

export interface MaskPlan {
  masks: Mask[];
  /** Share of the page area covered by masks. */
  maskedShare: number;
  findings: Finding[];
}

export interface PlanInput {
  width: number;
  height: number;
  names: NameDetection[];
  seals: SealDetection[];
  file: string;
  page: number;
  /** 不可大面积遮盖: masked share of a page above this is an error. */
  maxMaskedShare: number;
}

/**
 * 8 % of a page. A 42 mm seal on A4 covers about 2.8 %, a name at 10.5 pt about 0.1 % an occurrence;
 * a page with one seal and a dozen names stays near 4 %, and an ID card photographed close up (large
 * name) near 2 %. Twice that is no longer covering a name and a seal.
 */
export const DEFAULT_MAX_MASKED_SHARE = 0.08;

/** Cuts `hole` out of a rectangle: what is left, as up to four rectangles. */
export function subtract(rect: Box, hole: Box): Box[] {
  const i = intersect(rect, hole);
  if (!i) return [rect];
  const [x, y, w, h] = rect;
  const out: Box[] = [];
  if (i[1] > y) out.push([x, y, w, i[1] - y]);
  if (i[1] + i[3] < y + h) out.push([x, i[1] + i[3], w, y + h - (i[1] + i[3])]);
  if (i[0] > x) out.push([x, i[1], i[0] - x, i[3]]);
  if (i[0] + i[2] < x + w) out.push([i[0] + i[2], i[1], x + w - (i[0] + i[2]), i[3]]);
  return out.filter((r) => r[2] > 0 && r[3] > 0);
}

function bounding(rects: Box[]): Box {
  const x0 = Math.min(...rects.map((r) => r[0]));
  const y0 = Math.min(...rects.map((r) => r[1]));
  const x1 = Math.max(...rects.map((r) => r[0] + r[2]));
  const y1 = Math.max(...rects.map((r) => r[1] + r[3]));
  return [x0, y0, x1 - x0, y1 - y0];
}

/** Area of the union of rectangles, on a coarse grid (exact enough for a share of the page). */
function unionArea(rects: Box[], width: number, height: number): number {
  const cell = 4;
  const gw = Math.ceil(width / cell);
  const gh = Math.ceil(height / cell);
  const grid = new Uint8Array(gw * gh);
  let n = 0;
  for (const [x, y, w, h] of rects) {
    for (let gy = Math.floor(y / cell); gy < Math.min(gh, Math.ceil((y + h) / cell)); gy++)
      for (let gx = Math.floor(x / cell); gx < Math.min(gw, Math.ceil((x + w) / cell)); gx++) {
        if (!grid[gy * gw + gx]) n++;
        grid[gy * gw + gx] = 1;
      }
  }
  return n * cell * cell;
}

/**
 * What to cover on a page: the applicant's names and the employer's seals, padded a little, with
 * every other person's name cut out of them. Decides, does not draw.
 */
export function planMasks(input: PlanInput): MaskPlan {
  const { width, height, file, page } = input;
  const findings: Finding[] = [];
  // A little margin around other names: anti-aliased and handwritten strokes reach past their boxes.
  const protectedBoxes = input.names.filter((n) => n.kind === 'other_name').map((n) => pad(n.box, Math.max(2, Math.round(0.06 * n.box[3])), width, height));
  // Under a seal the name is usually a signature, read through the stamp's ink, and its box is less
  // sure: a wider margin there costs a sliver of seal, not a name.
  const protectedFromSeals = input.names.filter((n) => n.kind === 'other_name').map((n) => pad(n.box, Math.max(4, Math.round(0.2 * n.box[3])), width, height));
  const masks: Mask[] = [];

  const cutOthers = (rect: Box, keep = protectedBoxes): { rects: Box[]; cut: boolean } => {
    let rects = [rect];
    let cut = false;
    for (const p of keep) {
      const next: Box[] = [];
      for (const r of rects) {
        const parts = subtract(r, p);
        if (parts.length !== 1 || parts[0] !== r) cut = true;
        next.push(...parts);
      }
      rects = next;
    }
    return { rects, cut };
  };

  for (const n of input.names) {
    if (n.kind !== 'applicant_name') continue;
    const h = Math.min(n.box[3], n.box[2]);
    const padded = pad(n.box, Math.max(3, Math.round(0.18 * h)), width, height);
    const { rects } = cutOthers(padded);
    if (rects.length === 0) continue;
    // Cutting into the name's own ink (not just its padding) means the two names touch: say so.
    const inkCut = protectedBoxes.some((p) => intersect(p, n.box));
    masks.push({ kind: 'applicant_name', rects, box: bounding(rects), text: n.text, confidence: n.confidence, avoidedOtherName: inkCut || undefined, evidence: n.evidence });
    if (inkCut) {
      findings.push({
        ruleId: 'mask/overlaps-other-name',
        severity: 'warning',
        message: `第${page}页：申报人姓名“${n.text}”紧挨他人姓名，遮盖已避开他人姓名，请人工核对`,
        messageEn: `page ${page}: the applicant's name touches another person's name; the mask leaves that name out — please check`,
        file,
        page,
        box: n.box,
        needsReview: true,
      });
    }
  }

  for (const s of input.seals) {
    if (s.owner !== 'employer') continue;
    const margin = Math.max(3, Math.round(0.04 * Math.max(s.box[2], s.box[3])));
    const padded = pad(s.box, margin, width, height);
    const { rects, cut } = cutOthers(padded, protectedFromSeals);
    masks.push({ kind: 'employer_seal', rects, box: bounding(rects.length ? rects : [padded]), text: s.ownerText, confidence: s.confidence, avoidedOtherName: cut || undefined, evidence: s.evidence });
    if (cut) {
      const names = input.names.filter((n) => n.kind === 'other_name' && intersect(n.box, padded)).map((n) => n.text);
      findings.push({
        ruleId: 'mask/seal-over-other-name',
        severity: 'warning',
        message: `第${page}页：单位公章压在他人姓名（${names.join('、')}）上，遮盖已留出该姓名，请人工核对`,
        messageEn: `page ${page}: the employer's seal lies over another person's name (${names.join(', ')}); the mask leaves it visible — please check`,
        file,
        page,
        box: s.box,
        needsReview: true,
      });
    }
  }

  const area = unionArea(masks.flatMap((m) => m.rects).map((r) => clamp(r, width, height)), width, height);
  const maskedShare = area / Math.max(1, width * height);
  if (maskedShare > input.maxMaskedShare) {
    findings.push({
      ruleId: 'mask/large-area',
      severity: 'error',
      message: `第${page}页遮盖面积占 ${(maskedShare * 100).toFixed(1)}%，超过上限 ${(input.maxMaskedShare * 100).toFixed(0)}%（通知要求不可大面积遮盖），请人工核对`,
      messageEn: `page ${page}: masks cover ${(maskedShare * 100).toFixed(1)} % of the page, above the ${(input.maxMaskedShare * 100).toFixed(0)} % limit (no large-area masking)`,
      file,
      page,
      evidence: { maskedShare, limit: input.maxMaskedShare },
      needsReview: true,
    });
  }
  return { masks, maskedShare, findings };
}
