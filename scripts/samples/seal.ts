/**
 * Synthetic Chinese official seals (公章) for sample pages and seal-detection measurements.
 *
 * A seal is drawn as an ink mask on an offscreen canvas (ring, arc text, star, label, code),
 * the mask is made uneven like real stamping (pressure field, gaps, speckle, double strike),
 * coloured, and composited onto the page with 'multiply' so the text under it stays visible.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { Box, Ellipse } from '../../src/model/geometry.ts';

export interface SealSpec {
  /** Arc text, e.g. the body's full name: 阿克苏某某煤业有限责任公司. */
  text: string;
  /** Horizontal label under the star: 公章, 人事专用章, 财务专用章 … (none when absent). */
  label?: string;
  /** Number code along the bottom arc (13 digits on newer seals). */
  code?: string;
  shape: 'round' | 'oval';
  cx: number;
  cy: number;
  /** Outer radii of the ring in page pixels; rx is along angleDeg. */
  rx: number;
  ry: number;
  /** Rotation of the whole seal (stamps are rarely straight). */
  angleDeg: number;
  /** CSS colour of the ink, from vermilion #e03020 to crimson #a0101a to faded pink #e8a0a8. */
  colour: string;
  /** 0..1: how much the ink covers what is under it. */
  opacity: number;
  /** 0..1: unevenness of the ink (pressure, gaps, speckle). */
  inkNoise: number;
  emblem: 'star' | 'none';
  /** Draw in grey, as a grey-scale scan would show it. */
  grey?: boolean;
  /** Typeface of the text: Song (serif) or Hei (sans). Default 'song'. */
  font?: 'song' | 'hei';
  /** Stroke weight of the engraving: 500 (medium) to 900 (black). Default 700 (bold). */
  weight?: 500 | 600 | 700 | 900;
  /** A thin inner ring inside the thick outer one. */
  doubleRing?: boolean;
  /** Draw the ink twice, shifted by this many pixels (a stamp that moved). 0 = no. */
  doubleStrikePx?: number;
}

const require = createRequire(import.meta.url);
let fontsReady = false;

/** Registers the bold Noto faces once; fonts come from node_modules, never from the network. */
function ensureFonts(): void {
  if (fontsReady) return;
  const serifDir = path.dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
  const sansDir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  // One family name per weight, so that a font string never depends on weight matching.
  const faces: Array<[string, string, string]> = [
    [serifDir, '500Medium', 'NotoSerifSC_500Medium'],
    [serifDir, '600SemiBold', 'NotoSerifSC_600SemiBold'],
    [serifDir, '700Bold', 'NotoSerifSC_700Bold'],
    [serifDir, '900Black', 'NotoSerifSC_900Black'],
    [sansDir, '500Medium', 'NotoSansSC_500Medium'],
    [sansDir, '600SemiBold', 'NotoSansSC_600SemiBold'],
    [sansDir, '700Bold', 'NotoSansSC_700Bold'],
    [sansDir, '900Black', 'NotoSansSC_900Black'],
  ];
  for (const [dir, sub, file] of faces) {
    const family = `${dir === serifDir ? 'SealSong' : 'SealHei'}${sub.slice(0, 3)}`;
    if (!GlobalFonts.registerFromPath(path.join(dir, sub, `${file}.ttf`), family)) throw new Error(`cannot load font ${file}`);
  }
  fontsReady = true;
}

const LABELS = ['', '', '', '公章', '人事专用章', '财务专用章', '合同专用章', '业务专用章'];

/** Colours of real stamping ink as it comes out of a scanner. */
const COLOURS = ['#e03020', '#d82818', '#c8201c', '#b01820', '#a0101a', '#e05060', '#e8a0a8', '#d04040'];

function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length) % xs.length];
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/**
 * A plausible seal for the body named `text`, centred at (cx, cy) on a page scanned at `dpi`.
 * Round seals are 40–42 mm across, oval ones 45×30 mm; a few percent of scanner scaling is added.
 */
export function randomSealSpec(rng: () => number, text: string, cx: number, cy: number, dpi: number): SealSpec {
  const mm = dpi / 25.4;
  const shape: SealSpec['shape'] = rng() < 0.2 ? 'oval' : 'round';
  const scale = lerp(0.97, 1.03, rng());
  let rx: number;
  let ry: number;
  if (shape === 'round') {
    rx = ry = (lerp(40, 42, rng()) / 2) * mm * scale;
  } else {
    rx = (45 / 2) * mm * scale;
    ry = (30 / 2) * mm * scale;
  }
  const code = rng() < 0.35 ? Array.from({ length: 13 }, () => String(Math.floor(rng() * 10))).join('') : undefined;
  const label = pick(rng, LABELS) || undefined;
  const colour = pick(rng, COLOURS);
  return {
    text,
    label,
    code,
    shape,
    cx,
    cy,
    rx,
    ry,
    // Most stamps are within ±20° of straight; some are badly turned.
    angleDeg: rng() < 0.85 ? lerp(-20, 20, rng()) : lerp(-60, 60, rng()),
    colour,
    opacity: colour === '#e8a0a8' ? lerp(0.75, 0.95, rng()) : lerp(0.6, 0.95, rng()),
    inkNoise: lerp(0.1, 0.7, rng()),
    emblem: rng() < 0.9 ? 'star' : 'none',
    font: rng() < 0.7 ? 'song' : 'hei',
    doubleRing: rng() < 0.2,
    doubleStrikePx: rng() < 0.1 ? lerp(2, 5, rng()) : 0,
  };
}

/** A point on the seal's own (unrotated) ellipse and the direction pointing outward there. */
function onEllipse(rx: number, ry: number, theta: number): { x: number; y: number; normal: number } {
  const x = rx * Math.cos(theta);
  const y = ry * Math.sin(theta);
  // The outward normal of an ellipse at parameter θ points along (cos θ / rx, sin θ / ry).
  const normal = Math.atan2(Math.sin(theta) / ry, Math.cos(theta) / rx);
  return { x, y, normal };
}

function drawStar(g: SKRSContext2D, r: number, cy: number): void {
  g.beginPath();
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? r : r * 0.382;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const x = rr * Math.cos(a);
    const y = cy + rr * Math.sin(a);
    if (i === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  }
  g.closePath();
  g.fill();
}

/** Characters along an arc, each rotated so its top points outward (`outward`) or inward. */
function drawArcText(
  g: SKRSContext2D,
  chars: string[],
  rx: number,
  ry: number,
  startDeg: number,
  endDeg: number,
  fontPx: number,
  family: string,
  outward: boolean,
  widthScale: number,
): Array<[number, number]> {
  g.font = `${fontPx}px ${family}`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  const n = chars.length;
  // Engravers space the glyphs evenly along the arc: on an oval, even steps of the ellipse's
  // parameter would crowd them at the ends of the long axis until they overlap.
  const M = 720;
  const a0 = (startDeg * Math.PI) / 180;
  const a1 = (endDeg * Math.PI) / 180;
  const cum = [0];
  for (let k = 1; k <= M; k++) {
    const p0 = onEllipse(rx, ry, a0 + ((a1 - a0) * (k - 1)) / M);
    const p1 = onEllipse(rx, ry, a0 + ((a1 - a0) * k) / M);
    cum.push(cum[k - 1] + Math.hypot(p1.x - p0.x, p1.y - p0.y));
  }
  const thetaAt = (frac: number): number => {
    const target = frac * cum[M];
    let k = 1;
    while (k < M && cum[k] < target) k++;
    const f = (target - cum[k - 1]) / Math.max(1e-9, cum[k] - cum[k - 1]);
    return a0 + ((a1 - a0) * (k - 1 + f)) / M;
  };
  const centres: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 0.5 : i / (n - 1);
    const theta = thetaAt(t);
    const p = onEllipse(rx, ry, theta);
    centres.push([p.x, p.y]);
    g.save();
    g.translate(p.x, p.y);
    g.rotate(outward ? p.normal + Math.PI / 2 : p.normal - Math.PI / 2);
    // Seal engravers squeeze long names: narrow glyphs instead of tiny ones.
    g.scale(widthScale, 1);
    g.fillText(chars[i], 0, 0);
    g.restore();
  }
  return centres;
}

/** Smooth random field in 0..1 over a w×h area, from a coarse grid with bilinear interpolation. */
function valueNoise(rng: () => number, w: number, h: number, cell: number): (x: number, y: number) => number {
  const gw = Math.ceil(w / cell) + 2;
  const gh = Math.ceil(h / cell) + 2;
  const grid = Float32Array.from({ length: gw * gh }, () => rng());
  return (x, y) => {
    const fx = x / cell;
    const fy = y / cell;
    const ix = Math.floor(fx);
    const iy = Math.floor(fy);
    const tx = fx - ix;
    const ty = fy - iy;
    const a = grid[iy * gw + ix];
    const b = grid[iy * gw + ix + 1];
    const c = grid[(iy + 1) * gw + ix];
    const d = grid[(iy + 1) * gw + ix + 1];
    return lerp(lerp(a, b, tx), lerp(c, d, tx), ty);
  };
}

function parseColour(css: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css.trim());
  if (!m) throw new Error(`seal colour must be #rrggbb, got ${css}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

/**
 * Draws the seal onto `ctx` (a page) and returns the true ellipse of its outer ring and the box of
 * the ink actually laid down, clipped to the page.
 */
export function drawSeal(
  ctx: SKRSContext2D,
  spec: SealSpec,
  rng: () => number,
): { ellipse: Ellipse; box: Box; textVisible: number } {
  ensureFonts();
  const family = `${spec.font === 'hei' ? 'SealHei' : 'SealSong'}${spec.weight ?? 700}`;
  const strike = spec.doubleStrikePx ?? 0;
  const half = Math.ceil(Math.max(spec.rx, spec.ry) + 4 + strike);
  const size = 2 * half;
  const off = createCanvas(size, size);
  const g = off.getContext('2d');
  const rMin = Math.min(spec.rx, spec.ry);
  const rMax = Math.max(spec.rx, spec.ry);

  // Centres of the arc glyphs in the seal's own (unrotated) frame.
  let glyphCentres: Array<[number, number]> = [];
  const paint = (dx: number, dy: number, alpha: number): void => {
    g.save();
    g.globalAlpha = alpha;
    g.translate(half + dx, half + dy);
    g.rotate((spec.angleDeg * Math.PI) / 180);
    g.fillStyle = '#000';
    g.strokeStyle = '#000';
    // Outer ring: ~1.2 mm on a 42 mm seal.
    const ringW = Math.max(2, rMin * 0.065);
    g.lineWidth = ringW;
    g.beginPath();
    g.ellipse(0, 0, spec.rx - ringW / 2, spec.ry - ringW / 2, 0, 0, Math.PI * 2);
    g.stroke();
    let textRx = spec.rx;
    let textRy = spec.ry;
    if (spec.doubleRing) {
      const inner = Math.max(1.5, ringW * 0.35);
      g.lineWidth = inner;
      g.beginPath();
      g.ellipse(0, 0, spec.rx - ringW * 2.2, spec.ry - ringW * 2.2, 0, 0, Math.PI * 2);
      g.stroke();
      textRx -= ringW * 1.6;
      textRy -= ringW * 1.6;
    }
    // Arc text: glyph centres at ~0.78 of the radius, glyphs ~0.27 R high, over the top ~240°.
    const chars = [...spec.text];
    const fontPx = rMin * (spec.shape === 'oval' ? 0.3 : 0.28);
    const span = Math.min(250, Math.max(150, chars.length * 19));
    const mid = -90;
    const arcRx = textRx - ringW - fontPx * 0.62;
    const arcRy = textRy - ringW - fontPx * 0.62;
    const circumference = (Math.PI * (arcRx + arcRy)) * (span / 360);
    const slot = circumference / Math.max(1, chars.length);
    const widthScale = Math.min(1, Math.max(0.55, (slot * 0.92) / fontPx));
    const centres = drawArcText(g, chars, arcRx, arcRy, mid - span / 2, mid + span / 2, fontPx, family, true, widthScale);
    if (dx === 0 && dy === 0) glyphCentres = centres;
    if (spec.emblem === 'star') drawStar(g, rMin * 0.3, spec.label ? -rMin * 0.06 : 0);
    if (spec.label) {
      const lp = rMin * 0.2;
      g.font = `${lp}px ${family}`;
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      const w = g.measureText(spec.label).width;
      const maxW = (spec.shape === 'oval' ? rMax * 0.9 : rMin * 1.0);
      g.save();
      g.translate(0, rMin * 0.45);
      if (w > maxW) g.scale(maxW / w, 1);
      g.fillText(spec.label, 0, 0);
      g.restore();
    }
    if (spec.code) {
      const cp = rMin * 0.1;
      const cs = [...spec.code];
      const cspan = Math.min(100, cs.length * 6.5);
      const crx = textRx - ringW - cp * 0.9;
      const cry = textRy - ringW - cp * 0.9;
      // Bottom arc reads left to right: angles from 90+span/2 down to 90-span/2, tops inward.
      drawArcText(g, cs, crx, cry, 90 + cspan / 2, 90 - cspan / 2, cp, 'SealHei700', false, 1);
    }
    g.restore();
  };
  paint(0, 0, 1);
  if (strike > 0) {
    const a = rng() * Math.PI * 2;
    paint(strike * Math.cos(a), strike * Math.sin(a), 0.55);
  }

  // Uneven ink: a slow pressure field (one side of the stamp presses harder), mid-scale blotches,
  // pin-hole gaps and speckle outside the strokes.
  const img = g.getImageData(0, 0, size, size);
  const d = img.data;
  const slow = valueNoise(rng, size, size, size / 2);
  const blotch = valueNoise(rng, size, size, Math.max(4, rMin * 0.12));
  const fine = valueNoise(rng, size, size, Math.max(1.5, rMin * 0.02));
  const tiltA = rng() * Math.PI * 2;
  const [cr, cg, cb] = parseColour(spec.colour);
  const grey = Math.round(0.299 * cr + 0.587 * cg + 0.114 * cb);
  const [r, gg, b] = spec.grey ? [grey, grey, grey] : [cr, cg, cb];
  const noise = Math.max(0, Math.min(1, spec.inkNoise));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      let a = d[i + 3] / 255;
      const tilt = 0.5 + 0.5 * (((x - half) * Math.cos(tiltA) + (y - half) * Math.sin(tiltA)) / half);
      if (a > 0) {
        const pressure = 1 - noise * (0.45 * slow(x, y) * tilt + 0.35 * blotch(x, y));
        const gap = fine(x, y) < noise * 0.28 ? 0.15 : 1;
        a *= Math.max(0, pressure) * gap;
      } else if (noise > 0 && (x - half) ** 2 + (y - half) ** 2 < rMax * rMax && rng() < noise * 0.002) {
        // Speckle: ink picked up by the stamp's face, only where the stamp touched the paper.
        a = 0.3 + 0.5 * rng();
      }
      d[i] = r;
      d[i + 1] = gg;
      d[i + 2] = b;
      d[i + 3] = Math.round(Math.max(0, Math.min(1, a)) * 255);
    }
  }

  // Ink box in page coordinates, clipped to the page.
  let x0 = size;
  let y0 = size;
  let x1 = -1;
  let y1 = -1;
  const ox = Math.round(spec.cx) - half;
  const oy = Math.round(spec.cy) - half;
  const pw = ctx.canvas.width;
  const ph = ctx.canvas.height;
  for (let y = 0; y < size; y++) {
    const py = oy + y;
    if (py < 0 || py >= ph) continue;
    for (let x = 0; x < size; x++) {
      const px = ox + x;
      if (px < 0 || px >= pw) continue;
      if (d[(y * size + x) * 4 + 3] >= 40) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  g.putImageData(img, 0, 0);

  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  ctx.globalAlpha = Math.max(0, Math.min(1, spec.opacity));
  ctx.drawImage(off, ox, oy);
  ctx.restore();

  const box: Box = x1 < 0 ? [0, 0, 0, 0] : [ox + x0, oy + y0, x1 - x0 + 1, y1 - y0 + 1];
  // Share of the arc text on the page (a seal cut by the page edge loses glyphs with it).
  const a = (spec.angleDeg * Math.PI) / 180;
  const onPage = glyphCentres.filter(([u, v]) => {
    const x = spec.cx + u * Math.cos(a) - v * Math.sin(a);
    const y = spec.cy + u * Math.sin(a) + v * Math.cos(a);
    return x >= 0 && y >= 0 && x < pw && y < ph;
  }).length;
  const textVisible = glyphCentres.length ? onPage / glyphCentres.length : 1;
  const ellipse: Ellipse = {
    cx: Math.round(spec.cx),
    cy: Math.round(spec.cy),
    rx: spec.rx,
    ry: spec.ry,
    angleDeg: spec.angleDeg,
  };
  return { ellipse, box, textVisible };
}
