import type { ClassifiedPage, DocFact } from '../../src/model/classified.ts';
import type { DocTypeId } from '../../src/model/doc-types.ts';
import { ApplicantProfile } from '../../src/model/profile.ts';

type FactBody = DocFact extends infer F ? (F extends DocFact ? Omit<F, 'file' | 'page'> : never) : never;

let n = 0;
/** A classified page as the classifier would hand it over; facts get this page as their source. */
export function page(id: DocTypeId, facts: FactBody[] = [], opts: { section?: string; file?: string; also?: DocTypeId[] } = {}): ClassifiedPage {
  const file = opts.file ?? `${opts.section ?? '材料'}/${id}-${++n}.jpg`;
  return {
    file,
    page: 1,
    ...(opts.section ? { section: opts.section } : {}),
    docType: { id, confidence: 0.9, evidence: {}, ...(opts.also ? { also: opts.also } : {}) },
    facts: facts.map((f) => ({ ...f, file, page: 1 }) as DocFact),
  };
}

export function profile(over: Partial<ApplicantProfile> = {}): ApplicantProfile {
  return ApplicantProfile.parse({
    name: '艾合买提·吐尔逊',
    employer: '阿克苏天山煤业有限责任公司',
    employerKind: '国有企业',
    track: '定向评价',
    level: '工程师',
    currentTitle: '助理工程师',
    hasDegree: true,
    ...over,
  });
}

const ce = (year: number, course: '公需课' | '专业课', hours: number) => page('ce_certificate', [{ kind: 'ce', year, course, hours }], { section: '继续教育' });

/** Everything a 国有企业 工程师 applicant with a degree needs, nothing wrong. */
export function completeDocs(): ClassifiedPage[] {
  return [
    page('id_card_front', [{ kind: 'holder', matches: true, nameRead: '艾合买提·吐尔逊' }]),
    page('id_card_back'),
    page('photo'),
    page('diploma'),
    page('degree'),
    page('chsi_record'),
    page('title_certificate', [{ kind: 'title', title: '助理工程师', rank: '助理级' }]),
    page('appraisal_form', [{ kind: 'appraisal', year: 2021, result: '合格' }]),
    page('appraisal_form', [{ kind: 'appraisal', year: 2022, result: '优秀' }]),
    page('appraisal_form', [{ kind: 'appraisal', year: 2023, result: '称职' }]),
    ce(2021, '公需课', 30),
    ce(2021, '专业课', 60),
    ce(2022, '公需课', 30),
    page('unit_publicity'),
    page('unit_recommendation'),
    page('personal_pledge'),
    page('paper', [], { section: '业绩成果' }),
    page('cnki_screenshot', [], { section: '发表论文情况' }),
    page('work_photo', [], { section: '其他附件' }),
  ];
}

export { ce };
