/**
 * An appraisal form scanned in grey (bench seed 4242, application 3): the employer's seal, its colour
 * lost, lies over the row 姓名 | 任强勤 | 性别 | 男, and OCR read it 姓是 恨有ay下 性别 国 … — the label
 * garbled in one character, the name as nothing. A 姓名 garbled so at the start of a row that goes on
 * to 性别 is the name field: on the applicant's own form its value is masked by its place and flagged.
 * The grey ring is reported for a person (its owner cannot be told without colour).
 *
 * The same on seed 9006 (application 2), worse: OCR read nothing of 姓名 | 谭伟嘉, the row starting at
 * 性别. The ink left of 性别 is the name's cell; the seal's ring crossing it made that ink 8.3 glyphs
 * wide, past the 8 a name cell was allowed: now a cell's reach, 12.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const FILE = '考核情况/2022年度考核登记表.webp';
const FILE_9006 = '考核情况/2021年度考核登记表.jpg';

describe('the name cell under a seal whose colour a grey scan lost', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let run: GeneratedRun;
  let unread: GeneratedRun;

  beforeAll(async () => {
    tmp = await tempDir('grey-seal-cell');
    engine = await testEngines();
    run = await generateAndRun(tmp.dir, engine, { seed: 4242 + 2 * 7919 }, { name: 'application-3', keep: [FILE] });
    unread = await generateAndRun(tmp.dir, engine, { seed: 9006 + 7919 }, { name: 'application-2', keep: [FILE_9006] });
  }, 600_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  it('masks both 任强勤 and leaves the leader’s signature visible', () => {
    const truth = run.truth.files[0].pages[0];
    expect(truth.applicantNames.map((n) => n.text)).toEqual(['任强勤', '任强勤']);
    expect(run.score.misses).toEqual([]);
    expect(run.score.violations).toEqual([]);
    const page = run.result.report.pages[0];
    expect(page.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['seal/colour-lost', 'mask/uncertain-name']));
  });

  it('masks the unread name cell before 性别 with the ring across it, not the leader 谭伟武', () => {
    const truth = unread.truth.files[0].pages[0];
    expect(truth.applicantNames.map((n) => n.text)).toEqual(['谭伟嘉', '谭伟嘉']);
    expect(truth.otherNames.map((n) => n.text)).toContain('谭伟武');
    expect(unread.score.misses).toEqual([]);
    expect(unread.score.violations).toEqual([]);
  });
});
