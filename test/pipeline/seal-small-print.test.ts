/**
 * An appraisal form scanned at 53 dpi and a quarter turn round (bench seed 9004, application 2): the
 * print is far too small to read (the page gets a too-small error), and OCR read the form's printed
 * lines under the employer's seal as 生人人aaa and 这人 at confidence 0–3. Those were taken for
 * signatures and the seal's mask left windows over most of the seal (11 % of its red ink covered).
 * An unlabelled line under a seal is a hand only when its glyphs stand taller than the print.
 *
 * The other way round, a unit's recommendation at 47 dpi (seed 9005, application 2): OCR read nothing
 * near the seal, so no line told of the hand 边雨桐 signed inside the seal's ring, and the seal's mask
 * covered it whole. Where print is too small to read, ink well taller than print inside the seal is
 * taken for a hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const FILE = '考核情况/2022年度考核登记表.jpg';
const RECOMMENDATION = '其他附件/附件2单位推荐意见.jpg';

describe('the employer’s seal over print too small to read', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let run: GeneratedRun;
  let recommendation: GeneratedRun;

  beforeAll(async () => {
    tmp = await tempDir('seal-small');
    engine = await testEngines();
    run = await generateAndRun(tmp.dir, engine, { seed: 9004 + 7919 }, { name: 'application-2', keep: [FILE] });
    recommendation = await generateAndRun(tmp.dir, engine, { seed: 9005 + 7919 }, { name: 'application-2', keep: [RECOMMENDATION] });
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

  it('leaves a window for a signature inside the seal where nothing could be read', () => {
    const truth = recommendation.truth.files[0].pages[0];
    expect(truth.otherNames.map((n) => n.text)).toContain('边雨桐');
    expect(recommendation.score.violations).toEqual([]);
    const seal = recommendation.score.seals.find((s) => s.owner === 'employer')!;
    expect(seal.covered).toBeGreaterThan(0.85);
    const page = recommendation.result.report.pages[0];
    expect(page.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['scan/too-small', 'mask/seal-over-other-name']));
  });
});
