/**
 * Two of the applicant's own documents of an application drawn with a seed no rule was tuned on
 * (bench seed 9007), each with a signer's name masked — the two violations of that seed's first run:
 * - a unit's recommendation ending 同意推荐。 with the leader's 签字：臧志立 on the next line (read
 *   签字，癌.志艺): the slot after 同意 ran across the full stop and the commas into that line up to
 *   its 志, and masked the signer (41 %). A slot holds no punctuation but a minority name's one dot;
 * - a proof signed 单位主要负责人签字：卡德尔·依力哈尔 across the employer's seal, the label read
 *   单位主要负责尖等字: and the name 个德引7哈足: no label was recognised, the 7 (the dot) counted as
 *   print, and the seal's mask covered the signature's lower half (21 %).
 * And the same application's appraisal form photographed on grey paper: the table's rules were painted
 * white, a grid of bright lines on the grey sheet, and tesseract read the paragraphs but none of the
 * cells (8 lines of about 30), 姓名 | 长孙文 among them. Rules are now painted the paper's own level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const RECOMMENDATION = '其他附件/附件2单位推荐意见.png';
const PROOF = '业绩成果/涉密项目证明.jpg';
const FORM = '考核情况/2021年度考核登记表.jpg';

describe('signers beside the addressee and under the seal', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let run: GeneratedRun;

  beforeAll(async () => {
    tmp = await tempDir('signers-by-seal');
    engine = await testEngines();
    run = await generateAndRun(tmp.dir, engine, { seed: 9007 }, { name: 'application-1', keep: [RECOMMENDATION, PROOF, FORM] });
  }, 900_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  const on = (file: string) => ({
    misses: run.score.misses.filter((m) => m.file === file),
    violations: run.score.violations.filter((m) => m.file === file),
  });

  it('does not carry the addressee’s slot over a full stop into the signature line', () => {
    expect(run.truth.files.find((f) => f.file === RECOMMENDATION)!.pages[0].otherNames.map((n) => n.text)).toContain('臧志立');
    expect(on(RECOMMENDATION)).toEqual({ misses: [], violations: [] });
  });

  it('leaves the whole signature after a garbled 负责人签字 under the seal visible, and says so', () => {
    expect(on(PROOF)).toEqual({ misses: [], violations: [] });
    const page = run.result.report.pages.find((p) => p.file === PROOF)!;
    expect(page.findings.map((f) => f.ruleId)).toContain('mask/seal-over-other-name');
  });

  it('reads the cells of a form photographed on grey paper, and masks the printed name in them', () => {
    const page = run.result.report.pages.find((p) => p.file === FORM)!;
    expect(page.ocr.lines.length).toBeGreaterThan(10);
    // The printed 姓名 cell; the handwritten signature on this photo is still not read.
    expect(on(FORM).misses.filter((m) => !m.handwritten)).toEqual([]);
    expect(on(FORM).violations).toEqual([]);
  });
});
