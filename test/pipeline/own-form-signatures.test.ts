/**
 * The applicant's own appraisal forms of an application drawn with a seed no rule was tuned on (bench
 * seed 9005), whose handwritten names OCR read badly:
 * - 阿不都·热孜宛 handwritten in the 姓名 cell under the employer's seal, read 可不都热牙禄 with no
 *   label: the seal's mask left a window over it as someone else's name (18 % covered). On the
 *   applicant's own form a reading under the employer's seal that holds most of the name and is
 *   closer to it than to every other name on the page is the applicant's (under-seal.ts); the leader
 *   阿不都·买买提, sharing the first part, stays visible;
 * - 仇光平 signed after a 签名 OCR read 等名( (the colon as a bracket): the garbled label was not
 *   taken for one (labels.ts), and the signature was not masked (0 %). The leader 仇光文 stays visible.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const UNDER_SEAL = '考核情况/2021年度考核登记表.webp';
const GARBLED = '考核情况/2021年度考核登记表.png';

describe('handwritten names on the applicant’s own forms, read badly', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let underSeal: GeneratedRun;
  let garbled: GeneratedRun;

  beforeAll(async () => {
    tmp = await tempDir('own-form-signatures');
    engine = await testEngines();
    underSeal = await generateAndRun(tmp.dir, engine, { seed: 9005 }, { name: 'application-1', keep: [UNDER_SEAL] });
    garbled = await generateAndRun(tmp.dir, engine, { seed: 9005 + 2 * 7919 }, { name: 'application-3', keep: [GARBLED] });
  }, 900_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  it('masks the name in the 姓名 cell under the employer’s seal, and all of the seal', () => {
    const truth = underSeal.truth.files[0].pages[0];
    expect(truth.otherNames.map((n) => n.text.replace(/[·．.\-]/g, ''))).toContain('阿不都买买提');
    expect(underSeal.score.misses).toEqual([]);
    expect(underSeal.score.violations).toEqual([]);
    expect(underSeal.score.seals.find((s) => s.owner === 'employer')!.covered).toBeGreaterThan(0.95);
  });

  it('masks the signature after a garbled 签名 read with a bracket for its colon', () => {
    const truth = garbled.truth.files[0].pages[0];
    expect(truth.otherNames.map((n) => n.text)).toContain('仇光文');
    expect(garbled.score.misses).toEqual([]);
    expect(garbled.score.violations).toEqual([]);
  });
});
