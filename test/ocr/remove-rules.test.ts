import { describe, expect, it } from 'vitest';
import type { RawImage } from '../../src/model/image.ts';
import { removeRules, removeRulesBoth } from '../../src/ocr/remove-rules.ts';
import { SANS, SERIF } from '../../scripts/samples/fonts.ts';
import { Rng } from '../../scripts/samples/rng.ts';
import { Sheet } from '../../scripts/samples/sheet.ts';
import { lightenedShare, sheetGrey } from '../helpers/sheet-grey.ts';

const grey = sheetGrey;

/** Of the dark pixels (< 200) in a box, the share removeRules painted out: turned paper-light (rules are painted the paper's own level, not white). */
const paintedShare = (before: RawImage, after: RawImage, box: [number, number, number, number]) => lightenedShare(before, after, box, 200, 200);

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

  it('removes the rules of a photographed table, sloping 2° across and 3° down, and keeps the text in its cells', async () => {
    // A 学信网 report photographed at 150 dpi: perspective slopes its rules differently (the
    // horizontal ones 2°, the vertical ones 3°), so a 1-px rule is a staircase of runs 20–50 px
    // long, never the 60 px of a rule; left in, the vertical rule by the name's cell was read as
    // "|" and the shaded labels beside it (姓名, 性别) not at all.
    const s = Sheet.a4(150, new Rng(5));
    const across = Math.tan((2 * Math.PI) / 180);
    const down = Math.tan((3 * Math.PI) / 180);
    const at = ([x, y]: [number, number]): [number, number] => [x - down * y + 40, y + across * x - 10];
    s.ctx.setTransform(1, across, -down, 1, 40, -10);
    const xs = [150, 330, 900];
    const ys = [400, 460, 520, 580, 640, 700];
    s.fill(xs[0], ys[0], xs[1] - xs[0], ys[5] - ys[0], '#e2e2e2');
    s.grid(xs, ys);
    const rows: [string, string][] = [['姓名', '屈峰'], ['性别', '女'], ['证件号码', '652926198206148003'], ['工作单位', '川中十一工程'], ['职称', '工程师']];
    const st = { size: 24, family: SANS.regular };
    const text: [number, number, number, number][] = [];
    rows.forEach(([label, value], r) => {
      for (const [t, x] of [[label, xs[0] + 18], [value, xs[1] + 18]] as [string, number][]) {
        const w = s.line(t, x, ys[r] + 40, st);
        text.push([x, ys[r] + 40 - 22, w, 27]);
      }
    });
    s.ctx.setTransform(1, 0, 0, 1, 0, 0);
    const g = await grey(s, 0.7);
    const both = removeRulesBoth(g);
    // Rule pixels: small boxes along each rule, as sloped on the page.
    const along = (out: RawImage, p: [number, number], q: [number, number]) => {
      let share = 0;
      const n = 12;
      for (let k = 1; k < n; k++) {
        const [x, y] = at([p[0] + ((q[0] - p[0]) * k) / n, p[1] + ((q[1] - p[1]) * k) / n]);
        share += paintedShare(g, out, [Math.round(x) - 3, Math.round(y) - 3, 7, 7]) / (n - 1);
      }
      return share;
    };
    // The text's boxes as sloped on the page (their corners' bounds: no rule is that near).
    const sloped = ([x, y, w, h]: [number, number, number, number]): [number, number, number, number] => {
      const c = [at([x, y]), at([x + w, y]), at([x, y + h]), at([x + w, y + h])];
      const x0 = Math.min(...c.map((v) => v[0]));
      const y0 = Math.min(...c.map((v) => v[1]));
      return [Math.floor(x0), Math.floor(y0), Math.ceil(Math.max(...c.map((v) => v[0])) - x0), Math.ceil(Math.max(...c.map((v) => v[1])) - y0)];
    };
    for (const out of [both.plain, both.keepText, removeRules(g), removeRules(g, { keepText: true })]) {
      for (const y of ys) expect(along(out, [xs[0], y], [xs[2], y])).toBeGreaterThan(0.9);
      for (const x of xs) expect(along(out, [x, ys[0]], [x, ys[5]])).toBeGreaterThan(0.9);
      for (const box of text) expect(paintedShare(g, out, sloped(box))).toBeLessThan(0.03);
    }
  });
});
