import { Sheet, type Span } from '../sheet.ts';
import { SANS, SERIF, bodyFamily } from '../fonts.ts';
import type { DocContext } from './context.ts';
import { containing, others, printed, sentences, trapPhrase } from './context.ts';

const JOURNALS = ['煤炭工程', '中国煤炭', '煤矿安全', '矿业安全与环保', '能源与环保', '煤炭技术', '煤矿机械', '山东煤炭科技', '内蒙古煤炭经济', '新疆有色金属', '陕西煤炭', '矿山测量'];
const TITLES = [
  '综采工作面顶板来压规律及支架适应性研究',
  '深部软岩巷道锚网索联合支护技术应用',
  '高瓦斯矿井采空区瓦斯抽采参数优化',
  '基于微震监测的冲击地压预警方法研究',
  '矿井通风系统优化改造及效果分析',
  '急倾斜煤层综放开采技术实践',
  '露天煤矿边坡稳定性分析与治理',
  '煤矿井下带式输送机智能控制系统设计',
  '新疆某矿煤层自然发火预测与防治',
  '沿空留巷围岩控制技术研究与应用',
];

/** First page of a journal paper: 3–6 authors, the applicant one of them, affiliations, abstract,
 *  a two-column body and an author footnote that names the applicant again. */
export function paper(c: DocContext): Sheet[] {
  const rng = c.rng;
  const p = c.person;
  const s = Sheet.a4(c.dpi, rng);
  const L = s.mm(rng.float(18, 24)), R = s.width - L, W = R - L;
  const body = bodyFamily(rng);
  const journal = rng.pick(JOURNALS);
  const hst = { size: s.pt(9), family: SANS.regular, colour: '#333' };
  s.line(`${journal}`, L, s.mm(14), hst, false);
  s.line(`第${rng.int(38, 52)}卷第${rng.int(1, 12)}期  ${c.year - rng.int(0, 3)}年${rng.int(1, 12)}月`, R, s.mm(14), { ...hst, align: 'right' }, false);
  s.rule(L, s.mm(16), R, s.mm(16), s.mm(0.3));
  const title = rng.pick(TITLES);
  s.paragraph([{ text: title }], L + s.mm(10), s.mm(32), W - s.mm(20), { size: s.pt(rng.pick([16, 18])), family: rng.pick([SANS.bold, SERIF.bold, SANS.black]) }, 1.4, 0);
  // Author line: the applicant somewhere among co-authors, maybe one whose name contains theirs.
  const n = rng.int(3, 6);
  const co = others(c, n - 1 - (c.hard.containingName ? 1 : 0));
  if (c.hard.containingName) co.push(containing(c));
  const authors = rng.shuffle(co).map((nm) => ({ nm, me: false }));
  authors.splice(rng.int(0, authors.length), 0, { nm: printed(c), me: true });
  const affs = [p.profile.employer, rng.pick(['新疆大学 地质与矿业工程学院', '中国矿业大学 矿业工程学院', '新疆工程学院 安全科学与工程学院', '西安科技大学 能源学院'])];
  const ast = { size: s.pt(rng.pick([11, 12])), family: rng.pick([SERIF.regular, SANS.light, body]), align: 'center' as const };
  const parts: Span[] = [];
  authors.forEach((a, i) => {
    parts.push({ text: a.nm, owner: a.me ? 'applicant' : 'other' });
    parts.push({ text: (a.me ? '1' : String(rng.int(1, 2))) + (i < authors.length - 1 ? '，' : '') });
  });
  s.line(parts, s.width / 2, s.mm(50), ast);
  const aff = `（1. ${affs[0]}，新疆 阿克苏 843000；2. ${affs[1]}）`;
  s.line(aff, s.width / 2, s.mm(57), { size: s.pt(8.5), family: SERIF.regular, align: 'center' });
  const sst = { size: s.pt(9), family: body };
  let y = s.paragraph([{ text: `摘　要：${c.hard.nameCharWord ? trapPhrase(c) : ''}${sentences(rng, 3)}研究结果表明，所提方法可为类似条件矿井提供参考。` }], L + s.mm(6), s.mm(66), W - s.mm(12), sst, 1.6, 0);
  y = s.paragraph([{ text: `关键词：${rng.shuffle(['综采工作面', '支护', '瓦斯抽采', '通风', '数值模拟', '冲击地压', '煤矿安全']).slice(0, 4).join('；')}` }], L + s.mm(6), y, W - s.mm(12), sst, 1.6, 0);
  s.line(`中图分类号：TD${rng.int(300, 899)}　　文献标志码：A　　文章编号：1671-${rng.int(1000, 9999)}(${c.year})${rng.int(1, 12).toString().padStart(2, '0')}-00${rng.int(10, 99)}-0${rng.int(3, 6)}`, L + s.mm(6), y + s.mm(1), { ...sst, size: s.pt(8) });
  y += s.mm(8);
  s.rule(L, y, R, y, s.mm(0.2));
  // Two columns of body text; the author note at the foot of the left column.
  const colW = (W - s.mm(8)) / 2;
  const bst = { size: s.pt(rng.pick([9, 9.5, 10])), family: body };
  const foot = s.height - s.mm(32);
  // Fill each column down to the footnote, as a typeset page is.
  const column = (x: number, heading: string, bottom: number) => {
    let cy = y + s.mm(9);
    s.line(heading, x, cy, { ...bst, family: SANS.bold }, false);
    const lh = bst.size * 1.65;
    const lines = Math.floor((bottom - (cy + s.mm(7))) / lh);
    const perLine = Math.floor(colW / bst.size);
    let text = '';
    while ([...text].length < lines * perLine) text += sentences(rng, 4);
    text = [...text].slice(0, lines * perLine - 3).join('').replace(/[，。、；]?$/, '。');
    cy = s.paragraph([{ text }], x, cy + s.mm(7), colW, bst, 1.65, 2);
  };
  column(L, '0　引言', foot - s.mm(10));
  column(L + colW + s.mm(8), '1　工程概况', s.height - s.mm(18));
  s.rule(L, foot - s.mm(4), L + colW * 0.5, foot - s.mm(4), s.mm(0.2));
  const fst = { size: s.pt(7.5), family: body };
  s.paragraph([{ text: `收稿日期：${c.year - 1}-${rng.int(1, 12)}-${rng.int(1, 28)}` }], L, foot, colW, fst, 1.5, 0);
  s.paragraph([{ text: '作者简介：' }, { text: printed(c), owner: 'applicant' }, { text: `（${p.birth.y}—），${p.sex}，新疆阿克苏人，${p.profile.currentTitle ?? '助理工程师'}，主要从事煤矿${rng.pick(['开采', '通风安全', '机电'])}技术工作。` }], L, foot + s.mm(4.5), colW, fst, 1.5, 0);
  return [s];
}

/** A CNKI search result screenshot: browser chrome, search box, a result list with the paper. */
export function cnkiScreenshot(c: DocContext): Sheet[] {
  const rng = c.rng;
  const w = rng.pick([1366, 1440, 1600, 1920]);
  const h = Math.round(w * rng.float(0.55, 0.65));
  const s = new Sheet(w, h, 96, rng);
  s.fill(0, 0, w, 40, '#dee1e6');
  s.fill(80, 8, w - 300, 26, '#ffffff');
  s.line('https://kns.cnki.net/kns8s/defaultresult/index', 95, 27, { size: 14, family: SANS.regular, colour: '#333' }, false);
  s.fill(0, 40, w, 60, '#1f5fa8');
  s.line('中国知网 CNKI', 30, 80, { size: 24, family: SANS.bold, colour: '#fff' }, false);
  s.fill(260, 55, w * 0.5, 32, '#fff');
  const title = rng.pick(TITLES);
  s.line(title, 270, 78, { size: 15, family: SANS.regular, colour: '#222' }, false);
  const st = { size: rng.pick([14, 15, 16]), family: SANS.regular, colour: '#222' };
  let y = 150;
  s.line('共找到 3 条结果', 30, y, { ...st, colour: '#666' });
  y += 40;
  const co = others(c, rng.int(1, 4));
  for (let i = 0; i < 3; i++) {
    const mine = i === rng.int(0, 2) || i === 2;
    s.fill(20, y - 28, w - 40, 1, '#ddd');
    s.line(`${i + 1}`, 30, y, st);
    s.line(i === 0 || mine ? title : rng.pick(TITLES), 70, y, { ...st, colour: '#1f5fa8' });
    const names = mine ? rng.shuffle([...co.map((n) => ({ n, me: false })), { n: printed(c), me: true }]) : others(c, 2).map((n) => ({ n, me: false }));
    // The author column wraps between names, as the site's result list does, never into the journal's.
    const colW = w * 0.22;
    let row: Span[] = [];
    let ay = y;
    const flush = () => {
      if (row.length) s.line(row, Math.round(w * 0.45), ay, st);
      row = [];
      ay += Math.round(st.size * 1.4);
    };
    names.forEach((a, j) => {
      const piece: Span[] = [{ text: a.n, owner: a.me ? 'applicant' : 'other' }, ...(j < names.length - 1 ? [{ text: '; ' }] : [])];
      if (row.length && s.measure([...row, ...piece].map((p) => p.text).join(''), st) > colW) flush();
      row.push(...piece);
    });
    flush();
    s.line(rng.pick(JOURNALS), Math.round(w * 0.68), y, st);
    s.line(`${c.year - rng.int(0, 3)}-${String(rng.int(1, 12)).padStart(2, '0')}-15`, Math.round(w * 0.8), y, st);
    s.line('期刊', Math.round(w * 0.9), y, st);
    y = Math.max(y + 60, ay + 24);
    if (mine) break;
  }
  return [s];
}
