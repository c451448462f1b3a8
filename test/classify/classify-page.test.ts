import { describe, expect, it } from 'vitest';
import { classifyPage, classifyPages } from '../../src/classify/index.ts';
import { fileNameType } from '../../src/classify/classify-page.ts';
import { docFeatures, ocrPage } from './ocr-page.ts';

const classify = (lines: string[], features = docFeatures(), section?: string) =>
  classifyPage({ ocr: ocrPage(lines), features, file: 'x.jpg', pageIndex: 0, section });

// Lines below are tesseract chi_sim output on generated scans, misreadings included (侍业 for 毕业,
// 塔训 for 培训, 同 蔓 for 同意).
describe('classifyPage on noisy OCR text', () => {
  it('a diploma whose heading was misread still reads as a diploma', () => {
    const v = classify([
      '侍 业 证 书',
      '学 生 腾 璐 超 ， 性 别 男 ，1990 年 10 月 25 目 生 ， 于 2011 年 9 月 至 2015 年 6 月 在 本 校 测 绘 工程 专',
      '业 四 年 制 本 科学 习 ， 修 完 教 学 计划 规定 的 全 部 课程 ， 成 绩 合 格 ， 准 予 毕业 。',
      '证 书 编号 : 15275201572453450',
    ]);
    expect(v.id).toBe('diploma');
    expect(v.confidence).toBeGreaterThan(0.6);
    expect(v.evidence.cues).toContain('准予毕业');
  });

  it('tells the 学信网 备案表 from the 验证报告', () => {
    expect(classify(['教 育 部 学 历 证 书 电子 注册 备案 表', '毕 ( 结 ) 业 毕业 证 书 编号 152752015', '在 线 验证 码 : MS6LPSRC', '学 信 网 (www:chsi.com.cn)']).id).toBe('chsi_record');
    expect(classify(['教 育 部 学 籍 在 线 验证 报告', '学 籍 状态 不 在 籍 〈 毕 业 )', '入 学 日 期 1993 年 9 月 3 日', '离 校 日 期 1997 年 6 月 30 日', '在 线 验证 码 : MS6LPSRCNBEV9UHC']).id).toBe(
      'chsi_verification',
    );
  });

  it('tells the front of the ID card from its back', () => {
    const card = docFeatures(1.58);
    expect(classify(['姓 名 凌 良', '性 别 女 民 族 汉', '出 生 1972 年 7 月 3 日', '住 址 新 疆 阿克苏 地 区 拜 城 县 解放 路 12 号', '公民 身份 号码 652926197207030021'], card).id).toBe('id_card_front');
    expect(classify(['中 华人 民 共 和 国', '居民 身份 证', '签发 机 关 ” 拜 城 县 公安 局', '有 效 期 限 ” 2020.01.09-2040.01.09'], card).id).toBe('id_card_back');
  });

  it('tells a CE certificate from the CE exemption form, and the publicity from the recommendation', () => {
    expect(classify(['继续 教育 塔 训 合格 证 书', '杨 永 松 同 志 :', '于 2021 年 参加 专业 课 (煤矿 安全 与 采矿 新 技术 ) 继续 教育 学', '习 ， 完 成 规定 学 习 任务 共计 60 学 时 ， 经 考核 合格 ， 特 发 此 证 。']).id).toBe('ce_certificate');
    expect(classify(['自治 区 “ 访 惠 聚 ” 驻 村 等 专业 技术 人 员 职称 评审', '免除 继续 教育 学 习 申请 表', '姓名 杨 永 松 身份 证 号 652926197207030021', '免 学 理由 2022 年 2 月 至 今 参加 自治 区 “ 访 惠 聚 ” 驻 村 工作']).id).toBe('ce_exemption');
    expect(classify(['推荐 单位 公示', '根据 自治 区 、 地 区 职称 评审 工作 要求 ， 现 对 杨 永 松 同志 申报 工程 系列 煤炭 专业 中 级 专业 技术 任职 资格 进行 公示 。', '思想 政治 条 件 : 该 同志 坚决 拥护', '公示 时 间 从 2024 年 7 月 3 日 起 至 2024 年 7 月 18 日 止 。 监督 电话 : 0997-2345678']).id).toBe('unit_publicity');
    expect(classify(['单位 推荐 意见', '一 、 政治 方面 : 杨 永 松 同志 政治 立场 坚定', '二 、 工作 方面 : 该 同志 具有 良好 的 职业 操守 和 从业 行为', '三 、 单位 推荐 及 公示 情况 : 经 单位 审核 ， 同意 推荐 。']).id).toBe('unit_recommendation');
  });

  it('tells a title certificate from a title document', () => {
    expect(classify(['专业 技术 资格 证 书', '姓 名 杨 永 松', '资格 名称 助理 工程 师', '评审 机构 阿克苏 地 区 工程 系列 煤炭 专业 评审 委员 会', '批准 时 间 2019 年 3 月 2 日'], docFeatures(1.4)).id).toBe('title_certificate');
    expect(
      classify(['阿 地 人 社 发 [2020] 1] 号', '关于 石 旭 建 等 12 名 同志 通过 工程 系列 煤炭 专业 中 级', '专业 技术 任职 资格 的 通知', '各 有 关 单 位 :', '经 阿克苏 地 区 [ 程 系列 煤炭 专业 评审 委员 会 2020 年 度 评审 通过 下 列 12 名 同志 具']).id,
    ).toBe('title_document');
  });

  it('photos: the red-background 1-inch photo, a work photo, and a document with a face on it', () => {
    const empty: string[] = [];
    expect(classify(empty, { photo: true, photoScore: 0.8, redBackgroundShare: 0.55, aspect: 0.71, textChars: 0 }).id).toBe('photo');
    expect(classify(['安 全 生产 工作 会议'], { photo: true, photoScore: 0.85, redBackgroundShare: 0.01, aspect: 1.33, textChars: 8 }).id).toBe('work_photo');
    // An ID card front is partly a photo, but its text wins.
    const front = classify(['姓 名 凌 良', '性 别 女 民 族 汉', '出 生 1972 年 7 月 3 日', '住 址 新 疆 阿克苏 地 区', '公民 身份 号码 652926197207030021'], { photo: true, photoScore: 0.55, redBackgroundShare: 0.02, aspect: 1.58, textChars: 60 });
    expect(front.id).toBe('id_card_front');
  });

  it('below the confidence threshold the answer is unknown, with the best guess as evidence', () => {
    const v = classify(['合格']);
    expect(v.id).toBe('unknown');
    const blank = classifyPage({ ocr: ocrPage([]), file: 'x.jpg', pageIndex: 0 });
    expect(blank.id).toBe('unknown');
  });

  it('a page that says nothing for itself after a multi-page document continues it', () => {
    const first = { ocr: ocrPage(['阿 地 人 社 发 [2020] 11 号', '关于 石 旭 建 等 12 名 同志 通过 工程 系列 煤炭 专业 中 级 专业 技术 任职 资格 的 通知', '各 有 关 单 位 :', '下 列 12 名 同志 具 备 任职 资格']), file: 'doc.pdf', pageIndex: 0 };
    const second = { ocr: ocrPage(['13 石 旭 建 阿克苏 天山 煤业 工程 师', '14 田 浩 云 拜 城 县 龙泰 煤矿 工程 师']), file: 'doc.pdf', pageIndex: 1 };
    const [a, b] = classifyPages([first, second]);
    expect(a.id).toBe('title_document');
    expect(b.id).toBe('title_document');
    expect(b.evidence.continuationOf).toBe(0);
  });

  it('file names: the longest file-name word wins, and they help when OCR reads nothing', () => {
    expect(fileNameType('继续教育/附件4免除继续教育学习申请表.pdf')?.id).toBe('ce_exemption');
    expect(fileNameType('继续教育/2023年继续教育合格证书.jpg')?.id).toBe('ce_certificate');
    // 考核登记表 is an appraisal form's name, not the graduate registration's 登记表 (a blurred form read
    // nothing, was typed by its file name as the third-party 登记表, and its employer seal kept visible).
    expect(fileNameType('考核情况/2023年度考核登记表.jpg')?.id).toBe('appraisal_form');
    expect(fileNameType('学历证明/毕业生登记表.tif')?.id).toBe('graduate_registration');
    expect(fileNameType('scan-001.jpg')).toBe(null);
    const unreadable = { ocr: ocrPage([]), features: docFeatures(), pageIndex: 0 };
    expect(classifyPage({ ...unreadable, file: '其他附件/附件3个人承诺书.jpg', section: '其他附件' }).id).toBe('personal_pledge');
    expect(classifyPage({ ...unreadable, file: '其他附件/scan-7.jpg', section: '其他附件' }).id).toBe('unknown');
    // The page's own heading beats a misleading file name.
    const v = classifyPage({ ocr: ocrPage(['个 人 承诺 书', '本 人 承诺 以 上 填报 的 内 容 和 提交 的 材料 完全 真实 有 效', '承诺 人 :']), features: docFeatures(), file: '毕业证书.jpg', pageIndex: 0 });
    expect(v.id).toBe('personal_pledge');
    // A blurred certificate that looks like a photo, in a file named as a certificate: ask a person.
    const blurred = classifyPage({ ocr: ocrPage([]), features: { photo: true, photoScore: 0.78, redBackgroundShare: 0, aspect: 1.38, textChars: 0 }, file: '专业技术资格/职业技能等级证书.jpg', section: '专业技术资格', pageIndex: 0 });
    expect(blurred.id).toBe('unknown');
  });
});
