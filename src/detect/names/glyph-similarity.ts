import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

/**
 * How alike two Chinese characters look, from their glyphs in two typefaces (a sans and a serif,
 * since scans use both). OCR mistakes are between look-alikes (童/章/董, 峰/蜂, 提/担); a different
 * person's name differs by an unrelated character (峰/勇). This is what tells the two apart when a
 * name is read with one character changed — not OCR confidence, which is high for both.
 */

const require = createRequire(import.meta.url);
const FACES = [
  ['@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf', 'zp-sans'],
  ['@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf', 'zp-serif'],
] as const;

let registered: string[] | null = null;
/** The typefaces registered with the canvas (a sans and a serif), by family name. */
export function faces(): string[] {
  if (registered) return registered;
  registered = [];
  for (const [pkg, file, family] of FACES) {
    try {
      const path = join(dirname(require.resolve(`${pkg}/package.json`)), file);
      if (GlobalFonts.registerFromPath(path, family)) registered.push(family);
    } catch {
      // A missing face only weakens the comparison; the other one still works.
    }
  }
  return registered;
}

const GRID = 16;
const SIZE = 64;
const cache = new Map<string, Float64Array | null>();

/** A blurred 16×16 ink map of the glyph, scaled to its own bounding box, mean removed. */
function glyphMap(ch: string, family: string): Float64Array | null {
  const key = `${family}:${ch}`;
  if (cache.has(key)) return cache.get(key)!;
  const canvas = createCanvas(SIZE, SIZE);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, SIZE, SIZE);
  g.fillStyle = '#000';
  g.font = `52px ${family}`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(ch, SIZE / 2, SIZE / 2 + 2);
  const d = g.getImageData(0, 0, SIZE, SIZE).data;
  let x0 = SIZE, y0 = SIZE, x1 = -1, y1 = -1;
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++)
      if (d[(y * SIZE + x) * 4] < 128) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
  if (x1 < 0) {
    cache.set(key, null);
    return null;
  }
  const m = new Float64Array(GRID * GRID);
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      const v = 1 - d[(y * SIZE + x) * 4] / 255;
      m[Math.min(GRID - 1, Math.floor(((y - y0) / h) * GRID)) * GRID + Math.min(GRID - 1, Math.floor(((x - x0) / w) * GRID))] += v;
    }
  const b = new Float64Array(GRID * GRID);
  for (let y = 0; y < GRID; y++)
    for (let x = 0; x < GRID; x++) {
      let s = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < GRID && xx >= 0 && xx < GRID) s += m[yy * GRID + xx];
        }
      b[y * GRID + x] = s;
    }
  const mean = b.reduce((a, v) => a + v, 0) / b.length;
  for (let i = 0; i < b.length; i++) b[i] -= mean;
  cache.set(key, b);
  return b;
}

function cosine(a: Float64Array, b: Float64Array): number {
  let s = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    s += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? s / Math.sqrt(na * nb) : 0;
}

/** Similarity of two characters' shapes in [-1, 1]: the higher of the two typefaces. */
export function glyphSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  let best = -1;
  for (const f of faces()) {
    const ma = glyphMap(a, f);
    const mb = glyphMap(b, f);
    if (ma && mb) best = Math.max(best, cosine(ma, mb));
  }
  return best;
}

/**
 * Above this, a substituted character is taken for a misreading. Measured pairs: misreadings
 * 童/章 0.82, 童/董 0.79, 峰/蜂 0.82, 提/担 0.63, 买/实 0.64, 芳/方 0.56; different characters
 * 峰/勇 0.25, 峰/胃 0.34, 翔/省 0.14, 军/国 0.07, 强/张 0.54.
 */
export const LOOK_ALIKE = 0.55;

export function looksAlike(read: string, expected: string): boolean {
  return glyphSimilarity(read, expected) >= LOOK_ALIKE;
}
