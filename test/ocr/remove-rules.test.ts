import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { RawImage } from '../../src/model/image.ts';
import { removeRules } from '../../src/ocr/remove-rules.ts';
import { SANS, SERIF } from '../../scripts/samples/fonts.ts';
import { Rng } from '../../scripts/samples/rng.ts';
import { Sheet } from '../../scripts/samples/sheet.ts';

async function grey(sheet: Sheet, blur: number): Promise<RawImage> {
  const { data, info } = await sharp(await sheet.canvas.encode('png')).greyscale().blur(blur).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 1 };
}

/** Of the dark pixels (< 200) in a box, the share removeRules painted white. */
function paintedShare(before: RawImage, after: RawImage, [x, y, w, h]: [number, number, number, number]): number {
  let dark = 0;
  let painted = 0;
  for (let yy = y; yy < y + h; yy++) {
    for (let xx = x; xx < x + w; xx++) {
      const i = yy * before.width + xx;
      if (before.data[i] >= 200) continue;
      dark++;
      if (after.data[i] === 255) painted++;
    }
  }
  return dark ? painted / dark : 0;
}

describe('removeRules: rules go, lines of blurred text stay whole', () => {
  it('does not paint out the run-together strokes of a blurred line of small text', async () => {
    // A paper's author note at 200 dpi, 7.5 pt (≈ 20 px glyphs), medium weight, blurred σ 1.5: the horizontal
    // strokes of 党怡敏 and 新疆阿 run together into 60–70 px dark runs a few rows thick, which
    // the old test took for a rule and whitened straight through the name (OCR then read 欧访乞).
    const s = Sheet.a4(200, new Rng(3));
    const st = { size: 21, family: SANS.medium };
    s.line('作者简介：党怡敏（1989—），男，新疆阿克苏人，助理工程师，', 200, 1000, st);
    s.line('主要从事煤矿开采技术工作。', 200, 1040, st);
    // A table with rows of text close to its rules: its rules must still go.
    const xs = [200, 420, 900, 1400];
    const ys = [1300, 1350, 1400, 1450];
    s.grid(xs, ys, 2);
    const small = { size: 24, family: SERIF.regular };
    for (let r = 0; r < 3; r++) {
      s.line('党怡敏', xs[0] + 10, ys[r] + 38, small);
      s.line('新疆阿克苏能源有限责任公司', xs[1] + 10, ys[r] + 38, small);
      s.line('采矿工程', xs[2] + 10, ys[r] + 38, small);
    }
    const g = await grey(s, 1.5);
    const out = removeRules(g, { keepText: true });
    expect(paintedShare(g, out, [190, 975, 1300, 75])).toBe(0);
    // Rule pixels: the grid's horizontal rules between the text's columns, and its vertical rules.
    for (const y of ys) expect(paintedShare(g, out, [xs[0], y - 3, xs[3] - xs[0], 6])).toBeGreaterThan(0.6);
    for (const x of xs) expect(paintedShare(g, out, [x - 3, ys[0] + 5, 6, ys[3] - ys[0] - 10])).toBeGreaterThan(0.9);
  });
});
