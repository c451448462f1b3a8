/**
 * An appraisal form scanned at 53 dpi and a quarter turn round (bench seed 9004, application 2): the
 * print is far too small to read (the page gets a too-small error), and OCR read the form's printed
 * lines under the employer's seal as 生人人aaa and 这人 at confidence 0–3. Those were taken for
 * signatures and the seal's mask left windows over most of the seal (11 % of its red ink covered).
 * An unlabelled line under a seal is a hand only when its glyphs stand taller than the print.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const FILE = '考核情况/2022年度考核登记表.jpg';

describe('the employer’s seal over print too small to read', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let run: GeneratedRun;

  beforeAll(async () => {
    tmp = await tempDir('seal-small');
    engine = await testEngines();
    run = await generateAndRun(tmp.dir, engine, { seed: 9004 + 7919 }, { name: 'application-2', keep: [FILE] });
  }, 600_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  it('masks most of the seal, and still says the page is too small', () => {
    const seal = run.score.seals.find((s) => s.owner === 'employer')!;
    expect(seal.covered).toBeGreaterThan(0.85);
    expect(run.score.violations).toEqual([]);
    const page = run.result.report.pages[0];
    expect(page.findings.map((f) => f.ruleId)).toContain('scan/too-small');
  });
});
