import sharp from 'sharp';
import type { Canvas } from '@napi-rs/canvas';
import type { Box, Ellipse } from '../../src/model/geometry.ts';
import type { RawImage } from '../../src/model/image.ts';
import type { Rng } from './rng.ts';

/** How a drawn page is turned into a scan or a photograph. Unset fields are drawn from the seed. */
export interface DegradeOptions {
  /** Clockwise quarter turns applied before storing (a page scanned sideways / upside down). */
  rotation?: 0 | 90 | 180 | 270;
  /** Small extra turn, degrees, signed (the page lay crooked on the glass). */
  skewDeg?: number;
  /** Gaussian blur sigma in stored pixels; 0 = none. */
  blurSigma?: number;
  /** Std-dev of sensor noise, 0..255 scale. */
  noise?: number;
  /** JPEG quality the page went through (also for PNG/PDF pages: damage from an earlier save). */
  jpegQuality?: number;
  /** Photographed with a phone: perspective, background around the page, shadow gradient. */
  camera?: boolean;
  /** Paper tint multiplied into the page, RGB 0..1. */
  tint?: [number, number, number];
  /** 0..1: how uneven the lighting is (scanner lamp falloff, a shadow across a photo). */
  lighting?: number;
  /** Greyscale scan: seals lose their colour. */
  grey?: boolean;
  /** Shrink factor applied after drawing (a scan saved small). 1 = keep. */
  scale?: number;
  /** The page was folded: a faint crease across it (shadow plus highlight). */
  fold?: boolean;
  /** Scanned with the lid open: dark instead of white around a skewed page. */
  darkBorder?: boolean;
}

type Mat3 = number[]; // row-major 3×3

function apply(h: Mat3, x: number, y: number): [number, number] {
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

function invert(m: Mat3): Mat3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d].map((v) => v / det);
}

/** The homography that takes the four `src` corners to the four `dst` corners (8×8 solve). */
function homography(src: [number, number][], dst: [number, number][]): Mat3 {
  const A: number[][] = [];
  for (let k = 0; k < 4; k++) {
    const [x, y] = src[k];
    const [u, v] = dst[k];
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let piv = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(A[r][col]) > Math.abs(A[piv][col])) piv = r;
    [A[col], A[piv]] = [A[piv], A[col]];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const f = A[r][col] / A[col][col];
      for (let c = col; c < 9; c++) A[r][c] -= f * A[col][c];
    }
  }
  const h = A.map((row, r) => row[8] / row[r]);
  return [...h, 1];
}

/** What became of the drawn page: pixels as stored, and how to carry truth geometry along. */
export interface ScannedPage {
  image: RawImage;
  rotation: 0 | 90 | 180 | 270;
  skewDeg: number;
  /** Drawn-page box → box in the upright page (skew and perspective kept, rotation undone). */
  toUpright(b: Box): Box;
  /** Upright-page box → box in the stored page. */
  rotateBox(b: Box): Box;
  ellipse(e: Ellipse): { upright: Ellipse; stored: Ellipse };
  /** Size of the upright page (before the quarter turn). */
  uprightSize: [number, number];
  /** Linear size factor from drawn to stored pixels (for the clarity label). */
  scale: number;
}

function smoothField(rng: Rng, w: number, h: number, cells: number): (x: number, y: number) => number {
  const gw = cells + 2, gh = cells + 2;
  const g = Float32Array.from({ length: gw * gh }, () => rng.next());
  const sx = cells / w, sy = cells / h;
  return (x, y) => {
    const fx = x * sx, fy = y * sy;
    const ix = Math.floor(fx), iy = Math.floor(fy);
    const tx = fx - ix, ty = fy - iy;
    const a = g[iy * gw + ix], b = g[iy * gw + ix + 1], c = g[(iy + 1) * gw + ix], d = g[(iy + 1) * gw + ix + 1];
    return (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty;
  };
}

/**
 * Scans (or photographs) a drawn page: paper tint, perspective/skew with a background around the
 * page, uneven light, quarter turn, blur, noise and JPEG damage — in the order a real scan gets them.
 */
export async function scan(page: Canvas, o: Required<Omit<DegradeOptions, 'jpegQuality'>> & { jpegQuality?: number }, rng: Rng): Promise<ScannedPage> {
  const W0 = page.width, H0 = page.height;
  const sc = o.scale;
  const W = Math.round(W0 * sc), H = Math.round(H0 * sc);
  if (o.fold) {
    // Letters are folded in three, forms in half: a crease at a third or half of the height.
    const g = page.getContext('2d');
    const y = H0 * rng.pick([1 / 3, 1 / 2, 2 / 3]) + rng.float(-0.02, 0.02) * H0;
    const tilt = rng.float(-0.01, 0.01) * W0;
    const w = Math.max(2, W0 / 400);
    g.save();
    g.lineWidth = w;
    g.strokeStyle = 'rgba(0,0,0,0.07)';
    g.beginPath(); g.moveTo(0, y); g.lineTo(W0, y + tilt); g.stroke();
    g.strokeStyle = 'rgba(255,255,255,0.5)';
    g.beginPath(); g.moveTo(0, y + w); g.lineTo(W0, y + tilt + w); g.stroke();
    g.restore();
  }
  const src = page.getContext('2d').getImageData(0, 0, W0, H0).data;

  // Where the page's corners land in the output frame.
  let Wo = W, Ho = H;
  let quad: [number, number][] = [[0, 0], [W, 0], [W, H], [0, H]];
  if (o.camera) {
    const mx = rng.float(0.04, 0.12) * W, my = rng.float(0.04, 0.1) * H;
    Wo = Math.round(W + 2 * mx);
    Ho = Math.round(H + 2 * my);
    const j = () => rng.float(-0.025, 0.025);
    quad = quad.map(([x, y]) => [x + mx + j() * W, y + my + j() * H]);
  }
  const t = (o.skewDeg * Math.PI) / 180;
  const cxo = Wo / 2, cyo = Ho / 2;
  quad = quad.map(([x, y]) => [cxo + (x - cxo) * Math.cos(t) - (y - cyo) * Math.sin(t), cyo + (x - cxo) * Math.sin(t) + (y - cyo) * Math.cos(t)]);
  const S = homography([[0, 0], [W0, 0], [W0, H0], [0, H0]], quad);
  const Si = invert(S);

  const tint = o.tint;
  const paper = smoothField(rng, W0, H0, 6);
  const light = smoothField(rng, Wo, Ho, 3);
  const ang = rng.float(0, Math.PI * 2);
  const dx = Math.cos(ang), dy = Math.sin(ang);
  const shadow = o.camera && rng.chance(0.6);
  const shadowPos = rng.float(0.2, 0.5), shadowSoft = rng.float(0.05, 0.2);
  const bg = o.camera
    ? rng.pick([[120, 90, 60], [70, 70, 75], [40, 60, 45], [160, 150, 135], [30, 30, 32]])
    : ((v: number) => [v, v, v + rng.int(-4, 2)])(o.darkBorder ? rng.int(20, 60) : rng.int(225, 250)); // scanner lid, or none

  // Light and paper texture are smooth: evaluate them once per 8×8 block of the output.
  const B = 8;
  const bw = Math.ceil(Wo / B), bh = Math.ceil(Ho / B);
  const fac = new Float32Array(bw * bh * 4); // page r, g, b factor; background factor
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const x = bx * B + B / 2, y = by * B + B / 2;
      const along = ((x - cxo) * dx + (y - cyo) * dy) / Math.max(Wo, Ho);
      let l = 1 - o.lighting * (0.18 * (along + 0.5) + 0.12 * light(x, y));
      if (shadow) {
        const sp = (x / Wo) * dx + (y / Ho) * dy;
        l *= 1 - (0.35 * o.lighting) / (1 + Math.exp(-(sp - shadowPos) / shadowSoft));
      }
      l = Math.min(1, l);
      const p = (0.97 + 0.03 * paper((x / Wo) * W0, (y / Ho) * H0)) * l;
      const i = (by * bw + bx) * 4;
      fac[i] = tint[0] * p;
      fac[i + 1] = tint[1] * p;
      fac[i + 2] = tint[2] * p;
      fac[i + 3] = l;
    }
  }
  const out = Buffer.alloc(Wo * Ho * 3);
  // Inverse mapping with the homography stepped along each row (no allocation per pixel: a
  // 300 dpi A4 page is 8.7 million pixels). A page laid straight takes the direct path.
  const identity = !o.camera && o.skewDeg === 0 && W === W0 && H === H0;
  const [a0, a1, a2, a3, a4, a5, a6, a7, a8] = Si;
  const bgNoise = noiseTable(rng);
  const grey = o.grey;
  const [bg0, bg1, bg2] = bg;
  let k = 0;
  for (let y = 0; y < Ho; y++) {
    const yc = y + 0.5;
    const frow = Math.floor(y / B) * bw;
    let nu = a0 * 0.5 + a1 * yc + a2, nv = a3 * 0.5 + a4 * yc + a5, nw = a6 * 0.5 + a7 * yc + a8;
    for (let x = 0; x < Wo; x++, nu += a0, nv += a3, nw += a6) {
      const fi = (frow + (x >> 3)) * 4;
      let r: number, g: number, b: number;
      if (identity) {
        const i = (y * W0 + x) * 4;
        r = src[i] * fac[fi]; g = src[i + 1] * fac[fi + 1]; b = src[i + 2] * fac[fi + 2];
      } else {
        const u = nu / nw - 0.5, v = nv / nw - 0.5;
        if (u < -0.5 || v < -0.5 || u > W0 - 0.5 || v > H0 - 0.5) {
          const n = bgNoise[k++ & 65535] * 4;
          const l = fac[fi + 3];
          r = (bg0 + n) * l; g = (bg1 + n) * l; b = (bg2 + n) * l;
        } else {
          const x0 = u < 0 ? 0 : u >= W0 - 1 ? W0 - 1 : Math.floor(u), y0 = v < 0 ? 0 : v >= H0 - 1 ? H0 - 1 : Math.floor(v);
          const x1 = x0 + 1 < W0 ? x0 + 1 : x0, y1 = y0 + 1 < H0 ? y0 + 1 : y0;
          let fx = u - x0, fy = v - y0;
          fx = fx < 0 ? 0 : fx > 1 ? 1 : fx;
          fy = fy < 0 ? 0 : fy > 1 ? 1 : fy;
          const i00 = (y0 * W0 + x0) * 4, i10 = (y0 * W0 + x1) * 4, i01 = (y1 * W0 + x0) * 4, i11 = (y1 * W0 + x1) * 4;
          const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
          r = (src[i00] * w00 + src[i10] * w10 + src[i01] * w01 + src[i11] * w11) * fac[fi];
          g = (src[i00 + 1] * w00 + src[i10 + 1] * w10 + src[i01 + 1] * w01 + src[i11 + 1] * w11) * fac[fi + 1];
          b = (src[i00 + 2] * w00 + src[i10 + 2] * w10 + src[i01 + 2] * w01 + src[i11 + 2] * w11) * fac[fi + 2];
        }
      }
      const o3 = (y * Wo + x) * 3;
      if (grey) {
        out[o3] = out[o3 + 1] = out[o3 + 2] = clamp255(0.299 * r + 0.587 * g + 0.114 * b);
      } else {
        out[o3] = clamp255(r); out[o3 + 1] = clamp255(g); out[o3 + 2] = clamp255(b);
      }
    }
  }

  let img = sharp(out, { raw: { width: Wo, height: Ho, channels: 3 } });
  if (o.rotation) img = img.rotate(o.rotation);
  if (o.blurSigma >= 0.3) img = img.blur(o.blurSigma);
  let { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  if (o.noise > 0) {
    // Mostly grey sensor noise with a little colour in it, from a table of normal deviates.
    const tab = noiseTable(rng);
    let j = rng.int(0, 65535);
    for (let i = 0; i < data.length; i += 3) {
      const n = tab[j++ & 65535] * o.noise;
      for (let c = 0; c < 3; c++) data[i + c] = clamp255(data[i + c] + n + tab[(j * 7 + c * 13) & 65535] * o.noise * 0.25);
    }
  }
  if (o.jpegQuality) {
    const r = await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).jpeg({ quality: o.jpegQuality, chromaSubsampling: '4:2:0' }).toBuffer();
    ({ data, info } = await sharp(r).removeAlpha().raw().toBuffer({ resolveWithObject: true }));
  }

  const toUpright = (bx: Box): Box => {
    const pts = [apply(S, bx[0], bx[1]), apply(S, bx[0] + bx[2], bx[1]), apply(S, bx[0] + bx[2], bx[1] + bx[3]), apply(S, bx[0], bx[1] + bx[3])];
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    const x0 = Math.max(0, Math.floor(Math.min(...xs))), y0 = Math.max(0, Math.floor(Math.min(...ys)));
    const x1 = Math.min(Wo, Math.ceil(Math.max(...xs))), y1 = Math.min(Ho, Math.ceil(Math.max(...ys)));
    return [x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)];
  };
  const rotateBox = (b: Box): Box => rotateBoxBy(b, o.rotation, Wo, Ho);
  const ellipse = (e: Ellipse) => {
    const [cx, cy] = apply(S, e.cx, e.cy);
    // Local linear part of the homography at the centre (a seal is small next to the page).
    const d = 1;
    const [ax, ay] = apply(S, e.cx + d, e.cy), [bx, by] = apply(S, e.cx, e.cy + d);
    const J = [ax - cx, bx - cx, ay - cy, by - cy];
    const th = (e.angleDeg * Math.PI) / 180;
    const A = [Math.cos(th) * e.rx, -Math.sin(th) * e.ry, Math.sin(th) * e.rx, Math.cos(th) * e.ry];
    const M = [J[0] * A[0] + J[1] * A[2], J[0] * A[1] + J[1] * A[3], J[2] * A[0] + J[3] * A[2], J[2] * A[1] + J[3] * A[3]];
    // Semi-axes of the image ellipse = singular values of M; direction from M·Mᵀ's eigenvector.
    const p = M[0] * M[0] + M[1] * M[1], q = M[0] * M[2] + M[1] * M[3], r = M[2] * M[2] + M[3] * M[3];
    const tr = (p + r) / 2, det = Math.sqrt(((p - r) / 2) ** 2 + q * q);
    const l1 = tr + det, l2 = Math.max(0, tr - det);
    const angle = (Math.atan2(l1 - p, q || 1e-12) * 180) / Math.PI;
    const up: Ellipse = { cx, cy, rx: Math.sqrt(l1), ry: Math.sqrt(l2), angleDeg: q === 0 && p >= r ? 0 : angle };
    const [scx, scy] = rotatePoint(cx, cy, o.rotation, Wo, Ho);
    const stored: Ellipse = { cx: scx, cy: scy, rx: up.rx, ry: up.ry, angleDeg: normAngle(up.angleDeg + o.rotation) };
    up.angleDeg = normAngle(up.angleDeg);
    return { upright: up, stored };
  };
  return {
    image: { data, width: info.width, height: info.height, channels: 3 },
    rotation: o.rotation,
    skewDeg: o.skewDeg,
    toUpright,
    rotateBox,
    ellipse,
    uprightSize: [Wo, Ho],
    scale: sc,
  };
}

/** 65 536 standard normal deviates: cheaper than drawing millions of them one by one. */
function noiseTable(rng: Rng): Float32Array {
  return Float32Array.from({ length: 65536 }, () => rng.gauss());
}

/** Buffer stores wrap modulo 256, so every value is clamped before it is written. */
function clamp255(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

function normAngle(a: number): number {
  let x = a % 180;
  if (x <= -90) x += 180;
  if (x > 90) x -= 180;
  return x;
}

/** A point of a W×H upright page after a clockwise quarter turn. */
export function rotatePoint(x: number, y: number, rotation: number, W: number, H: number): [number, number] {
  switch (rotation) {
    case 90: return [H - y, x];
    case 180: return [W - x, H - y];
    case 270: return [y, W - x];
    default: return [x, y];
  }
}

/** A box of a W×H upright page after a clockwise quarter turn (exact on the pixel grid). */
export function rotateBoxBy(b: Box, rotation: number, W: number, H: number): Box {
  const [x, y, w, h] = b;
  switch (rotation) {
    case 90: return [H - y - h, x, h, w];
    case 180: return [W - x - w, H - y - h, w, h];
    case 270: return [y, W - x - w, h, w];
    default: return [x, y, w, h];
  }
}
