/**
 * Seals on a page: red ink grouped into blobs, the outline of each blob fitted with ellipses, and
 * each ellipse kept only if it looks like a stamp (a ring of ink, an interior that is not filled,
 * the size of a 40 mm seal). A red ID-photo background is filled, a red underline is no ellipse,
 * red text has no ring: none of them pass.
 */
import type { Box, Ellipse } from '../../model/geometry.ts';
import { clamp } from '../../model/geometry.ts';
import type { RawImage } from '../../model/image.ts';
import { convexHull, ellipseDistance, ellipsePoint, ellipseRho, ransacEllipse, type Pt } from './ellipse-fit.ts';
import { greyInkGrid, redInkGrid, thickInkGrid, type InkGrid } from './ink-mask.ts';
import { refineRing as refineRingPx } from './refine-ring.ts';

export interface SealCandidate {
  /** Outer ring in page pixels; rx is the longer radius. */
  ellipse: Ellipse;
  /** Box around the seal's ink, including ink outside the ring; clipped to the page. */
  box: Box;
  confidence: number;
  /** 'lost': a ring found on a grey-scale scan; maybe a seal, its colour cannot tell. */
  colour: 'red' | 'lost';
  evidence: {
    /** Share of the visible ring angles where ink was found. */
    ringCoverage: number;
    /** Share of the inside (ρ < 0.8) covered with ink: a seal is mostly paper there. */
    interiorFill: number;
    /**
     * Share of the ring that can be seen: on the page (a seal cut by the page edge has less) and
     * not under a filled area cleared from the ink (a red ID photo over part of the seal).
     */
    visible: number;
    /** Outline points on the fitted ellipse / all outline points of the blob. */
    fitShare: number;
    diameterMm: [number, number];
    dpi: number;
    dpiGuessed: boolean;
  };
}

export interface DetectSealsOptions {
  /** Scan resolution; guessed from the page width as A4 when absent. */
  dpi?: number;
  /**
   * The scanned page's own size when `page` is a larger canvas holding it (a page read straightened
   * is turned onto one): the resolution is guessed from this, not from the canvas.
   */
  pageSizePx?: [width: number, height: number];
}

/**
 * Pages with at most this share of clearly coloured pixels are searched for grey rings when their
 * red ink holds no seal: a grey-scale scan (~0), or a grey copy scanned in colour with a coloured
 * photo, heading or logo on it (generated: 0.003–0.03). A colour page (photos, coloured forms)
 * has more, and its seals are red.
 */
export const GREY_SEARCH_MAX_CHROMA = 0.05;

/** Seal sizes this detector accepts, in millimetres of diameter (real: 38–42 round, 45×30 oval). */
const MIN_DIAMETER_MM = 26;
const MAX_DIAMETER_MM = 49;

export function detectSeals(page: RawImage, opts: DetectSealsOptions = {}): SealCandidate[] {
  const dpiGuessed = !opts.dpi;
  // A4 is 210 mm wide; a landscape page (ID card photo, certificate) is 297 mm wide.
  const [pw, ph] = opts.pageSizePx ?? [page.width, page.height];
  const dpi = opts.dpi ?? (pw <= ph ? pw / 8.27 : pw / 11.69);
  const pxPerMm = dpi / 25.4;
  const cell = Math.max(2, Math.round(pxPerMm * 0.75));
  const red = redInkGrid(page, cell);
  removeSolidAreas(red, Math.max(5, Math.round((6.5 * pxPerMm) / cell)));
  const found: Array<GridRing & { colour: 'red' | 'lost' }> = findRings(red, pxPerMm, dpiGuessed).map((c) => ({
    ...c,
    colour: 'red' as const,
  }));
  // A grey-scale scan has no red to find; a ring of mid-grey ink is then reported, not guessed at.
  // So is a page with a little colour (a blue photo, a red heading, a coloured logo: chroma share
  // up to GREY_SEARCH_MAX_CHROMA) whose red ink holds no seal: a photocopy of a stamped form
  // scanned in colour. A page whose red ink already holds a seal is not searched again.
  if (found.length === 0 && red.chromaShare < GREY_SEARCH_MAX_CHROMA) {
    // Two grids of grey ink: mid-grey cells (a seal printing lighter than crisp text) and thick
    // ink (a ring is ~1.2 mm wide, print strokes far thinner, even blurred to mid-grey); round
    // and oval rings are searched in both (an oval seal's ring, ~1 mm, is often too thin for the
    // thick ink after JPEG: on 42 generated grey pages the mid-grey cells found 3 ovals more, none
    // falsely). A photo's background, a filled block, bold headings turn grey too: cleared as on
    // colour pages, or the edge of a filled area around a light face reads as a ring.
    // On a page with some colour only the thick ink is searched: this runs on every such page
    // without a red seal, and the thick ink alone costs ~0.25 s a page at 200 dpi against ~0.65 s
    // for both grids (it finds 29 of 42 generated grey seals on such pages; both grids, 6 of 7).
    const side = Math.max(5, Math.round((6.5 * pxPerMm) / cell));
    const thick = thickInkGrid(page, cell);
    removeSolidAreas(thick, side);
    const grids = [thick];
    if (red.chromaShare < 0.002) {
      const mid = greyInkGrid(page, cell);
      removeSolidAreas(mid, side);
      grids.push(mid);
    }
    const rings = dedupe(grids.flatMap((g) => [...findGreyRings(g, pxPerMm, dpiGuessed), ...findGreyOvals(g, pxPerMm)]));
    for (const c of rings) {
      found.push({ ...c, colour: 'lost' as const, confidence: Math.min(c.confidence, 0.6) });
    }
  }
  const out: SealCandidate[] = [];
  for (const c of found) {
    const e = c.ellipse;
    const toPage = (v: number): number => v * cell;
    // Outline points are the centres of the outermost ink cells: the ring's edge is ~¼ cell further.
    const coarse: Ellipse = {
      cx: toPage(e.cx),
      cy: toPage(e.cy),
      rx: toPage(e.rx + 0.25),
      ry: toPage(e.ry + 0.25),
      angleDeg: e.angleDeg,
    };
    // The grid fit is good to a cell or two; the arc text is unwrapped from this ellipse, so the
    // ring is fitted again at page resolution.
    const ellipse = refineRingPx(page, coarse, { grey: c.colour === 'lost' });
    const box = clamp([c.box[0] * cell, c.box[1] * cell, c.box[2] * cell, c.box[3] * cell], page.width, page.height);
    out.push({
      ellipse,
      box,
      confidence: c.confidence,
      colour: c.colour,
      evidence: {
        ...c.evidence,
        diameterMm: [round1((2 * ellipse.rx) / pxPerMm), round1((2 * ellipse.ry) / pxPerMm)],
        dpi: Math.round(dpi),
        dpiGuessed,
      },
    });
  }
  return withoutNested(out).sort((a, b) => b.confidence - a.confidence);
}

/**
 * A ring found inside a larger, surer seal (within its ring, touching it at most) is that seal's
 * own ink — the star and the horizontal label (合同专用章) under it make a small oval of ink — not
 * a second seal: no seal is stamped inside another. Counted as one, it would also tell the owner
 * decision that the page carries two seals (and on an employer's form leave both undecided).
 */
export function withoutNested<T extends { ellipse: Ellipse; confidence: number }>(cands: T[]): T[] {
  return cands.filter(
    (c) =>
      !cands.some((o) => {
        if (o === c || o.confidence < c.confidence || c.ellipse.rx * c.ellipse.ry > 0.6 * o.ellipse.rx * o.ellipse.ry) return false;
        // Within the ring's outer edge, give or take its width: the inner ink may touch the ring.
        for (let i = 0; i < 36; i++) {
          const [x, y] = ellipsePoint(c.ellipse, (i / 36) * 2 * Math.PI);
          if (ellipseRho(o.ellipse, x, y) > 1.1) return false;
        }
        return true;
      }),
  );
}

/**
 * Clears filled red areas (an ID photo's background, a red block) from the grid: every cell covered
 * by a square window of `side` cells that is ink throughout, plus one cell around. The window is
 * larger than a seal glyph (≤ 6 mm) and a ring is ~1.5 cells wide, so seal ink never fills it;
 * a filled area next to a seal would otherwise join it into one group and spoil the ellipse fit.
 */
export function removeSolidAreas(grid: InkGrid, side: number): number {
  const { mask, width: W, height: H } = grid;
  if (W < side || H < side) return 0;
  const S = new Int32Array((W + 1) * (H + 1));
  for (let y = 0; y < H; y++) {
    let row = 0;
    for (let x = 0; x < W; x++) {
      row += mask[y * W + x];
      S[(y + 1) * (W + 1) + x + 1] = S[y * (W + 1) + x + 1] + row;
    }
  }
  const clear = new Uint8Array(W * H);
  let n = 0;
  const full = side * side;
  for (let y = 0; y + side <= H; y++) {
    for (let x = 0; x + side <= W; x++) {
      const sum = S[(y + side) * (W + 1) + x + side] - S[y * (W + 1) + x + side] - S[(y + side) * (W + 1) + x] + S[y * (W + 1) + x];
      if (sum < full) continue;
      for (let yy = Math.max(0, y - 1); yy < Math.min(H, y + side + 1); yy++) {
        clear.fill(1, yy * W + Math.max(0, x - 1), yy * W + Math.min(W, x + side + 1));
      }
    }
  }
  // Grow the cleared area over ink that is still dense (≥ 70 % of a 5×5 window): the parts of a
  // filled area too narrow for the window (beside a photo's face). A ring is never that dense.
  const dense = (x: number, y: number): boolean => {
    const x0 = Math.max(0, x - 2);
    const y0 = Math.max(0, y - 2);
    const x1 = Math.min(W, x + 3);
    const y1 = Math.min(H, y + 3);
    const sum = S[y1 * (W + 1) + x1] - S[y0 * (W + 1) + x1] - S[y1 * (W + 1) + x0] + S[y0 * (W + 1) + x0];
    return sum >= 0.7 * (x1 - x0) * (y1 - y0);
  };
  const stack: number[] = [];
  for (let k = 0; k < W * H; k++) if (clear[k]) stack.push(k);
  while (stack.length) {
    const k = stack.pop()!;
    const x = k % W;
    const y = (k - x) / W;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= W || yy >= H) continue;
        const n2 = yy * W + xx;
        if (clear[n2] || !mask[n2] || !dense(xx, yy)) continue;
        clear[n2] = 1;
        stack.push(n2);
      }
    }
  }
  for (let k = 0; k < W * H; k++) {
    if (clear[k] && mask[k]) {
      mask[k] = 0;
      n++;
    }
  }
  if (n) grid.hidden = clear;
  return n;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

interface GridRing {
  ellipse: Ellipse;
  box: Box;
  confidence: number;
  evidence: Omit<SealCandidate['evidence'], 'diameterMm' | 'dpi' | 'dpiGuessed'>;
}

/** Rings in a grid mask, in grid units. */
function findRings(grid: InkGrid, pxPerMm: number, dpiGuessed: boolean, strict = false): GridRing[] {
  const { mask, width: W, height: H, cell } = grid;
  const mmPerCell = cell / pxPerMm;
  // Without a known dpi, the page might be a cropped scan: accept a wider size range.
  const slack = dpiGuessed ? 1.6 : 1;
  const rMin = MIN_DIAMETER_MM / 2 / mmPerCell / slack;
  const rMax = (MAX_DIAMETER_MM / 2 / mmPerCell) * slack;
  const accept = (e: Ellipse): boolean => e.rx <= rMax && e.ry >= rMin * 0.75 && e.rx >= rMin && e.ry / e.rx >= 0.5;

  const out: GridRing[] = [];
  for (const group of groupCells(mask, W, H, Math.max(2, Math.round(rMin * 0.25)))) {
    if (group.length < rMin * 2) continue;
    let outline = outlinePoints(group, W, H);
    let rest = group;
    let foundHere = 0;
    // Each pass takes the best ellipse; a seal found takes its ink out of the group, a fit judged no
    // seal its outline points: overlapping and touching seals.
    for (let pass = 0; pass < 3 && outline.length >= 12; pass++) {
      const fit = ransacEllipse(outline, { tolerance: 1.6, accept, seed: 7 + pass, localShare: 0.3 });
      if (!fit || fit.inliers.length < 10) break;
      // Round seals are 38–42 mm: a circle much smaller is an oval seal's flat sides, not a seal.
      const refined = refineRing(grid, fit.ellipse, (e) => accept(e) && (e.rx + e.ry) * mmPerCell >= 34 / slack);
      // Where the fit was two touching seals taken as one and a circle at one end replaced it, the
      // points used are that circle's own: the rest of the joint outline is the other seal's, and
      // the next pass fits it (an oval employer's seal stamped just above a round one).
      const inliers =
        refined === fit.ellipse ? fit.inliers : outline.flatMap((p, i) => (ellipseDistance(refined, p[0], p[1]) <= 1.6 ? [i] : []));
      const ring = judgeRing(grid, refined, inliers.length / outline.length, strict);
      if (ring) {
        out.push(ring);
        foundHere++;
        // The next pass fits the group's ink outside this seal, outlined afresh: where two seals
        // touch, the joint outline's bridges between them lie on neither ring and would pull the
        // second fit off its seal.
        rest = rest.filter(([x, y]) => ellipseRho(refined, x + 0.5, y + 0.5) > 1.12);
        if (rest.length < rMin * 2) break;
        outline = outlinePoints(rest, W, H);
      } else {
        const used = new Set(inliers);
        outline = outline.filter((_, i) => !used.has(i));
      }
    }
    // A seal joined to other red ink larger than itself (stamped over a red heading, a red rule):
    // the group's outline is the other ink's, and no ellipse fits it. The ring is then searched for
    // as a circle of ink inside the group (as on grey scans), and judged like any other.
    if (foundHere === 0) {
      let x0 = W;
      let y0 = H;
      let x1 = 0;
      let y1 = 0;
      for (const [x, y] of group) {
        if (x < x0) x0 = x;
        if (y < y0) y0 = y;
        if (x > x1) x1 = x;
        if (y > y1) y1 = y;
      }
      if (Math.max(x1 - x0, y1 - y0) > 2.2 * rMax && Math.min(x1 - x0, y1 - y0) > 0.8 * rMin) {
        for (const c of findGreyRings(grid, pxPerMm, dpiGuessed, { x0, y0, x1: x1 + 1, y1: y1 + 1 })) {
          const ring = judgeRing(grid, c.ellipse, c.evidence.fitShare, strict);
          if (ring) out.push(ring);
        }
      }
    }
  }
  return dedupe(out);
}

/**
 * How well an ellipse sits on a ring of ink: ink on the ring's outer band (ρ 0.9–1.0) minus ink
 * just outside it (ρ 1.08–1.16), over the angles where the ellipse is on the page.
 */
function ringScore(grid: InkGrid, e: Ellipse): number {
  const N = 72;
  let vis = 0;
  let s = 0;
  for (let i = 0; i < N; i++) {
    const t = (i / N) * Math.PI * 2;
    let on = 0;
    let seen = false;
    for (const k of [0.9, 0.95, 1.0]) {
      const [x, y] = ellipsePoint(e, t, k);
      const v = inkAt(grid, x, y);
      if (v >= 0) seen = true;
      if (v === 1) on = 1;
    }
    if (!seen) continue;
    vis++;
    let off = 0;
    for (const k of [1.08, 1.16]) if (inkAt(grid, ...ellipsePoint(e, t, k)) === 1) off = 1;
    s += on - 0.7 * off;
  }
  return vis >= N * 0.35 ? s / vis : -1;
}

/**
 * Refines an oblong fitted ellipse. Where two seals overlap, the hull of their joint ink fits
 * neither; a circle climbed on ringScore (centre, radii, angle in small steps) walks onto one
 * seal's own ring. A real oval seal keeps its fit: no circle scores as well on its ring.
 */
function refineRing(grid: InkGrid, e0: Ellipse, accept: (e: Ellipse) => boolean): Ellipse {
  // A fit that is near round is kept as it is. An oblong fit may be two overlapping round seals
  // taken as one: circles of its short radius at its centre and at either end of its long axis are
  // climbed onto the ink, and the best of them replaces the fit if it sits better on a ring.
  if (e0.ry >= e0.rx * 0.95) return e0;
  let out = e0;
  let outS = ringScore(grid, e0);
  const a = (e0.angleDeg * Math.PI) / 180;
  // The circles start at the fit's short radius and smaller: two seals of different sizes (an oval
  // above a round one) make a joint outline whose short radius is larger than the round seal's,
  // and a circle climbed from too large a start finds no ink on its ring to climb by. An end circle
  // stays inside the fit's end.
  for (const f of [1, 0.85, 0.72]) {
    const r0 = e0.ry * f;
    const d = e0.rx - r0;
    for (const k of f === 1 ? [0, -1, 1] : [-1, 1]) {
      const st: Ellipse = { cx: e0.cx + k * d * Math.cos(a), cy: e0.cy + k * d * Math.sin(a), rx: r0, ry: r0, angleDeg: 0 };
      if (!accept(st)) continue;
      const r = climbRing(grid, st, accept);
      if (r.score > outS) {
        out = r.e;
        outS = r.score;
      }
    }
  }
  return out;
}

function climbRing(grid: InkGrid, e0: Ellipse, accept: (e: Ellipse) => boolean): { e: Ellipse; score: number } {
  let best = e0;
  let bestS = ringScore(grid, e0);
  const steps: Array<(e: Ellipse, d: number) => Ellipse> = [
    (e, d) => ({ ...e, cx: e.cx + d }),
    (e, d) => ({ ...e, cy: e.cy + d }),
    (e, d) => ({ ...e, rx: e.rx + d }),
    (e, d) => ({ ...e, ry: e.ry + d }),
    (e, d) => ({ ...e, rx: e.rx + d, ry: e.ry + d }),
    (e, d) => ({ ...e, angleDeg: e.angleDeg + d * 6 }),
  ];
  for (let iter = 0; iter < 80; iter++) {
    let improved = false;
    for (const step of steps) {
      for (const d of [-1, 1, -0.5, 0.5]) {
        const c = step(best, d);
        if (c.ry > c.rx) continue;
        if (!accept(c)) continue;
        const sc = ringScore(grid, c);
        if (sc > bestS + 1e-9) {
          best = c;
          bestS = sc;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return { e: best, score: bestS };
}

/** 8-connected groups of ink cells, joined across gaps of up to `join` cells (faded ring parts). */
function groupCells(mask: Uint8Array, W: number, H: number, join: number): Pt[][] {
  const label = new Int32Array(W * H).fill(-1);
  const groups: Pt[][] = [];
  const stack: number[] = [];
  for (let start = 0; start < W * H; start++) {
    if (!mask[start] || label[start] >= 0) continue;
    const id = groups.length;
    const pts: Pt[] = [];
    label[start] = id;
    stack.push(start);
    while (stack.length) {
      const k = stack.pop()!;
      const x = k % W;
      const y = (k - x) / W;
      pts.push([x, y]);
      for (let dy = -join; dy <= join; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= H) continue;
        for (let dx = -join; dx <= join; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= W) continue;
          const n = yy * W + xx;
          if (mask[n] && label[n] < 0) {
            label[n] = id;
            stack.push(n);
          }
        }
      }
    }
    groups.push(pts);
  }
  return groups;
}

/**
 * Points along the convex hull of a group, one per cell of its perimeter, leaving out the parts
 * that run along the page edge (a seal cut by the edge is outlined by the edge there, not by ink).
 */
function outlinePoints(group: Pt[], W: number, H: number): Pt[] {
  // Cell centres, so that the outline runs through the middle of the ring's outer cells.
  const hull = convexHull(group.map(([x, y]) => [x + 0.5, y + 0.5] as Pt));
  const out: Pt[] = [];
  const onEdge = (x: number, y: number): boolean => x < 1.5 || y < 1.5 || x > W - 1.5 || y > H - 1.5;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i];
    const b = hull[(i + 1) % hull.length];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const n = Math.max(1, Math.round(len));
    for (let k = 0; k < n; k++) {
      const x = a[0] + ((b[0] - a[0]) * k) / n;
      const y = a[1] + ((b[1] - a[1]) * k) / n;
      if (!onEdge(x, y)) out.push([x, y]);
    }
  }
  return out;
}

/** 1 ink, 0 paper, -1 unknown: off the page, or in a filled area cleared from the grid. */
function inkAt(grid: InkGrid, x: number, y: number): number {
  const xi = Math.floor(x);
  const yi = Math.floor(y);
  if (xi < 0 || yi < 0 || xi >= grid.width || yi >= grid.height) return -1;
  const k = yi * grid.width + xi;
  if (grid.hidden?.[k]) return -1;
  return grid.mask[k];
}

/** Does the ink around this ellipse look like a stamp? Returns the ring with its evidence, or null. */
function judgeRing(grid: InkGrid, e: Ellipse, fitShare: number, strict: boolean): GridRing | null {
  const N = 90;
  let visible = 0;
  let hits = 0;
  for (let i = 0; i < N; i++) {
    const t = (i / N) * Math.PI * 2;
    let inside = false;
    let hit = false;
    for (const k of [0.86, 0.9, 0.94, 0.98]) {
      const [x, y] = ellipsePoint(e, t, k);
      const v = inkAt(grid, x, y);
      if (v >= 0) inside = true;
      if (v === 1) hit = true;
    }
    if (inside) visible++;
    if (hit) hits++;
  }
  if (visible < N * 0.35) return null;
  const ringCoverage = hits / visible;

  // Inside and just outside the ring, over the ellipse's box.
  let inN = 0;
  let inInk = 0;
  let outN = 0;
  let outInk = 0;
  let bx0 = Infinity;
  let by0 = Infinity;
  let bx1 = -Infinity;
  let by1 = -Infinity;
  const R = e.rx * 1.35;
  const x0 = Math.max(0, Math.floor(e.cx - R));
  const x1 = Math.min(grid.width - 1, Math.ceil(e.cx + R));
  const y0 = Math.max(0, Math.floor(e.cy - R));
  const y1 = Math.min(grid.height - 1, Math.ceil(e.cy + R));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const rho = ellipseRho(e, x + 0.5, y + 0.5);
      const v = grid.mask[y * grid.width + x];
      if (rho < 0.8) {
        inN++;
        inInk += v;
      } else if (rho > 1.15 && rho < 1.35) {
        outN++;
        outInk += v;
      }
      // The ink box: the seal's own ink, plus ink that bleeds just past the ring.
      if (v && rho < 1.12) {
        if (x < bx0) bx0 = x;
        if (y < by0) by0 = y;
        if (x > bx1) bx1 = x;
        if (y > by1) by1 = y;
      }
    }
  }
  const interiorFill = inN ? inInk / inN : 1;
  const outsideFill = outN ? outInk / outN : 0;
  // A filled red area (ID-photo background) is ink inside and out; a seal is a ring around paper
  // with some text: measured fills of generated seals are 0.15–0.5.
  const minCoverage = strict ? 0.8 : 0.6;
  if (ringCoverage < minCoverage || interiorFill > 0.7 || interiorFill < 0.03 || outsideFill > 0.45) return null;
  if (strict && (interiorFill > 0.5 || outsideFill > 0.15)) return null;
  const confidence = Math.max(
    0,
    Math.min(1, 0.35 + 0.45 * (ringCoverage - 0.6) / 0.4 + 0.2 * Math.min(1, fitShare / 0.6) - outsideFill),
  );
  return {
    ellipse: e,
    box: [bx0, by0, bx1 - bx0 + 1, by1 - by0 + 1],
    confidence: Math.round(confidence * 100) / 100,
    evidence: {
      ringCoverage: Math.round(ringCoverage * 100) / 100,
      interiorFill: Math.round(interiorFill * 100) / 100,
      visible: Math.round((visible / N) * 100) / 100,
      fitShare: Math.round(fitShare * 100) / 100,
    },
  };
}

/** The same seal found twice (two passes, two groups) is kept once: the more confident. */
function dedupe(rings: GridRing[]): GridRing[] {
  const sorted = [...rings].sort((a, b) => b.confidence - a.confidence);
  const kept: GridRing[] = [];
  for (const r of sorted) {
    const dup = kept.some(
      (k) => Math.hypot(k.ellipse.cx - r.ellipse.cx, k.ellipse.cy - r.ellipse.cy) < 0.5 * Math.min(k.ellipse.ry, r.ellipse.ry),
    );
    if (!dup) kept.push(r);
  }
  return kept;
}

/**
 * The grey ring searches sample a curve at 72 angles and need ink at ≥ 92 % of those on the page:
 * six misses (of at most 72) already rule a curve out, so sampling stops there. The angles are
 * visited spread out (29 is prime to 72), so that a curve off the ink misses within a few samples;
 * the share of a curve that is sampled to the end is the same in any order.
 */
const RING_SAMPLES = 72;
const RING_MAX_MISS = Math.floor((1 - 0.92) * RING_SAMPLES);
const SPREAD = Int16Array.from({ length: RING_SAMPLES }, (_, j) => (j * 29) % RING_SAMPLES);

/**
 * Rings on a grey-scale page, where print and seal are the same colour and the page's text joins
 * everything into one blob. A seal's ring is a thin closed curve: along a circle of the right
 * radius nearly every angle finds ink, and a little inside and outside of it much less does.
 * Body text gives the same coverage at every radius, so it has no such peak. Circles of seal
 * sizes (26–49 mm) are tried around every few cells; the best peaks are refined and judged.
 */
function findGreyRings(
  grid: InkGrid,
  pxPerMm: number,
  dpiGuessed: boolean,
  region?: { x0: number; y0: number; x1: number; y1: number },
): GridRing[] {
  const { width: W, height: H, cell } = grid;
  const mmPerCell = cell / pxPerMm;
  const slack = dpiGuessed ? 1.3 : 1;
  const rMin = Math.floor(MIN_DIAMETER_MM / 2 / mmPerCell / slack);
  const rMax = Math.ceil((MAX_DIAMETER_MM / 2 / mmPerCell) * slack);
  const A = RING_SAMPLES;
  const cosT = Float64Array.from({ length: A }, (_, i) => Math.cos((i / A) * 2 * Math.PI));
  const sinT = Float64Array.from({ length: A }, (_, i) => Math.sin((i / A) * 2 * Math.PI));
  // Ink within ±1 cell of the circle (a ring is ~1.5 cells wide, a fit is off by one).
  const m = rMax + 8;
  const near = nearInk(grid, Math.max(0, (region?.x0 ?? 0) - m), Math.max(0, (region?.y0 ?? 0) - m), Math.min(W, (region?.x1 ?? W) + m), Math.min(H, (region?.y1 ?? H) + m));
  const cover = (cx: number, cy: number, r: number, m: Uint8Array, maxMiss = A): { share: number; visible: number } => {
    let vis = 0;
    let hit = 0;
    for (let j = 0; j < A; j++) {
      const i = SPREAD[j];
      const x = Math.round(cx + r * cosT[i]);
      const y = Math.round(cy + r * sinT[i]);
      if (x < 0 || y < 0 || x >= W || y >= H) continue;
      vis++;
      hit += m[y * W + x];
      if (vis - hit > maxMiss) return { share: 0, visible: 1 };
    }
    return { share: vis ? hit / vis : 0, visible: vis / A };
  };
  // Peak score: coverage on the ring minus the larger coverage 4–6 cells outside it.
  const score = (cx: number, cy: number, r: number): { s: number; share: number; visible: number } => {
    const on = cover(cx, cy, r, near, RING_MAX_MISS);
    if (on.visible < 0.5 || on.share < 0.92) return { s: 0, share: on.share, visible: on.visible };
    // Outside the ring only: inside it lies the seal's own text. Both on the same dilated mask, so
    // that print around gives the same coverage on and off the circle.
    const outside = Math.max(cover(cx, cy, r + 4, near).share, cover(cx, cy, r + 6, near).share);
    return { s: on.share - outside, share: on.share, visible: on.visible };
  };
  const cands: Array<{ cx: number; cy: number; r: number; s: number; share: number; visible: number }> = [];
  const step = 2;
  const rx0 = Math.max(0, region?.x0 ?? 0);
  const ry0 = Math.max(0, region?.y0 ?? 0);
  const rx1 = Math.min(W, region?.x1 ?? W);
  const ry1 = Math.min(H, region?.y1 ?? H);
  for (let cy = ry0; cy < ry1; cy += step) {
    for (let cx = rx0; cx < rx1; cx += step) {
      let best = { cx, cy, r: 0, s: 0, share: 0, visible: 0 };
      for (let r = rMin; r <= rMax; r++) {
        const sc = score(cx, cy, r);
        if (sc.s > best.s) best = { cx, cy, r, ...sc };
      }
      if (best.s >= 0.3) cands.push(best);
    }
  }
  cands.sort((a, b) => b.s - a.s);
  const out: GridRing[] = [];
  for (const c0 of cands) {
    if (out.some((o) => Math.hypot(o.ellipse.cx - c0.cx, o.ellipse.cy - c0.cy) < o.ellipse.rx)) continue;
    // Refine to the cell around the coarse peak.
    let c = c0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (let dr = -1; dr <= 1; dr++) {
          const sc = score(c0.cx + dx, c0.cy + dy, c0.r + dr);
          if (sc.s > c.s) c = { cx: c0.cx + dx, cy: c0.cy + dy, r: c0.r + dr, ...sc };
        }
      }
    }
    // The ring's text band holds ink (a seal has its name inside the ring), its middle some paper.
    const e: Ellipse = { cx: c.cx + 0.5, cy: c.cy + 0.5, rx: c.r + 0.5, ry: c.r + 0.5, angleDeg: 0 };
    const interiorFill = interiorInk(grid, e, c.cx, c.cy, c.r);
    if (interiorFill < 0.03 || interiorFill > 0.8) continue;
    out.push(gridRing(grid, e, c.r, c, interiorFill));
    if (out.length >= 4) break;
  }
  return out;
}

/**
 * Oval seals (45 × 30 mm) on a grey-scale page: the circle search of findGreyRings misses them, a
 * circle never lies on an oval's ring. Ellipses of the oval size (±5 %), turned in 10° steps, are
 * scored the same way: ink nearly all along the ring, much less just outside it.
 */
function findGreyOvals(grid: InkGrid, pxPerMm: number): GridRing[] {
  const { width: W, height: H, cell } = grid;
  const mmPerCell = cell / pxPerMm;
  const A = RING_SAMPLES;
  // Ink within ±1 cell of the curve, as for circles.
  const near = nearInk(grid, 0, 0, W, H);
  interface Shape {
    rx: number;
    ry: number;
    angleDeg: number;
    on: Int16Array;
    out1: Int16Array;
    out2: Int16Array;
  }
  const shapes: Shape[] = [];
  const offsets = (rx: number, ry: number, a: number): Int16Array => {
    const o = new Int16Array(2 * A);
    for (let i = 0; i < A; i++) {
      const t = (i / A) * 2 * Math.PI;
      const u = rx * Math.cos(t);
      const v = ry * Math.sin(t);
      o[2 * i] = Math.round(u * Math.cos(a) - v * Math.sin(a));
      o[2 * i + 1] = Math.round(u * Math.sin(a) + v * Math.cos(a));
    }
    return o;
  };
  for (const scale of [0.95, 1, 1.05]) {
    const rx = (22.5 / mmPerCell) * scale;
    const ry = (15 / mmPerCell) * scale;
    for (let deg = 0; deg < 180; deg += 10) {
      const a = (deg * Math.PI) / 180;
      shapes.push({ rx, ry, angleDeg: deg, on: offsets(rx, ry, a), out1: offsets(rx + 4, ry + 4, a), out2: offsets(rx + 6, ry + 6, a) });
    }
  }
  const cover = (cx: number, cy: number, o: Int16Array, maxMiss = A): { share: number; visible: number } => {
    let vis = 0;
    let hit = 0;
    for (let j = 0; j < A; j++) {
      const i = SPREAD[j];
      const x = cx + o[2 * i];
      const y = cy + o[2 * i + 1];
      if (x < 0 || y < 0 || x >= W || y >= H) continue;
      vis++;
      hit += near[y * W + x];
      if (vis - hit > maxMiss) return { share: 0, visible: 1 };
    }
    return { share: vis ? hit / vis : 0, visible: vis / A };
  };
  const cands: Array<{ cx: number; cy: number; shape: Shape; s: number; share: number; visible: number }> = [];
  for (let cy = 0; cy < H; cy += 2) {
    for (let cx = 0; cx < W; cx += 2) {
      let best: (typeof cands)[number] | null = null;
      for (const shape of shapes) {
        const on = cover(cx, cy, shape.on, RING_MAX_MISS);
        if (on.visible < 0.5 || on.share < 0.92) continue;
        const s = on.share - Math.max(cover(cx, cy, shape.out1).share, cover(cx, cy, shape.out2).share);
        if (!best || s > best.s) best = { cx, cy, shape, s, share: on.share, visible: on.visible };
      }
      if (best && best.s >= 0.35) cands.push(best);
    }
  }
  cands.sort((a, b) => b.s - a.s);
  const out: GridRing[] = [];
  for (const c of cands) {
    if (out.some((o) => Math.hypot(o.ellipse.cx - c.cx, o.ellipse.cy - c.cy) < o.ellipse.rx)) continue;
    const e: Ellipse = { cx: c.cx + 0.5, cy: c.cy + 0.5, rx: c.shape.rx + 0.5, ry: c.shape.ry + 0.5, angleDeg: c.shape.angleDeg };
    const interiorFill = interiorInk(grid, e, c.cx, c.cy, e.rx);
    if (interiorFill < 0.03 || interiorFill > 0.8) continue;
    out.push(gridRing(grid, e, e.rx, c, interiorFill));
    if (out.length >= 4) break;
  }
  return out;
}

/** Cells of [x0, x1) × [y0, y1) with ink in them or in one of their eight neighbours. */
function nearInk(grid: InkGrid, x0: number, y0: number, x1: number, y1: number): Uint8Array {
  const { mask, width: W, height: H } = grid;
  const near = new Uint8Array(W * H);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      let v = 0;
      for (let dy = -1; dy <= 1 && !v; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= H) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < W && mask[yy * W + xx]) {
            v = 1;
            break;
          }
        }
      }
      near[y * W + x] = v;
    }
  }
  return near;
}

/** Share of inked cells inside 0.8 of ellipse e (searched in the square of half-side r about cx, cy). */
function interiorInk(grid: InkGrid, e: Ellipse, cx: number, cy: number, r: number): number {
  const { mask, width: W, height: H } = grid;
  let inN = 0;
  let inInk = 0;
  for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(H - 1, cy + r); y++) {
    for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(W - 1, cx + r); x++) {
      if (ellipseRho(e, x + 0.5, y + 0.5) < 0.8) {
        inN++;
        inInk += mask[y * W + x];
      }
    }
  }
  return inN ? inInk / inN : 1;
}

/** A ring found in the grid: its ellipse, the square of half-side r around it, and the evidence. */
function gridRing(grid: InkGrid, e: Ellipse, r: number, c: { cx: number; cy: number; s: number; share: number; visible: number }, interiorFill: number): GridRing {
  const { width: W, height: H } = grid;
  const round2 = (v: number) => Math.round(v * 100) / 100;
  const x0 = Math.max(0, Math.floor(c.cx - r - 1));
  const y0 = Math.max(0, Math.floor(c.cy - r - 1));
  return {
    ellipse: e,
    box: [x0, y0, Math.min(W, Math.ceil(c.cx + r + 2)) - x0, Math.min(H, Math.ceil(c.cy + r + 2)) - y0],
    confidence: round2(Math.max(0, Math.min(0.6, c.s))),
    evidence: { ringCoverage: round2(c.share), interiorFill: round2(interiorFill), visible: round2(c.visible), fitShare: round2(c.s) },
  };
}
