/**
 * A handwritten signature inside the employer seal's box, which OCR read as a line of tall, unsure
 * glyphs (签字：艾礼刚 read 人交礼刚:全, conf 55 — set-4242-6 application-001 附件1) or behind a
 * label it garbled into Latin letters (签字 read s#:): the ink there is a hand, and the seal's mask
 * must leave a window for it. The page and the seal are drawn with the sample generator's fonts and
 * seal; the OCR lines are given as the pipeline's OCR read them on those pages.
 */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { unreadInkUnderSeals } from '../../src/detect/names/under-seal.ts';
import { detectSeals } from '../../src/detect/seals/detect-seals.ts';
import { penInkPatch, type SealWithInk } from '../../src/detect/seals/pen-ink.ts';
import { intersect, type Box } from '../../src/model/geometry.ts';
import type { RawImage } from '../../src/model/image.ts';
import type { OcrLine, OcrPage } from '../../src/model/ocr.ts';
import { greyForOcr } from '../../src/ocr/prepare.ts';
import { HAND, registerFonts, SERIF } from '../../scripts/samples/fonts.ts';
import { Rng } from '../../scripts/samples/rng.ts';
import { drawSeal } from '../../scripts/samples/seal.ts';

const W = 1400;
const H = 1200;
const PRINT = 40;
/** Where the signature is written: after 签字：, in the seal's upper half. */
const SIGN: Box = [775, 610, 220, 90];

function drawPage(): RawImage {
  registerFonts();
  const c = createCanvas(W, H);
  const g = c.getContext('2d');
  g.fillStyle = '#fbfbf8';
  g.fillRect(0, 0, W, H);
  g.fillStyle = '#151515';
  g.font = `${PRINT}px ${SERIF.regular}`;
  for (let i = 0; i < 8; i++) g.fillText('经单位审核申报材料真实完整有效同意推荐', 120, 120 + i * 60);
  g.fillText('签字：', 655, 680);
  g.fillStyle = '#161640';
  g.font = `${SIGN[3] * 0.85}px ${HAND[0]}`;
  g.fillText('艾礼刚', SIGN[0] + 5, SIGN[1] + SIGN[3] * 0.85);
  g.fillStyle = '#151515';
  g.font = `${PRINT}px ${SERIF.regular}`;
  g.fillText('（推荐单位公章）', 770, 800);
  const rng = new Rng(7);
  drawSeal(g, { text: '阿克苏阿瓦提远航能源有限责任公司', shape: 'round', cx: 900, cy: 720, rx: 140, ry: 140, angleDeg: 20, colour: '#c8201c', opacity: 0.85, inkNoise: 0.2, emblem: 'star' }, () => rng.float(0, 1));
  const rgba = g.getImageData(0, 0, W, H).data;
  const data = Buffer.alloc(W * H * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) [data[j], data[j + 1], data[j + 2]] = [rgba[i], rgba[i + 1], rgba[i + 2]];
  return { data, width: W, height: H, channels: 3 };
}

/** OCR lines as read: eight lines of print (the print's glyph height), and the line at the signature. */
function ocrPage(signLine: OcrLine): OcrPage {
  const lines: OcrLine[] = [];
  for (let i = 0; i < 8; i++) {
    const chars = [...'经单位审核申报材料真实完整有效同意推荐'].map((t, k) => ({ text: t, box: [120 + k * PRINT, 86 + i * 60, PRINT, PRINT] as Box, confidence: 90 }));
    lines.push({ text: chars.map((c) => c.text).join(' '), box: [120, 86 + i * 60, 19 * PRINT, PRINT], confidence: 90, chars });
  }
  lines.push(signLine, { text: '（ 推 荐 单位 公章 ）', box: [770, 766, 320, 44], confidence: 62, chars: [] });
  return { width: W, height: H, lines, confidence: 80, source: 'ocr' };
}

describe('unread handwriting inside the employer seal', () => {
  const page = drawPage();
  const grey = greyForOcr(page);
  const seals: SealWithInk[] = detectSeals(page).map((c) => ({ ...c, owner: 'employer', evidence: {}, penInk: penInkPatch(page, c.box) }));

  it('finds the seal', () => {
    expect(seals).toHaveLength(1);
  });

  it.each([
    ['a tall line read with some confidence', '人 交 礼 刚 : 全', 55],
    ['a garbled label in Latin letters', 's# : 交 礼 刚', 0],
  ])('protects the signature behind %s', (_, text, confidence) => {
    const line: OcrLine = { text, box: [655, 600, 350, 110], confidence, chars: [] };
    const found = unreadInkUnderSeals(grey, ocrPage(line), seals, []);
    const hit = found.filter((d) => intersect(d.box, SIGN));
    expect(hit.length).toBeGreaterThan(0);
    // The window is the signature, not the print under the seal.
    for (const d of hit) expect(d.box[1] + d.box[3]).toBeLessThan(766);
  });

  it('still takes a print-sized line for print', () => {
    const line: OcrLine = { text: '人 交 礼 刚 : 全', box: [655, 620, 350, 60], confidence: 55, chars: [] };
    expect(unreadInkUnderSeals(grey, ocrPage(line), seals, []).filter((d) => intersect(d.box, SIGN))).toEqual([]);
  });
});
