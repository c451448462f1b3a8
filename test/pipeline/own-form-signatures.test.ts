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
 * And seed 9007 (application 3): 亚森-吾拉木 signed after a bare 签名, read 亚某-豆拉森, on a form whose
 * leader's 主管领导签字： OCR read as a bare colon — so no role label said the bare one was the
 * applicant's, and the hand was kept as someone else's (0 % covered). With no applicant's label on
 * the page, the one bare 签名 whose reading starts like the name and holds a third of it is theirs.
 * The leader 亚森·艾力 (sharing 亚森) stays visible.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const UNDER_SEAL = '考核情况/2021年度考核登记表.webp';
const GARBLED = '考核情况/2021年度考核登记表.png';
const LONE_BARE = '考核情况/2021年度考核登记表.jpg';

describe('handwritten names on the applicant’s own forms, read badly', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let underSeal: GeneratedRun;
  let garbled: GeneratedRun;
  let loneBare: GeneratedRun;

  beforeAll(async () => {
    tmp = await tempDir('own-form-signatures');
    engine = await testEngines();
    underSeal = await generateAndRun(tmp.dir, engine, { seed: 9005 }, { name: 'application-1', keep: [UNDER_SEAL] });
    garbled = await generateAndRun(tmp.dir, engine, { seed: 9005 + 2 * 7919 }, { name: 'application-3', keep: [GARBLED] });
    loneBare = await generateAndRun(tmp.dir, engine, { seed: 9007 + 2 * 7919 }, { name: 'application-3', keep: [LONE_BARE] });
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

  it('masks the one bare signature when the leader’s role label was lost, not the leader sharing the first part', () => {
    const truth = loneBare.truth.files[0].pages[0];
    expect(truth.otherNames.map((n) => n.text.replace(/[·．.\-]/g, ''))).toContain('亚森艾力');
    expect(loneBare.score.misses).toEqual([]);
    expect(loneBare.score.violations).toEqual([]);
  });
});
