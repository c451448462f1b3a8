import { describe, expect, it } from 'vitest';
import type { RawImage } from '../../src/model/image.ts';
import { whitenDesk } from '../../src/ocr/whiten-desk.ts';

/** A grey page: a dark desk (40) round a sheet (215) turned a little, a black block and text-like bars on it. */
function photographedSheet(): { g: RawImage; inSheet: (x: number, y: number) => boolean } {
  const w = 1000;
  const h = 1300;
  const data = Buffer.alloc(w * h, 40);
  const a = (3 * Math.PI) / 180;
  const inSheet = (x: number, y: number) => {
    const u = (x - 500) * Math.cos(a) + (y - 650) * Math.sin(a);
    const v = -(x - 500) * Math.sin(a) + (y - 650) * Math.cos(a);
    return Math.abs(u) < 400 && Math.abs(v) < 560;
  };
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (inSheet(x, y)) data[y * w + x] = 215;
  // A photo / QR block inside the sheet, and rows of "text".
  for (let y = 200; y < 360; y++) for (let x = 200; x < 360; x++) data[y * w + x] = 20;
  for (let r = 0; r < 10; r++) for (let y = 500 + 50 * r; y < 520 + 50 * r; y++) for (let x = 200; x < 800; x++) if (x % 24 < 18) data[y * w + x] = 30;
  return { g: { width: w, height: h, channels: 1, data }, inSheet };
}

describe('whitenDesk: the desk round a photographed sheet becomes paper, the sheet stays', () => {
  it('paints the desk the paper’s grey, and keeps a dark block and the text on the sheet', () => {
    const { g, inSheet } = photographedSheet();
    const out = whitenDesk(g);
    let desk = 0;
    let deskLeft = 0;
    for (let y = 0; y < g.height; y += 3) {
      for (let x = 0; x < g.width; x += 3) {
        if (inSheet(x, y) || inSheet(x + 3, y) || inSheet(x - 3, y) || inSheet(x, y + 3) || inSheet(x, y - 3)) continue;
        desk++;
        if (out.data[y * g.width + x] < 100) deskLeft++;
      }
    }
    expect(deskLeft / desk).toBeLessThan(0.01);
    for (const [x, y] of [[280, 280], [210, 510], [790, 960]]) expect(out.data[y * g.width + x]).toBe(g.data[y * g.width + x]);
  });

  it('leaves a scan without a desk as it is', () => {
    const data = Buffer.alloc(800 * 1000, 250);
    for (let y = 300; y < 320; y++) for (let x = 100; x < 700; x++) data[y * 800 + x] = 20;
    const g: RawImage = { width: 800, height: 1000, channels: 1, data };
    expect(whitenDesk(g)).toBe(g);
  });
});
