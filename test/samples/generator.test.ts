import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicantProfile } from '../../src/model/profile.ts';
import { ellipseBox, type Box } from '../../src/model/geometry.ts';
import type { RawImage } from '../../src/model/image.ts';
import { generateApplication, readTruth, renderDocument, type ApplicationTruth, type DocSpec } from '../../scripts/samples/index.ts';
import { decodePages } from '../../scripts/samples/decode.ts';
import { rotateBoxBy } from '../../scripts/samples/degrade.ts';

// Small pages (100–120 dpi) keep the suite fast; what is tested does not depend on resolution.
const still = { skewDeg: 0, blurSigma: 0, noise: 0, camera: false, grey: false, lighting: 0 } as const;

function luminanceStats(img: RawImage, b: Box) {
  let min = 255, red = 0;
  for (let y = b[1]; y < b[1] + b[3]; y++) {
    for (let x = b[0]; x < b[0] + b[2]; x++) {
      const i = (y * img.width + x) * img.channels;
      const [r, g, bl] = [img.data[i], img.data[i + 1], img.data[i + 2]];
      min = Math.min(min, 0.299 * r + 0.587 * g + 0.114 * bl);
      if (r - g > 40 && r - bl > 30) red++;
    }
  }
  return { min, red };
}

function inside(b: Box, w: number, h: number): boolean {
  return b[0] >= 0 && b[1] >= 0 && b[2] > 0 && b[3] > 0 && b[0] + b[2] <= w && b[1] + b[3] <= h;
}

describe('sample generator: one application in every format', () => {
  let dir: string;
  let truth: ApplicationTruth;
  const docs: DocSpec[] = [
    { type: 'id_card_front', format: 'jpeg', dpi: 120, clarity: 'ok' },
    { type: 'appraisal_form', format: 'png', dpi: 100, year: 2023, clarity: 'ok', degrade: { rotation: 90 }, hard: { sealOverName: true, containingName: true } },
    { type: 'title_document', format: 'tiff', pages: 2, dpi: 100, clarity: 'ok', degrade: { rotation: 0 } },
    { type: 'personal_pledge', format: 'pdf', dpi: 100, clarity: 'ok' },
    { type: 'unit_publicity', format: 'webp', dpi: 100, clarity: 'ok', degrade: { rotation: 0 }, hard: { splitName: true } },
    { type: 'photo', format: 'bmp', clarity: 'ok' },
    { type: 'unknown', corrupt: 'truncated-jpeg' },
  ];

  beforeAll(async () => {
    const base = await fs.mkdtemp(path.join(os.tmpdir(), 'gen-test-'));
    dir = path.join(base, 'app-001');
    truth = await generateApplication({ dir, seed: 7, nameKind: 'han2', docs });
  }, 60_000);
  afterAll(async () => {
    await fs.rm(path.dirname(dir), { recursive: true, force: true });
  });

  it('writes a valid applicant.json and the truth beside the folder', async () => {
    const profile = ApplicantProfile.parse(JSON.parse(await fs.readFile(path.join(dir, 'applicant.json'), 'utf8')));
    const back = await readTruth(`${dir}.truth.json`);
    expect(back.profile.name).toBe(profile.name);
    expect(back.files.map((f) => f.format)).toEqual(['jpeg', 'png', 'tiff', 'pdf', 'webp', 'bmp', 'jpeg']);
    await expect(fs.access(path.join(dir, 'app-001.truth.json'))).rejects.toThrow();
  });

  it('never puts the applicant name in a file name', () => {
    for (const f of truth.files) expect(f.file).not.toContain(truth.profile.name);
  });

  it('writes files that decode, page counts as in the truth', async () => {
    for (const f of truth.files) {
      const full = path.join(dir, f.file);
      if (f.corrupt) {
        await expect(sharp(full).raw().toBuffer()).rejects.toThrow();
        continue;
      }
      if (f.format === 'pdf') expect((await PDFDocument.load(await fs.readFile(full))).getPageCount()).toBe(f.pages.length);
      else if (f.format === 'bmp') expect(await fs.readFile(full).then((b) => b.toString('latin1', 0, 2))).toBe('BM'); // sharp has no BMP reader
      else expect((await sharp(full).metadata()).pages ?? 1).toBe(f.pages.length);
      const pages = await decodePages(full, f.format);
      expect(pages.map((p) => [p.width, p.height])).toEqual(f.pages.map((p) => [p.width, p.height]));
    }
  });

  it('puts every truth box inside its page, on dark ink for names and red ink for seals', async () => {
    let names = 0, seals = 0;
    for (const f of truth.files.filter((x) => !x.corrupt)) {
      const pages = await decodePages(path.join(dir, f.file), f.format);
      f.pages.forEach((t, i) => {
        for (const n of [...t.applicantNames, ...t.otherNames]) {
          expect(inside(n.box, t.width, t.height), `${f.file} ${n.text}`).toBe(true);
          expect(luminanceStats(pages[i], n.box).min, `${f.file} ${n.text}`).toBeLessThan(110);
          names++;
        }
        for (const s of t.seals) {
          expect(inside(s.box, t.width, t.height)).toBe(true);
          if (s.colour === 'red') expect(luminanceStats(pages[i], s.box).red, `${f.file} seal`).toBeGreaterThan(50);
          seals++;
        }
      });
    }
    expect(names).toBeGreaterThan(10);
    expect(seals).toBeGreaterThanOrEqual(3);
  });

  it('contains the hard cases it was asked for', () => {
    const me = truth.profile.name;
    const all = truth.files.flatMap((f) => f.pages);
    const publicity = truth.files.find((f) => f.docType === 'unit_publicity')!.pages[0];
    expect(publicity.applicantNames.filter((n) => n.note?.startsWith('split across lines'))).toHaveLength(2);
    const appraisal = truth.files.find((f) => f.docType === 'appraisal_form')!.pages[0];
    expect(appraisal.otherNames.some((n) => n.text.includes(me) && n.handwritten)).toBe(true);
    expect(appraisal.applicantNames.some((n) => n.handwritten)).toBe(true);
    const [employerSeal] = appraisal.seals.filter((s) => s.owner === 'employer');
    const typed = appraisal.applicantNames.find((n) => !n.handwritten)!;
    const overlap = (a: Box, b: Box) => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    expect(overlap(employerSeal.box, typed.box)).toBe(true);
    const list = truth.files.find((f) => f.docType === 'title_document')!;
    // Once in the list, and once more in the notice's title when the applicant is listed first.
    const mine = list.pages.flatMap((p) => p.applicantNames);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine.length).toBeLessThanOrEqual(2);
    expect(mine.every((n) => n.text === me)).toBe(true);
    expect(list.pages.reduce((s, p) => s + p.otherNames.length, 0)).toBeGreaterThanOrEqual(9);
    expect(all.find((p) => p.photo)?.applicantNames).toEqual([]);
  });
});

describe('sample generator: geometry and determinism', () => {
  const spec: DocSpec = { type: 'title_certificate', dpi: 100, clarity: 'ok', degrade: { ...still, jpegQuality: undefined, tint: [1, 1, 1] } };

  it('is deterministic for a seed and differs between seeds', async () => {
    const a = await renderDocument(spec, 42);
    const b = await renderDocument(spec, 42);
    const c = await renderDocument(spec, 43);
    expect(a.pages[0].truth).toEqual(b.pages[0].truth);
    expect(a.pages[0].image.data.equals(b.pages[0].image.data)).toBe(true);
    expect(c.pages[0].truth.applicantNames[0].text === a.pages[0].truth.applicantNames[0].text && c.pages[0].image.data.equals(a.pages[0].image.data)).toBe(false);
  });

  it('keeps box and uprightBox consistent on a page stored sideways', async () => {
    const up = await renderDocument({ ...spec, format: 'png', degrade: { ...spec.degrade, rotation: 0 } }, 5);
    const side = await renderDocument({ ...spec, format: 'png', degrade: { ...spec.degrade, rotation: 90 } }, 5);
    const u = up.pages[0], s = side.pages[0];
    expect([s.truth.width, s.truth.height]).toEqual([u.truth.height, u.truth.width]);
    const names = (p: typeof u) => [...p.truth.applicantNames, ...p.truth.otherNames, ...p.truth.seals];
    names(s).forEach((n, i) => {
      expect(n.uprightBox).toEqual(names(u)[i].box);
      expect(n.box).toEqual(rotateBoxBy(n.uprightBox, 90, u.truth.width, u.truth.height));
    });
    // The seal ellipse turns with the page and still sits in the seal's ink box.
    s.truth.seals.forEach((seal, i) => {
      const before = u.truth.seals[i].ellipse;
      expect([seal.ellipse.cx, seal.ellipse.cy]).toEqual([u.truth.height - before.cy, before.cx]);
      const turn = (((seal.ellipse.angleDeg - before.angleDeg - 90) % 180) + 180) % 180;
      expect(Math.min(turn, 180 - turn)).toBeLessThan(0.05);
      const e = ellipseBox(seal.ellipse);
      expect(e[0]).toBeGreaterThanOrEqual(seal.box[0] - 3);
      expect(e[1]).toBeGreaterThanOrEqual(seal.box[1] - 3);
      expect(e[0] + e[2]).toBeLessThanOrEqual(seal.box[0] + seal.box[2] + 3);
      expect(e[1] + e[3]).toBeLessThanOrEqual(seal.box[1] + seal.box[3] + 3);
    });
    // The stored pixels are the upright pixels turned a quarter clockwise.
    const turned = await sharp(u.image.data, { raw: { width: u.image.width, height: u.image.height, channels: 3 } }).rotate(90).raw().toBuffer();
    expect(turned.equals(s.image.data)).toBe(true);
  });
});
