import type { NameDetection } from '../model/detection.ts';
import { clamp, intersect, pad, type Box, type Ellipse } from '../model/geometry.ts';
import type { Finding } from '../model/finding.ts';
import { patchHolds, type PenInkPatch, type SealWithInk } from '../detect/seals/pen-ink.ts';

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
  /** With the pen ink around each seal where it was found in colour (the windows are cut to it). */
  seals: SealWithInk[];
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

/** Pen ink (dark, not seal-red) in the luminance of a PenInkPatch: the masking score's name ink. */
const PEN_INK = 140;
/** The darkest pixel of a pen stroke is darker than this; compression specks are not. */
const PEN_CORE = 110;

/**
 * The window a seal's mask leaves for another person's name: the name's own ink, with a small
 * margin. Under a seal the name is usually a signature read through the stamp's ink, and its box
 * is unsure both ways: it may take in a glyph of the arc text or a dark seal's ring (a read
 * 革纪刚仇 for a signed 艾礼刚), and the strokes of a hand reach past it; a fixed padding wide
 * enough for them (a fifth of the line) leaves a band of seal ink visible all round. Where the pen
 * ink around the seal is known (dark, not red: pen-ink.ts), the window is the connected strokes
 * that start in the box, followed as far as half a line out of it. Ink mostly outside the box (a
 * neighbouring word, the ring of a dark seal a stroke touches) or a table rule crossing it counts
 * only as far as the box padded by a fifth of its height — the window used without the pen ink,
 * or where no ink is found in the box: a sliver of seal left visible costs less than a name covered.
 */
export function sealWindow(box: Box, ink: PenInkPatch | undefined, width: number, height: number): Box {
  const h = box[3];
  const fallback = pad(box, Math.max(4, Math.round(0.2 * h)), width, height);
  if (!ink) return fallback;
  const reach = pad(box, Math.max(6, Math.round(0.5 * h)), width, height);
  if (!patchHolds(ink, reach) || reach[2] <= 0 || reach[3] <= 0) return fallback;
  const [rx, ry, rw, rh] = reach;
  const [px, py, pw] = ink.box;
  const lum = (x: number, y: number) => ink.lum[(ry + y - py) * pw + (rx + x - px)];
  const dark = (x: number, y: number) => lum(x, y) < PEN_INK;
  const inBox = (x: number, y: number) => rx + x >= box[0] && rx + x < box[0] + box[2] && ry + y >= box[1] && ry + y < box[1] + box[3];
  const inFallback = (x: number, y: number) => rx + x >= fallback[0] && rx + x < fallback[0] + fallback[2] && ry + y >= fallback[1] && ry + y < fallback[1] + fallback[3];
  const seen = new Uint8Array(rw * rh);
  let out: [number, number, number, number] | null = null;
  for (let start = 0; start < rw * rh; start++) {
    const sx = start % rw;
    const sy = (start - sx) / rw;
    if (seen[start] || !inBox(sx, sy) || !dark(sx, sy)) continue;
    // One stroke group (8-connected) from a dark pixel inside the box: its box, and the box of its
    // pixels within the fallback window.
    let [x0, y0, x1, y1] = [sx, sy, sx, sy];
    let [fx0, fy0, fx1, fy1] = [sx, sy, sx, sy];
    let inside = 0;
    let core = 255;
    const n = strokeGroup(rw, rh, dark, seen, start, (x, y) => {
      if (inBox(x, y)) inside++;
      core = Math.min(core, lum(x, y));
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (inFallback(x, y)) {
        if (x < fx0) fx0 = x;
        if (x > fx1) fx1 = x;
        if (y < fy0) fy0 = y;
        if (y > fy1) fy1 = y;
      }
    });
    // Specks — mid-grey pixels where compression blurred a seal glyph's red edge — are no stroke:
    // a stroke, even the dot of a name, has a dark core and some size.
    if (n < strokePixels(h) || core >= PEN_CORE) continue;
    // The name's own strokes lie mostly in its box and end near it. Ink that is mostly outside (a
    // neighbouring word, the seal's ring where a stroke touches it) or crosses the whole search
    // area (a table rule) counts only as far as the fallback window reaches.
    const own = inside / n >= 1 / 3 && !(x0 === 0 && x1 === rw - 1) && !(y0 === 0 && y1 === rh - 1);
    const g = own ? [x0, y0, x1, y1] : [fx0, fy0, fx1, fy1];
    out = out ? [Math.min(out[0], rx + g[0]), Math.min(out[1], ry + g[1]), Math.max(out[2], rx + g[2] + 1), Math.max(out[3], ry + g[3] + 1)] : [rx + g[0], ry + g[1], rx + g[2] + 1, ry + g[3] + 1];
  }
  if (!out) return fallback;
  const [ex0, ex1] = alongRow(ink, out, h);
  const m = Math.max(3, Math.round(0.06 * h));
  return clamp([ex0 - m, out[1] - m, ex1 - ex0 + 2 * m, out[3] - out[1] + 2 * m], width, height);
}

/** The fewest pixels of a stroke of a line `h` high: smaller groups are specks. */
const strokePixels = (h: number) => Math.max(8, (0.06 * h) ** 2);

/**
 * One group of 8-connected dark pixels of a w×h patch, flooded from `start` (marked in `seen`):
 * `visit` sees each pixel; returns the group's size.
 */
function strokeGroup(w: number, h: number, dark: (x: number, y: number) => boolean, seen: Uint8Array, start: number, visit?: (x: number, y: number) => void): number {
  const stack = [start];
  seen[start] = 1;
  let n = 0;
  while (stack.length) {
    const k = stack.pop()!;
    const x = k % w;
    const y = (k - x) / w;
    n++;
    visit?.(x, y);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
        const kk = yy * w + xx;
        if (!seen[kk] && dark(xx, yy)) {
          seen[kk] = 1;
          stack.push(kk);
        }
      }
  }
  return n;
}

/**
 * Whether what OCR read under a seal as a name is the seal's own arc glyphs: the box holds the
 * stamp's red ink and no pen or print stroke at all — nothing dark but the specks compression
 * leaves at a red glyph's edge (no group of dark pixels as large as a stroke of the line's height).
 * Such a window would leave part of the seal visible and spare no one's name. Only where the colour
 * is known (a red seal's pen ink with its red pixels); a box over paper alone, or a grey page, keeps
 * its window (the name may be there unseen).
 */
export function sealGlyphsOnly(box: Box, ink: PenInkPatch | undefined): boolean {
  if (!ink?.red || !patchHolds(ink, box)) return false;
  const [px, py, pw] = ink.box;
  const x0 = Math.max(0, Math.floor(box[0]) - px);
  const y0 = Math.max(0, Math.floor(box[1]) - py);
  const x1 = Math.min(pw, Math.ceil(box[0] + box[2]) - px);
  const y1 = Math.min(ink.box[3], Math.ceil(box[1] + box[3]) - py);
  const w = x1 - x0;
  const h = y1 - y0;
  if (w <= 0 || h <= 0) return false;
  let red = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) red += ink.red[y * pw + x];
  // The seal's glyphs: a visible share of red ink in the box (a stroke is ~a tenth of a glyph).
  if (red < 0.05 * w * h) return false;
  const stroke = strokePixels(box[3]);
  const seen = new Uint8Array(w * h);
  const dark = (x: number, y: number) => ink.lum[(y0 + y) * pw + x0 + x] < PEN_INK;
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || !dark(start % w, (start - (start % w)) / w)) continue;
    if (strokeGroup(w, h, dark, seen, start) >= stroke) return false;
  }
  return true;
}

/**
 * A signature OCR read only in part (阿曼·古力米热 read 力米热 through the seal) goes on in pen strokes
 * beside the part read: the window follows dark, non-red ink along the row — the middle of the
 * window's rows — across gaps under two thirds of a line, up to four lines further each way.
 */
function alongRow(ink: PenInkPatch, win: [number, number, number, number], h: number): [number, number] {
  const [px, py, pw, ph] = ink.box;
  const y0 = Math.max(py, Math.round(win[1] + 0.25 * (win[3] - win[1])));
  const y1 = Math.min(py + ph, Math.round(win[3] - 0.25 * (win[3] - win[1])));
  const inked = (x: number) => {
    if (x < px || x >= px + pw) return false;
    let n = 0;
    for (let y = y0; y < y1; y++) if (ink.lum[(y - py) * pw + (x - px)] < PEN_CORE) n++;
    return n >= 2;
  };
  const follow = (from: number, step: 1 | -1) => {
    let edge = from;
    for (let x = from + step, gap = 0; Math.abs(x - from) <= 4 * h && gap < 0.66 * h; x += step) {
      if (inked(x)) (edge = x), (gap = 0);
      else gap++;
    }
    return edge;
  };
  if (y1 <= y0) return [win[0], win[2]];
  return [follow(win[0], -1), follow(win[2] - 1, 1) + 1];
}

/**
 * Windows a little apart are one window: a sliver of mask between two parts of a signature (a name
 * read as two, the dot of 阿曼·阿力甫 between them) hides nothing of the seal and may cover a
 * stroke. Two windows closer than a third of the lower one's height become their common box.
 */
export function mergeClose(windows: Box[]): Box[] {
  const out = [...windows];
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++)
      for (let j = i + 1; j < out.length && !merged; j++) {
        const [a, b] = [out[i], out[j]];
        const gap = Math.max(3, Math.round(Math.min(a[3], b[3]) / 3));
        if (!intersect([a[0] - gap, a[1] - gap, a[2] + 2 * gap, a[3] + 2 * gap], b)) continue;
        out[i] = bounding([a, b]);
        out.splice(j, 1);
        merged = true;
      }
  }
  return out;
}

/** Ink of a seal lies within this of its fitted ellipse (detect-seals.ts takes its ink box there). */
const SEAL_INK_RHO = 1.12;

/**
 * The seal's mask as it is shaped: its ellipse grown to where the seal's ink reaches and by the
 * margin (an edge-cut seal's ink box is smaller than its ellipse: the reach is then the most ink
 * may have), as a stack of horizontal strips (each as wide as the ellipse anywhere over its rows),
 * clipped to the seal's padded ink box. A box around a round seal covers its corners too, 27 % more
 * than the seal, and there sits what was written beside the stamp: a signature just above it, the
 * date below.
 */
export function ellipseStrips(e: Ellipse, margin: number, clip: Box, inkBox: Box, keepOut: Ellipse[] = []): Box[] {
  // How far out the ink reaches, as a share of the radius: from the ink box where the seal is
  // whole (a ring fitted at its outer edge has its ink within 1.0), never past SEAL_INK_RHO.
  const reach = Math.min(SEAL_INK_RHO, Math.max(1, Math.max(inkBox[2], inkBox[3]) / (2 * Math.max(e.rx, e.ry))));
  const a = e.rx * reach + margin;
  const b = e.ry * reach + margin;
  const [cx0, cy0, cw, ch] = clip;
  const strip = Math.max(2, Math.round(Math.min(a, b) / 10));
  // The seal's own ring (its outer edge, a pixel or two of slack) and the seals kept visible that
  // overlap it, as far as their ink reaches.
  const ring = { ...e, rx: e.rx * 1.02 + 1, ry: e.ry * 1.02 + 1 };
  const kept = keepOut.map((o) => ({ ...o, rx: o.rx * SEAL_INK_RHO, ry: o.ry * SEAL_INK_RHO }));
  const out: Box[] = [];
  for (let y = cy0; y < cy0 + ch; y += strip) {
    const y1 = Math.min(cy0 + ch, y + strip);
    const span = spanOver({ ...e, rx: a, ry: b }, y, y1);
    if (!span) continue;
    const x0 = Math.max(cx0, Math.floor(span[0]));
    const x1 = Math.min(cx0 + cw, Math.ceil(span[1]));
    if (x1 <= x0) continue;
    // Another seal that stays visible (another body's, or one whose owner is unknown) overlapping
    // this one: the margin and the reach past this seal's ring stop at it. Where the two rings
    // cross, the ink is both seals' and is covered; past this seal's ring it is the other's only.
    let parts: Box[] = [[x0, y, x1 - x0, y1 - y]];
    const own = spanOver(ring, y, y1);
    for (const o of kept) {
      const os = spanOver(o, y, y1);
      if (!os) continue;
      const cuts: Box[] = own
        ? [[Math.floor(os[0]), y, Math.floor(own[0]) - Math.floor(os[0]), y1 - y], [Math.ceil(own[1]), y, Math.ceil(os[1]) - Math.ceil(own[1]), y1 - y]]
        : [[Math.floor(os[0]), y, Math.ceil(os[1]) - Math.floor(os[0]), y1 - y]];
      for (const cut of cuts) if (cut[2] > 0) parts = parts.flatMap((r) => subtract(r, cut));
    }
    out.push(...parts);
  }
  return out.length ? out : [clip];
}

/** The columns a (rotated) ellipse covers over rows y0..y1 (sampled each row), or null where it covers none. */
function spanOver(e: Ellipse, y0: number, y1: number): [number, number] | null {
  const t = (e.angleDeg * Math.PI) / 180;
  const [c, s] = [Math.cos(t), Math.sin(t)];
  const a = e.rx;
  const b = e.ry;
  const A = (c * c) / (a * a) + (s * s) / (b * b);
  let lo = Infinity;
  let hi = -Infinity;
  for (let y = y0; y <= y1; y++) {
    // Row y of the rotated ellipse: A u² + B u + C ≤ 0 with u = x − cx, v = y − cy.
    const v = y - e.cy;
    const B = 2 * v * s * c * (1 / (a * a) - 1 / (b * b));
    const C = v * v * ((s * s) / (a * a) + (c * c) / (b * b)) - 1;
    const d = B * B - 4 * A * C;
    if (d < 0) continue;
    const r = Math.sqrt(d);
    lo = Math.min(lo, e.cx + (-B - r) / (2 * A));
    hi = Math.max(hi, e.cx + (-B + r) / (2 * A));
  }
  return lo <= hi ? [lo, hi] : null;
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
  const others = input.names.filter((n) => n.kind === 'other_name');
  const masks: Mask[] = [];

  const cutOthers = (rect: Box | Box[], keep = protectedBoxes): { rects: Box[]; cut: boolean } => {
    let rects = Array.isArray(rect[0]) ? (rect as Box[]) : [rect as Box];
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
    const under = others.filter((n) => intersect(pad(n.box, 0.5 * n.box[3], width, height), padded) && !sealGlyphsOnly(n.box, s.penInk));
    const windows = mergeClose(under.map((n) => sealWindow(n.box, s.penInk, width, height)));
    // Seals not masked (another body's, or of unknown owner) keep their ink where it is theirs only.
    const visible = input.seals.filter((o) => o !== s && o.owner !== 'employer').map((o) => o.ellipse);
    const { rects, cut } = cutOthers(ellipseStrips(s.ellipse, margin, padded, s.box, visible), windows);
    masks.push({ kind: 'employer_seal', rects, box: bounding(rects.length ? rects : [padded]), text: s.ownerText, confidence: s.confidence, avoidedOtherName: cut || undefined, evidence: s.evidence });
    if (cut) {
      const names = under.filter((n) => intersect(n.box, padded)).map((n) => n.text);
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
