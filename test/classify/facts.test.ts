import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/classify/index.ts';
import type { DocFact } from '../../src/model/classified.ts';
import { ApplicantProfile } from '../../src/model/profile.ts';
import { ocrPage } from './ocr-page.ts';

const applicant = ApplicantProfile.parse({ name: '杨永松', employer: '阿克苏天山煤业有限责任公司', employerKind: '国有企业', track: '定向评价', level: '工程师' });
const facts = (type: Parameters<typeof extractFacts>[0], lines: string[], profile = applicant) => extractFacts(type, ocrPage(lines), { file: 'a.jpg', page: 1 }, profile);
const one = <K extends DocFact['kind']>(fs: DocFact[], kind: K) => fs.find((f): f is Extract<DocFact, { kind: K }> => f.kind === kind);

describe('facts read from noisy OCR text', () => {
  it('appraisal form: the year of 年度 (not the signing date of the next year) and the result', () => {
    const fs = facts('appraisal_form', [
      '2023 年 虔 专业 技术 人 员 考核 登记 表',
      '姓 名 杨 永 松 性 别 女',
      '2023 年 ， 本 人 在 单位 领导 的 关心 和 同事 们 的 帮助 下',
      '主管 领导 评语 和 考核 等 次 建议 该 同志 工作 认真 负责 ， 建议 考核 等 次 为 : 优 秀',
      '考核 等 次 : 优秀',
      '2024 年 1 月 10 日',
    ]);
    expect(one(fs, 'appraisal')).toMatchObject({ year: 2023, result: '优秀', file: 'a.jpg', page: 1 });
    expect(one(fs, 'holder')?.matches).toBe(true);
  });

  it('CE certificate: year, hours and kind; one certificate listing both kinds gives two facts', () => {
    const fs = facts('ce_certificate', ['继续 教育 塔 训 合格 证 书', '杨 永 松 同 志 :', '于 2021 年 参加 专业 课 (煤矿 安全 与 采矿 新 技术 ) 继续 教育 学', '习 ， 完 成 规定 学 习 任务 共计 60 学 时 ， 经 考核 合格 ， 特 发 此 证 。']);
    expect(fs.filter((f) => f.kind === 'ce')).toEqual([{ kind: 'ce', year: 2021, hours: 60, course: '专业课', file: 'a.jpg', page: 1 }]);
    const both = facts('ce_certificate', ['2023 年度 继续 教育 学 时 证明', '公需 课 : 30 学 时', '专业 课 : 50 学 时', '合计 : 80 学 时']);
    expect(both.filter((f) => f.kind === 'ce').map((f) => f.kind === 'ce' && [f.year, f.course, f.hours])).toEqual([
      [2023, '公需课', 30],
      [2023, '专业课', 50],
    ]);
  });

  it('an unreadable year falls back to the year in the file name', () => {
    const fs = extractFacts('ce_certificate', ocrPage(['继续 教育 培训 合格 证 书', '全 发 届 雪 -']), { file: '继续教育/2022年继续教育合格证书.png', page: 1 }, applicant);
    expect(one(fs, 'ce')?.year).toBe(2022);
  });

  it('普通话 level from words, or from the score when the words are unreadable', () => {
    expect(one(facts('putonghua_certificate', ['普通 话 水 平 测试 等级 证 书', '于 2019 年 参加 普通 话 水 平 测试 ， 成 绩 78.5 分 ， 等级 : 三 级 甲 等 。']), 'putonghua')).toMatchObject({ level: '三级甲等', score: 78.5 });
    expect(one(facts('putonghua_certificate', ['普通 话 水 平 测试 等级 证 书', '成 绩 88.0 分 ， 等级 : 二 级 早 等']), 'putonghua')?.level).toBe('二级甲等');
  });

  it('title on a certificate and on a title document (longest title first)', () => {
    expect(one(facts('title_certificate', ['专业 技术 资格 证 书', '资格 名称 高级 工程 师']), 'title')).toMatchObject({ title: '高级工程师', rank: '副高级' });
    expect(one(facts('title_certificate', ['专业 技术 资格 证 书', '资格 名称 助理 工程 师']), 'title')).toMatchObject({ title: '助理工程师', rank: '助理级' });
    expect(one(facts('title_document', ['关于 石 旭 建 等 12 名 同志 通过 工程 系列 煤炭 专业 中 级 专业 技术 任职 资格 的 通知', '序号 姓名 工作 单位 资格 名称', '1 杨 永 松 阿克苏 天山 煤业 工程 师']), 'title')).toMatchObject({ title: '工程师', rank: '中级' });
  });

  it('skill certificate: grade (技师 is not 高级技师) and issue date', () => {
    expect(one(facts('skill_certificate', ['职业 技能 等级 证 书', '姓名 : 杨 永 松', '职业 (工种 ): 采 煤 机 司机', '等级 : 技师', '发 证 日 期 : 2019 年 6 月 12 日']), 'skill')).toMatchObject({ grade: '技师', date: '2019-06-12' });
    expect(one(facts('skill_certificate', ['职业 技能 等级 证 书', '等级 : 高级 技师', '发 证 日 期 : 2018 年 11 月 2 日']), 'skill')).toMatchObject({ grade: '高级技师', date: '2018-11-02' });
  });

  it("holder: the applicant's name (minority names with any dot, or a misread letter) versus someone else's", () => {
    const minority = ApplicantProfile.parse({ ...applicant, name: '艾合买提·吐尔逊' });
    expect(one(facts('diploma', ['毕业 证 书', '学 生 艾 合 买 担 • 吐 尔 逊 ， 性 别 男 ， 1990 年 生'], minority), 'holder')?.matches).toBe(true);
    expect(one(facts('diploma', ['毕业 证 书', '学 生 李 明 华 ， 性 别 男 ， 1990 年 生']), 'holder')).toMatchObject({ matches: false, nameRead: '李明华' });
    // One character off in a short name: an OCR slip as likely as another person, so "don't know".
    expect(one(facts('diploma', ['毕业 证 书', '学 生 杨 永 私 ， 性 别 男']), 'holder')?.matches).toBe(null);
    // Two rare characters misread (牟雯秀 → 伴妥秀, seen on a generated appraisal form): still not a stranger.
    const mou = ApplicantProfile.parse({ ...applicant, name: '牟雯秀' });
    expect(one(facts('appraisal_form', ['2024 年 度 企业 职工 考核 登记 表', '姓 名 伴 妥 秀 性 别 女 出 生年 月 | 1991.05'], mou), 'holder')?.matches).toBe(null);
    // A list of many names says nothing about a single holder.
    expect(one(facts('title_document', ['关于 李 明 华 等 12 名 同志 具备 工程 师 任职 资格 的 通知', '姓名 李 明 华']), 'holder')?.matches).toBe(null);
  });

  it('an acceptance letter of an unpublished paper', () => {
    const fs = facts('paper', ['录 用 通 知 书', '杨 永 松 同志 : 您 的 稿件 《 综采 工作 面 顶板 来压 规律 》 经 专家 审稿 ， 拟 录用 于 本 刊 2024 年 第 6 期']);
    expect(fs.some((f) => f.kind === 'acceptance_letter')).toBe(true);
    expect(facts('paper', ['摘 要 : 针对 综采 工作 面', '关键 词 : 支护']).some((f) => f.kind === 'acceptance_letter')).toBe(false);
  });
});
