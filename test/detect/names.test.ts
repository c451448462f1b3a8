/**
 * The name finder on the hard cases of DOMAIN.md, drawn by the sample generator and read by the real
 * OCR: the applicant's name inside a longer name, a shared first part of a minority name, the dot in
 * its printed forms, a skewed dense list whose OCR lines are taller than one row. Outcomes are
 * checked against the boxes the generator drew: every applicant box covered, no other box touched.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNames, type NameSearchResult } from '../../src/detect/names/find-names.ts';
import type { DocTypeId } from '../../src/model/doc-types.ts';
import { intersect, type Box } from '../../src/model/geometry.ts';
import type { RawImage } from '../../src/model/image.ts';
import type { OcrEngine } from '../../src/model/ocr.ts';
import { greyForOcr } from '../../src/ocr/prepare.ts';
import { readPage } from '../../src/ocr/read-page.ts';
import { removeRules } from '../../src/ocr/remove-rules.ts';
import { createTesseractEngine } from '../../src/ocr/tesseract-engine.ts';
import { HAND, SANS, SERIF } from '../../scripts/samples/fonts.ts';
import { Rng } from '../../scripts/samples/rng.ts';
import { Sheet, spans, type DrawnName, type TextStyle } from '../../scripts/samples/sheet.ts';

function rawOf(canvas: Canvas): RawImage {
  const { width, height } = canvas;
  const rgba = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    data[j] = rgba[i];
    data[j + 1] = rgba[i + 1];
    data[j + 2] = rgba[i + 2];
  }
  return { data, width, height, channels: 3 };
}

/** The sheet turned by `deg` about its centre (a skewed scan), with the names' boxes turned alike. */
function skewed(sheet: Sheet, deg: number): { canvas: Canvas; names: DrawnName[] } {
  const { width: w, height: h } = sheet.canvas;
  const out = createCanvas(w, h);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  const a = (deg * Math.PI) / 180;
  ctx.translate(w / 2, h / 2);
  ctx.rotate(a);
  ctx.drawImage(sheet.canvas, -w / 2, -h / 2);
  const turn = ([x, y]: [number, number]): [number, number] => {
    const dx = x - w / 2;
    const dy = y - h / 2;
    return [w / 2 + dx * Math.cos(a) - dy * Math.sin(a), h / 2 + dx * Math.sin(a) + dy * Math.cos(a)];
  };
  const names = sheet.names.map((n) => {
    const [x, y, bw, bh] = n.box;
    const pts = ([[x, y], [x + bw, y], [x, y + bh], [x + bw, y + bh]] as Array<[number, number]>).map(turn);
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const box: Box = [Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
    return { ...n, box };
  });
  return { canvas: out, names };
}

async function search(engine: OcrEngine, canvas: Canvas, applicantName: string, docType: DocTypeId): Promise<NameSearchResult & { grey: RawImage }> {
  const grey = removeRules(greyForOcr(rawOf(canvas)));
  const { ocr } = await readPage(grey, engine);
  return { ...findNames({ ocr, grey, applicantName, docType }), grey };
}

/** Share of the ink inside a drawn name's box that falls under one of the boxes found (unpadded). */
function inkCovered(grey: RawImage, b: Box, found: Box[]): number {
  let ink = 0;
  let under = 0;
  for (let y = Math.max(0, Math.floor(b[1])); y < Math.min(grey.height, Math.ceil(b[1] + b[3])); y++)
    for (let x = Math.max(0, Math.floor(b[0])); x < Math.min(grey.width, Math.ceil(b[0] + b[2])); x++) {
      if (grey.data[y * grey.width + x] >= 128) continue;
      ink++;
      if (found.some((m) => x >= m[0] && x < m[0] + m[2] && y >= m[1] && y < m[1] + m[3])) under++;
    }
  return ink ? under / ink : 0;
}

/** Lines one under another; in each, `{A}` is the applicant's name printed as given for that line. */
function drawLines(width: number, seed: number, st: TextStyle, lines: Array<[text: string, applicantPrinted: string]>): Sheet {
  const sheet = new Sheet(width, 160 + lines.length * 120, 200, new Rng(seed));
  lines.forEach(([text, printed], i) => sheet.line(spans(text, printed), 80, 110 + i * 120, st));
  return sheet;
}

/** Every applicant name's ink under an applicant box, no other name touched by one; returns the boxes. */
function expectMaskedAndProtected(r: NameSearchResult & { grey: RawImage }, names: DrawnName[]): Box[] {
  const masks = r.detections.filter((d) => d.kind === 'applicant_name').map((d) => d.box);
  for (const n of names.filter((n) => n.owner === 'applicant')) expect(inkCovered(r.grey, n.box, masks), `${n.text} at ${n.box}`).toBeGreaterThan(0.97);
  for (const n of names.filter((n) => n.owner === 'other')) for (const m of masks) expect(intersect(n.box, m), `${n.text} touched by ${m}`).toBeNull();
  return masks;
}

describe('finding names on the hard cases (real OCR on generated lines)', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await createTesseractEngine({ workers: 1 });
  });
  afterAll(async () => {
    await engine.terminate();
  });

  it('masks 张伟 but not 张伟东 beside it, and not the 伟/建 of ordinary words', async () => {
    const sheet = drawLines(1500, 7, { size: 44, family: SANS.regular }, [
      ['姓名：{A}　　性别：男　　民族：汉族', '张伟'],
      ['项目负责人：{O:张伟东}　　审核人：{O:刘建华}', '张伟'],
      ['{A}同志参加了宏伟建设集团的矿井改建工作。', '张伟'],
      ['经办人：{O:张伟东}', '张伟'],
    ]);
    const r = await search(engine, sheet.canvas, '张伟', 'appraisal_form');
    expect(expectMaskedAndProtected(r, sheet.names).length).toBe(2);
  });

  it('finds a minority name with its dot printed as ·, • or -, and leaves a name sharing its first part', async () => {
    const sheet = drawLines(1700, 8, { size: 42, family: SERIF.regular }, [
      ['申报人：{A}，男，维吾尔族', '艾合买提·吐尔逊'],
      ['{A}同志自参加工作以来表现良好。', '艾合买提•吐尔逊'],
      ['考核对象：{A}　　主管领导：{O:艾合买提·萨比尔}', '艾合买提-吐尔逊'],
      ['推荐人：{O:艾合买提·萨比尔}', '艾合买提·吐尔逊'],
    ]);
    const r = await search(engine, sheet.canvas, '艾合买提·吐尔逊', 'unit_recommendation');
    expectMaskedAndProtected(r, sheet.names);
  });

  it('finds the person addressed as ××同志 when OCR misread one of the name and the 志 (如对庄民帮同南)', async () => {
    // The misreadings a brush-like face gets from OCR, printed as read: the slot ends at 同 and
    // reads two of three characters of the name. Words like 对同事 are not a slot.
    const sheet = drawLines(1500, 14, { size: 40, family: SERIF.regular }, [
      ['公示时间从2025年7月5日起，如对{A}同南的相关信息有异议，', '庄民帮'],
      ['感谢领导和同事对{O:李同华}同击的帮助。', '庄民帮'],
    ]);
    const r = await search(engine, sheet.canvas, '庄民海', 'unit_publicity');
    expectMaskedAndProtected(r, sheet.names);
    expect(r.uncertain.length).toBeGreaterThan(0);
  });

  it('finds the person addressed as ××同志 in the publicity template when the name breaks over two lines', async () => {
    const sheet = new Sheet(1100, 520, 200, new Rng(10));
    const st = { size: 40, family: SERIF.regular };
    const em = sheet.measure('中', st);
    // Twenty characters to a line: the name starts at the end of the first and ends on the second.
    const text = '根据自治区、地区职称评审工作要求，现对{A}同志申报工程系列煤炭专业中级专业技术任职资格进行公示。如对{A}同志的相关信息有异议，请反映。';
    sheet.paragraph(spans(text, '邝宇'), 60, 100, 20 * em, st, 1.8, 0);
    expect(sheet.names.some((n) => n.note?.startsWith('split across lines'))).toBe(true);
    const r = await search(engine, sheet.canvas, '邝宇', 'unit_publicity');
    expectMaskedAndProtected(r, sheet.names);
  });

  it('masks the 姓名 value of a form in columns and leaves 经办人 党怡怡, who shares two of its characters', async () => {
    const sheet = new Sheet(1400, 700, 200, new Rng(11));
    const st = { size: 36, family: SANS.regular };
    const rows: Array<[string, string]> = [
      ['姓　　名', '{A}'],
      ['性　　别', '女'],
      ['证件号码', '652901198908134151'],
      ['学　　校', '新疆大学'],
      ['经办人', '{O:党怡怡}'],
    ];
    sheet.grid([60, 330, 1000], rows.map((_, i) => 60 + i * 110).concat(60 + rows.length * 110));
    rows.forEach(([label, value], i) => {
      sheet.line(label, 90, 130 + i * 110, st);
      sheet.line(spans(value, '党怡敏'), 420, 130 + i * 110, st);
    });
    const r = await search(engine, sheet.canvas, '党怡敏', 'chsi_verification');
    expectMaskedAndProtected(r, sheet.names);
  });

  it('masks the 姓名 value of the applicant\'s own form by its place when OCR cannot read the handwriting, and says so', async () => {
    const sheet = new Sheet(1400, 500, 200, new Rng(12));
    const st = { size: 36, family: SANS.regular };
    const rows: Array<[string, string, TextStyle]> = [
      ['姓名', '{A}', { size: 58, family: HAND[1] }],
      ['身份证号', '652928197810288211', st],
      ['学　　历', '大学本科', st],
    ];
    sheet.grid([60, 330, 1100], rows.map((_, i) => 60 + i * 120).concat(60 + rows.length * 120));
    rows.forEach(([label, value, vst], i) => {
      sheet.line(label, 90, 135 + i * 120, st);
      sheet.line(spans(value, '毛勤'), 420, 135 + i * 120, vst);
    });
    const r = await search(engine, sheet.canvas, '毛勤', 'ce_exemption');
    expectMaskedAndProtected(r, sheet.names);
    // OCR does not read the scrawl as the name: it is masked by its place and flagged for a person.
    const d = r.detections.find((x) => x.kind === 'applicant_name');
    expect(d?.evidence.rule).toBe('name-field-position');
    expect(r.uncertain.length).toBeGreaterThan(0);
  });

  it('masks the cell before 性别 on the applicant\'s own form when the 姓名 label is too faint to read', async () => {
    const sheet = new Sheet(1500, 420, 150, new Rng(13));
    const st = { size: 30, family: SANS.regular };
    const faint = { ...st, colour: '#e4e4e4' };
    sheet.grid([60, 230, 520, 690, 900, 1400], [60, 160, 260]);
    sheet.line('姓　名', 85, 125, faint);
    sheet.line(spans('{A}', '邝　宇'), 260, 125, { ...st, size: 32, family: HAND[0] });
    sheet.line('性　别', 545, 125, st);
    sheet.line('男', 760, 125, st);
    sheet.line('职　称', 85, 225, st);
    sheet.line('助理工程师', 260, 225, st);
    const r = await search(engine, sheet.canvas, '邝宇', 'appraisal_form');
    expectMaskedAndProtected(r, sheet.names);
    expect(r.uncertain.length).toBeGreaterThan(0);
  });

  it('masks the one bare 签名 of a self-signed form, a scrawl OCR cannot read, and leaves the leader who signs by role', async () => {
    const sheet = new Sheet(1500, 700, 200, new Rng(14));
    const st = { size: 34, family: SANS.regular };
    sheet.line('个人总结：本人认真履行岗位职责，较好地完成了各项工作任务。', 80, 110, st);
    sheet.line('签名：', 760, 250, st);
    // The applicant's signature: a scrawl with no readable character (loops and a tail).
    const ctx = sheet.canvas.getContext('2d');
    ctx.strokeStyle = '#15204f';
    ctx.lineWidth = 4;
    ctx.beginPath();
    ctx.moveTo(880, 240);
    for (let i = 0; i < 7; i++) ctx.bezierCurveTo(895 + i * 26, 185, 870 + i * 26, 280, 905 + i * 26, 225 + (i % 3) * 12);
    ctx.lineTo(1110, 235);
    ctx.stroke();
    sheet.names.push({ owner: 'applicant', text: '毛勤', box: [878, 195, 236, 75], handwritten: true });
    sheet.line('主管领导评语：该同志工作认真负责，建议考核等次为合格。', 80, 420, st);
    sheet.line('主管领导签字：', 700, 560, st);
    sheet.hand('秦丹强', 700 + sheet.measure('主管领导签字：', st), 560, 52, 'other', { family: HAND[0] });
    const r = await search(engine, sheet.canvas, '毛勤', 'appraisal_form');
    expectMaskedAndProtected(r, sheet.names);
    expect(r.uncertain.length).toBeGreaterThan(0);
  });

  it('keeps the mask one row high in a skewed dense list where OCR lines take in the next row', async () => {
    const sheet = new Sheet(2000, 900, 300, new Rng(9));
    const st = { size: 46, family: SANS.regular };
    const rows = ['{O:秦华航}', '{O:李思立}', '{A}', '{O:独孤刚立}', '{O:凌实志}'];
    rows.forEach((name, i) => sheet.line(spans(`${name}　　库车市天山煤业有限责任公司　　助理工程师`, '再努尔·努尔兰'), 120, 160 + i * 96, st));
    const { canvas, names } = skewed(sheet, 2.5);
    const r = await search(engine, canvas, '再努尔·努尔兰', 'title_document');
    // The name is ~46 px high (the skew adds ~12 px over its width): a box of two rows would be ~140.
    for (const m of expectMaskedAndProtected(r, names)) expect(m[3], `mask ${m}`).toBeLessThan(1.7 * 46);
  });
});
