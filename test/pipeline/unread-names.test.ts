/**
 * Names OCR does not read, or reads too badly to match, found by their place or shape on the
 * applicant's own documents (pages of the bench set, seed 4242):
 * - a 150-dpi ID card front whose name line is lost with its label on the guilloche (read "LE");
 * - a 150-dpi 学籍 report whose 姓名 label is read and its value is not;
 * - a pledge signed by brush, label and name garbled together (承诺人：再努尔·努尔兰 read
 *   承庄和:再好外"奶处兰);
 * - an appraisal form's handwritten 签名 read 等旬:再务外.人尔兰 — the dotted shape and half the
 *   characters right — while the 主管领导 who signed below is someone else and stays visible;
 * - a publicity's 如对党怡敏同志 read 如对党褒敏疙同志: the addressed person, not a longer name that
 *   contains a misreading of the applicant's (the mask had been hollowed out around it).
 * Each is masked and its page flagged for a person.
 */
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

/** Applications of the bench set (by index) and the files kept from each. */
const CASES: Array<[number, string[]]> = [
  [1, ['基本信息/身份证正面.jpg', '学历证明/学籍在线验证报告.png']],
  [5, ['其他附件/附件3个人承诺书.jpg', '考核情况/2022年度考核登记表.jpg']],
  [4, ['其他附件/附件1推荐单位公示.jpg']],
];

describe('names OCR did not read, masked by their place and flagged', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const runs: GeneratedRun[] = [];

  beforeAll(async () => {
    tmp = await tempDir('unread');
    engine = await testEngines();
    for (const [i, keep] of CASES) {
      const run = await generateAndRun(tmp.dir, engine, { seed: 4242 + i * 7919 }, { name: `application-${i}`, keep });
      expect((await readdir(run.appDir, { recursive: true })).filter((f) => /\.[a-z]+$/.test(String(f)) && !String(f).endsWith('.json')).sort()).toEqual([...keep].sort());
      runs.push(run);
    }
  }, 600_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  it('masks the name on every page and touches nothing else’s', () => {
    expect(runs.map((r) => r.score.applicantNames)).toEqual([2, 3, 4]);
    expect(runs.flatMap((r) => r.score.misses.map((m) => `${m.file} “${m.text}” ${Math.round(m.covered * 100)} %`))).toEqual([]);
    expect(runs.flatMap((r) => r.score.violations.map((m) => `${m.file} “${m.text}”`))).toEqual([]);
    // The appraisal form's other signer is there to be touched, and is not.
    expect(runs[1].score.otherNames).toBeGreaterThan(0);
  });

  it('flags each page for a person, and keeps the masks name-sized', () => {
    for (const { truth, result } of runs) {
      for (const f of truth.files) {
        const page = result.report.pages.find((p) => p.file === f.file)!;
        // A page whose names all read right, whole or split over two lines (the rule remover no
        // longer whitens a stripe through the publicity's 党怡敏, once read 党褒敏疙), has nothing to flag.
        const allExact = page.masks.filter((x) => x.kind === 'applicant_name').every((m) => m.evidence.rule === 'exact' || m.evidence.rule === 'split-across-lines');
        expect(allExact || page.findings.some((x) => x.ruleId === 'mask/uncertain-name'), f.file).toBe(true);
        const biggest = Math.max(...f.pages[0].applicantNames.map((n) => n.box[2] * n.box[3]));
        for (const m of page.masks.filter((x) => x.kind === 'applicant_name')) expect(m.box[2] * m.box[3], f.file).toBeLessThan(4 * biggest);
      }
    }
  });
});
