import { Sheet } from '../sheet.ts';
import { SANS, SERIF } from '../fonts.ts';
import type { DocContext } from './context.ts';
import { printed } from './context.ts';

const CARD_W = 85.6;
const CARD_H = 54;

/** Either an A4 scan with the card on it, or the card alone (to be photographed with a background). */
function cardSheet(c: DocContext): { sheet: Sheet; ox: number; oy: number; k: number } {
  const rng = c.rng;
  if (rng.chance(0.55)) {
    const sheet = Sheet.a4(c.dpi, rng);
    // Copy shops scan the card at 1:1 somewhere in the top half, often enlarged ×1.5.
    const k = rng.pick([1, 1, 1.5, 2]);
    const ox = sheet.mm(rng.float(15, 210 - CARD_W * k - 15));
    const oy = sheet.mm(rng.float(15, 150 - CARD_H * k));
    return { sheet, ox, oy, k };
  }
  const k = 1;
  const sheet = new Sheet(Math.round(((CARD_W + 2) / 25.4) * c.dpi), Math.round(((CARD_H + 2) / 25.4) * c.dpi), c.dpi, rng);
  return { sheet, ox: sheet.mm(1), oy: sheet.mm(1), k };
}

function cardBackground(s: Sheet, ox: number, oy: number, k: number): void {
  const ctx = s.ctx;
  const w = s.mm(CARD_W * k), h = s.mm(CARD_H * k), r = s.mm(3 * k);
  const g = ctx.createLinearGradient(ox, oy, ox + w, oy + h);
  g.addColorStop(0, '#eef3f6');
  g.addColorStop(0.5, '#f6f1ea');
  g.addColorStop(1, '#e7eef4');
  ctx.fillStyle = g;
  ctx.beginPath();
  ctx.roundRect(ox, oy, w, h, r);
  ctx.fill();
  ctx.strokeStyle = '#b8c2c8';
  ctx.lineWidth = Math.max(1, s.mm(0.2));
  ctx.stroke();
  // Guilloche-like background waves.
  ctx.save();
  ctx.clip();
  ctx.strokeStyle = 'rgba(150,170,190,0.25)';
  for (let i = 0; i < 18; i++) {
    ctx.beginPath();
    for (let x = 0; x <= w; x += s.mm(1)) {
      const y = oy + (h * i) / 18 + Math.sin(x / s.mm(6) + i) * s.mm(1.5);
      if (x === 0) ctx.moveTo(ox + x, y);
      else ctx.lineTo(ox + x, y);
    }
    ctx.stroke();
  }
  ctx.restore();
}

/** A portrait: a head and shoulders in drawn shapes, enough to look like a photo region. */
export function portrait(s: Sheet, x: number, y: number, w: number, h: number, bg = '#e8eef2'): void {
  const ctx = s.ctx;
  const rng = s.rng;
  ctx.fillStyle = bg;
  ctx.fillRect(x, y, w, h);
  const skin = rng.pick(['#d9b08c', '#c99b77', '#e0bc9a', '#b98a66']);
  const hair = rng.pick(['#1b1b1b', '#2b2018', '#3a2c20']);
  const cloth = rng.pick(['#1f2a44', '#2d2d2d', '#40464f', '#f2f2f2', '#27408b']);
  ctx.fillStyle = cloth;
  ctx.beginPath();
  ctx.ellipse(x + w / 2, y + h * 1.02, w * 0.5, h * 0.3, 0, Math.PI, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = skin;
  ctx.fillRect(x + w * 0.42, y + h * 0.6, w * 0.16, h * 0.16);
  ctx.beginPath();
  ctx.ellipse(x + w / 2, y + h * 0.44, w * 0.23, h * 0.22, 0, 0, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = hair;
  ctx.beginPath();
  ctx.ellipse(x + w / 2, y + h * 0.32, w * 0.25, h * 0.13, 0, Math.PI, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = 'rgba(40,30,30,0.7)';
  for (const dx of [-0.08, 0.08]) {
    ctx.beginPath();
    ctx.ellipse(x + w * (0.5 + dx), y + h * 0.43, w * 0.025, h * 0.012, 0, 0, 2 * Math.PI);
    ctx.fill();
  }
}

export function idCardFront(c: DocContext): Sheet[] {
  const { sheet: s, ox, oy, k } = cardSheet(c);
  const p = c.person;
  cardBackground(s, ox, oy, k);
  const X = (mm: number) => ox + s.mm(mm * k);
  const Y = (mm: number) => oy + s.mm(mm * k);
  const label = { size: s.mm(2.6 * k), family: SANS.regular, colour: '#3d6e9e' };
  const value = { size: s.mm(3.2 * k), family: c.rng.pick([SANS.medium, SANS.regular, SERIF.semibold]), colour: '#111' };
  s.line('姓 名', X(6), Y(10), label);
  s.line([{ text: printed(c).replace(/[•．\-]/, '·'), owner: 'applicant' }], X(17), Y(10.3), value);
  s.line('性 别', X(6), Y(17), label);
  s.line(p.sex, X(17), Y(17.3), value);
  s.line('民 族', X(28), Y(17), label);
  s.line(p.ethnicity, X(38), Y(17.3), value);
  s.line('出 生', X(6), Y(24), label);
  s.line(`${p.birth.y}`, X(17), Y(24.3), value);
  s.line('年', X(29), Y(24), label);
  s.line(`${p.birth.m}`, X(34), Y(24.3), value);
  s.line('月', X(38.5), Y(24), label);
  s.line(`${p.birth.d}`, X(43), Y(24.3), value);
  s.line('日', X(47.5), Y(24), label);
  s.line('住 址', X(6), Y(31), label);
  const addr = p.address;
  const per = 11;
  for (let i = 0; i * per < addr.length && i < 3; i++) s.line(addr.slice(i * per, (i + 1) * per), X(17), Y(31.3 + i * 4.6), value);
  s.line('公民身份号码', X(6), Y(48), label);
  s.line(p.idNumber, X(26), Y(48.3), { size: s.mm(3.4 * k), family: SANS.medium, colour: '#111', tracking: s.mm(0.35 * k) });
  portrait(s, X(57), Y(7), s.mm(24 * k), s.mm(30 * k), '#eef2f5');
  return [s];
}

export function idCardBack(c: DocContext): Sheet[] {
  const { sheet: s, ox, oy, k } = cardSheet(c);
  cardBackground(s, ox, oy, k);
  const X = (mm: number) => ox + s.mm(mm * k);
  const Y = (mm: number) => oy + s.mm(mm * k);
  const ctx = s.ctx;
  // National emblem: a red disc with gold stars (shape only).
  ctx.fillStyle = '#c8201c';
  ctx.beginPath();
  ctx.arc(X(14), Y(14), s.mm(8 * k), 0, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = '#e8c040';
  ctx.beginPath();
  ctx.arc(X(14), Y(14), s.mm(3 * k), 0, 2 * Math.PI);
  ctx.fill();
  s.line('中华人民共和国', X(30), Y(13), { size: s.mm(4.6 * k), family: SERIF.bold, colour: '#222', tracking: s.mm(0.8 * k) });
  s.line('居民身份证', X(26), Y(25), { size: s.mm(6.2 * k), family: SANS.black, colour: '#222', tracking: s.mm(1.2 * k) });
  const label = { size: s.mm(2.6 * k), family: SANS.regular, colour: '#3d6e9e' };
  const value = { size: s.mm(3.1 * k), family: SANS.regular, colour: '#111' };
  const county = c.rng.pick(['阿克苏市', '库车市', '拜城县', '温宿县', '新和县', '沙雅县', '阿瓦提县', '乌什县', '柯坪县']);
  const from = c.rng.int(2012, 2022);
  const m = c.rng.int(1, 12), d = c.rng.int(1, 28);
  const pad = (n: number) => String(n).padStart(2, '0');
  s.line('签发机关', X(18), Y(41), label);
  s.line(`${county}公安局`, X(33), Y(41.3), value);
  s.line('有效期限', X(18), Y(48), label);
  s.line(`${from}.${pad(m)}.${pad(d)}-${from + c.rng.pick([10, 20])}.${pad(m)}.${pad(d)}`, X(33), Y(48.3), value);
  return [s];
}
