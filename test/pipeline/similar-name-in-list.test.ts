/**
 * A list of people with a colleague whose name is the applicant's but for one character, from an
 * application drawn with a seed no rule was tuned on (bench seed 9004, measured first): the title
 * document 任职资格文件 (two pages) lists the applicant 唐龙朴 on page 1 and 唐龙峰 on page 2. OCR
 * reads 唐龙峰 at 98 per character; 峰 and 朴 are only loosely alike (both left–right), so it is a
 * colleague, not the applicant misread: never masked, flagged for a person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const DOCUMENT = '专业技术资格/任职资格文件.tif';

describe('a colleague in a list whose name is one character off the applicant’s', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let run: GeneratedRun;

  beforeAll(async () => {
    tmp = await tempDir('similar-list');
    engine = await testEngines();
    run = await generateAndRun(tmp.dir, engine, { seed: 9004 }, { name: 'application-1', keep: [DOCUMENT] });
  }, 600_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  it('masks the applicant on page 1 and leaves 唐龙峰 on page 2 untouched, flagged', () => {
    const pages = run.truth.files[0].pages;
    expect(pages[0].applicantNames.map((n) => n.text)).toEqual(['唐龙朴']);
    expect(pages[1].otherNames.map((n) => n.text)).toContain('唐龙峰');
    expect(run.score.misses).toEqual([]);
    expect(run.score.violations).toEqual([]);
    const page2 = run.result.report.pages.find((p) => p.file === DOCUMENT && p.page === 2)!;
    expect(page2.masks.filter((m) => m.kind === 'applicant_name')).toEqual([]);
    expect(page2.findings.some((f) => f.ruleId === 'mask/uncertain-name' && f.message.includes('唐龙峰'))).toBe(true);
  });
});
