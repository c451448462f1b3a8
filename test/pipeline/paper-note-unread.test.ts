/**
 * A paper's first page from an application drawn with a seed no rule was tuned on (bench seed
 * 9004, application 4), scanned a quarter turn round at 150 dpi: the applicant 薛兴 is the byline's
 * first author (beside 薛兴哲, whose name holds the applicant's), and the 7-pt author's note reads
 * 作者简介：1995一），男，… — OCR skipped the name altogether, and took 作者 for a label and 简介 for
 * its value, someone's name. The note's unread name is masked by its place, since the applicant is
 * the first author, and flagged; 薛兴哲 stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const FILE = '业绩成果/论文1.jpg';

describe('a paper whose author’s note name OCR did not read at all', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let run: GeneratedRun;

  beforeAll(async () => {
    tmp = await tempDir('paper-note');
    engine = await testEngines();
    run = await generateAndRun(tmp.dir, engine, { seed: 9004 + 3 * 7919 }, { name: 'application-4', keep: [FILE] });
  }, 600_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  it('masks the byline’s and the note’s 薛兴, flags the note, and leaves 薛兴哲', () => {
    const truth = run.truth.files[0].pages[0];
    expect(truth.applicantNames.map((n) => n.text)).toEqual(['薛兴', '薛兴']);
    expect(truth.otherNames.map((n) => n.text)).toContain('薛兴哲');
    expect(run.score.misses).toEqual([]);
    expect(run.score.violations).toEqual([]);
    const page = run.result.report.pages[0];
    expect(page.orientation?.detected).toBe(270);
    expect(page.findings.some((f) => f.ruleId === 'mask/uncertain-name' && f.message.includes('作者简介'))).toBe(true);
    expect(page.otherNames.map((o) => o.text)).not.toContain('简介');
  });
});
