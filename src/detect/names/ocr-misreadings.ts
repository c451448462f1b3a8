/**
 * How this OCR reads this applicant's name. Tesseract's mistakes on a rare character are its own and
 * are stable: 胥 comes back 悄, 霄, 稍, 肯 or 下 — never a look-alike by shape (悄/胥 0.29 on the glyph
 * maps) — and on a scan it made exactly those mistakes, so 胥志 was not found on 8 pages of 21 (seed
 * 9006). Before an application's pages are read, its name is printed in a sans and a serif face at a
 * few sizes, inside the phrases a name stands in (姓名：X, 学生X，性别男, X同志：), and read by the
 * same OCR. Every character read in place of one of the name's is a known misreading of it: the name
 * search takes it for a look-alike, the misreading named in the mask's evidence. A misreading that
 * gives a surname in the surname's place (芮 read 黄) still yields to a sure reading in a list, where
 * 黄桐国 may be a colleague; and 悄志彬 stays someone's longer name.
 */
import { createCanvas } from '@napi-rs/canvas';
import type { OcrEngine } from '../../model/ocr.ts';
import { isHan, nameCore } from './chinese-names.ts';
import { faces } from './glyph-similarity.ts';

/** For each of the name's characters, the characters OCR read in its place. */
export type NameMisreadings = ReadonlyMap<string, ReadonlySet<string>>;

/** Phrases a name stands in on the documents of an application (before, after). */
const PHRASES: Array<[string, string]> = [
  ['姓名：', ''],
  ['学生', '，性别男，'],
  ['', '同志：'],
  ['作者：', '，张建国'],
  ['现对', '同志申报'],
  ['签名：', ''],
];
/** Glyph heights, px: small print reads worst, large best. */
const SIZES = [20, 30, 44];
const WIDTH_PAD = 40;

interface Printed {
  text: string;
  top: number;
  bottom: number;
}

/**
 * Prints the name in every phrase, face and size, one line each, reads the sheet, and collects the
 * characters read in place of the name's. Nothing (an empty map) when the canvas has no face.
 */
export async function rehearseName(name: string, engine: OcrEngine): Promise<NameMisreadings> {
  const families = faces();
  const chars = new Set([...nameCore(name)]);
  const out = new Map<string, Set<string>>();
  if (!families.length || !chars.size) return out;
  const printed: Printed[] = [];
  let y = 20;
  for (const family of families)
    for (const size of SIZES)
      for (const [before, after] of PHRASES) {
        printed.push({ text: `${before}${name}${after}`, top: y, bottom: y + 2 * size });
        y += 2 * size;
      }
  const width = Math.max(...printed.map((p) => [...p.text].length)) * Math.max(...SIZES) + 2 * WIDTH_PAD;
  const height = y + 20;
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#111';
  let k = 0;
  for (const family of families)
    for (const size of SIZES)
      for (let i = 0; i < PHRASES.length; i++, k++) {
        g.font = `${size}px ${family}`;
        g.fillText(printed[k].text, WIDTH_PAD, printed[k].top + 1.4 * size);
      }
  const rgba = g.getImageData(0, 0, width, height).data;
  const grey = Buffer.alloc(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4];
  const page = await engine.recognize({ data: grey, width, height, channels: 1 });
  for (const line of page.lines) {
    const cy = line.box[1] + line.box[3] / 2;
    const p = printed.find((q) => cy >= q.top && cy < q.bottom);
    if (!p) continue;
    const read = line.chars.map((c) => c.text).join('').replace(/\s/g, '');
    for (const [want, got] of substitutions([...p.text], [...read])) {
      if (!chars.has(want) || !isHan(got) || got === want) continue;
      if (!out.has(want)) out.set(want, new Set());
      out.get(want)!.add(got);
    }
  }
  return out;
}

/** The substituted pairs [printed, read] of an edit-distance alignment of two strings. */
export function substitutions(a: string[], b: string[]): Array<[string, string]> {
  const D = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) D[i][j] = Math.min(D[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), D[i - 1][j] + 1, D[i][j - 1] + 1);
  const pairs: Array<[string, string]> = [];
  let i = a.length;
  let j = b.length;
  while (i > 0 && j > 0) {
    if (D[i][j] === D[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)) {
      if (a[i - 1] !== b[j - 1]) pairs.push([a[i - 1], b[j - 1]]);
      i--;
      j--;
    } else if (D[i][j] === D[i - 1][j] + 1) i--;
    else j--;
  }
  return pairs;
}
