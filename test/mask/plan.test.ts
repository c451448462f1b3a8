import { describe, expect, it } from 'vitest';
import { applyMasks } from '../../src/mask/apply.ts';
import { planMasks, subtract } from '../../src/mask/plan.ts';
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

  it('refuses large-area masking with an error finding', () => {
    const plan = planMasks({ ...base, names: [], seals: [seal([0, 0, 600, 600])] });
    expect(plan.maskedShare).toBeGreaterThan(0.08);
    expect(plan.findings.find((f) => f.ruleId === 'mask/large-area')?.severity).toBe('error');
  });
});
