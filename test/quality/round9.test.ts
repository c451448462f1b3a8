import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../scripts/samples/index.ts';
import { Sheet } from '../../scripts/samples/sheet.ts';
import type { RawImage } from '../../src/model/image.ts';
import { greyForOcr } from '../../src/ocr/prepare.ts';
import { clarityVerdict } from '../../src/quality/clarity.ts';
import { pitchLines } from '../../src/quality/pitch.ts';

// Round 9 (docs/clarity.md): the character pitch leaves out "lines" of paper grain (a line's profile
// must stand out of the page's pixel noise), and looks again, on the scale of its characters' height,
// at a line whose band blur grew past the lag window (bench 9006: a diploma blurred at σ/type 0.21 was
// sized by its signature alone; an ID card on a noisy A4 scan by 109 lines of grain).

const plain = { rotation: 0 as const, camera: false, skewDeg: 0, scale: 1 };

/** The generator's body size of a document (Sheet.bodyPx, the size the clarity label is judged on). */
async function bodyPx(type: 'diploma', dpi: number, seed: number): Promise<number> {
  const d = Object.getOwnPropertyDescriptor(Sheet.prototype, 'bodyPx')!;
  const seen: number[] = [];
  Object.defineProperty(Sheet.prototype, 'bodyPx', {
    configurable: true,
    get(this: Sheet) {
      const v = d.get!.call(this) as number;
      seen.push(v);
      return v;
    },
  });
  try {
    await renderDocument({ type, dpi, degrade: { ...plain, blurSigma: 0 } }, seed);
  } finally {
    Object.defineProperty(Sheet.prototype, 'bodyPx', d);
  }
  return seen[seen.length - 1];
}

describe('paper grain is not text', () => {
  it('sizes a faint ID card on a noisy A4 scan by its print, not by rows of grain', async () => {
    // id_card_front seed 8 at 300 dpi: the card on an A4 sheet. Faded to 0.3 of its contrast and
    // given pixel noise σ 6.5 (as bench 9006's light, noisy copy): round 8 read 98 "lines" of the
    // blank paper's grain at a 10.7-px pitch and called the card too small (glyph 9.6 px).
    const doc = await renderDocument({ type: 'id_card_front', dpi: 300, degrade: { ...plain, blurSigma: 0, noise: 0 } }, 8);
    const g = greyForOcr(doc.pages[0].image);
    let s = 12345;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const data = Buffer.alloc(g.data.length);
    for (let i = 0; i < data.length; i++) {
      const n = Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
      data[i] = Math.max(0, Math.min(255, Math.round(250 - (250 - g.data[i]) * 0.3 + 6.5 * n)));
    }
    const noisy: RawImage = { ...g, data };
    expect(doc.pages[0].truth.clarity).toBe('ok');
    const v = clarityVerdict(noisy);
    expect(v.ok, JSON.stringify(v.evidence)).toBe(true);
    expect(v.glyphHeightPx, JSON.stringify(v.evidence)).toBeGreaterThan(30);
    // The blank paper below the card gives no line of the pitch.
    const below = pitchLines(noisy).filter((l) => l.wt > 0 && l.band.start > 0.4 * noisy.height);
    expect(below.length).toBe(0);
  }, 120_000);
});

describe('a heavily blurred page whose body lines grew past their window', () => {
  it('does not size a diploma blurred at σ = 0.18 of its type by the few lines that still repeat', async () => {
    // diploma seed 6 at 200 dpi (44.4-px type), σ 7.99, label blurry: round 8 found two lines
    // repeating on their bands — its large print — took their pitch over the ink's bands (glyph 86 px,
    // 2.2 × the body's) and passed it at score 70. Its body lines repeat on their characters' height.
    const body = await bodyPx('diploma', 200, 6);
    const doc = await renderDocument({ type: 'diploma', dpi: 200, degrade: { ...plain, blurSigma: Math.round(0.18 * body * 100) / 100 } }, 6);
    expect(doc.pages[0].truth.clarity).toBe('blurry');
    const v = clarityVerdict(greyForOcr(doc.pages[0].image));
    expect(v.ok, JSON.stringify(v.evidence)).toBe(false);
    expect(v.bigEnough, JSON.stringify(v.evidence)).toBe(true);
    expect(v.glyphHeightPx / (0.9 * body), JSON.stringify(v.evidence)).toBeLessThan(1.5);
  }, 120_000);
});
