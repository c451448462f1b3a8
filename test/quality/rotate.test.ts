import { describe, expect, it } from 'vitest';
import type { RawImage } from '../../src/model/image.ts';
import { levelGrey, rotateRaw } from '../../src/quality/rotate.ts';
import { estimateSkew } from '../../src/quality/skew.ts';

// 3×2 grey image:  1 2 3
//                  4 5 6
const img: RawImage = { data: Buffer.from([1, 2, 3, 4, 5, 6]), width: 3, height: 2, channels: 1 };

describe('rotateRaw', () => {
  it('turns clockwise by quarter turns', () => {
    const r90 = rotateRaw(img, 90);
    expect([r90.width, r90.height]).toEqual([2, 3]);
    expect([...r90.data]).toEqual([4, 1, 5, 2, 6, 3]);
    expect([...rotateRaw(img, 180).data]).toEqual([6, 5, 4, 3, 2, 1]);
    expect([...rotateRaw(img, 270).data]).toEqual([3, 6, 2, 5, 1, 4]);
  });
  it('undoes a scan rotation r with 360 - r, for RGB too', () => {
    const rgb: RawImage = { data: Buffer.from([...Array(18).keys()]), width: 3, height: 2, channels: 3 };
    for (const r of [90, 180, 270] as const) {
      expect([...rotateRaw(rotateRaw(rgb, r), 360 - r).data]).toEqual([...rgb.data]);
      expect([...rotateRaw(rotateRaw(img, r), 360 - r).data]).toEqual([...img.data]);
    }
    const r90 = rotateRaw(rgb, 90); // top-left of the result is the bottom-left pixel of the source
    expect([...r90.data.subarray(0, 3)]).toEqual([9, 10, 11]);
  });
});

describe('levelGrey', () => {
  it('levels lines that descend to the right by the angle estimateSkew reports, either way the page is turned', () => {
    // Five dashed "text lines" 3 px thick, descending 4° to the right, on white paper.
    const w = 600;
    const h = 400;
    const data = Buffer.alloc(w * h, 255);
    const t = Math.tan((4 * Math.PI) / 180);
    for (let k = 0; k < 5; k++) {
      for (let x = 40; x < w - 40; x++) {
        if (x % 24 > 18) continue;
        const y0 = Math.round(80 + 60 * k + (x - w / 2) * t);
        for (let y = y0; y < y0 + 3; y++) data[y * w + x] = 20;
      }
    }
    const g: RawImage = { data, width: w, height: h, channels: 1 };
    const rowsWithInk = (im: RawImage) => {
      let n = 0;
      for (let y = 0; y < im.height; y++) {
        for (let x = 0; x < im.width; x++) {
          if (im.data[y * im.width + x] < 128) {
            n++;
            break;
          }
        }
      }
      return n;
    };
    const skew = estimateSkew(g);
    expect(skew.angleDeg).toBeCloseTo(4, 0);
    const level = levelGrey(g, skew.angleDeg);
    // Tilted, each line crosses ~36 rows; level, each keeps to its 3–5.
    expect(rowsWithInk(g)).toBeGreaterThan(150);
    expect(rowsWithInk(level)).toBeLessThanOrEqual(30);
    // The page stored a quarter turn away: the lines run down it, and the same angle levels them.
    const down = rotateRaw(g, 90);
    const tilt = estimateSkew(rotateRaw(down, 90)); // as orientation measures a page whose lines run down it
    const cols = rotateRaw(levelGrey(down, tilt.angleDeg), 270);
    expect(rowsWithInk(cols)).toBeLessThanOrEqual(30);
  });
});
