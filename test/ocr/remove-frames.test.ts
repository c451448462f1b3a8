import { describe, expect, it } from 'vitest';
import type { RawImage } from '../../src/model/image.ts';
import { removeFrames } from '../../src/ocr/remove-frames.ts';
import { SANS, SERIF } from '../../scripts/samples/fonts.ts';
import { Rng } from '../../scripts/samples/rng.ts';
import { Sheet } from '../../scripts/samples/sheet.ts';
import { lightenedShare, sheetGrey } from '../helpers/sheet-grey.ts';

const grey = sheetGrey;

/** Of the dark pixels (< 150) in a box, the share removeFrames made light (≥ 180). */
const lightened = (before: RawImage, after: RawImage, box: [number, number, number, number]) => lightenedShare(before, after, box, 150, 180);

describe('removeFrames: a certificate’s thick frame goes, text and thin rules stay', () => {
  it('paints out a thick frame sloping 1°, keeps its thin inner line, the text and a heavily blurred heading near the edge', async () => {
    // A landscape certificate at 150 dpi: a 9-px frame, a 2-px line inside it, the text inside;
    // one line of big bold text set tight near the bottom edge, blurred together by σ 2.5 into
    // a dark bar (it must stay: it may be the holder's name).
    const land = Sheet.a4(150, new Rng(7), true);
    const W = land.width;
    const H = land.height;
    const slope = Math.tan(Math.PI / 180);
    land.ctx.setTransform(1, slope, -slope, 1, 10, -10);
    land.ctx.strokeStyle = '#111';
    land.ctx.lineWidth = 9;
    land.ctx.strokeRect(60, 60, W - 120, H - 120);
    land.ctx.lineWidth = 2;
    land.ctx.strokeRect(80, 80, W - 160, H - 160);
    land.line('学士学位证书', 600, 250, { size: 60, family: SERIF.bold });
    land.line('燕霖英，女，1984年11月生。在中国矿业大学采矿工程专业完成了学习计划规定的课程，', 200, 400, { size: 24, family: SANS.regular });
    land.line('二〇二三年六月三十日', 1100, 1050, { size: 40, family: SANS.bold });
    land.ctx.setTransform(1, 0, 0, 1, 0, 0);
    const g = await grey(land, 2.5);
    const out = removeFrames(g);
    // The frame's sides (away from the corners), as sloped.
    const at = (x: number, y: number): [number, number] => [Math.round(x - slope * y + 10), Math.round(y + slope * x - 10)];
    const side = (x0: number, y0: number, x1: number, y1: number) => {
      let share = 0;
      for (let k = 1; k < 10; k++) {
        const [x, y] = at(x0 + ((x1 - x0) * k) / 10, y0 + ((y1 - y0) * k) / 10);
        share += lightened(g, out, [x - 6, y - 6, 13, 13]) / 9;
      }
      return share;
    };
    expect(side(200, 60, W - 200, 60)).toBeGreaterThan(0.9);
    expect(side(200, H - 60, W - 200, H - 60)).toBeGreaterThan(0.9);
    expect(side(60, 200, 60, H - 200)).toBeGreaterThan(0.9);
    expect(side(W - 60, 200, W - 60, H - 200)).toBeGreaterThan(0.9);
    // The thin inner line stays (remove-rules.ts takes it), and so does all the text.
    expect(side(300, 80, W - 300, 80)).toBeLessThan(0.1);
    const [hx, hy] = at(1100, 1010);
    expect(lightened(g, out, [hx - 10, hy - 10, 460, 70])).toBeLessThan(0.02);
    expect(lightened(g, out, [150, 350, W - 300, 80])).toBeLessThan(0.02);
  });

  it('leaves the text of a page without a frame, and its table’s text, as they are', async () => {
    const s = Sheet.a4(150, new Rng(8));
    s.line('个人承诺书', 500, 200, { size: 40, family: SANS.bold });
    s.grid([100, 400, 1100], [300, 360, 420], 2);
    s.line('承诺人：燕霖英', 120, 345, { size: 24, family: SANS.regular });
    const g = await grey(s, 1);
    const out = removeFrames(g);
    expect(lightened(g, out, [480, 150, 300, 70])).toBe(0);
    expect(lightened(g, out, [110, 315, 250, 40])).toBe(0);
  });
});
