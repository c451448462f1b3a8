import type { RawImage } from '../model/image.ts';

/**
 * BMP is not among the formats sharp's bundled libvips reads, and scanners still write it, so the
 * common uncompressed kinds (1/4/8-bit palette, 24 and 32-bit) are decoded here.
 */
export function decodeBmp(buf: Buffer): RawImage {
  if (buf.length < 54 || buf.toString('latin1', 0, 2) !== 'BM') throw new Error('not a BMP file');
  const dataOffset = buf.readUInt32LE(10);
  const headerSize = buf.readUInt32LE(14);
  const width = buf.readInt32LE(18);
  const rawHeight = buf.readInt32LE(22);
  const bpp = buf.readUInt16LE(28);
  const compression = buf.readUInt32LE(30);
  if (width <= 0 || rawHeight === 0 || width > 30000 || Math.abs(rawHeight) > 30000) throw new Error(`BMP size ${width}×${rawHeight} is not plausible`);
  if (compression !== 0 && !(compression === 3 && bpp === 32)) throw new Error(`BMP compression ${compression} is not supported`);
  if (![1, 4, 8, 24, 32].includes(bpp)) throw new Error(`BMP with ${bpp} bits per pixel is not supported`);
  const height = Math.abs(rawHeight);
  const bottomUp = rawHeight > 0;
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (dataOffset + stride * height > buf.length) throw new Error('BMP pixel data is truncated');
  const paletteOffset = 14 + headerSize;
  const palette = (i: number): [number, number, number] => {
    const o = paletteOffset + 4 * i;
    return [buf[o + 2], buf[o + 1], buf[o]];
  };
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + stride * (bottomUp ? height - 1 - y : y);
    for (let x = 0; x < width; x++) {
      let r: number, g: number, b: number;
      if (bpp === 24 || bpp === 32) {
        const o = row + x * (bpp / 8);
        b = buf[o];
        g = buf[o + 1];
        r = buf[o + 2];
      } else {
        const bitPos = x * bpp;
        const byte = buf[row + (bitPos >> 3)];
        const shift = 8 - bpp - (bitPos & 7);
        [r, g, b] = palette((byte >> shift) & ((1 << bpp) - 1));
      }
      const p = (y * width + x) * 3;
      out[p] = r;
      out[p + 1] = g;
      out[p + 2] = b;
    }
  }
  return { data: out, width, height, channels: 3 };
}

/** 24-bit bottom-up BMP, the form every viewer opens; `dpi` goes into its resolution fields. */
export function encodeBmp(img: RawImage, dpi = 72): Buffer {
  const { width, height } = img;
  const stride = Math.floor((24 * width + 31) / 32) * 4;
  const size = 54 + stride * height;
  const buf = Buffer.alloc(size);
  buf.write('BM', 0, 'latin1');
  buf.writeUInt32LE(size, 2);
  buf.writeUInt32LE(54, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(24, 28);
  buf.writeUInt32LE(stride * height, 34);
  const perMetre = Math.round(dpi / 0.0254);
  buf.writeInt32LE(perMetre, 38);
  buf.writeInt32LE(perMetre, 42);
  for (let y = 0; y < height; y++) {
    const row = 54 + stride * (height - 1 - y);
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * img.channels;
      const o = row + x * 3;
      if (img.channels === 1) {
        buf[o] = buf[o + 1] = buf[o + 2] = img.data[p];
      } else {
        buf[o] = img.data[p + 2];
        buf[o + 1] = img.data[p + 1];
        buf[o + 2] = img.data[p];
      }
    }
  }
  return buf;
}
