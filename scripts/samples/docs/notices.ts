import { Sheet, spans, type Span } from '../sheet.ts';
import { SANS, SERIF, bodyFamily, titleFamily } from '../fonts.ts';
import type { DocContext } from './context.ts';
import { cnDate, cnDateUpper, containing, others, printed, sentences, trapPhrase } from './context.ts';

/** 任职资格文件: a red-headed government notice listing 10–30 people, the applicant once. */
export function titleDocument(c: DocContext): Sheet[] {
  const rng = c.rng;
  const p = c.person;
  const n = c.pages > 1 ? rng.int(26, 30) : rng.int(10, 30);
  const people = others(c, n - 1 - (c.hard.containingName ? 1 : 0));
  if (c.hard.containingName) people.splice(rng.int(0, people.length), 0, containing(c));
  const at = rng.int(0, people.length);
  const list: { name: string; applicant: boolean }[] = people.map((nm) => ({ name: nm, applicant: false }));
  list.splice(at, 0, { name: printed(c), applicant: true });
  const issuer = rng.pick(['阿克苏地区人力资源和社会保障局', '新疆维吾尔自治区人力资源和社会保障厅', '阿克苏地区应急管理局']);
  const level = p.profile.level === '高级工程师' ? '中级' : '初级';
  const yr = c.year - rng.int(1, 5);
  const asTable = c.pages > 1 || rng.chance(0.55);
  const pages: Sheet[] = [];
  let s = Sheet.a4(c.dpi, rng);
  pages.push(s);
  const fam = bodyFamily(rng);
  const st = { size: s.pt(rng.pick([12, 14, 15, 16])), family: fam };
  const L = s.mm(rng.float(24, 30)), W = s.width - 2 * L;
  s.line(`${issuer}文件`, s.width / 2, s.mm(40), { size: s.pt(rng.pick([22, 26, 28])), family: rng.pick([SERIF.black, SANS.black]), align: 'center', colour: '#d01818', maxWidth: W }, false);
  s.line(`阿地人社发〔${yr}〕${rng.int(10, 180)}号`, s.width / 2, s.mm(55), { ...st, align: 'center' });
  s.rule(L, s.mm(60), s.width - L, s.mm(60), s.mm(0.8), '#d01818');
  const first = list[0];
  const titleParts: Span[] = [{ text: '关于' }, first.applicant ? { text: first.name, owner: 'applicant' } : { text: first.name, owner: 'other' }, { text: `等${n}名同志通过工程系列煤炭专业${level}专业技术任职资格的通知` }];
  const tst = { size: s.pt(rng.pick([16, 18])), family: titleFamily(rng) };
  let y = s.paragraph(titleParts, L + s.mm(8), s.mm(75), W - s.mm(16), tst, 1.5, 0);
  y = s.paragraph([{ text: '各有关单位：' }], L, y + s.mm(4), W, st, 1.8, 0);
  y = s.paragraph([{ text: `根据《工程系列煤炭专业职称评价标准条件》，经阿克苏地区工程系列煤炭专业评审委员会${yr}年度评审通过，${c.hard.nameCharWord ? trapPhrase(c) : ''}下列${n}名同志具备工程系列煤炭专业${level}专业技术任职资格，资格取得时间为${cnDate(yr, rng.int(9, 12), rng.int(1, 28))}。` }], L, y, W, st, 1.8, 2);
  const newPage = () => {
    s = Sheet.a4(c.dpi, rng);
    pages.push(s);
    return s.mm(30);
  };
  if (asTable) {
    let rh = s.mm(rng.float(8, 10));
    // One page asked for: squeeze the rows so the list fits above the signature block.
    if (c.pages === 1) rh = Math.min(rh, (s.height - s.mm(80) - y) / (n + 1));
    const xs = [L, L + s.mm(15), L + s.mm(45), L + W * 0.78, L + W];
    const sst = { ...st, size: st.size * 0.85 };
    const head = (yy: number) => {
      s.grid(xs, [yy, yy + rh]);
      ['序号', '姓名', '工作单位', '资格名称'].forEach((t, i) => s.line(t, (xs[i] + xs[i + 1]) / 2, yy + rh * 0.7, { ...sst, align: 'center', family: SANS.medium }));
      return yy + rh;
    };
    y = head(y + s.mm(2));
    list.forEach((e, i) => {
      if (y + rh > s.height - s.mm(25) && c.pages > 1) y = head(newPage());
      s.grid(xs, [y, y + rh]);
      s.line(String(i + 1), (xs[0] + xs[1]) / 2, y + rh * 0.7, { ...sst, size: Math.min(sst.size, rh * 0.7), align: 'center' });
      s.line([{ text: e.name, owner: e.applicant ? 'applicant' : 'other' }], (xs[1] + xs[2]) / 2, y + rh * 0.7, { ...sst, size: Math.min(sst.size, rh * 0.7), align: 'center', maxWidth: xs[2] - xs[1] - s.mm(2) });
      const unit = e.applicant ? p.profile.employer : rng.pick(['阿克苏', '拜城县', '库车市', '温宿县']) + rng.pick(['天山', '金鑫', '宏远', '众泰', '鑫源', '塔北', '龙泰', '华凯']) + rng.pick(['煤业有限责任公司', '矿业有限公司', '煤矿']);
      const cst = { ...sst, size: Math.min(sst.size, rh * 0.7) };
      s.line(unit, xs[2] + s.mm(2), y + rh * 0.7, { ...cst, maxWidth: xs[3] - xs[2] - s.mm(3) });
      s.line(level === '中级' ? '工程师' : '助理工程师', (xs[3] + xs[4]) / 2, y + rh * 0.7, { ...cst, align: 'center', maxWidth: xs[4] - xs[3] - s.mm(2) });
      y += rh;
    });
  } else {
    const run: Span[] = [];
    list.forEach((e, i) => {
      run.push({ text: e.name, owner: e.applicant ? 'applicant' : 'other' });
      if (i < list.length - 1) run.push({ text: '、' });
    });
    run.push({ text: '。' });
    y = s.paragraph(run, L, y + s.mm(2), W, st, 1.9, 2);
  }
  if (y > s.height - s.mm(70)) y = newPage();
  y += s.mm(20);
  s.line(issuer, s.width - L - s.mm(10), y, { ...st, align: 'right' });
  s.line(cnDate(yr, rng.int(10, 12), rng.int(1, 28)), s.width - L - s.mm(15), y + s.mm(10), { ...st, align: 'right' });
  s.seal(issuer, 'other', s.width - L - s.mm(35), y - s.mm(rng.float(0, 8)), { grey: c.hard.greySeal });
  return pages;
}

/** 附件1 推荐单位公示 / 附件2 单位推荐意见: template text naming the applicant; head signs; employer seal. */
function unitTemplate(c: DocContext, kind: 'publicity' | 'recommendation'): Sheet[] {
  const rng = c.rng;
  const p = c.person;
  const s = Sheet.a4(c.dpi, rng);
  const fam = bodyFamily(rng);
  const st = { size: s.pt(rng.pick([12, 13, 14, 15])), family: fam };
  const L = s.mm(rng.float(22, 30));
  const W = s.width - 2 * L;
  s.line(kind === 'publicity' ? '附件1' : '附件2', L, s.mm(22), { ...st, family: SANS.medium });
  s.line(kind === 'publicity' ? '推荐单位公示' : '单位推荐意见', s.width / 2, s.mm(38), { size: s.pt(rng.pick([18, 20, 22])), family: titleFamily(rng), align: 'center' }, false);
  const level = p.profile.level === '高级工程师' ? '副高' : p.profile.level === '工程师' ? '中' : '初';
  const trap = c.hard.nameCharWord ? trapPhrase(c) : '';
  const head = others(c, 1)[0];
  let text: string[];
  if (kind === 'publicity') {
    text = [
      `根据自治区、地区职称评审工作要求，现对{A}同志申报工程系列煤炭专业${level}级专业技术任职资格进行公示。`,
      `基本信息：{A}，${p.sex}，${p.ethnicity}族，${rng.pick(['中共党员', '群众'])}，身份证号${p.idNumber}，现任${p.profile.currentTitle ?? '助理工程师'}。`,
      `思想政治条件：该同志坚决拥护中国共产党的领导，${trap}遵守职业道德，爱岗敬业。`,
      `业绩成果：${sentences(rng, 3)}`,
      `公示时间从${c.year}年7月${rng.int(1, 10)}日起至${c.year}年7月${rng.int(16, 25)}日止。如对{A}同志的相关信息有异议，请电话或书面形式反映至人力资源部办公室，监督电话：0997-${rng.int(2100000, 2999999)}。`,
    ];
  } else {
    text = [
      `一、政治方面：{A}同志政治立场坚定，${trap}认真学习贯彻党的路线方针政策。`,
      `二、工作方面：该同志具有良好的职业操守和从业行为，工作能力较强。${sentences(rng, 2)}`,
      `三、单位推荐及公示情况：经单位审核，{A}同志申报材料真实、完整、有效，已在本单位公示5个工作日，无异议，同意推荐。`,
    ];
  }
  // Force the name across a line end in one paragraph: narrow the text block so the break falls
  // inside the name (real templates are filled in Word with whatever margins the clerk had).
  let y = s.mm(55);
  const name = printed(c);
  text.forEach((t, i) => {
    let width = W;
    if (c.hard.splitName && i === 0) {
      const parts = spans(t, name);
      const ai = parts.findIndex((q) => q.owner === 'applicant');
      s.ctx.font = `${st.size}px ${st.family}`;
      const em = s.ctx.measureText('中').width;
      const before = 2 + [...parts.slice(0, ai).map((q) => q.text).join('')].length; // indent + chars
      const k = rng.int(1, [...name].length - 1);
      // chars per line N with (before mod N) in the last `len-1` slots: try N from wide to narrow.
      for (let N = Math.floor(W / em); N > 18; N--) {
        if (before % N === N - k) {
          width = N * em;
          break;
        }
      }
    }
    y = s.paragraph(spans(t, name), L, y, width, st, rng.float(1.7, 2.1), 2) + s.mm(2);
  });
  y += s.mm(15);
  s.line('签字：', s.width - L - s.mm(75), y, st);
  s.hand(head, s.width - L - s.mm(75) + s.measure('签字：', st), y, st.size * rng.float(1.4, 1.9), 'other');
  s.line('（推荐单位公章）', s.width - L - s.mm(60), y + s.mm(16), st);
  s.line(cnDate(c.year, 7, rng.int(1, 28)), s.width - L - s.mm(55), y + s.mm(28), st);
  s.seal(p.profile.employer, 'employer', s.width - L - s.mm(rng.float(30, 45)), y + s.mm(rng.float(5, 20)), { grey: c.hard.greySeal });
  return [s];
}

export function unitPublicity(c: DocContext): Sheet[] {
  return unitTemplate(c, 'publicity');
}
export function unitRecommendation(c: DocContext): Sheet[] {
  return unitTemplate(c, 'recommendation');
}

const PLEDGE = '本人承诺以上填报的内容和提交的材料完全真实有效，且网上填报与送审报表内容完全一致。如申请人提交弄虚作假确认材料的，一经查实，不予受理确认申报或取消已确认的资格，并从申报年度下一年度起3年内，不得申报专业技术资格。';

/** 附件3 个人承诺书: printed (or hand-copied) pledge, handwritten signature, date. */
export function personalPledge(c: DocContext): Sheet[] {
  const rng = c.rng;
  const s = Sheet.a4(c.dpi, rng);
  const st = { size: s.pt(rng.pick([12, 14, 15, 16])), family: bodyFamily(rng) };
  const L = s.mm(rng.float(22, 30));
  const W = s.width - 2 * L;
  if (rng.chance(0.7)) s.line('附件3', L, s.mm(22), { ...st, family: SANS.medium });
  s.line('个人承诺书', s.width / 2, s.mm(rng.float(40, 50)), { size: s.pt(rng.pick([20, 22, 24])), family: titleFamily(rng), align: 'center', tracking: s.mm(2) }, false);
  let y = s.mm(70);
  const ink = rng.pick(['#1b2a6b', '#222222', '#15204f']);
  if (c.hard.handFilled) {
    // The notice asks for the statement written by hand: copy it out line by line.
    const size = st.size * 1.3;
    const per = Math.floor(W / (size * 0.95));
    const chars = [...PLEDGE];
    for (let i = 0; i * per < chars.length; i++) {
      s.hand(chars.slice(i * per, (i + 1) * per).join(''), L + (i === 0 ? size * 2 : 0), y, size, undefined, { colour: ink });
      y += size * 1.9;
    }
  } else {
    y = s.paragraph([{ text: PLEDGE }], L, y, W, st, rng.float(1.8, 2.2), 2);
  }
  y += s.mm(rng.float(25, 45));
  const x = s.width - L - s.mm(rng.float(70, 85));
  s.line('承诺人：', x, y, st);
  s.hand(printed(c), x + s.measure('承诺人：', st), y + s.mm(rng.float(-1, 2)), st.size * rng.float(1.5, 2.2), 'applicant', { colour: ink });
  // Date filled in by hand between the printed 年 月 日.
  let dx = x + s.mm(10);
  for (const [v, unit] of [[`${c.year}`, '年'], [`${rng.int(7, 8)}`, '月'], [`${rng.int(1, 28)}`, '日']] as const) {
    const b = s.hand(v, dx, y + s.mm(18), st.size * 1.2, undefined, { colour: ink });
    dx = b[0] + b[2] + st.size * 0.3;
    s.line(unit, dx, y + s.mm(18), st);
    dx += st.size * 1.6;
  }
  return [s];
}

/** 涉密证明: the unit certifies a classified achievement; head signs; employer seal. */
export function secrecyProof(c: DocContext): Sheet[] {
  const rng = c.rng;
  const p = c.person;
  const s = Sheet.a4(c.dpi, rng);
  const st = { size: s.pt(rng.pick([13, 14, 15])), family: bodyFamily(rng) };
  const L = s.mm(rng.float(24, 30));
  s.line('证　　明', s.width / 2, s.mm(45), { size: s.pt(22), family: titleFamily(rng), align: 'center' }, false);
  let y = s.paragraph(spans(`兹证明{A}同志（身份证号：${p.idNumber}）于${c.year - 3}年至${c.year - 1}年参与我单位“${rng.pick(['矿井智能化改造', '井下应急通信系统建设', '地质保障系统升级'])}”项目，担任技术负责人，负责方案设计与现场实施。因该项目涉及国家秘密，无法提供相关印证材料，特此证明。`, printed(c)), L, s.mm(70), s.width - 2 * L, st, 2, 2);
  y += s.mm(30);
  s.line('单位主要负责人签字：', s.width - L - s.mm(95), y, st);
  s.hand(others(c, 1)[0], s.width - L - s.mm(95) + s.measure('单位主要负责人签字：', st), y, st.size * 1.6, 'other');
  s.line(p.profile.employer, s.width - L, y + s.mm(18), { ...st, align: 'right' });
  s.line(cnDateUpper(c.year, rng.int(6, 8), rng.int(1, 28)), s.width - L, y + s.mm(30), { ...st, align: 'right' });
  s.seal(p.profile.employer, 'employer', s.width - L - s.mm(30), y + s.mm(20), { grey: c.hard.greySeal });
  return [s];
}
