import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import type { Rng } from './rng.ts';

const require = createRequire(import.meta.url);

/** Printed faces: one family name per weight, so a font string never depends on weight matching. */
export const SANS = { light: 'GenSans300', regular: 'GenSans400', medium: 'GenSans500', bold: 'GenSans700', black: 'GenSans900' } as const;
export const SERIF = { regular: 'GenSerif400', semibold: 'GenSerif600', bold: 'GenSerif700', black: 'GenSerif900' } as const;
/** Handwriting-like faces for signatures and hand-filled fields. */
export const HAND = ['GenMaShanZheng', 'GenLongCang'] as const;

let ready = false;

/** Registers every face from node_modules once (no network: the fonts ship with the packages). */
export function registerFonts(): void {
  if (ready) return;
  const sans = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  const serif = path.dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
  const reg = (file: string, family: string) => {
    if (!GlobalFonts.registerFromPath(file, family)) throw new Error(`cannot load font ${file}`);
  };
  reg(path.join(sans, '300Light/NotoSansSC_300Light.ttf'), SANS.light);
  reg(path.join(sans, '400Regular/NotoSansSC_400Regular.ttf'), SANS.regular);
  reg(path.join(sans, '500Medium/NotoSansSC_500Medium.ttf'), SANS.medium);
  reg(path.join(sans, '700Bold/NotoSansSC_700Bold.ttf'), SANS.bold);
  reg(path.join(sans, '900Black/NotoSansSC_900Black.ttf'), SANS.black);
  reg(path.join(serif, '400Regular/NotoSerifSC_400Regular.ttf'), SERIF.regular);
  reg(path.join(serif, '600SemiBold/NotoSerifSC_600SemiBold.ttf'), SERIF.semibold);
  reg(path.join(serif, '700Bold/NotoSerifSC_700Bold.ttf'), SERIF.bold);
  reg(path.join(serif, '900Black/NotoSerifSC_900Black.ttf'), SERIF.black);
  // The handwriting faces ship as unicode-range subsets; registering all under one family name
  // lets Skia find each glyph in whichever subset holds it.
  for (const [pkg, family] of [['@fontsource/ma-shan-zheng', HAND[0]], ['@fontsource/long-cang', HAND[1]]] as const) {
    const dir = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'files');
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.woff2')) reg(path.join(dir, f), family);
  }
  ready = true;
}

/** Body faces a document may be printed in. Serif (宋体-like) is the official default. */
export function bodyFamily(rng: Rng): string {
  return rng.weighted([[SERIF.regular, 5], [SANS.regular, 3], [SANS.light, 1], [SERIF.semibold, 1]]);
}
export function titleFamily(rng: Rng): string {
  return rng.weighted([[SERIF.bold, 3], [SANS.bold, 2], [SERIF.black, 1], [SANS.black, 1], [SANS.medium, 1]]);
}
export function handFamily(rng: Rng): string {
  return rng.pick(HAND);
}
