/**
 * A journal paper's first page (bench set, seed 4242, application 5): the applicant 党怡敏 is the
 * fourth of four authors, and the 7.5 pt author's note under the text (作者简介：党怡敏（1989—），…)
 * is read 欧访乞 — no character right. The note is conventionally the first author's, so a name there
 * that reads as nobody's is not masked by guess; the page is flagged for a person. The byline's other
 * authors are recognised as names, and the running text, keyword line and label values are not
 * (支护, 安全, 文章, 简介 … had been reported as other people's names).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Box } from '../../src/model/geometry.ts';
import { intersect } from '../../src/model/geometry.ts';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const FILE = '业绩成果/论文1.jpg';

describe('a paper whose author’s note is unreadable', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let run: GeneratedRun;

  beforeAll(async () => {
    tmp = await tempDir('paper');
    engine = await testEngines();
    run = await generateAndRun(tmp.dir, engine, { seed: 4242 + 4 * 7919 }, { name: 'application-5', keep: [FILE] });
  }, 600_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  it('masks the byline occurrence, touches no co-author, and flags the note', () => {
    const page = run.result.report.pages.find((p) => p.file === FILE)!;
    const truth = run.truth.files.find((f) => f.file === FILE)!.pages[0];
    expect(truth.applicantNames.length).toBe(2);
    expect(run.score.violations).toEqual([]);
    // The byline's occurrence is masked; the note's is the one the page is flagged for.
    expect(run.score.misses.map((m) => m.text)).toEqual(['党怡敏']);
    const flagged = page.findings.filter((x) => x.ruleId === 'mask/uncertain-name');
    expect(flagged.some((x) => x.message.includes('作者简介'))).toBe(true);
    expect(page.needsReview).toBe(true);
  });

  it('reports as other people’s names only names', () => {
    const page = run.result.report.pages.find((p) => p.file === FILE)!;
    const others = run.truth.files.find((f) => f.file === FILE)!.pages[0].otherNames.map((n) => n.box as Box);
    const stray = page.otherNames.filter((o) => !others.some((b) => intersect(b, o.box))).map((o) => o.text);
    expect(stray).toEqual([]);
    expect(page.otherNames.length).toBeGreaterThanOrEqual(2);
  });
});
