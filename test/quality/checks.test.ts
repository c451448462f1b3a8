import { describe, expect, it } from 'vitest';
import { clarityVerdict, CLARITY_LIMITS } from '../../src/quality/clarity.ts';
import { exposureVerdict } from '../../src/quality/exposure.ts';
import { qualityFindings } from '../../src/quality/findings.ts';
import { photoVerdict } from '../../src/quality/photo.ts';
import { grey } from '../../src/quality/raster.ts';
import { estimateSkew } from '../../src/quality/skew.ts';
import { measureTextScale } from '../../src/quality/text-scale.ts';
import { renderPage } from './pages.ts';

describe('text scale', () => {
  it('measures the glyph height in proportion to the dpi, turned or not', async () => {
    const a = measureTextScale(grey(await renderPage({ kind: 'text', dpi: 80, seed: 3 })));
    const b = measureTextScale(grey(await renderPage({ kind: 'text', dpi: 160, seed: 3 })));
    const c = measureTextScale(grey(await renderPage({ kind: 'text', dpi: 160, seed: 3, rotation: 90 })));
    expect(b.glyphHeightPx / a.glyphHeightPx).toBeGreaterThan(1.7);
    expect(b.glyphHeightPx / a.glyphHeightPx).toBeLessThan(2.3);
    expect(Math.abs(c.glyphHeightPx - b.glyphHeightPx)).toBeLessThanOrEqual(2);
  }, 30_000);
});

describe('skew', () => {
  it('finds the angle of a crooked page and its sign', async () => {
    for (const skewDeg of [-5, 0, 2.5]) {
      const s = estimateSkew(grey(await renderPage({ kind: 'text', dpi: 120, skewDeg })));
      expect(Math.abs(s.angleDeg - skewDeg)).toBeLessThan(0.4);
    }
  });
});

describe('clarity', () => {
  it('passes a sharp page and fails a blurred one, whatever the dpi', async () => {
    const sharp150 = clarityVerdict(grey(await renderPage({ kind: 'text', dpi: 100, seed: 2 })));
    const sharp300 = clarityVerdict(grey(await renderPage({ kind: 'text', dpi: 200, seed: 2 })));
    // Same blur relative to the text: σ 1.75 px at 100 dpi ≈ σ 3.5 px at 200 dpi.
    const blur150 = clarityVerdict(grey(await renderPage({ kind: 'text', dpi: 100, seed: 2, blurSigma: 1.75 })));
    const blur300 = clarityVerdict(grey(await renderPage({ kind: 'text', dpi: 200, seed: 2, blurSigma: 3.5 })));
    expect(sharp150.ok && sharp300.ok).toBe(true);
    expect(blur150.ok || blur300.ok).toBe(false);
    expect(blur150.score).toBeLessThan(CLARITY_LIMITS.minScore);
    expect(blur300.score).toBeLessThan(CLARITY_LIMITS.minScore);
    // Near the threshold, where the verdict is decided, the same relative blur scores the same. (Far
    // past it, heavy blur runs strokes together and the measured glyph shrinks: both still fail.)
    const mild100 = clarityVerdict(grey(await renderPage({ kind: 'text', dpi: 100, seed: 2, blurSigma: 1 })));
    const mild200 = clarityVerdict(grey(await renderPage({ kind: 'text', dpi: 200, seed: 2, blurSigma: 2 })));
    expect(Math.abs(mild100.score - mild200.score)).toBeLessThan(8);
  }, 30_000);
  it('flags text too small to read', async () => {
    const v = clarityVerdict(grey(await renderPage({ kind: 'id_front', dpi: 80 })));
    expect(v.bigEnough).toBe(false);
    const f = qualityFindings({ clarity: v }, { file: 'id.jpg', page: 1 });
    expect(f.map((x) => x.ruleId)).toContain('scan/too-small');
  });
});

describe('exposure and photos', () => {
  it('tells a dark scan, a washed-out one and a good one apart', async () => {
    expect(exposureVerdict(grey(await renderPage({ kind: 'form', dpi: 80, paper: 100 }))).tooDark).toBe(true);
    expect(exposureVerdict(grey(await renderPage({ kind: 'form', dpi: 80, ink: 190 }))).tooLight).toBe(true);
    const ok = exposureVerdict(grey(await renderPage({ kind: 'form', dpi: 80 })));
    expect(ok.tooDark || ok.tooLight || ok.lowContrast).toBe(false);
  });
  it('recognises a photograph and not a certificate with a red seal', async () => {
    expect(photoVerdict(await renderPage({ kind: 'photo', dpi: 60 })).photo).toBe(true);
    const cert = photoVerdict(await renderPage({ kind: 'certificate', dpi: 80 }));
    expect(cert.photo).toBe(false);
    expect(cert.redBackgroundShare).toBeLessThan(0.05);
  });
});

describe('findings', () => {
  it('says in Chinese what happened and what to do', () => {
    const f = qualityFindings(
      {
        orientation: { detected: 180, confidence: 0.9, method: 'osd', evidence: {} },
        corrected: true,
        clarity: { score: 41, ok: false, glyphHeightPx: 30, bigEnough: true, evidence: {} },
        skew: { angleDeg: -4.2, confidence: 0.8 },
      },
      { file: 'a.pdf', page: 3 },
    );
    expect(f.find((x) => x.ruleId === 'scan/orientation')?.message).toBe('第3页倒置，已自动转正（顺时针旋转180°）');
    expect(f.find((x) => x.ruleId === 'scan/blur')?.message).toBe(`第3页模糊，请重新扫描（清晰度 41，要求 ≥ ${CLARITY_LIMITS.minScore}）`);
    expect(f.find((x) => x.ruleId === 'scan/skew')?.severity).toBe('warning');
  });

  it('does not claim a weak orientation guess was corrected: the page is left as scanned and flagged', () => {
    const f = qualityFindings({ orientation: { detected: 90, confidence: 0.08, method: 'ocr', evidence: {} }, corrected: false }, { file: 'a.jpg', page: 2 });
    const o = f.find((x) => x.ruleId === 'scan/orientation');
    expect(o?.message).toContain('方向无法可靠判断');
    expect(o?.message).toContain('未自动转正');
    expect(o?.needsReview).toBe(true);
  });
});
