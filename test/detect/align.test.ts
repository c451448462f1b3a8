import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignCharsToCells, type GlyphCell } from '../../src/detect/names/glyph-cells.ts';
import type { OcrChar } from '../../src/model/ocr.ts';

/**
 * The aligner on a line as tesseract really read it (the characters and boxes of a diploma's first
 * line, recorded from a bench run, and the glyph cells cut from its ink). Its boxes sit about half a
 * glyph right of the ink, the first box spans 学生任强勤, and an evenly set line cannot tell a shift
 * of one glyph from another by position alone: before the cell widths were weighed, every character
 * was put one cell to the right and the mask over 任强勤 missed 任's left half.
 */
const line = JSON.parse(readFileSync(new URL('./fixtures/diploma-line.json', import.meta.url), 'utf8')) as {
  h: number;
  cells: GlyphCell[];
  chars: OcrChar[];
};

describe('alignCharsToCells', () => {
  it('puts the characters of a shifted diploma line on their own glyphs', () => {
    const al = alignCharsToCells(line.chars, line.cells, line.h);
    const text = line.chars.map((c) => c.text).join('');
    const k = text.indexOf('任强勤');
    const cells = [k, k + 1, k + 2].map((i) => line.cells[al[i]]);
    // Truth: 任强勤 is inked from x 442 to 536.
    expect(cells[0].x0).toBeGreaterThanOrEqual(436);
    expect(cells[0].x0).toBeLessThanOrEqual(448);
    expect(cells[2].x1).toBeGreaterThanOrEqual(530);
    expect(cells[2].x1).toBeLessThanOrEqual(540);
    // The line's first and last glyphs are read.
    expect(al[0]).toBe(0);
    expect(al[al.length - 1]).toBe(line.cells.length - 1);
  });

  it('keeps an evenly shifted short line in order under a whole-glyph shift of its boxes', () => {
    const h = 28;
    const cells: GlyphCell[] = Array.from({ length: 6 }, (_, i) => ({ x0: 100 + i * 32, x1: 128 + i * 32, y0: 0, y1: 28 }));
    // Boxes one glyph right of the ink (现 on 对), the last one past the line's end.
    const chars: OcrChar[] = [...'现对毛勤同志'].map((text, i) => ({ text, box: [132 + i * 32, 0, 28, 28], confidence: 90 }));
    expect(alignCharsToCells(chars, cells, h)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
