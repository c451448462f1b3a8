import sharp from 'sharp';
import type { RawImage } from '../../src/model/image.ts';
import type { Sheet } from '../../scripts/samples/sheet.ts';

/** A drawn sheet as the grey page the OCR side works on, blurred by σ `blur`. */
export async function sheetGrey(sheet: Sheet, blur: number): Promise<RawImage> {
  const { data, info } = await sharp(await sheet.canvas.encode('png')).greyscale().blur(blur).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 1 };
}

/** Of the pixels darker than `darkBelow` in a box, the share `after` made at least `lightFrom`. */
export function lightenedShare(before: RawImage, after: RawImage, [x, y, w, h]: [number, number, number, number], darkBelow: number, lightFrom: number): number {
  let dark = 0;
  let light = 0;
  for (let yy = y; yy < y + h; yy++) {
    for (let xx = x; xx < x + w; xx++) {
      const i = yy * before.width + xx;
      if (before.data[i] >= darkBelow) continue;
      dark++;
      if (after.data[i] >= lightFrom) light++;
    }
  }
  return dark ? light / dark : 0;
}
