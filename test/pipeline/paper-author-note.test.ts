/**
 * A journal paper's first page (bench set, seed 4242, application 5): the applicant 党怡敏 is the
 * fourth of four authors, and the 7.5 pt author's note under the text (作者简介：党怡敏（1989—），…)
 * is blurred (σ 1.2) and 2.6° skewed. It used to be read 欧访乞 — no character right — because the
 * rule remover took the run-together horizontal strokes of 党怡敏 for a table rule and whitened a
 * stripe through the name; the page was then flagged for a person. Now the note reads right and is
 * masked with the byline's occurrence. The byline's other authors are recognised as names, and the
 * running text, keyword line and label values are not (支护, 安全, 文章, 简介 … had been reported as
 * other people's names).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Box } from '../../src/model/geometry.ts';
import { intersect } from '../../src/model/geometry.ts';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const FILE = '业绩成果/论文1.jpg';

describe('a paper whose author’s note is set small and blurred', () => {
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

  it('masks the byline occurrence and the note’s, and touches no co-author', () => {
    const page = run.result.report.pages.find((p) => p.file === FILE)!;
    const truth = run.truth.files.find((f) => f.file === FILE)!.pages[0];
    expect(truth.applicantNames.length).toBe(2);
    expect(run.score.violations).toEqual([]);
    expect(run.score.misses).toEqual([]);
    expect(page.masks.filter((m) => m.kind === 'applicant_name').length).toBeGreaterThanOrEqual(2);
  });

  it('reports as other people’s names only names', () => {
    const page = run.result.report.pages.find((p) => p.file === FILE)!;
    const others = run.truth.files.find((f) => f.file === FILE)!.pages[0].otherNames.map((n) => n.box as Box);
    const stray = page.otherNames.filter((o) => !others.some((b) => intersect(b, o.box))).map((o) => o.text);
    expect(stray).toEqual([]);
    expect(page.otherNames.length).toBeGreaterThanOrEqual(2);
  });
});
