/**
 * Ellipses from boundary points: a least-squares conic fit and a RANSAC loop around it, so that
 * the outline of two overlapping seals, or of a seal with a faded side, still gives each ellipse.
 */
import type { Ellipse } from '../../model/geometry.ts';

export type Pt = [number, number];

/** Solves a small dense linear system in place (Gaussian elimination, partial pivoting). */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (Math.abs(a[p][c]) < 1e-12) return null;
    [a[c], a[p]] = [a[p], a[c]];
    [b[c], b[p]] = [b[p], b[c]];
    for (let r = c + 1; r < n; r++) {
      const f = a[r][c] / a[c][c];
      for (let k = c; k < n; k++) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= a[r][k] * x[k];
    x[r] = s / a[r][r];
  }
  return x;
}

/**
 * Least-squares conic Ax²+Bxy+Cy²+Dx+Ey+F=0 under A+C=1 (which excludes the trivial zero and,
 * unlike F=1, does not depend on where the origin is), converted to centre, radii and angle.
 */
export function fitEllipse(points: Pt[]): Ellipse | null {
  if (points.length < 5) return null;
  let mx = 0;
  let my = 0;
  for (const [x, y] of points) {
    mx += x;
    my += y;
  }
  mx /= points.length;
  my /= points.length;
  let s = 0;
  for (const [x, y] of points) s += Math.hypot(x - mx, y - my);
  s = s / points.length || 1;
  const ata = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  const atb = new Array<number>(5).fill(0);
  for (const [px, py] of points) {
    const x = (px - mx) / s;
    const y = (py - my) / s;
    // A = 0.5 + u, C = 0.5 - u  →  u(x²-y²) + Bxy + Dx + Ey + F = -(x²+y²)/2
    const row = [x * x - y * y, x * y, x, y, 1];
    const rhs = -(x * x + y * y) / 2;
    for (let i = 0; i < 5; i++) {
      atb[i] += row[i] * rhs;
      for (let j = 0; j < 5; j++) ata[i][j] += row[i] * row[j];
    }
  }
  const sol = solve(ata, atb);
  if (!sol) return null;
  const [u, B, D, E, F] = sol;
  const A = 0.5 + u;
  const C = 0.5 - u;
  const det = 4 * A * C - B * B;
  if (det <= 1e-9) return null; // not an ellipse
  const x0 = (B * E - 2 * C * D) / det;
  const y0 = (B * D - 2 * A * E) / det;
  const f0 = A * x0 * x0 + B * x0 * y0 + C * y0 * y0 + D * x0 + E * y0 + F;
  const t = 0.5 * Math.atan2(B, A - C);
  const l1 = A * Math.cos(t) ** 2 + B * Math.cos(t) * Math.sin(t) + C * Math.sin(t) ** 2;
  const l2 = A * Math.sin(t) ** 2 - B * Math.cos(t) * Math.sin(t) + C * Math.cos(t) ** 2;
  if (l1 <= 0 || l2 <= 0 || f0 >= 0) return null;
  let rx = Math.sqrt(-f0 / l1) * s;
  let ry = Math.sqrt(-f0 / l2) * s;
  let angle = (t * 180) / Math.PI;
  // Convention: rx is the longer radius, angle in (-90, 90].
  if (ry > rx) {
    [rx, ry] = [ry, rx];
    angle += 90;
  }
  while (angle > 90) angle -= 180;
  while (angle <= -90) angle += 180;
  return { cx: x0 * s + mx, cy: y0 * s + my, rx, ry, angleDeg: angle };
}

/** Normalised radius of a point in the ellipse's frame: 1 on the outline, 0 at the centre. */
export function ellipseRho(e: Ellipse, x: number, y: number): number {
  const t = (e.angleDeg * Math.PI) / 180;
  const dx = x - e.cx;
  const dy = y - e.cy;
  const u = (dx * Math.cos(t) + dy * Math.sin(t)) / e.rx;
  const v = (-dx * Math.sin(t) + dy * Math.cos(t)) / e.ry;
  return Math.sqrt(u * u + v * v);
}

/** Approximate distance of a point to the outline (radial, exact on a circle). */
export function ellipseDistance(e: Ellipse, x: number, y: number): number {
  const rho = ellipseRho(e, x, y);
  const d = Math.hypot(x - e.cx, y - e.cy);
  return rho > 1e-9 ? (d * Math.abs(rho - 1)) / rho : Math.min(e.rx, e.ry);
}

/** The point of the outline at parameter t (radians), scaled by k. */
export function ellipsePoint(e: Ellipse, t: number, k = 1): Pt {
  const a = (e.angleDeg * Math.PI) / 180;
  const u = e.rx * k * Math.cos(t);
  const v = e.ry * k * Math.sin(t);
  return [e.cx + u * Math.cos(a) - v * Math.sin(a), e.cy + u * Math.sin(a) + v * Math.cos(a)];
}

export interface RansacOptions {
  tolerance: number;
  accept: (e: Ellipse) => boolean;
  iterations?: number;
  seed?: number;
  /**
   * Points are in order along an outline (a convex hull): when the free search finds no ellipse
   * at all, samples are also drawn from stretches of this share of the outline. Two
   * overlapping seals each give the joint outline one unbroken arc; five points picked anywhere
   * rarely all fall on the same one, five from one stretch mostly do.
   */
  localShare?: number;
}

/** The ellipse through most points (within `tolerance`), refined on its inliers; null if none. */
export function ransacEllipse(points: Pt[], opts: RansacOptions): { ellipse: Ellipse; inliers: number[] } | null {
  if (points.length < 8) return null;
  let seed = opts.seed ?? 12345;
  // Deterministic: the same page gives the same seals.
  const rng = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  const inliersOf = (e: Ellipse): number[] => {
    const out: number[] = [];
    for (let i = 0; i < points.length; i++) {
      if (ellipseDistance(e, points[i][0], points[i][1]) <= opts.tolerance) out.push(i);
    }
    return out;
  };
  let best: { ellipse: Ellipse; inliers: number[] } | null = null;
  // A direct fit first: most groups hold one unbroken seal.
  const direct = fitEllipse(points);
  if (direct && opts.accept(direct)) best = { ellipse: direct, inliers: inliersOf(direct) };
  if (best && best.inliers.length >= 0.9 * points.length) return best;
  const iterations = opts.iterations ?? 150;
  for (let it = 0; it < iterations; it++) {
    const sample: Pt[] = [];
    for (let k = 0; k < 5; k++) sample.push(points[Math.floor(rng() * points.length)]);
    const e = fitEllipse(sample);
    if (!e || !opts.accept(e)) continue;
    const inl = inliersOf(e);
    if (!best || inl.length > best.inliers.length) best = { ellipse: e, inliers: inl };
  }
  // Only when the free search found nothing: where it found an ellipse, that fit is kept as it was.
  if (opts.localShare && !best) {
    const win = Math.max(5, Math.round(points.length * opts.localShare));
    for (let it = 0; it < iterations; it++) {
      const start = Math.floor(rng() * points.length);
      const sample: Pt[] = [];
      for (let k = 0; k < 5; k++) sample.push(points[(start + Math.floor(rng() * win)) % points.length]);
      const e = fitEllipse(sample);
      if (!e || !opts.accept(e)) continue;
      const inl = inliersOf(e);
      if (!best || inl.length > best.inliers.length) best = { ellipse: e, inliers: inl };
    }
  }
  if (!best) return null;
  for (let round = 0; round < 2; round++) {
    const refined = fitEllipse(best.inliers.map((i) => points[i]));
    if (!refined || !opts.accept(refined)) break;
    const inl = inliersOf(refined);
    if (inl.length < best.inliers.length) break;
    best = { ellipse: refined, inliers: inl };
  }
  return best;
}

/** Convex hull (Andrew's monotone chain), counter-clockwise in image coordinates. */
export function convexHull(points: Pt[]): Pt[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: Pt, a: Pt, b: Pt): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Pt[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Pt[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop();
    upper.push(q);
  }
  upper.pop();
  lower.pop();
  return lower.concat(upper);
}
