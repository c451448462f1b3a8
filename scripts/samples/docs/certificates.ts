import { Sheet, type Span } from '../sheet.ts';
import { SANS, SERIF, bodyFamily, titleFamily } from '../fonts.ts';
import type { DocContext } from './context.ts';
import { ISSUERS_TITLE, cnDate, cnDateUpper, others, printed } from './context.ts';
import { spacedVariant } from '../names.ts';
import { portrait } from './id-card.ts';

function frame(s: Sheet, colour: string): void {
  const m = s.mm(s.rng.float(6, 12));
  s.rect(m, m, s.width - 2 * m, s.height - 2 * m, s.mm(1.2), colour);
  s.rect(m + s.mm(2), m + s.mm(2), s.width - 2 * m - s.mm(4), s.height - 2 * m - s.mm(4), s.mm(0.3), colour);
}

/** 专业技术资格证书: an open booklet, photo and issuing seal on the left, fields on the right. */
export function titleCertificate(c: DocContext): Sheet[] {
  const rng = c.rng;
  const s = new Sheet(Math.round((260 / 25.4) * c.dpi), Math.round((185 / 25.4) * c.dpi), c.dpi, rng, rng.pick(['#fbf7ee', '#f7f3e6', '#ffffff']));
  const p = c.person;
  frame(s, rng.pick(['#8a1a1a', '#5a4a2a', '#1a3a6a']));
  s.rule(s.width / 2, s.mm(15), s.width / 2, s.height - s.mm(15), s.mm(0.3), '#bbb');
  const L = s.width / 4, R = s.width / 2 + s.mm(18);
  portrait(s, L - s.mm(13), s.mm(35), s.mm(26), s.mm(35), rng.pick(['#c8202a', '#2a6ab8', '#ffffff']));
  const issuer = rng.pick(ISSUERS_TITLE);
  const fam = bodyFamily(rng);
  const st = { size: s.pt(rng.pick([11, 12, 13])), family: fam };
  s.line('发证机关：', L - s.mm(30), s.mm(95), st);
  s.line(issuer.length > 14 ? issuer.slice(0, 11) : issuer, L - s.mm(30), s.mm(104), st);
  if (issuer.length > 14) s.line(issuer.slice(11), L - s.mm(30), s.mm(112), st);
  const y = c.year - rng.int(1, 6), m = rng.int(1, 12), d = rng.int(1, 28);
  s.line(`发证日期：${cnDate(y, m, d)}`, L - s.mm(30), s.mm(125), st);
  s.seal(issuer, 'other', L + s.mm(rng.float(-10, 10)), s.mm(rng.float(95, 115)), { grey: c.hard.greySeal });
  const titleSt = { size: s.pt(rng.pick([18, 20, 22])), family: titleFamily(rng), align: 'center' as const, colour: '#222' };
  s.line('专业技术资格证书', s.width * 0.75, s.mm(28), titleSt, false);
  const level = p.profile.level === '高级工程师' ? '工程师' : p.profile.level === '工程师' ? '助理工程师' : '技术员';
  const rows: [string, Span[]][] = [
    ['姓　　名', [{ text: c.hard.spacedName ? spacedVariant(rng, printed(c)) : printed(c), owner: 'applicant' }]],
    ['性　　别', [{ text: p.sex }]],
    ['出生年月', [{ text: `${p.birth.y}年${p.birth.m}月` }]],
    ['工作单位', [{ text: p.profile.employer }]],
    ['资格名称', [{ text: level }]],
    ['专　　业', [{ text: rng.pick(['煤炭', '煤炭（采矿工程）', '煤炭（矿井通风与安全）', '煤炭（机电）']) }]],
    ['评审机构', [{ text: rng.pick(['阿克苏地区工程系列煤炭专业评审委员会', '自治区工程系列煤炭专业高级评审委员会']) }]],
    ['批准时间', [{ text: cnDate(y, m, rng.int(1, 28)) }]],
    ['证书编号', [{ text: `${rng.int(10, 65)}${y}${rng.int(100000, 999999)}` }]],
  ];
  const lst = { size: s.pt(rng.pick([11, 12])), family: fam };
  const gap = s.mm(rng.float(11, 13));
  rows.forEach(([k, v], i) => {
    s.line(k, R, s.mm(45) + i * gap, lst);
    s.line(v, R + s.mm(26), s.mm(45) + i * gap, { ...lst, family: rng.chance(0.2) ? SANS.regular : fam, maxWidth: s.width - s.mm(20) - R - s.mm(26) });
    if (rng.chance(0.5)) s.rule(R + s.mm(24), s.mm(46.5) + i * gap, s.width - s.mm(20), s.mm(46.5) + i * gap, s.mm(0.2), '#777');
  });
  return [s];
}

interface CertSpec {
  title: string;
  /** Lines of running text with {A} / {O:…} markup. */
  body: string[];
  issuer: string;
  sealOwner: 'employer' | 'other';
  no?: string;
  photo?: boolean;
  landscape?: boolean;
  signer?: { role: string; name: string };
}

/** A generic certificate (diploma, CE, 普通话, skill, award, patent …) with randomised layout. */
export function certificate(c: DocContext, spec: CertSpec): Sheet[] {
  const rng = c.rng;
  const land = spec.landscape ?? rng.chance(0.5);
  const s = Sheet.a4(c.dpi, rng, land);
  if (rng.chance(0.4)) s.fill(0, 0, s.width, s.height, rng.pick(['#fbf6e8', '#f4f7fb', '#fdf3f0']));
  frame(s, rng.pick(['#a01c1c', '#b08a30', '#1c4a8a', '#2a2a2a']));
  const name = printed(c);
  const titleSt = { size: s.pt(rng.pick([24, 28, 32, 36])), family: titleFamily(rng), align: 'center' as const, colour: rng.pick(['#a01010', '#111', '#7a5a10']), tracking: s.mm(rng.float(1, 4)) };
  let y = s.mm(rng.float(40, 55));
  s.line(spec.title, s.width / 2, y, titleSt, false);
  y += s.mm(rng.float(18, 28));
  const left = s.mm(rng.float(28, 40));
  let width = s.width - 2 * left;
  if (spec.photo) {
    portrait(s, left, y - s.mm(5), s.mm(25), s.mm(33), rng.pick(['#2a6ab8', '#c8202a', '#ffffff']));
    width -= s.mm(35);
  }
  const bx = spec.photo ? left + s.mm(35) : left;
  const st = { size: s.pt(rng.pick([12, 13, 14, 15, 16])), family: bodyFamily(rng) };
  for (const b of spec.body) {
    y = s.paragraph(spansOf(b, name), bx, y, width, st, rng.float(1.6, 2.1), rng.pick([0, 2]));
    y += s.mm(2);
  }
  if (spec.signer) {
    y += s.mm(6);
    s.line(`${spec.signer.role}：`, bx, y, st);
    s.hand(spec.signer.name, bx + s.measure(`${spec.signer.role}：`, st), y, st.size * 1.3, 'other');
  }
  const ix = s.width - left - s.mm(55);
  const iy = Math.max(y + s.mm(20), s.height - s.mm(rng.float(45, 60)));
  s.line(spec.issuer.length > 16 ? spec.issuer.slice(0, 16) : spec.issuer, ix + s.mm(25), iy, { ...st, align: 'center' });
  const dy = c.year - rng.int(0, 1);
  s.line(cnDateUpper(dy, rng.int(1, 12), rng.int(1, 28)), ix + s.mm(25), iy + s.mm(10), { ...st, align: 'center' });
  if (spec.no) s.line(spec.no, left, s.height - s.mm(22), { size: s.pt(10), family: SANS.regular });
  s.seal(spec.issuer, spec.sealOwner, ix + s.mm(25 + rng.float(-8, 8)), iy - s.mm(rng.float(0, 8)), { grey: c.hard.greySeal });
  return [s];
}

function spansOf(text: string, applicant: string): Span[] {
  const out: Span[] = [];
  const re = /\{A\}|\{O:([^}]+)\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push(m[1] ? { text: m[1], owner: 'other' } : { text: applicant, owner: 'applicant' });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

export function diploma(c: DocContext): Sheet[] {
  const p = c.person;
  const uni = p.school;
  return certificate(c, {
    title: '毕业证书',
    body: [
      `学生{A}，性别${p.sex}，${p.birth.y}年${p.birth.m}月${p.birth.d}日生，于${p.graduated - (p.education === '大专' ? 3 : p.education === '本科' ? 4 : 3)}年9月至${p.graduated}年6月在本校${p.major}专业${p.education === '大专' ? '三年制专科' : p.education === '本科' ? '四年制本科' : '硕士研究生'}学习，修完教学计划规定的全部课程，成绩合格，准予毕业。`,
    ],
    signer: { role: '校（院）长', name: others(c, 1)[0] },
    issuer: uni,
    sealOwner: 'other',
    no: `证书编号：${c.rng.int(10000, 19999)}${p.graduated}${c.rng.int(10000000, 99999999)}`,
    photo: true,
    landscape: true,
  });
}

export function degree(c: DocContext): Sheet[] {
  const p = c.person;
  return certificate(c, {
    title: p.education === '硕士研究生' ? '硕士学位证书' : '学士学位证书',
    body: [`{A}，${p.sex}，${p.birth.y}年${p.birth.m}月生。在${p.school}${p.major}专业完成了学习计划规定的课程，成绩合格，毕业论文（设计）答辩通过，经审核符合《中华人民共和国学位条例》的规定，授予工学${p.education === '硕士研究生' ? '硕士' : '学士'}学位。`],
    issuer: p.school,
    sealOwner: 'other',
    no: `证书编号：${c.rng.int(1000000000, 1999999999)}`,
    photo: c.rng.chance(0.7),
  });
}

export function ceCertificate(c: DocContext): Sheet[] {
  const kind = c.rng.pick(['公需课', '专业课']);
  const hours = kind === '公需课' ? c.rng.pick([30, 30, 24, 36]) : c.rng.pick([60, 64, 72, 90]);
  const body = c.rng.pick(['新疆专业技术人员继续教育基地', '阿克苏地区专业技术人员继续教育中心', '中国煤炭教育协会培训中心', '新疆工程学院继续教育学院']);
  return certificate(c, {
    title: '继续教育培训合格证书',
    body: [`{A}同志：`, `于${c.year}年参加${kind}（${kind === '公需课' ? '专业技术人员能力建设' : '煤矿安全与采矿新技术'}）继续教育学习，完成规定学习任务共计${hours}学时，经考核合格，特发此证。`],
    issuer: body,
    sealOwner: 'other',
    no: `编号：JX${c.year}${c.rng.int(100000, 999999)}`,
  });
}

export function putonghuaCertificate(c: DocContext): Sheet[] {
  const level = c.rng.pick(['一级乙等', '二级甲等', '二级甲等', '二级乙等', '三级甲等', '三级乙等']);
  return certificate(c, {
    title: '普通话水平测试等级证书',
    body: [`姓名：{A}　　性别：${c.person.sex}`, `身份证号：${c.person.idNumber}`, `于${c.year - c.rng.int(1, 8)}年参加普通话水平测试，成绩${c.rng.int(70, 95)}.${c.rng.int(0, 9)}分，等级：${level}。`],
    issuer: '新疆维吾尔自治区语言文字工作委员会',
    sealOwner: 'other',
    no: `证书编号：65${c.rng.int(100000000000, 999999999999)}`,
    photo: true,
    landscape: false,
  });
}

export function skillCertificate(c: DocContext): Sheet[] {
  const grade = c.person.profile.highSkill?.grade ?? c.rng.pick(['高级工', '技师', '高级技师'] as const);
  return certificate(c, {
    title: '职业技能等级证书',
    body: [`姓名：{A}`, `证件号码：${c.person.idNumber}`, `职业（工种）：${c.rng.pick(['矿井维修电工', '采煤机司机', '矿山救护工', '综采维修钳工', '安全检查工'])}`, `等级：${grade}`, `发证日期：${cnDate(c.year - c.rng.int(2, 6), c.rng.int(1, 12), c.rng.int(1, 28))}`],
    issuer: c.rng.pick(['新疆维吾尔自治区职业技能鉴定中心', '阿克苏地区职业技能鉴定中心']),
    sealOwner: 'other',
    no: `证书编号：S${c.rng.int(100000000, 999999999)}`,
    photo: true,
  });
}

export function awardCertificate(c: DocContext): Sheet[] {
  const employerIssued = c.rng.chance(0.5);
  return certificate(c, {
    title: '荣誉证书',
    body: [`{A}同志：`, `在${c.year - c.rng.int(0, 3)}年度工作中表现突出，被评为“${c.rng.pick(['先进工作者', '优秀共产党员', '先进个人', '安全生产先进个人', '优秀技术人员'])}”，特发此证，以资鼓励。`],
    issuer: employerIssued ? c.person.profile.employer : c.rng.pick(['阿克苏地区应急管理局', '中共阿克苏地委', '阿克苏地区总工会']),
    sealOwner: employerIssued ? 'employer' : 'other',
    landscape: true,
  });
}

export function patentCertificate(c: DocContext): Sheet[] {
  const co = c.rng.chance(0.6) ? others(c, c.rng.int(1, 2)).map((n) => `{O:${n}}；`).join('') : '';
  return certificate(c, {
    title: '发明专利证书',
    body: [
      `发明名称：${c.rng.pick(['一种综采工作面液压支架护帮装置', '一种矿用巷道快速支护方法', '一种煤矿井下瓦斯抽采钻孔封孔装置', '一种带式输送机智能纠偏系统'])}`,
      `发 明 人：${co}{A}`,
      `专 利 号：ZL ${c.year - 2}1 ${c.rng.int(1000000, 9999999)}.${c.rng.int(0, 9)}`,
      `专利申请日：${cnDate(c.year - 2, c.rng.int(1, 12), c.rng.int(1, 28))}`,
      `专利权人：${c.person.profile.employer}`,
    ],
    issuer: '国家知识产权局',
    sealOwner: 'other',
    signer: undefined,
    landscape: false,
  });
}
