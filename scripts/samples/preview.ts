/**
 * Draws the truth over every page of a generated application, for a person to check the generator:
 *   npx tsx scripts/samples/preview.ts samples/demo-application /tmp/preview
 * Green: applicant names, blue: other names, magenta: employer seals, orange: other seals.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { readTruth } from './truth.ts';
import { decodePages } from './decode.ts';

const [dir, out = '/tmp/preview'] = process.argv.slice(2);
if (!dir) throw new Error('usage: preview.ts <application dir> [out dir]');
const truth = await readTruth(`${dir.replace(/\/+$/, '')}.truth.json`);
await fs.mkdir(out, { recursive: true });
for (const f of truth.files) {
  if (f.corrupt) continue;
  const pages = await decodePages(path.join(dir, f.file), f.format);
  for (const [i, img] of pages.entries()) {
    const t = f.pages[i];
    const rect = (b: number[], colour: string) => `<rect x="${b[0]}" y="${b[1]}" width="${b[2]}" height="${b[3]}" fill="none" stroke="${colour}" stroke-width="${Math.max(2, img.width / 500)}"/>`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${img.width}" height="${img.height}">${[
      ...t.applicantNames.map((n) => rect(n.box, 'lime')),
      ...t.otherNames.map((n) => rect(n.box, 'blue')),
      ...t.seals.map((s) => rect(s.box, s.owner === 'employer' ? 'magenta' : 'orange')),
    ].join('')}</svg>`;
    const overlay = await sharp(Buffer.from(svg)).resize(img.width, img.height).png().toBuffer();
    const png = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).composite([{ input: overlay }]).png().toBuffer();
    const name = `${f.file.replace(/[/.]/g, '_')}_p${i + 1}.png`;
    await sharp(png).resize({ width: 1200, withoutEnlargement: true }).toFile(path.join(out, name));
    console.log(name, `${t.clarity} rot=${t.rotation} skew=${t.skewDeg} names=${t.applicantNames.length}+${t.otherNames.length} seals=${t.seals.length}`);
  }
}
