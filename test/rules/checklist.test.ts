import { describe, expect, it } from 'vitest';
import type { ClassifiedPage } from '../../src/model/classified.ts';
import type { ApplicantProfile } from '../../src/model/profile.ts';
import { evaluateChecklist, loadNotice } from '../../src/rules/index.ts';
import { ce, completeDocs, page, profile } from './helpers.ts';

const notice = loadNotice();

/** The items the checklist names as problems, as "id:status", sorted. */
function problems(p: ApplicantProfile, docs: ClassifiedPage[]): string[] {
  const { items } = evaluateChecklist(p, docs, notice);
  return items.filter((i) => i.status === 'missing' || i.status === 'insufficient').map((i) => `${i.id}:${i.status}`).sort();
}
const without = (docs: ClassifiedPage[], pred: (d: ClassifiedPage) => boolean) => docs.filter((d) => !pred(d));

describe('checklist of the 2024 notice', () => {
  it('names nothing on a complete application, and every item has a status and a reason', () => {
    const { items, findings } = evaluateChecklist(profile(), completeDocs(), notice);
    expect(items.filter((i) => i.status === 'missing' || i.status === 'insufficient')).toEqual([]);
    for (const i of items) expect(i.reason.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(items.find((i) => i.id === 'putonghua')?.status).toBe('exempt');
  });

  it('appraisal forms for only 2 of 3 years', () => {
    const docs = without(completeDocs(), (d) => d.facts.some((f) => f.kind === 'appraisal' && f.year === 2022));
    expect(problems(profile(), docs)).toEqual(['appraisal:insufficient']);
    const item = evaluateChecklist(profile(), docs, notice).items.find((i) => i.id === 'appraisal')!;
    expect(item.reason).toContain('2021、2023');
    expect(item.ruleId).toBe('checklist/appraisal-years');
  });

  it('two forms of the same year do not make three years; a form outside the window does not count', () => {
    const docs = without(completeDocs(), (d) => d.facts.some((f) => f.kind === 'appraisal' && f.year === 2022));
    docs.push(page('appraisal_form', [{ kind: 'appraisal', year: 2023, result: '合格' }]));
    expect(problems(profile(), docs)).toEqual(['appraisal:insufficient']);
    docs.push(page('appraisal_form', [{ kind: 'appraisal', year: 2019, result: '合格' }]));
    expect(problems(profile(), docs)).toEqual(['appraisal:insufficient']);
  });

  it('a failing appraisal result is insufficient', () => {
    const docs = completeDocs().map((d) =>
      d.facts.some((f) => f.kind === 'appraisal' && f.year === 2022) ? page('appraisal_form', [{ kind: 'appraisal', year: 2022, result: '不合格' }]) : d,
    );
    expect(problems(profile(), docs)).toEqual(['appraisal:insufficient']);
  });

  it('CE hours below 90 in 2023, or professional hours below 60', () => {
    const below90 = [...completeDocs(), ce(2023, '公需课', 20), ce(2023, '专业课', 60)];
    expect(problems(profile(), below90)).toEqual(['continuing_education:insufficient']);
    const proBelow60 = [...completeDocs(), ce(2023, '专业课', 40)];
    expect(problems(profile(), proBelow60)).toEqual(['continuing_education:insufficient']);
    const ok2023 = [...completeDocs(), ce(2023, '公需课', 30), ce(2023, '专业课', 64)];
    expect(problems(profile(), ok2023)).toEqual([]);
  });

  it('one certificate alone says nothing about the year total; a printed sum of both kinds does', () => {
    const single2021 = [...completeDocs().filter((d) => !d.facts.some((f) => f.kind === 'ce' && f.year === 2021)), ce(2021, '公需课', 30)];
    expect(problems(profile(), single2021)).toEqual([]);
    const item = evaluateChecklist(profile(), single2021, notice).items.find((i) => i.id === 'continuing_education')!;
    expect(item.needsReview).toBe(true);
    expect(item.reason).toContain('2021年未见专业课证书');
    const summed = [...completeDocs(), page('ce_certificate', [{ kind: 'ce', year: 2023, course: 'unknown', hours: 80, total: true }])];
    expect(problems(profile(), summed)).toEqual(['continuing_education:insufficient']);
  });

  it('a year that must be uploaded and has no certificate is a gap; a platform year is not', () => {
    const no2021 = without(completeDocs(), (d) => d.facts.some((f) => f.kind === 'ce' && f.year === 2021));
    expect(problems(profile(), no2021)).toEqual(['continuing_education:insufficient']);
    const noCe = without(completeDocs(), (d) => d.docType.id === 'ce_certificate');
    expect(problems(profile(), noCe)).toEqual(['continuing_education:missing']);
    // 2023 and 2024 come from the platform: not uploading them is fine (the complete set has none).
    expect(problems(profile(), completeDocs())).toEqual([]);
  });

  it('CE exemptions: private first application, 驻村 with the exemption form', () => {
    const noCe = without(completeDocs(), (d) => d.docType.id === 'ce_certificate');
    const privateFirst = profile({ employerKind: '民营企业', track: '民营企业专项', firstApplication: true });
    expect(problems(privateFirst, noCe)).toEqual([]);
    expect(evaluateChecklist(privateFirst, noCe, notice).items.find((i) => i.id === 'continuing_education')?.status).toBe('exempt');
    // The same applicant applying a second time needs the certificates.
    expect(problems({ ...privateFirst, firstApplication: false }, noCe)).toEqual(['continuing_education:missing']);
    const village = profile({ villageResident: true, ceExempt: true });
    expect(problems(village, [...noCe, page('ce_exemption')])).toEqual([]);
    const withoutForm = evaluateChecklist(village, noCe, notice).items.find((i) => i.id === 'continuing_education')!;
    expect(withoutForm.status).toBe('missing');
    expect(withoutForm.reason).toContain('附件4');
  });

  it('事业单位: 普通话 missing, or below the minimum', () => {
    const inst = profile({ employerKind: '事业单位' });
    expect(problems(inst, completeDocs())).toEqual(['putonghua:missing']);
    const ok = [...completeDocs(), page('putonghua_certificate', [{ kind: 'putonghua', level: '三级乙等', score: 61 }])];
    expect(problems(inst, ok)).toEqual([]);
    const unranked = [...completeDocs(), page('putonghua_certificate', [{ kind: 'putonghua', level: null, score: 52 }])];
    expect(problems(inst, unranked)).toEqual(['putonghua:insufficient']);
  });

  it('no 学信网 record and no 毕业生登记表; the registration form alone is enough', () => {
    const none = without(completeDocs(), (d) => d.docType.id === 'chsi_record');
    expect(problems(profile(), none)).toEqual(['education_record:missing']);
    expect(problems(profile(), [...none, page('graduate_registration')])).toEqual([]);
    expect(problems(profile(), [...none, page('chsi_verification')])).toEqual([]);
  });

  it('a work photo inside 实践能力 or 业绩成果 (but not elsewhere)', () => {
    expect(problems(profile(), [...completeDocs(), page('work_photo', [], { section: '实践能力' })])).toEqual(['no_work_photos:insufficient']);
    expect(problems(profile(), [...completeDocs(), page('work_photo', [], { section: '业绩成果' })])).toEqual(['no_work_photos:insufficient']);
    expect(problems(profile(), [...completeDocs(), page('work_photo', [], { section: '获奖情况' })])).toEqual([]);
  });

  it("an unpublished paper's acceptance letter", () => {
    const docs = [...completeDocs(), page('paper', [{ kind: 'acceptance_letter' }], { section: '业绩成果' })];
    expect(problems(profile(), docs)).toEqual(['published_papers:insufficient']);
  });

  it('current title: missing, or lower than needed', () => {
    const noTitle = without(completeDocs(), (d) => d.docType.id === 'title_certificate');
    expect(problems(profile(), noTitle)).toEqual(['current_title:missing']);
    expect(problems(profile({ level: '助理工程师', currentTitle: undefined }), noTitle)).toEqual([]);
    const senior = profile({ level: '高级工程师', currentTitle: '工程师' });
    // A senior applicant who uploads only the 助理工程师 certificate.
    expect(problems(senior, completeDocs())).toEqual(['current_title:insufficient']);
    const withEngineer = [...noTitle, page('title_document', [{ kind: 'title', title: '工程师', rank: '中级' }])];
    expect(problems(senior, withEngineer)).toEqual([]);
  });

  it('high-skill track (item 24): skill certificate instead of education and title, years counted', () => {
    const base = without(completeDocs(), (d) => ['diploma', 'degree', 'chsi_record', 'title_certificate'].includes(d.docType.id));
    const p = profile({ highSkill: { grade: '技师', since: '2020-06' }, hasDegree: false });
    expect(problems(p, base)).toEqual(['skill_certificate:missing']);
    const held = [...base, page('skill_certificate', [{ kind: 'skill', grade: '技师', date: '2020-06-15' }])];
    expect(problems(p, held)).toEqual([]);
    const tooRecent = [...base, page('skill_certificate', [{ kind: 'skill', grade: '技师', date: '2023-03-01' }])];
    expect(problems(p, tooRecent)).toEqual(['skill_certificate:insufficient']);
    const lowGrade = [...base, page('skill_certificate', [{ kind: 'skill', grade: '高级工', date: '2015-03-01' }])];
    expect(problems(p, lowGrade)).toEqual(['skill_certificate:insufficient']);
    const items = evaluateChecklist(p, held, notice).items;
    expect(items.find((i) => i.id === 'diploma')?.status).toBe('exempt');
    expect(items.find((i) => i.id === 'current_title')?.status).toBe('exempt');
  });

  it("someone else's document is an error and does not count", () => {
    const docs = completeDocs().map((d) => (d.docType.id === 'diploma' ? page('diploma', [{ kind: 'holder', matches: false, nameRead: '李明' }]) : d));
    const { items, findings } = evaluateChecklist(profile(), docs, notice);
    expect(findings.filter((f) => f.ruleId === 'doc/other-person')).toHaveLength(1);
    expect(items.filter((i) => i.status === 'missing').map((i) => i.id)).toEqual(['diploma']);
  });

  it('ID card front and back on one sheet count for both; unknown pages are warnings', () => {
    const docs = without(completeDocs(), (d) => d.docType.id === 'id_card_back' || d.docType.id === 'id_card_front');
    docs.push(page('id_card_front', [], { also: ['id_card_back'] }));
    expect(problems(profile(), docs)).toEqual([]);
    const unknown: ClassifiedPage = { ...page('unknown'), docType: { id: 'unknown', confidence: 0.7, evidence: { bestGuess: 'diploma' } } };
    const { findings } = evaluateChecklist(profile(), [...completeDocs(), unknown], notice);
    const f = findings.find((x) => x.ruleId === 'doc/unknown-type')!;
    expect(f.severity).toBe('warning');
    expect(f.needsReview).toBe(true);
  });

  it('missing items become error findings with the item id; the notice typo is an info line', () => {
    const docs = without(completeDocs(), (d) => d.docType.id === 'personal_pledge');
    const { findings } = evaluateChecklist(profile(), docs, notice);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((e) => e.evidence?.item)).toEqual(['personal_pledge']);
    expect(findings.find((f) => f.ruleId === 'notice/typo-materials-year')?.severity).toBe('info');
  });
});
