/**
 * An appraisal form (unseen bench seed 9002, application 4, 150 dpi) whose employer seal is
 * stamped over the 姓名 row with its lower edge and number row across the 现任职务 value
 * 采煤队技术主管. OCR read that line 有训队技有主管 at line confidence 0 in a box 2.5 lines tall.
 * The search for unread handwriting under the seal padded each ink group by 3 px a side before
 * comparing it with the print's height, took the print for a signature, and the seal's mask left
 * a window over it: 89 % of the seal's red ink masked. Print stays under the mask now; the
 * applicant's own signature and the leader's (吾斯曼·叶尔江, kept visible) are as before.
 * The other side of the same test: a brush signature across a seal (bench seed 4242, application 1,
 * 签字：艾礼刚 read 人六礼刚:全 at 53, its characters at 88–96) is handwriting and keeps its window;
 * a first attempt that called confident characters print covered it whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const FILE = '考核情况/2023年度考核登记表.pdf';
const SIGNED = '其他附件/附件1推荐单位公示.pdf';

describe('print under the edge of the employer seal', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let run: GeneratedRun;
  let signed: GeneratedRun;

  beforeAll(async () => {
    tmp = await tempDir('seal-print');
    engine = await testEngines();
    run = await generateAndRun(tmp.dir, engine, { seed: 9002 + 3 * 7919 }, { name: 'application-4', keep: [FILE] });
    signed = await generateAndRun(tmp.dir, engine, { seed: 4242 }, { name: 'application-1', keep: [SIGNED] });
  }, 600_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  it('covers the seal whole and leaves no window over the print', () => {
    const seals = run.score.seals.filter((s) => s.owner === 'employer');
    expect(seals).toHaveLength(1);
    expect(seals[0].covered).toBeGreaterThanOrEqual(0.95);
    const page = run.result.report.pages.find((p) => p.file === FILE)!;
    expect(page.otherNames.filter((o) => o.evidence?.rule === 'unread-ink-under-seal')).toEqual([]);
  });

  it('masks the applicant’s name and signature, and touches no one else’s', () => {
    expect(run.score.misses).toEqual([]);
    expect(run.score.violations).toEqual([]);
    expect(run.score.otherNames).toBeGreaterThanOrEqual(1);
  });

  it('leaves a window for a brush signature across the seal that OCR read confidently wrong', () => {
    expect(signed.truth.files[0].pages[0].otherNames.map((n) => n.text)).toContain('艾礼刚');
    expect(signed.score.violations).toEqual([]);
    expect(signed.score.seals.filter((s) => s.owner === 'employer')[0].covered).toBeGreaterThanOrEqual(0.9);
  });
});
