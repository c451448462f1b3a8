import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import type { Rng } from './rng.ts';

const require = createRequire(import.meta.url);

/**
 * Which faces the printed families are drawn in. `ZP_FONTS=holdout` draws every printed family in
 * faces the tool was never tuned on — LXGW WenKai (a 楷体-like face) for the serif and bold families,
 * ZCOOL XiaoWei for the sans, Noto only for a character those lack — with the same layout draws, to
 * measure how the reading holds up on fonts nobody on the team has looked at
 * (`ZP_FONTS=holdout npm run bench -- --out .tmp/bench-holdout`).
 */
export type FontSet = 'noto' | 'holdout';
export const FONT_SET: FontSet = process.env.ZP_FONTS === 'holdout' ? 'holdout' : 'noto';
const FALLBACK = FONT_SET === 'holdout' ? ', GenFallback' : '';

/** Printed faces: one family name per weight, so a font string never depends on weight matching. */
export const SANS = { light: `GenSans300${FALLBACK}`, regular: `GenSans400${FALLBACK}`, medium: `GenSans500${FALLBACK}`, bold: `GenSans700${FALLBACK}`, black: `GenSans900${FALLBACK}` } as const;
export const SERIF = { regular: `GenSerif400${FALLBACK}`, semibold: `GenSerif600${FALLBACK}`, bold: `GenSerif700${FALLBACK}`, black: `GenSerif900${FALLBACK}` } as const;
/** The one family name a font string starts with (what a face is registered under). */
const face = (family: string) => family.split(',')[0];
/** Handwriting-like faces for signatures and hand-filled fields. */
export const HAND = ['GenMaShanZheng', 'GenLongCang'] as const;

let ready = false;

/** Registers every face from node_modules once (no network: the fonts ship with the packages). */
export function registerFonts(): void {
  if (ready) return;
  if (FONT_SET === 'holdout') registerHoldoutFaces();
  else registerNotoFaces();
  // The handwriting faces ship as unicode-range subsets; registering all under one family name
  // lets Skia find each glyph in whichever subset holds it.
  for (const [pkg, family] of [['@fontsource/ma-shan-zheng', HAND[0]], ['@fontsource/long-cang', HAND[1]]] as const) {
    const dir = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'files');
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.woff2')) reg(path.join(dir, f), family);
  }
  ready = true;
}

function reg(file: string, family: string): void {
  if (!GlobalFonts.registerFromPath(file, family)) throw new Error(`cannot load font ${file}`);
}

/** Every unicode-range subset of one face under one family name. */
function regSubsets(dir: string, prefix: string, family: string): void {
  for (const f of fs.readdirSync(dir)) if (f.startsWith(prefix) && f.endsWith('.woff2')) reg(path.join(dir, f), family);
}

function registerHoldoutFaces(): void {
  const kai = path.join(path.dirname(require.resolve('lxgw-wenkai-webfont/package.json')), 'files');
  const xiaowei = path.join(path.dirname(require.resolve('@fontsource/zcool-xiaowei/package.json')), 'files');
  regSubsets(kai, 'lxgwwenkai-light-', face(SANS.light));
  regSubsets(xiaowei, 'zcool-xiaowei-', face(SANS.regular));
  regSubsets(xiaowei, 'zcool-xiaowei-', face(SANS.medium));
  for (const family of [SANS.bold, SANS.black, SERIF.bold, SERIF.black]) regSubsets(kai, 'lxgwwenkai-bold-', face(family));
  for (const family of [SERIF.regular, SERIF.semibold]) regSubsets(kai, 'lxgwwenkai-regular-', face(family));
  const sans = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  reg(path.join(sans, '400Regular/NotoSansSC_400Regular.ttf'), 'GenFallback');
}

function registerNotoFaces(): void {
  const sans = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  const serif = path.dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
  reg(path.join(sans, '300Light/NotoSansSC_300Light.ttf'), SANS.light);
  reg(path.join(sans, '400Regular/NotoSansSC_400Regular.ttf'), SANS.regular);
  reg(path.join(sans, '500Medium/NotoSansSC_500Medium.ttf'), SANS.medium);
  reg(path.join(sans, '700Bold/NotoSansSC_700Bold.ttf'), SANS.bold);
  reg(path.join(sans, '900Black/NotoSansSC_900Black.ttf'), SANS.black);
  reg(path.join(serif, '400Regular/NotoSerifSC_400Regular.ttf'), SERIF.regular);
  reg(path.join(serif, '600SemiBold/NotoSerifSC_600SemiBold.ttf'), SERIF.semibold);
  reg(path.join(serif, '700Bold/NotoSerifSC_700Bold.ttf'), SERIF.bold);
  reg(path.join(serif, '900Black/NotoSerifSC_900Black.ttf'), SERIF.black);
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
