/**
 * The window an employer seal's mask leaves for a signature under it, through the real pipeline on
 * generated 附件 pages: the signer's name stays visible, the seal around it is covered — scored in
 * the pixels of the masked copy as the bench scores it (≥ 95 % of the seal's red ink black, the
 * name's ink under no mask). Windows cut to OCR boxes padded by a fifth of their height left 13 %
 * and 28 % of these seals visible: the boxes took in the arc text of a crimson seal, which the OCR
 * page (red lifted only to its red channel's level) still shows as dark ink.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocSpec } from '../../scripts/samples/index.ts';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const CASES: Array<[string, number, DocSpec]> = [
  // A crimson seal over 郑露宇's signature, read as 郑圳宗 in a box reaching down into the arc.
  ['附件2 单位推荐意见, seed 2', 2, { type: 'unit_recommendation' }],
  // 艾力·古丽 read as :类力二机全 in a box twice the signature's width, across the arc text.
  ['附件1 推荐单位公示, seed 14', 14, { type: 'unit_publicity', hard: { splitName: true } }],
];

describe('the window left for a signature under the employer seal (real pipeline, generated pages)', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const runs = new Map<string, GeneratedRun>();

  beforeAll(async () => {
    tmp = await tempDir('seal-windows');
    engine = await testEngines();
    await Promise.all(
      CASES.map(async ([label, seed, doc], i) => runs.set(label, await generateAndRun(tmp.dir, engine, { seed, docs: [doc] }, { name: `app-${i}` }))),
    );
  }, 300_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  it.each(CASES.map(([label]) => label))('%s: covers the seal but the signer’s name, and says so', (label) => {
    const { result, score } = runs.get(label)!;
    const seals = score.seals.filter((s) => s.owner === 'employer');
    expect(seals).toHaveLength(1);
    expect(seals[0].covered).toBeGreaterThanOrEqual(0.95);
    expect(score.otherNames).toBeGreaterThanOrEqual(1);
    expect(score.violations).toEqual([]);
    expect(result.report.pages[0].findings.some((f) => f.ruleId === 'mask/seal-over-other-name')).toBe(true);
  });
});
