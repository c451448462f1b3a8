/**
 * The applicant's handwritten signature on the forms the applicant signs, from applications drawn
 * with seeds no rule was tuned on (bench sets 9003 and 9004, measured first and then fixed), through
 * the real pipeline and scored in the pixels of the masked copies:
 * - a personal pledge whose printed label OCR garbles with the brush signature beside it (承诺人：唐龙朴
 *   read z尖人:庚龙丰 or 了人:谭龙丰): the signing line is known by its place under the pledge's text
 *   and its shape (a short label, a colon, a hand taller than the print);
 * - a 考核登记表 whose bare 签名 OCR garbles (罕名:唐万让) or reads with a comma for its colon
 *   (签名，导峰): the one bare signature of a form the applicant signs, the supervisor's signature
 *   labelled with its role (主管领导签字：唐龙月, a name sharing two characters with the applicant's)
 *   left untouched;
 * - a signature read exactly (签名：姬雄) whose hand is larger than the cells OCR found: all of its
 *   ink is masked, and the supervisor's 姬雄泽, which holds the applicant's name, is not;
 * - a signature whose last brush character OCR split in two (梅伟鹏 read 梅伟及包): at the applicant's
 *   own signing place that is the applicant's hand, not a longer name of someone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun, type GeneratedRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

const PLEDGE = '其他附件/附件3个人承诺书.png';
const APPRAISAL_JPG = '考核情况/2021年度考核登记表.jpg';
const APPRAISAL_PDF = '考核情况/2021年度考核登记表.pdf';
const APPRAISAL_PNG = '考核情况/2021年度考核登记表.png';

/** Bench sets seed application k with seed + (k − 1)·7919, every third one with corrupt files. */
const benchSeed = (set: number, k: number) => ({ seed: set + (k - 1) * 7919, corrupt: k % 3 === 0 });

describe('handwritten signatures on the forms the applicant signs', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let tang: GeneratedRun;
  let qu: GeneratedRun;
  let ji: GeneratedRun;
  let mei: GeneratedRun;

  beforeAll(async () => {
    tmp = await tempDir('handwritten');
    engine = await testEngines();
    tang = await generateAndRun(tmp.dir, engine, benchSeed(9004, 1), { name: 'application-1', keep: [PLEDGE, APPRAISAL_JPG] });
    qu = await generateAndRun(tmp.dir, engine, benchSeed(9004, 2), { name: 'application-2', keep: [APPRAISAL_PDF] });
    ji = await generateAndRun(tmp.dir, engine, benchSeed(9004, 3), { name: 'application-3', keep: [APPRAISAL_JPG] });
    mei = await generateAndRun(tmp.dir, engine, benchSeed(9003, 2), { name: 'application-4', keep: [APPRAISAL_PNG] });
  }, 900_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  const truthOf = (run: GeneratedRun, file: string) => run.truth.files.find((f) => f.file === file)!.pages[0];
  const pageOf = (run: GeneratedRun, file: string) => run.result.report.pages.find((p) => p.file === file)!;
  const uncertain = (run: GeneratedRun, file: string) => pageOf(run, file).findings.some((f) => f.ruleId === 'mask/uncertain-name');

  it('masks a pledge’s signature when OCR garbles its 承诺人 label, by the signing line’s place and shape', () => {
    const truth = truthOf(tang, PLEDGE);
    expect(truth.applicantNames.map((n) => [n.text, n.handwritten])).toEqual([['唐龙朴', true]]);
    expect(tang.score.misses.filter((m) => m.file === PLEDGE)).toEqual([]);
    expect(uncertain(tang, PLEDGE)).toBe(true);
  });

  it('masks the one bare signature of a 考核登记表 whose 签名 label OCR garbled, not the supervisor’s', () => {
    const truth = truthOf(tang, APPRAISAL_JPG);
    expect(truth.applicantNames.some((n) => n.handwritten)).toBe(true);
    expect(truth.otherNames.map((n) => n.text)).toEqual(['唐龙月']);
    expect(tang.score.misses.filter((m) => m.file === APPRAISAL_JPG)).toEqual([]);
    expect(tang.score.violations).toEqual([]);
    expect(uncertain(tang, APPRAISAL_JPG)).toBe(true);
  });

  it('masks a signature after 签名 read with a comma for its colon, not the supervisor’s', () => {
    expect(truthOf(qu, APPRAISAL_PDF).otherNames.map((n) => n.text)).toEqual(['屈峰成']);
    expect(qu.score.misses).toEqual([]);
    expect(qu.score.violations).toEqual([]);
  });

  it('masks all the ink of a signature read exactly, not the supervisor’s name that holds it', () => {
    expect(truthOf(ji, APPRAISAL_JPG).otherNames.map((n) => n.text)).toEqual(['姬雄泽']);
    expect(ji.score.misses).toEqual([]);
    expect(ji.score.violations).toEqual([]);
  });

  it('masks a signature read with a character more at the applicant’s own signing place', () => {
    expect(truthOf(mei, APPRAISAL_PNG).applicantNames.some((n) => n.handwritten)).toBe(true);
    expect(mei.score.misses).toEqual([]);
    expect(mei.score.violations).toEqual([]);
    // Nothing of the signature is carved out as someone else's name.
    expect(pageOf(mei, APPRAISAL_PNG).otherNames.some((o) => o.evidence.rule === 'contains-applicant-name')).toBe(false);
  });
});
