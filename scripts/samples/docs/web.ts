import { Sheet } from '../sheet.ts';
import { SANS, SERIF } from '../fonts.ts';
import type { DocContext } from './context.ts';
import { cnDate, printed } from './context.ts';
import { portrait } from './id-card.ts';

/** 学信网 pages, printed to A4 (the usual way they reach an application): a bordered report with a
 *  field table, photo, a QR-like block and the 在线验证码. */
function chsi(c: DocContext, kind: 'record' | 'verification'): Sheet[] {
  const rng = c.rng;
  const p = c.person;
  const s = Sheet.a4(c.dpi, rng);
  const L = s.mm(18), R = s.width - s.mm(18);
  s.fill(L, s.mm(15), R - L, s.mm(18), kind === 'record' ? '#0b7a75' : '#2a6ab8');
  s.line(kind === 'record' ? '教育部学历证书电子注册备案表' : '教育部学籍在线验证报告', s.width / 2, s.mm(28), { size: s.pt(18), family: SANS.bold, colour: '#fff', align: 'center' }, false);
  s.line(`更新日期：${cnDate(c.year, rng.int(1, 7), rng.int(1, 28))}`, R, s.mm(40), { size: s.pt(9), family: SANS.regular, align: 'right' });
  portrait(s, R - s.mm(34), s.mm(48), s.mm(30), s.mm(40), '#3a78c8');
  const st = { size: s.pt(rng.pick([11, 12])), family: rng.pick([SANS.regular, SERIF.regular]) };
  const rows: [string, string | null][] = [
    ['姓名', null],
    ['性别', p.sex],
    ['证件号码', p.idNumber],
    ['民族', p.ethnicity],
    ['出生日期', cnDate(p.birth.y, p.birth.m, p.birth.d)],
    ['院校', p.school],
    ['层次', p.education === '大专' ? '专科' : p.education === '本科' ? '本科' : '硕士研究生'],
    ['专业', p.major],
    ['学制', p.education === '本科' ? '4 年' : '3 年'],
    ['学习形式', rng.pick(['普通全日制', '函授', '业余'])],
    [kind === 'record' ? '毕（结）业' : '学籍状态', kind === 'record' ? '毕业' : '不在籍（毕业）'],
    ['入学日期', cnDate(p.graduated - (p.education === '本科' ? 4 : 3), 9, rng.int(1, 10))],
    [kind === 'record' ? '证书编号' : '离校日期', kind === 'record' ? `${rng.int(10000, 19999)}${p.graduated}${rng.int(10000000, 99999999)}` : cnDate(p.graduated, 6, 30)],
  ];
  const rh = s.mm(rng.float(9, 11));
  let y = s.mm(48);
  const xs = [L, L + s.mm(32), R - s.mm(40)];
  rows.forEach(([k, v]) => {
    s.grid(xs, [y, y + rh], Math.max(1, s.mm(0.15)));
    s.fill(xs[0] + 1, y + 1, xs[1] - xs[0] - 2, rh - 2, '#eef3f7');
    s.line(k, xs[0] + s.mm(2), y + rh * 0.68, st);
    if (v === null) s.line([{ text: printed(c), owner: 'applicant' }], xs[1] + s.mm(3), y + rh * 0.68, st);
    else s.line(v, xs[1] + s.mm(3), y + rh * 0.68, st);
    y += rh;
  });
  y += s.mm(12);
  // QR-ish block.
  const q = s.mm(28);
  for (let i = 0; i < 25; i++) for (let j = 0; j < 25; j++) if (rng.chance(0.5) || (i < 7 && j < 7) || (i < 7 && j > 17) || (i > 17 && j < 7)) s.fill(L + (i * q) / 25, y + (j * q) / 25, q / 25 + 0.5, q / 25 + 0.5, '#111');
  s.line(`在线验证码：${Array.from({ length: 16 }, () => rng.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'])).join('')}`, L + q + s.mm(8), y + s.mm(10), st);
  s.line(`报告有效期至：${cnDate(c.year, rng.int(8, 12), rng.int(1, 28))}`, L + q + s.mm(8), y + s.mm(20), st);
  s.line('学信网（www.chsi.com.cn）', R, s.height - s.mm(20), { ...st, size: s.pt(9), align: 'right' });
  return [s];
}

export const chsiRecord = (c: DocContext) => chsi(c, 'record');
export const chsiVerification = (c: DocContext) => chsi(c, 'verification');
