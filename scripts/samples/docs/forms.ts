import { Sheet, type Span, type TextStyle } from '../sheet.ts';
import { SANS, bodyFamily, handFamily, titleFamily } from '../fonts.ts';
import type { DocContext } from './context.ts';
import { cnDate, containing, others, printed, sentences, trapPhrase } from './context.ts';
import { COMPOUND_SURNAMES, spacedVariant } from '../names.ts';

/** The applicant's name as a form field shows it: maybe spaced out, maybe filled in by hand. */
function nameField(s: Sheet, c: DocContext, x: number, y: number, st: TextStyle): void {
  const n = [...printed(c)].length;
  // Long minority names are written smaller to stay in the cell, as people do.
  if (c.hard.handFilled) s.hand(printed(c), x, y, st.size * (n > 4 ? 0.95 : 1.25), 'applicant');
  else s.line([{ text: c.hard.spacedName ? spacedVariant(c.rng, printed(c)) : printed(c), owner: 'applicant' }], x, y, st);
}

function value(s: Sheet, c: DocContext, text: string, x: number, y: number, st: TextStyle): void {
  if (c.hard.handFilled) s.hand(text, x, y, st.size * 1.2);
  else s.line(text, x, y, st);
}

/** 年度考核登记表: a ruled table, a supervisor's handwritten signature, the employer's seal. */
export function appraisalForm(c: DocContext): Sheet[] {
  const rng = c.rng;
  const s = Sheet.a4(c.dpi, rng);
  const p = c.person;
  const fam = bodyFamily(rng);
  const st = { size: s.pt(rng.pick([10.5, 11, 12])), family: fam };
  const kind = p.profile.employerKind === '事业单位' ? '事业单位工作人员' : rng.pick(['企业职工', '专业技术人员', '']);
  s.line(`${c.year}年度${kind}考核登记表`, s.width / 2, s.mm(28), { size: s.pt(rng.pick([16, 18, 20])), family: titleFamily(rng), align: 'center' }, false);
  const L = s.mm(rng.float(18, 24)), R = s.width - s.mm(rng.float(18, 24));
  const cw = (R - L) / 6;
  const xs = [L, L + cw, L + 2 * cw, L + 3 * cw, L + 4 * cw, L + 5 * cw, R];
  s.line(`单位：${rng.chance(0.5) ? p.profile.employer : ''}`, L, s.mm(38), st);
  const rh = s.mm(rng.float(10, 13));
  let y = s.mm(42);
  const cell = (t: string, col: number, yy: number) => s.line(t, xs[col] + s.mm(2), yy + rh * 0.65, st);
  // Row 1: 姓名 | value | 性别 | value | 出生年月 | value
  s.grid(xs, [y, y + rh, y + 2 * rh, y + 3 * rh]);
  cell('姓　名', 0, y);
  nameField(s, c, xs[1] + s.mm(2), y + rh * 0.68, { ...st, maxWidth: cw - s.mm(3) });
  cell('性　别', 2, y);
  value(s, c, p.sex, xs[3] + s.mm(4), y + rh * 0.68, st);
  cell('出生年月', 4, y);
  value(s, c, `${p.birth.y}.${String(p.birth.m).padStart(2, '0')}`, xs[5] + s.mm(2), y + rh * 0.68, st);
  y += rh;
  cell('政治面貌', 0, y);
  value(s, c, rng.pick(['中共党员', '群众', '共青团员']), xs[1] + s.mm(2), y + rh * 0.68, st);
  cell('学　历', 2, y);
  value(s, c, p.education, xs[3] + s.mm(2), y + rh * 0.68, st);
  cell('职　称', 4, y);
  value(s, c, p.profile.currentTitle ?? '助理工程师', xs[5] + s.mm(1), y + rh * 0.68, st);
  y += rh;
  cell('现任职务', 0, y);
  value(s, c, rng.pick(['技术员', '采煤队技术主管', '通风科副科长', '机电科技术员', '安全科科员']), xs[1] + s.mm(2), y + rh * 0.68, st);
  y += rh;
  // 个人总结 block.
  const sumH = s.mm(rng.float(85, 110));
  s.grid([L, xs[1], R], [y, y + sumH]);
  ['个', '人', '总', '结'].forEach((ch, i) => s.line(ch, xs[0] + cw / 2, y + sumH * (0.3 + i * 0.13), { ...st, align: 'center' }));
  const trap = c.hard.nameCharWord ? trapPhrase(c) : '';
  const summary = `${c.year}年，本人在单位领导的关心和同事们的帮助下，认真履行岗位职责，${trap}${sentences(rng, 3)}全年未发生责任事故，较好地完成了各项工作任务。`;
  if (c.hard.handFilled && rng.chance(0.6)) {
    const chars = [...summary];
    const per = Math.floor((R - xs[1] - s.mm(8)) / (st.size * 1.15));
    for (let i = 0; i * per < chars.length && i < 8; i++) s.hand(chars.slice(i * per, (i + 1) * per).join(''), xs[1] + s.mm(4), y + s.mm(10) + i * st.size * 2, st.size * 1.15);
  } else {
    s.paragraph([{ text: summary }], xs[1] + s.mm(3), y + s.mm(9), R - xs[1] - s.mm(6), st, 1.9);
  }
  const sign = (yy: number, who: string, role: 'applicant' | 'other') => {
    s.line('签名：', xs[4], yy, st);
    s.hand(who, xs[4] + s.measure('签名：', st), yy, st.size * rng.float(1.3, 1.7), role);
  };
  sign(y + sumH - s.mm(14), printed(c), 'applicant');
  s.line(cnDate(c.year, 12, rng.int(10, 30)), xs[4], y + sumH - s.mm(4), st);
  y += sumH;
  // 主管领导评语 with a signer who may carry the applicant's name inside theirs.
  const leadH = s.mm(rng.float(32, 40));
  s.grid([L, xs[1], R], [y, y + leadH]);
  s.paragraph([{ text: '主管领导评语和考核等次建议' }], xs[0] + s.mm(2), y + s.mm(8), cw - s.mm(4), st, 1.5, 0);
  const grade = rng.weighted([['优秀', 1], ['合格', 3], ['称职', 1]]);
  s.line(`该同志工作认真负责，业务能力较强，建议考核等次为：`, xs[1] + s.mm(3), y + s.mm(10), st);
  s.hand(grade, xs[1] + s.mm(3) + s.measure('该同志工作认真负责，业务能力较强，建议考核等次为：', st), y + s.mm(10), st.size * 1.3);
  const leader = c.hard.containingName ? containing(c) : others(c, 1)[0];
  s.line('主管领导签字：', xs[3], y + leadH - s.mm(10), st);
  s.hand(leader, xs[3] + s.measure('主管领导签字：', st), y + leadH - s.mm(10), st.size * rng.float(1.4, 1.8), 'other');
  y += leadH;
  // 单位考核意见 + employer seal (sometimes over the signature, sometimes reaching the name).
  const unitH = s.mm(rng.float(32, 40));
  s.grid([L, xs[1], R], [y, y + unitH]);
  s.paragraph([{ text: '单位考核意见' }], xs[0] + s.mm(2), y + s.mm(8), cw - s.mm(4), st, 1.5, 0);
  s.line(`考核等次：${grade}`, xs[1] + s.mm(3), y + s.mm(10), st);
  s.line('（单位盖章）', xs[4], y + unitH - s.mm(14), st);
  s.line(cnDate(c.year + 1, rng.int(1, 2), rng.int(1, 28)), xs[4], y + unitH - s.mm(5), st);
  if (c.hard.sealOverName) {
    const nm = s.names.find((n) => n.owner === 'applicant')!;
    s.seal(p.profile.employer, 'employer', nm.box[0] + nm.box[2] / 2 + s.mm(rng.float(-8, 8)), nm.box[1] + s.mm(rng.float(-6, 10)), { grey: c.hard.greySeal });
  } else {
    s.seal(p.profile.employer, 'employer', xs[4] + s.mm(rng.float(10, 30)), y + unitH - s.mm(rng.float(8, 22)), { grey: c.hard.greySeal });
  }
  y += unitH;
  s.line('注：本表一式两份，一份存入本人档案。', L, y + s.mm(8), { ...st, size: st.size * 0.85, family: SANS.regular });
  return [s];
}

interface FormRow {
  label: string;
  /** Spans, or a function drawing the value at (x, baseline y). */
  value: Span[] | ((x: number, y: number) => void);
  height?: number; // mm
}

/** A ruled two-column form with a title; the backbone of several registration/approval tables. */
function ruledForm(c: DocContext, title: string, rows: FormRow[], footer?: (s: Sheet, y: number, L: number, R: number) => void): Sheet {
  const rng = c.rng;
  const s = Sheet.a4(c.dpi, rng);
  const st = { size: s.pt(rng.pick([10.5, 11, 12])), family: bodyFamily(rng) };
  title.split('\n').forEach((t, i) => s.line(t, s.width / 2, s.mm(26 + i * 9), { size: s.pt(rng.pick([15, 16, 18])), family: titleFamily(rng), align: 'center' }, false));
  const L = s.mm(rng.float(18, 25)), R = s.width - s.mm(rng.float(18, 25));
  const lw = s.mm(rng.float(28, 36));
  let y = s.mm(26 + title.split('\n').length * 9 + 6);
  for (const r of rows) {
    const h = s.mm(r.height ?? rng.float(10, 13));
    s.grid([L, L + lw, R], [y, y + h]);
    s.paragraph([{ text: r.label }], L + s.mm(2), y + Math.min(h / 2 + st.size * 0.35, s.mm(8)), lw - s.mm(4), st, 1.4, 0);
    if (typeof r.value === 'function') r.value(L + lw + s.mm(3), y + Math.min(h / 2 + st.size * 0.35, s.mm(8)));
    else s.paragraph(r.value, L + lw + s.mm(3), y + Math.min(h / 2 + st.size * 0.35, s.mm(8)), R - L - lw - s.mm(6), st, 1.6, 0);
    y += h;
  }
  footer?.(s, y, L, R);
  return s;
}

function nameValue(c: DocContext): Span[] {
  return [{ text: c.hard.spacedName ? spacedVariant(c.rng, printed(c)) : printed(c), owner: 'applicant' }];
}

export function graduateRegistration(c: DocContext): Sheet[] {
  const p = c.person;
  const rows: FormRow[] = [
    { label: '姓名', value: nameValue(c) },
    { label: '性别', value: [{ text: p.sex }] },
    { label: '民族', value: [{ text: p.ethnicity }] },
    { label: '出生年月', value: [{ text: `${p.birth.y}年${p.birth.m}月` }] },
    { label: '学校', value: [{ text: p.school }] },
    { label: '专业', value: [{ text: p.major }] },
    { label: '自我鉴定', value: [{ text: `在校期间，本人刻苦学习专业知识，${sentences(c.rng, 1)}积极参加社会实践，遵守校纪校规。` }], height: 60 },
    { label: '班主任意见', value: [{ text: '该生学习认真，表现良好。　　班主任：' }, { text: others(c, 1)[0], owner: 'other' }], height: 25 },
  ];
  const title = `${p.graduated}届${p.education === '大专' ? '专科' : p.education === '本科' ? '本科' : '研究生'}毕业生登记表`;
  const school: FormRow = { label: '学校意见', value: [{ text: '同意毕业。' }], height: 35 };
  if (c.pages < 2) {
    const s = ruledForm(c, title, [...rows, school]);
    s.seal(p.school, 'other', s.width * 0.7, s.height - s.mm(c.rng.float(40, 55)), { grey: c.hard.greySeal });
    return [s];
  }
  // Second page: family members — relatives share the surname (or, for minority names, the
  // father's given name is the applicant's second part), which a name detector must not take.
  const first = ruledForm(c, title, rows);
  const family = familyNames(c);
  const second = ruledForm(c, '家庭主要成员及社会关系', [
    ...family.map(([rel, nm]) => ({ label: rel, value: [{ text: nm, owner: 'other' as const }, { text: `　　${c.rng.pick(['务农', '退休', '个体经营', '阿克苏市某小学教师', '待业'])}` }] })),
    school,
  ]);
  second.seal(p.school, 'other', second.width * 0.68, second.mm(26 + 9 + 6) + family.length * second.mm(11.5) + second.mm(20), { grey: c.hard.greySeal });
  return [first, second];
}

function familyNames(c: DocContext): [string, string][] {
  const name = c.person.profile.name;
  const [other] = others(c, 1);
  if (name.includes('·')) {
    const father = name.split('·')[1];
    return [['父亲', `${father}·${other.split('·').pop()!.slice(0, 4)}`], ['母亲', others(c, 1)[0]]];
  }
  const surname = COMPOUND_SURNAMES.find((cs) => name.startsWith(cs)) ?? name.slice(0, 1);
  const given = [...other.replace(/·.*/, '')].slice(-2).join('');
  return [['父亲', surname + given], ['母亲', others(c, 1)[0]]];
}

export function titleReviewForm(c: DocContext): Sheet[] {
  const p = c.person;
  const experts = others(c, 3);
  const s = ruledForm(c, '专业技术职务任职资格评审表', [
    { label: '姓名', value: nameValue(c) },
    { label: '工作单位', value: [{ text: p.profile.employer }] },
    { label: '现从事专业', value: [{ text: '煤炭' }] },
    { label: '申报资格', value: [{ text: p.profile.currentTitle ?? '工程师' }] },
    { label: '主要业绩', value: [{ text: sentences(c.rng, 4) }], height: 55 },
    { label: '单位意见', value: [{ text: '同意推荐。　　单位负责人：' }, { text: others(c, 1)[0], owner: 'other' }], height: 28 },
    { label: '评委会意见', value: [{ text: `经评审，${c.rng.int(15, 21)}名评委中同意${c.rng.int(12, 15)}票，通过。　评委会主任：` }, { text: experts[0], owner: 'other' }], height: 28 },
  ]);
  s.seal(p.profile.employer, 'employer', s.width * 0.62, s.mm(205), { grey: c.hard.greySeal });
  s.seal(c.rng.pick(['阿克苏地区工程系列煤炭专业评审委员会', '阿克苏地区人力资源和社会保障局']), 'other', s.width * 0.7, s.mm(240));
  return [s];
}

export function ceExemption(c: DocContext): Sheet[] {
  const p = c.person;
  const s = ruledForm(c, '自治区“访惠聚”驻村等专业技术人员职称评审\n免除继续教育学习申请表', [
    { label: '姓名', value: nameValue(c) },
    { label: '身份证号', value: [{ text: p.idNumber }] },
    { label: '学历', value: [{ text: p.education }] },
    { label: '何时何学校何专业毕业', value: [{ text: `${p.graduated}年毕业于${p.school}${p.major}专业` }], height: 16 },
    { label: '现工作单位', value: [{ text: p.profile.employer }] },
    { label: '现有专业技术职务', value: [{ text: p.profile.currentTitle ?? '助理工程师' }], height: 14 },
    { label: '免学理由', value: [{ text: `${c.year - 1}年2月至今参加自治区“访惠聚”驻村工作，驻${c.rng.pick(['温宿县', '乌什县', '柯坪县', '拜城县'])}${c.rng.pick(['托乎拉乡', '阿热勒镇', '依希来木其乡'])}${c.rng.pick(['阿克艾日克村', '喀拉吐尔村', '博孜墩村'])}，无法参加继续教育学习。` }], height: 40 },
    { label: '审核意见', value: [{ text: '情况属实，同意免除。' }], height: 40 },
  ]);
  s.seal(p.profile.employer, 'employer', s.width * 0.66, s.mm(c.rng.float(200, 225)), { grey: c.hard.greySeal });
  void handFamily;
  return [s];
}
