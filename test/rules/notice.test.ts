import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRequirements, evaluateChecklist, loadNotice, NOTICES_DIR, NoticeError, parseNotice } from '../../src/rules/index.ts';
import { ce, completeDocs, page, profile } from './helpers.ts';

const base = JSON.parse(readFileSync(join(NOTICES_DIR, 'aksu-coal-2024.json'), 'utf8'));

/** A made-up 2025 notice: other years, more hours, a stricter 普通话 level. Data only, no code. */
function notice2025() {
  return parseNotice(
    {
      ...base,
      id: 'aksu-coal-2025',
      year: 2025,
      title: '关于2025年阿克苏地区工程系列煤炭专业职称评审工作的通知（示例）',
      appraisal: { ...base.appraisal, fromYear: 2022, toYear: 2025 },
      continuingEducation: { ...base.continuingEducation, fromYear: 2022, toYear: 2025, minHoursPerYear: 100, platformFrom: { 公需课: 2024, 专业课: 2023 } },
      putonghua: { minLevel: '二级乙等' },
      levels: { ...base.levels, 高级工程师: { ...base.levels['高级工程师'], fee: 800 } },
      dates: { ...base.dates, applyFrom: '2025-07-01', applyTo: '2025-08-31', seniorityTo: '2025-12-31' },
      notes: [],
    },
    'aksu-coal-2025 (test)',
  );
}

const problemIds = (items: Array<{ id: string; status: string }>) => items.filter((i) => i.status === 'missing' || i.status === 'insufficient').map((i) => i.id);

describe('notice data', () => {
  it('loads the bundled notice by id and by path', () => {
    expect(loadNotice().id).toBe('aksu-coal-2024');
    expect(loadNotice(join(NOTICES_DIR, 'aksu-coal-2024.json')).levels['高级工程师']?.fee).toBe(700);
  });

  it('rejects a bad file with an error naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notice-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...base, continuingEducation: { ...base.continuingEducation, minHoursPerYear: 'ninety' } }));
    expect(() => loadNotice(bad)).toThrow(NoticeError);
    expect(() => loadNotice(bad)).toThrow(/bad\.json[\s\S]*continuingEducation\.minHoursPerYear/);
    writeFileSync(bad, '{ not json');
    expect(() => loadNotice(bad)).toThrow(/bad\.json/);
    expect(() => loadNotice('no-such-notice')).toThrow(/no-such-notice\.json/);
    expect(() => parseNotice({ ...base, checklist: [...base.checklist, base.checklist[0]] })).toThrow(/重复/);
  });

  it('a second notice is a new data file: same documents, other verdicts', () => {
    const n25 = notice2025();
    const p = profile({ employerKind: '事业单位' });
    const docs = [
      ...completeDocs().filter((d) => !(d.docType.id === 'appraisal_form' && d.facts.some((f) => f.kind === 'appraisal' && f.year === 2021))),
      page('appraisal_form', [{ kind: 'appraisal', year: 2024, result: '合格' }]),
      page('putonghua_certificate', [{ kind: 'putonghua', level: '三级甲等', score: 75 }]),
      ce(2022, '专业课', 60),
    ];
    // 2024 rules: appraisal 2022–2024 fine; 普通话 三级甲等 fine.
    expect(problemIds(evaluateChecklist(p, docs, loadNotice()).items)).toEqual([]);
    // 2025 rules: 普通话 must be 二级乙等; 2022 has 30+60 = 90 < 100 hours; 2023 has nothing though 公需课 is manual.
    const items25 = evaluateChecklist(p, docs, n25).items;
    expect(problemIds(items25).sort()).toEqual(['continuing_education', 'putonghua']);
    expect(items25.find((i) => i.id === 'continuing_education')?.reason).toMatch(/2022年合计90学时，不足100学时[\s\S]*2023年未上传/);
    expect(describeRequirements(profile({ level: '高级工程师', currentTitle: '工程师' }), n25).join('\n')).toContain('800元');
  });
});

describe('what an applicant must upload (rules command)', () => {
  it('lists required, exempt and prohibited items with the reasons, fee, dates and the notice typo', () => {
    const lines = describeRequirements(profile({ employerKind: '民营企业', track: '民营企业专项', firstApplication: true, level: '高级工程师', currentTitle: '工程师' }), loadNotice());
    const text = lines.join('\n');
    expect(text).toMatch(/\[需\] 居民身份证人像面/);
    expect(text).toMatch(/\[免\] 继续教育[^\n]*初次参加职称评审/);
    expect(text).toMatch(/\[不需\] 普通话[^\n]*事业单位/);
    expect(text).toMatch(/需已具备工程师资格/);
    expect(text).toMatch(/\[禁\] 实践能力、业绩成果栏不得上传工作、会议照片/);
    expect(text).toContain('评审费：700元');
    expect(text).toContain('须参加专业水平答辩');
    expect(text).toMatch(/注：[^\n]*2023年9月15日[^\n]*应为2024年/);
  });

  it('the high-skill track asks for the skill certificate and waives education', () => {
    const text = describeRequirements(profile({ level: '助理工程师', currentTitle: undefined, highSkill: { grade: '高级工', since: '2021' } }), loadNotice()).join('\n');
    expect(text).toMatch(/\[需\] 职业资格[^\n]*高级工及以上，取得后从事技术技能工作满2年/);
    expect(text).toMatch(/\[免\] 学历证书[^\n]*第24条/);
    expect(text).toContain('免于答辩');
    expect(text).toContain('评审费：200元');
  });
});
