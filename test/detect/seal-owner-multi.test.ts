/**
 * Several seals on one form (set-9003-4 application-003, 专业技术职务任职资格评审表): the employer's
 * oval stamped just above another body's round seal, their rings touching. The two made one blob of
 * red ink; the first fit took the pair for one oval and a circle climbed onto the round seal — and
 * every outline point of the pair was spent on it, so the employer's oval was never fitted. The
 * page then held one seal on an employer's form, and the other body's seal was masked as the
 * employer's. Pages drawn with the sample generator's seals.
 *
 * And a seal's own arc text read by OCR as a name under it (荣誉证书, set-9003-4: 主焕太入 for the top
 * of the arc): the mask left a window for it and a third of the seal visible. A window is for
 * someone's ink; the seal's red glyphs are not.
 */
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectSeals } from '../../src/detect/seals/detect-seals.ts';
import { sealDetections } from '../../src/detect/seals/index.ts';
import { isSealRed, penInkPatch, type SealWithInk } from '../../src/detect/seals/pen-ink.ts';
import type { Box, Ellipse } from '../../src/model/geometry.ts';
import type { RawImage } from '../../src/model/image.ts';
import type { OcrEngine } from '../../src/model/ocr.ts';
import { createTesseractEngine } from '../../src/ocr/tesseract-engine.ts';
import { planMasks, sealGlyphsOnly } from '../../src/mask/plan.ts';
import { HAND, registerFonts, SERIF } from '../../scripts/samples/fonts.ts';
import { Rng } from '../../scripts/samples/rng.ts';
import { drawSeal, type SealSpec } from '../../scripts/samples/seal.ts';

const EMPLOYER = '阿克苏博峰煤业有限责任公司';
const OTHER = '阿克苏地区人力资源和社会保障局';

type Ctx = ReturnType<ReturnType<typeof createCanvas>['getContext']>;

/** An A4-proportioned page at `dpi` with print lines, drawn onto by `draw`, JPEG-compressed at `q`. */
async function page(dpi: number, draw: (g: Ctx, mm: number) => void, q = 0): Promise<RawImage> {
  registerFonts();
  const W = Math.round(8.27 * dpi);
  const H = Math.round(11.69 * dpi);
  const mm = dpi / 25.4;
  const c = createCanvas(W, H);
  const g = c.getContext('2d');
  g.fillStyle = '#f4f2ec';
  g.fillRect(0, 0, W, H);
  g.fillStyle = '#202020';
  g.font = `${Math.round(4 * mm)}px ${SERIF.regular}`;
  for (let i = 0; i < 12; i++) g.fillText('经评审，该同志业务能力较强，同意推荐申报', 25 * mm, (40 + i * 9) * mm);
  draw(g, mm);
  const rgba = g.getImageData(0, 0, W, H).data;
  let data = Buffer.alloc(W * H * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) [data[j], data[j + 1], data[j + 2]] = [rgba[i], rgba[i + 1], rgba[i + 2]];
  if (q) data = await sharp(await sharp(data, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: q }).toBuffer()).raw().toBuffer();
  return { data, width: W, height: H, channels: 3 };
}

/** The employer's oval (45 × 30 mm) and another body's round seal (41 mm) just below it, rings touching. */
function twoSeals(g: Ctx, mm: number): { oval: Ellipse; round: Ellipse } {
  const rng = new Rng(3);
  const base = { colour: '#c8302c', opacity: 0.85, inkNoise: 0.2, emblem: 'star' as const, font: 'song' as const };
  const ovalSpec: SealSpec = { ...base, text: EMPLOYER, shape: 'oval', cx: 120 * mm, cy: 150 * mm, rx: 22.5 * mm, ry: 15 * mm, angleDeg: -10 };
  const roundSpec: SealSpec = { ...base, text: OTHER, shape: 'round', cx: 138 * mm, cy: 183 * mm, rx: 20.5 * mm, ry: 20.5 * mm, angleDeg: -11 };
  const oval = drawSeal(g, ovalSpec, () => rng.float(0, 1)).ellipse;
  const round = drawSeal(g, roundSpec, () => rng.float(0, 1)).ellipse;
  return { oval, round };
}

const near = (a: Ellipse, b: Ellipse) => Math.hypot(a.cx - b.cx, a.cy - b.cy) < 0.25 * Math.min(b.rx, b.ry);

describe('two seals stamped touching on one form', () => {
  it.each([150, 93])('finds both, each with its own ring, at %i dpi', async (dpi) => {
    let truth = { oval: {} as Ellipse, round: {} as Ellipse };
    const img = await page(dpi, (g, mm) => (truth = twoSeals(g, mm)), 60);
    const found = detectSeals(img);
    expect(found).toHaveLength(2);
    const oval = found.find((s) => near(s.ellipse, truth.oval));
    const round = found.find((s) => near(s.ellipse, truth.round));
    expect(oval).toBeDefined();
    expect(round).toBeDefined();
    // The oval keeps its shape (it was lost in the pair's blob, or fitted as a circle).
    expect(oval!.ellipse.rx / oval!.ellipse.ry).toBeGreaterThan(1.3);
  });

  describe('with real OCR of the arc text', () => {
    let ocr: OcrEngine;
    beforeAll(async () => {
      ocr = await createTesseractEngine({ workers: 1 });
    }, 60_000);
    afterAll(async () => {
      await ocr?.terminate();
    });

    it('masks the employer\'s seal by its own reading, and never the other body\'s', async () => {
      let truth = { oval: {} as Ellipse, round: {} as Ellipse };
      const img = await page(150, (g, mm) => (truth = twoSeals(g, mm)), 75);
      const seals = await sealDetections(img, ocr, { docType: 'title_review_form', employer: EMPLOYER, employerAliases: ['博峰煤业'] });
      const other = seals.filter((s) => near(s.ellipse, truth.round));
      expect(other).toHaveLength(1);
      expect(other[0].owner).not.toBe('employer');
      const employer = seals.find((s) => near(s.ellipse, truth.oval));
      expect(employer?.owner).toBe('employer');
    }, 180_000);
  });
});

describe('a seal\'s own arc text read as a name under it', () => {
  /** A 300 dpi certificate corner with the employer's round seal, JPEG at quality 42 (its red glyphs' fringe turns to dark specks). */
  async function certificate(sign: boolean): Promise<{ img: RawImage; seal: Ellipse; arcBox: Box; signBox: Box }> {
    let seal = {} as Ellipse;
    const signBox: Box = [1650, 1040, 300, 110];
    const img = await page(300, (g) => {
      if (sign) {
        g.fillStyle = '#161640';
        g.font = `${signBox[3] * 0.85}px ${HAND[0]}`;
        g.fillText('米治军', signBox[0] + 5, signBox[1] + signBox[3] * 0.85);
      }
      const rng = new Rng(5);
      seal = drawSeal(g, { text: EMPLOYER, shape: 'round', cx: 1800, cy: 1200, rx: 250, ry: 250, angleDeg: 0, colour: '#d02a22', opacity: 0.9, inkNoise: 0.2, emblem: 'star', font: 'song' }, () => rng.float(0, 1)).ellipse;
    }, 42);
    // Where OCR read the top of the arc as a line: the glyphs between 10 and 2 o'clock.
    const arcBox: Box = [1650, 975, 300, 90];
    return { img, seal, arcBox, signBox };
  }

  function sealWith(img: RawImage, e: Ellipse): SealWithInk {
    const box: Box = [Math.round(e.cx - e.rx), Math.round(e.cy - e.ry), Math.round(2 * e.rx), Math.round(2 * e.ry)];
    return { ellipse: e, box, confidence: 1, colour: 'red', owner: 'employer', evidence: {}, penInk: penInkPatch(img, box) };
  }

  /** Share of the seal's red pixels inside `box` that the plan covers. */
  function coveredRed(img: RawImage, rects: Box[], box: Box): number {
    let red = 0;
    let hit = 0;
    for (let y = box[1]; y < box[1] + box[3]; y++)
      for (let x = box[0]; x < box[0] + box[2]; x++) {
        const o = (y * img.width + x) * 3;
        if (!isSealRed(img.data[o], img.data[o + 1], img.data[o + 2])) continue;
        red++;
        if (rects.some((r) => x >= r[0] && x < r[0] + r[2] && y >= r[1] && y < r[1] + r[3])) hit++;
      }
    return red ? hit / red : 0;
  }

  it('covers the glyphs: no window for a "name" whose only ink is the seal\'s red', async () => {
    const { img, seal, arcBox } = await certificate(false);
    const s = sealWith(img, seal);
    expect(sealGlyphsOnly(arcBox, s.penInk)).toBe(true);
    const plan = planMasks({
      width: img.width,
      height: img.height,
      names: [{ kind: 'other_name', text: '主焕太入', box: arcBox, charBoxes: [], confidence: 0.4, evidence: { rule: 'under-seal' } }],
      seals: [s],
      file: 'f',
      page: 1,
      maxMaskedShare: 0.08,
    });
    const mask = plan.masks.find((m) => m.kind === 'employer_seal')!;
    expect(mask.avoidedOtherName).toBeFalsy();
    expect(coveredRed(img, mask.rects, arcBox)).toBeGreaterThan(0.99);
    expect(plan.findings.map((f) => f.ruleId)).not.toContain('mask/seal-over-other-name');
  });

  it('still leaves a window for a signature written across the seal', async () => {
    const { img, seal, signBox } = await certificate(true);
    const s = sealWith(img, seal);
    expect(sealGlyphsOnly(signBox, s.penInk)).toBe(false);
    const plan = planMasks({
      width: img.width,
      height: img.height,
      names: [{ kind: 'other_name', text: '米治军', box: signBox, charBoxes: [], confidence: 0.4, evidence: { rule: 'under-seal' } }],
      seals: [s],
      file: 'f',
      page: 1,
      maxMaskedShare: 0.08,
    });
    expect(plan.masks.find((m) => m.kind === 'employer_seal')!.avoidedOtherName).toBe(true);
  });
});

describe('the employer\'s seal mask beside another body\'s seal it overlaps', () => {
  it('covers the employer\'s ring where the two cross, and stops at it where the ink is the other\'s only', () => {
    const seal = (e: Ellipse, owner: 'employer' | 'other'): SealWithInk => ({
      ellipse: e,
      box: [e.cx - e.rx, e.cy - e.ry, 2 * e.rx, 2 * e.ry],
      confidence: 1,
      colour: 'red',
      owner,
      evidence: {},
    });
    const employer: Ellipse = { cx: 500, cy: 500, rx: 150, ry: 150, angleDeg: 0 };
    const other: Ellipse = { cx: 760, cy: 560, rx: 140, ry: 140, angleDeg: 0 };
    const plan = planMasks({ width: 1200, height: 1200, names: [], seals: [seal(employer, 'employer'), seal(other, 'other')], file: 'f', page: 1, maxMaskedShare: 0.08 });
    const rects = plan.masks.filter((m) => m.kind === 'employer_seal').flatMap((m) => m.rects);
    const covered = (x: number, y: number) => rects.some((r) => x >= r[0] && x < r[0] + r[2] && y >= r[1] && y < r[1] + r[3]);
    // The employer's ring all round, inside the other seal too.
    for (let i = 0; i < 360; i += 3) {
      const t = (i * Math.PI) / 180;
      expect(covered(Math.round(500 + 148 * Math.cos(t)), Math.round(500 + 148 * Math.sin(t)))).toBe(true);
    }
    // The other seal's ring just past the employer's (within the margin the mask has elsewhere).
    let checked = 0;
    for (let i = 0; i < 3600; i++) {
      const t = (i * Math.PI) / 1800;
      const x = Math.round(760 + 139 * Math.cos(t));
      const y = Math.round(560 + 139 * Math.sin(t));
      const d = Math.hypot(x - 500, y - 500);
      if (d < 157 || d > 161) continue;
      checked++;
      expect(covered(x, y)).toBe(false);
    }
    expect(checked).toBeGreaterThan(0);
    // Away from the other seal the margin is kept.
    expect(covered(500 - 158, 500)).toBe(true);
  });
});
