import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { RawImage } from '../../src/model/image.ts';
import type { OcrEngine } from '../../src/model/ocr.ts';
import { readPage } from '../../src/ocr/read-page.ts';
import { SERIF, SANS } from '../../scripts/samples/fonts.ts';
import { Rng } from '../../scripts/samples/rng.ts';
import { Sheet } from '../../scripts/samples/sheet.ts';
import { useOcrAndOsd } from '../helpers/engine.ts';

/** The real OCR engine, counting the pixels it was asked to read. */
function counting(engine: OcrEngine): { engine: OcrEngine; pixels: () => number } {
  let pixels = 0;
  return {
    engine: { ...engine, recognize: (img, o) => ((pixels += img.width * img.height), engine.recognize(img, o)) },
    pixels: () => pixels,
  };
}

async function grey(sheet: Sheet, blur = 0): Promise<RawImage> {
  let img = sharp(await sheet.canvas.encode('png')).greyscale();
  if (blur) img = img.blur(blur);
  const { data, info } = await img.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 1 };
}

const ROWS = [
  ['序号', '姓名', '工作单位', '专业'],
  ['1', '邝宇', '阿克苏金泉煤业有限责任公司', '采矿工程'],
  ['2', '解梅珊', '拜城县众维煤业有限公司', '地质工程'],
  ['3', '再努尔·努尔兰', '库车市永新矿业有限公司', '机电工程'],
  ['4', '任强勤', '新疆焦煤集团有限责任公司', '安全工程'],
];

/** A notice set in large type with a list table in small type under it (a 6 pt list on a 150 dpi scan). */
function largeHeadingSmallTable(): Sheet {
  const s = Sheet.a4(150, new Rng(7));
  const big = { size: 34, family: SERIF.regular };
  s.line('关于同意评审专业技术资格的通知', s.width / 2, 160, { ...big, size: 44, family: SERIF.bold, align: 'center' });
  s.line('各有关单位：', 120, 260, big);
  s.line('经评审委员会评审通过，下列同志具备相应专业技术资格。', 120, 330, big);
  s.line('现将名单公布如下，请各单位做好聘任工作。', 120, 400, big);
  const small = { size: 13, family: SANS.regular };
  const xs = [140, 220, 360, 640];
  ROWS.forEach((r, i) => r.forEach((t, j) => s.line(t, xs[j], 520 + i * 26, small)));
  s.line('阿克苏地区职称改革工作领导小组办公室', s.width - 120, 900, { ...big, align: 'right' });
  s.line('2024年10月8日', s.width - 120, 970, { ...big, align: 'right' });
  return s;
}

describe('readPage: small text is enlarged where it is, not the whole page', () => {
  const engines = useOcrAndOsd();

  it('reads a small-type list under large type from enlarged blocks, not an enlarged page', async () => {
    const g = await grey(largeHeadingSmallTable());
    const c = counting(engines.ocr);
    const read = await readPage(g, c.engine);
    const text = read.ocr.lines.map((l) => l.text.replace(/\s/g, '')).join('\n');
    // Read cell by cell at 2.6×; the first pass had run the rows together at confidence 33–75
    // (解梅班, 新疆焦煤… glued to 任强惑).
    for (const t of ['解梅珊', '努尔兰', '阿克苏金泉煤业有限责任公司', '拜城县众维煤业有限公司']) expect(text).toContain(t);
    // The old whole-page second pass alone read page × upscale² pixels.
    const wholePage = g.width * g.height * read.upscale ** 2;
    expect(read.upscale).toBeGreaterThan(1.2);
    expect(c.pixels() - g.width * g.height).toBeLessThan(0.5 * wholePage);
  }, 120_000);

  it('does not read a blurred page of small text again enlarged when nothing in it is text-shaped', async () => {
    const s = Sheet.a4(100, new Rng(8));
    const st = { size: 11, family: SERIF.regular };
    for (let i = 0; i < 30; i++) s.line('本人承诺所提交的申报材料真实有效，如有虚假愿承担一切责任。', 60, 100 + i * 24, st);
    const g = await grey(s, 3);
    const c = counting(engines.ocr);
    const read = await readPage(g, c.engine);
    expect(read.ocr.lines.filter((l) => l.confidence >= 60 && l.text.replace(/\s/g, '').length >= 8)).toHaveLength(0);
    // One pass over the page (and perhaps a few single-line crops), never the page again at 3×.
    expect(c.pixels()).toBeLessThan(2 * g.width * g.height);
  }, 120_000);
});
