import { describe, expect, it } from 'vitest';
import type { RawImage } from '../../src/model/image.ts';
import { rotateRaw } from '../../src/quality/rotate.ts';

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
