import { describe, expect, it } from 'vitest';
import { applyMasks } from '../../src/mask/apply.ts';
import { mergeClose, planMasks, sealWindow, subtract } from '../../src/mask/plan.ts';
import type { PenInkPatch } from '../../src/detect/seals/pen-ink.ts';
import type { NameDetection, SealDetection } from '../../src/model/detection.ts';
import { intersect, type Box } from '../../src/model/geometry.ts';

const name = (kind: NameDetection['kind'], box: Box, text = '张伟'): NameDetection => ({ kind, text, box, charBoxes: [box], confidence: 0.9, evidence: {} });
const seal = (box: Box, owner: SealDetection['owner'] = 'employer'): SealDetection => ({
  ellipse: { cx: box[0] + box[2] / 2, cy: box[1] + box[3] / 2, rx: box[2] / 2, ry: box[3] / 2, angleDeg: 0 },
  box,
  confidence: 0.9,
  colour: 'red',
  owner,
  evidence: {},
});
const base = { width: 1000, height: 1400, file: 'a.jpg', page: 1, maxMaskedShare: 0.08 };

describe('planMasks', () => {
  it('cuts a hole into a rectangle as up to four rectangles', () => {
    const parts = subtract([0, 0, 100, 100], [40, 40, 20, 20]);
    expect(parts).toHaveLength(4);
    expect(parts.reduce((s, r) => s + r[2] * r[3], 0)).toBe(100 * 100 - 20 * 20);
  });

  it('pads the applicant’s name a little and leaves a neighbouring name outside the mask', () => {
    const plan = planMasks({ ...base, names: [name('applicant_name', [100, 100, 60, 30]), name('other_name', [163, 100, 60, 30], '李强')], seals: [] });
    expect(plan.masks).toHaveLength(1);
    for (const r of plan.masks[0].rects) expect(intersect(r, [163, 100, 60, 30])).toBeNull();
    expect(plan.masks[0].box[0]).toBeLessThan(100);
    expect(plan.masks[0].box[0] + plan.masks[0].box[2]).toBeGreaterThan(160);
  });

  it('masks the employer’s seal but leaves a signer’s name under it visible, and says so', () => {
    const plan = planMasks({ ...base, names: [name('other_name', [420, 520, 90, 40], '王军')], seals: [seal([400, 400, 300, 300]), seal([100, 900, 300, 300], 'other')] });
    expect(plan.masks.map((m) => m.kind)).toEqual(['employer_seal']);
    const img = applyMasks({ data: Buffer.alloc(1000 * 1400 * 3, 255), width: 1000, height: 1400, channels: 3 }, plan.masks);
    const at = (x: number, y: number) => img.data[(y * 1000 + x) * 3];
    expect(at(550, 650)).toBe(0); // seal covered
    expect(at(460, 540)).toBe(255); // the signer's name is not
    expect(at(250, 1050)).toBe(255); // another body's seal is not
    expect(plan.findings.map((f) => f.ruleId)).toContain('mask/seal-over-other-name');
  });

  it('covers a round seal as a disc, not its box: a name by the seal’s corner stays clear', () => {
    // A seal of radius 150 at (550, 550), its ink within its box: the mask is a disc of radius
    // 150 + 12 (the margin); inside the padded box's corners, outside the disc, nothing is covered.
    const plan = planMasks({ ...base, names: [], seals: [seal([400, 400, 300, 300])] });
    const img = applyMasks({ data: Buffer.alloc(1000 * 1400 * 3, 255), width: 1000, height: 1400, channels: 3 }, plan.masks);
    const at = (x: number, y: number) => img.data[(y * 1000 + x) * 3];
    for (const [x, y] of [[550, 550], [550, 401], [401, 550], [699, 550], [550, 699], [445, 445], [655, 655]]) expect(at(x, y)).toBe(0);
    for (const [x, y] of [[405, 405], [410, 420], [695, 405], [405, 695], [695, 695]]) expect(at(x, y)).toBe(255);
    // A stack of strips, each as wide as the disc over its rows: no more than the seal's box.
    const area = plan.masks[0].rects.reduce((a, r) => a + r[2] * r[3], 0);
    expect(area).toBeLessThan(0.85 * 324 * 324);
    expect(area).toBeGreaterThan(Math.PI * 150 * 150);
  });

  it('cuts the window for a name under a seal to the name’s pen ink, not its padded OCR box', () => {
    // Pen ink around a seal at [400, 400, 300, 300]: the signature's strokes at x 430–520,
    // y 425–465; the OCR box [420, 420, 160, 50] also took in a glyph of the (red, lifted) arc text.
    const box: Box = [250, 250, 600, 600];
    const lum = new Uint8Array(600 * 600).fill(230);
    for (let y = 425; y < 465; y++) for (let x = 430; x < 520; x++) if ((x + y) % 3) lum[(y - 250) * 600 + (x - 250)] = 40;
    const ink: PenInkPatch = { box, lum };
    const w = sealWindow([420, 420, 160, 50], ink, 1000, 1400);
    expect(w[0]).toBeGreaterThanOrEqual(424);
    expect(w[0] + w[2]).toBeLessThanOrEqual(526);
    expect(w[1]).toBeLessThanOrEqual(425);
    expect(w[1] + w[3]).toBeGreaterThanOrEqual(465);
    // Without the pen ink, or with no ink in the box: the box padded by a fifth of its height.
    expect(sealWindow([420, 420, 160, 50], undefined, 1000, 1400)).toEqual([410, 410, 180, 70]);
    expect(sealWindow([600, 600, 60, 30], ink, 1000, 1400)).toEqual([594, 594, 72, 42]);
    // Two windows a few pixels apart (the dot of 阿曼·阿力甫 between them) are one.
    expect(mergeClose([[100, 100, 60, 40], [165, 102, 80, 40], [400, 100, 50, 40]])).toEqual([[100, 100, 145, 42], [400, 100, 50, 40]]);
  });

  it('follows a signature OCR read only in part along its row of pen strokes', () => {
    // 阿曼·古力米热 signed through a seal: glyphs of 40 px at x 300–340, 355–395, 410–450 (read
    // by nobody) and 465–625 (read, OCR box [460, 420, 170, 50]); a printed 日期 far right, 2 lines away.
    const box: Box = [200, 300, 700, 300];
    const lum = new Uint8Array(700 * 300).fill(230);
    const glyph = (x0: number, x1: number) => {
      for (let y = 425; y < 465; y++) for (let x = x0; x < x1; x++) if ((x + y) % 3) lum[(y - 300) * 700 + (x - 200)] = 40;
    };
    for (const [a, b] of [[300, 340], [355, 395], [410, 450], [465, 625], [760, 800]]) glyph(a, b);
    const w = sealWindow([460, 420, 170, 50], { box, lum }, 1000, 1400);
    expect(w[0]).toBeLessThanOrEqual(300);
    expect(w[0]).toBeGreaterThan(280);
    expect(w[0] + w[2]).toBeGreaterThanOrEqual(625);
    expect(w[0] + w[2]).toBeLessThan(700);
  });

  it('refuses large-area masking with an error finding', () => {
    const plan = planMasks({ ...base, names: [], seals: [seal([0, 0, 600, 600])] });
    expect(plan.maskedShare).toBeGreaterThan(0.08);
    expect(plan.findings.find((f) => f.ruleId === 'mask/large-area')?.severity).toBe('error');
  });
});
