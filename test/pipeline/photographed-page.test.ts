/**
 * Pages photographed with a phone: the sheet lies crooked (3.5°) in perspective, on a desk, under a
 * shadow; the signer's name under the unit's seal is read with its label garbled (签字 read se。). Tesseract used to drop whole paragraphs of such pages: the lines slope, and a page-wide
 * "dark" threshold turned the shadowed half into regions whose edges passed for table rules and
 * were whitened through the text. The page is now read from a straightened copy with rules found on
 * the paper's local level, and the masks come back as turned rectangles on the unchanged photo.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScan } from '../../src/ingest/open-scan.ts';
import { greyForOcr } from '../../src/ocr/prepare.ts';
import { removeRules } from '../../src/ocr/remove-rules.ts';
import type { ApplicationResult } from '../../src/pipeline/run-application.ts';
import { ReportSchema, type Report } from '../../src/report/schema.ts';
import type { MaskingScore } from '../../scripts/evaluate/masking.ts';
import { generateApplication, type ApplicationTruth } from '../../scripts/samples/index.ts';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('a phone photo of a page: sloping lines, perspective, a shadow', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let appDir: string;
  let truth: ApplicationTruth;
  let result: ApplicationResult;
  let score: MaskingScore;
  let report: Report;

  beforeAll(async () => {
    tmp = await tempDir('photo');
    const photo = (skewDeg: number) => ({ rotation: 0 as const, camera: true, skewDeg, lighting: 0.8, blurSigma: 0, jpegQuality: 90 });
    engine = await testEngines();
    ({ appDir, truth, result, score } = await generateAndRun(tmp.dir, engine, {
      seed: 20261127,
      docs: [
        { type: 'unit_publicity', format: 'jpeg', dpi: 200, clarity: 'ok', degrade: photo(-3.6) },
        { type: 'personal_pledge', format: 'jpeg', dpi: 200, clarity: 'ok', degrade: photo(3.2) },
      ],
    }));
    report = ReportSchema.parse(JSON.parse(await readFile(join(result.outDir, 'report.json'), 'utf8')));
  }, 600_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  it('masks every occurrence of the applicant’s name and touches no one else’s', () => {
    expect(score.applicantNames).toBeGreaterThanOrEqual(5);
    expect(score.misses.map((m) => `${m.file} “${m.text}” ${Math.round(m.covered * 100)} %`)).toEqual([]);
    expect(score.violations.map((m) => `${m.file} “${m.text}”`)).toEqual([]);
  });

  it('reads the sloping pages straightened, and burns the masks as turned rectangles into the photo as taken', async () => {
    for (const f of truth.files) {
      const page = report.pages.find((p) => p.file === f.file)!;
      expect(page.skew?.readStraightened, f.file).toBe(true);
      expect(Math.abs(page.skew!.angleDeg - f.pages[0].skewDeg), f.file).toBeLessThan(1.5);
      const names = page.masks.filter((m) => m.kind === 'applicant_name');
      expect(names.length, f.file).toBeGreaterThan(0);
      for (const m of names) {
        expect(m.polygons, f.file).toHaveLength(m.rects.length);
        // A turned rectangle: its corners are not those of its box.
        const [a, b] = m.polygons![0];
        expect(Math.abs(a[1] - b[1]), f.file).toBeGreaterThan(1);
      }
      // The output is the photo with masks, not a straightened copy: same size as the input.
      const input = await sharp(join(appDir, f.file)).metadata();
      const output = await sharp(join(result.outDir, 'masked', f.file)).metadata();
      expect([output.width, output.height], f.file).toEqual([input.width, input.height]);
    }
  });

  it('whitens no printed text when looking for table rules under the shadow', async () => {
    // The bench set's fourth application (seed 4242): its 附件1 is a phone photo whose shadowed half
    // fell under the old page-wide threshold; 3.5 % of the page's dark pixels, whole stretches of
    // its paragraphs, were whitened as "rules". The page has no table rules at all.
    const dir = join(tmp.dir, 'bench-4');
    const file = '其他附件/附件1推荐单位公示.jpg';
    const all = await generateApplication({ dir, seed: 4242 + 3 * 7919 });
    expect(all.files.map((f) => f.file)).toContain(file);
    const before = greyForOcr((await (await openScan(dir, file)).loadPage(1)).rgb);
    const after = removeRules(before);
    let dark = 0;
    let kept = 0;
    for (let i = 0; i < before.data.length; i++) {
      if (before.data[i] < 100) dark++;
      if (after.data[i] < 100) kept++;
    }
    expect(dark).toBeGreaterThan(20_000);
    expect(kept / dark).toBeGreaterThan(0.985);
  });
});
