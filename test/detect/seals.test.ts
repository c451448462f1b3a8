import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import type { RawImage } from '../../src/model/image.ts';
import { detectSeals, removeSolidAreas } from '../../src/detect/seals/detect-seals.ts';
import { chooseReading, orgCharShare, voteReadings } from '../../src/detect/seals/read-seal-text.ts';
import { refineRing } from '../../src/detect/seals/refine-ring.ts';
import { findGlyphBand, findTextSpan, glyphCentres } from '../../src/detect/seals/unwrap-ring.ts';
import { redInkGrid } from '../../src/detect/seals/ink-mask.ts';
import { decideSealOwner } from '../../src/detect/seals/seal-owner.ts';
import { nameSimilarity } from '../../src/detect/seals/name-similarity.ts';
import { nearUnitLine, placeAnchor, sealPlaceKind } from '../../src/detect/unit-line.ts';
import type { OcrPage } from '../../src/model/ocr.ts';
import { charAccuracy, EMPLOYER_ALIASES, makeSealPage, readLabels } from '../../scripts/measure-seals.ts';
import { readSealText } from '../../src/detect/seals/read-seal-text.ts';
import { sealDetections } from '../../src/detect/seals/index.ts';
import { createTesseractEngine } from '../../src/ocr/tesseract-engine.ts';
import type { OcrEngine } from '../../src/model/ocr.ts';
import { drawSeal, randomSealSpec, type SealSpec } from '../../scripts/samples/seal.ts';
import { Rng } from '../../scripts/samples/rng.ts';
import { renderDocument } from '../../scripts/samples/index.ts';

const DPI = 150;
const EMPLOYER = '阿克苏金泉煤业有限责任公司';

/** A small page (half an A4 width at 150 dpi) with grey text lines, drawn onto by `draw`. */
function page(draw: (g: ReturnType<ReturnType<typeof createCanvas>['getContext']>, rng: Rng) => void, seed = 1): RawImage {
  const W = 620;
  const H = 700;
  const c = createCanvas(W, H);
  const g = c.getContext('2d');
  g.fillStyle = '#fbfbf8';
  g.fillRect(0, 0, W, H);
  g.fillStyle = '#202020';
  for (let y = 30; y < H; y += 36) g.fillRect(20, y, W - 40, 10);
  const rng = new Rng(seed);
  draw(g, rng);
  const rgba = g.getImageData(0, 0, W, H).data;
  const data = Buffer.alloc(W * H * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    data[j] = rgba[i];
    data[j + 1] = rgba[i + 1];
    data[j + 2] = rgba[i + 2];
  }
  return { data, width: W, height: H, channels: 3 };
}

function spec(rng: Rng, over: Partial<SealSpec>): SealSpec {
  return { ...randomSealSpec(rng.next, EMPLOYER, 300, 350, DPI), ...over };
}

/** A red-background ID photo (150 × 210 px) with a face, its top left at (x, y). */
function drawIdPhoto(g: Parameters<Parameters<typeof page>[0]>[0], x: number, y: number): void {
  g.fillStyle = '#d8141e';
  g.fillRect(x, y, 150, 210);
  g.fillStyle = '#f0d0b8';
  g.beginPath();
  g.ellipse(x + 75, y + 90, 45, 55, 0, 0, Math.PI * 2);
  g.fill();
}

describe('detectSeals', () => {
  it.each([
    ['vermilion round', { colour: '#e03020', shape: 'round' as const }],
    ['crimson', { colour: '#a0101a' }],
    ['faded pink', { colour: '#e8a0a8', opacity: 0.75, inkNoise: 0.5 }],
  ])('finds a %s seal over text with its centre and size', (_, over) => {
    let truth = { cx: 0, cy: 0, rx: 0, ry: 0, angleDeg: 0 };
    const img = page((g, rng) => {
      truth = drawSeal(g, spec(rng, { angleDeg: 15, ...over }), rng.next).ellipse;
    });
    const found = detectSeals(img, { dpi: DPI });
    expect(found).toHaveLength(1);
    const s = found[0];
    expect(s.colour).toBe('red');
    expect(Math.hypot(s.ellipse.cx - truth.cx, s.ellipse.cy - truth.cy)).toBeLessThan(6);
    expect(Math.abs((s.ellipse.rx + s.ellipse.ry) / 2 - (truth.rx + truth.ry) / 2)).toBeLessThan(6);
    expect(s.confidence).toBeGreaterThan(0.6);
  });

  it('finds an oval seal and reports its long radius along its angle', () => {
    const img = page((g, rng) => {
      drawSeal(g, spec(rng, { shape: 'oval', rx: 133, ry: 89, angleDeg: 0 }), rng.next);
    });
    const [s] = detectSeals(img, { dpi: DPI });
    expect(s.ellipse.rx / s.ellipse.ry).toBeGreaterThan(1.3);
    expect(Math.abs(s.ellipse.angleDeg)).toBeLessThan(10);
  });

  it('finds a seal cut by the page edge', () => {
    const img = page((g, rng) => {
      drawSeal(g, spec(rng, { cx: 60 }), rng.next);
    });
    const found = detectSeals(img, { dpi: DPI });
    expect(found).toHaveLength(1);
    expect(Math.abs(found[0].ellipse.cx - 60)).toBeLessThan(10);
  });

  it('separates two overlapping seals', () => {
    const img = page((g, rng) => {
      drawSeal(g, spec(rng, { cx: 220, cy: 350 }), rng.next);
      drawSeal(g, spec(rng, { cx: 400, cy: 360, text: '新疆大学' }), rng.next);
    });
    const xs = detectSeals(img, { dpi: DPI }).map((s) => s.ellipse.cx).sort((a, b) => a - b);
    expect(xs).toHaveLength(2);
    expect(Math.abs(xs[0] - 220)).toBeLessThan(14);
    expect(Math.abs(xs[1] - 400)).toBeLessThan(14);
  });

  it('takes the star and label inside a small, low-resolution seal for no second seal (generated appraisal form, 80 dpi)', async () => {
    // At 80 dpi the star and 合同专用章 under it merge into an oval of ink inside the ring, which
    // passed for a 25 × 13 mm seal; two seals on an employer's form made the owner undecidable.
    const doc = await renderDocument({ type: 'appraisal_form', dpi: 80 }, 12);
    const [truth] = doc.pages[0].truth.seals;
    const found = detectSeals(doc.pages[0].image);
    expect(found).toHaveLength(1);
    expect(Math.hypot(found[0].ellipse.cx - truth.ellipse.cx, found[0].ellipse.cy - truth.ellipse.cy)).toBeLessThan(4);
  });

  it('does not take a red ID-photo background, a red heading or an underline for a seal', () => {
    const img = page((g) => {
      drawIdPhoto(g, 100, 100);
      g.fillStyle = '#c00000';
      g.fillRect(40, 400, 540, 4);
      g.beginPath();
      g.arc(450, 550, 60, 0, Math.PI * 2);
      g.fill();
    });
    expect(detectSeals(img, { dpi: DPI })).toEqual([]);
  });

  it('finds a seal stamped against a red ID-photo background, with its centre', () => {
    let truth = { cx: 0, cy: 0, rx: 0, ry: 0, angleDeg: 0 };
    const img = page((g, rng) => {
      drawIdPhoto(g, 330, 380);
      truth = drawSeal(g, spec(rng, { cx: 250, cy: 330, shape: 'round', rx: 118, ry: 118, colour: '#c8201c' }), rng.next).ellipse;
    });
    const found = detectSeals(img, { dpi: DPI });
    expect(found).toHaveLength(1);
    expect(Math.hypot(found[0].ellipse.cx - truth.cx, found[0].ellipse.cy - truth.cy)).toBeLessThan(10);
  });

  it('clears filled red areas from the ink grid but keeps a ring', () => {
    const img = page((g, rng) => {
      g.fillStyle = '#d8141e';
      g.fillRect(20, 20, 150, 210);
      drawSeal(g, spec(rng, { cx: 420, cy: 450 }), rng.next);
    });
    const grid = redInkGrid(img, 4);
    const at = (x: number, y: number): number => grid.mask[Math.floor(y / 4) * grid.width + Math.floor(x / 4)];
    expect(at(95, 125)).toBe(1);
    removeSolidAreas(grid, 9);
    expect(at(95, 125)).toBe(0);
    expect(detectSeals(img, { dpi: DPI })).toHaveLength(1);
  });

  it('finds the whole arc text of a short name with wide spaces between its glyphs', () => {
    const img = page((g, rng) => {
      drawSeal(g, spec(rng, { text: '新疆大学', angleDeg: 0, shape: 'round', rx: 118, ry: 118, label: undefined, code: undefined }), rng.next);
    });
    const [s] = detectSeals(img, { dpi: DPI });
    const span = findTextSpan(img, s.ellipse, { glyphPx: 44 });
    // The generator spreads four glyphs over 150° between their centres.
    expect(((span.endT - span.startT) * 180) / Math.PI).toBeGreaterThan(140);
  });

  it('finds a seal stamped over a red heading that joins its ink, cut by the page top', () => {
    let truth = { cx: 0, cy: 0, rx: 0, ry: 0, angleDeg: 0 };
    const img = page((g, rng) => {
      truth = drawSeal(g, spec(rng, { cx: 300, cy: 60, shape: 'round', rx: 118, ry: 118, colour: '#e03020', opacity: 0.8 }), rng.next).ellipse;
      g.fillStyle = '#c00000';
      g.font = 'bold 40px sans-serif';
      g.fillText('关于公布专业技术资格评审结果的通知', 10, 150);
      g.fillRect(10, 165, 600, 4);
    });
    const found = detectSeals(img, { dpi: DPI });
    expect(found).toHaveLength(1);
    expect(Math.hypot(found[0].ellipse.cx - truth.cx, found[0].ellipse.cy - truth.cy)).toBeLessThan(8);
  });

  it('fits the ring at page resolution from a coarse ellipse', () => {
    let truth = { cx: 0, cy: 0, rx: 0, ry: 0, angleDeg: 0 };
    const img = page((g, rng) => {
      truth = drawSeal(g, spec(rng, { shape: 'round', rx: 118, ry: 118 }), rng.next).ellipse;
    });
    const coarse = { cx: truth.cx + 7, cy: truth.cy - 5, rx: truth.rx * 1.06, ry: truth.rx * 1.04, angleDeg: 20 };
    const e = refineRing(img, coarse);
    expect(Math.hypot(e.cx - truth.cx, e.cy - truth.cy)).toBeLessThan(2.5);
    expect(Math.abs((e.rx + e.ry) / 2 - truth.rx)).toBeLessThan(2.5);
  });

  it('finds the arc text of a faded pink seal turned by 100°, and the band of its glyphs', () => {
    const img = page((g, rng) => {
      drawSeal(
        g,
        spec(rng, { colour: '#e8a0a8', opacity: 0.75, inkNoise: 0.5, angleDeg: 100, shape: 'round', rx: 118, ry: 118, label: '合同专用章', code: undefined }),
        rng.next,
      );
    });
    const [s] = detectSeals(img, { dpi: DPI });
    const span = findTextSpan(img, s.ellipse, {});
    expect(span.found).toBe(true);
    // The generator centres 13 glyphs over 247° on the stamp's top, turned by 100°: text from
    // ~-213.5°+100° to ~33.5°+100° in image angles, plus half a glyph either side.
    const deg = (t: number): number => ((((t * 180) / Math.PI + s.ellipse.angleDeg) % 360) + 360) % 360;
    const near = (a: number, b: number): number => Math.abs(((a - b + 540) % 360) - 180);
    expect(near(deg(span.startT), -213.5 + 100)).toBeLessThan(25);
    expect(near(deg(span.endT), 33.5 + 100)).toBeLessThan(25);
    const band = findGlyphBand(img, s.ellipse, span);
    expect(band).not.toBeNull();
    expect(band!.outer).toBeGreaterThan(0.8);
    expect(band!.inner).toBeLessThan(0.7);
  });

  it('reports a grey ring on a grey-scale scan as colour lost', () => {
    const img = page((g, rng) => {
      drawSeal(g, spec(rng, { grey: true, colour: '#c8201c', opacity: 0.9, shape: 'round', rx: 120, ry: 120 }), rng.next);
    });
    // A grey-scale scan: every pixel grey.
    for (let i = 0; i < img.data.length; i += 3) {
      const v = Math.round(0.299 * img.data[i] + 0.587 * img.data[i + 1] + 0.114 * img.data[i + 2]);
      img.data[i] = img.data[i + 1] = img.data[i + 2] = v;
    }
    const found = detectSeals(img, { dpi: DPI });
    // Never reported as red. (Known weak: solid black bars under the ring break it for the ring
    // vote, so this page may give no candidate; generated text pages do, see measure-seals.)
    expect(found.length).toBeLessThanOrEqual(1);
    for (const s of found) expect(s.colour).toBe('lost');
  });

  it('finds no ring on a grey-scale page of plain text', () => {
    const img = page(() => undefined);
    for (let i = 0; i < img.data.length; i += 3) img.data[i] = img.data[i + 1] = img.data[i + 2] = img.data[i + 1];
    expect(detectSeals(img, { dpi: DPI })).toEqual([]);
  });
});

describe('voteReadings', () => {
  it('takes each character most readings agree on', () => {
    const v = voteReadings(['癌克苏金泉煤业有限责任公司', '阿死苏金录煤业有限责任公司', '阿克苏金泉煤业有了腿责任公司', '阿克苏金景煤业有限责任公司']);
    expect(v.text).toBe('阿克苏金泉煤业有限责任公司');
  });
  it('keeps the pivot on a tie and ignores empty readings', () => {
    expect(voteReadings(['新疆大学', '', '新疆大学']).text).toBe('新疆大学');
    expect(voteReadings(['', '']).text).toBe('');
  });
});

describe('chooseReading', () => {
  it('prefers an organisation-like reading that other variants agree with over confident junk', () => {
    const junk = { text: '网竟时外到灶二看攻', score: 4, junk: 0, variant: 'plain' };
    const good = { text: '库车市职业技能培训学校', score: 2, junk: 0, variant: 'stretch' };
    const partial = { text: '车市职业技训学', score: 1, junk: 0.5, variant: 'wide' };
    expect(chooseReading([junk, good, partial]).variant).toBe('stretch');
    expect(orgCharShare('有限责任公司')).toBe(1);
  });
  it('does not favour the employer: a reading of another body wins on the same terms', () => {
    const other = { text: '阿克苏地区人力资源和社会保障局', score: 1, junk: 0, variant: 'a' };
    const employerLike = { text: '金泉煤', score: 1, junk: 0, variant: 'b' };
    expect(chooseReading([employerLike, other]).variant).toBe('a');
  });
});

describe('decideSealOwner', () => {
  const base = { employer: EMPLOYER, employerAliases: ['金泉煤业'] };
  it('matches a noisy reading of the employer', () => {
    const d = decideSealOwner({ ...base, text: '阿克苏金泉煤韭有限责仕公司', textConfidence: 0.8, docType: 'title_certificate' });
    expect(d.owner).toBe('employer');
    expect(d.evidence.rule).toBe('text-matches-employer');
  });
  it('does not match another body sharing 阿克苏 and 有限责任公司', () => {
    expect(nameSimilarity('阿克苏宏达建筑工程有限责任公司', EMPLOYER)).toBeLessThan(0.3);
    const d = decideSealOwner({ ...base, text: '阿克苏宏达建筑工程有限责任公司', textConfidence: 0.9, docType: 'appraisal_form' });
    expect(d.owner).toBe('other');
  });
  it('falls back on the document when the text is unread', () => {
    expect(decideSealOwner({ ...base, text: '', docType: 'appraisal_form', nearUnitLine: true }).owner).toBe('employer');
    expect(decideSealOwner({ ...base, text: '', docType: 'diploma' }).owner).toBe('other');
    expect(decideSealOwner({ ...base, text: '', docType: 'unknown' }).owner).toBe('unknown');
    // An award certificate is the employer's as often as another body's: the document does not decide.
    expect(decideSealOwner({ ...base, text: '', docType: 'award_certificate' }).owner).toBe('unknown');
    expect(decideSealOwner({ ...base, text: '北得姑有碌众过', textConfidence: 0.56, docType: 'award_certificate' }).owner).toBe('unknown');
  });
  it('on an employer form, trusts the 单位 line over a garbled reading, and not for a seal elsewhere', () => {
    const garbled = { ...base, text: '表用贡在公司', textConfidence: 0.84, docType: 'appraisal_form' as const };
    expect(decideSealOwner({ ...garbled, nearUnitLine: true }).owner).toBe('employer');
    expect(decideSealOwner({ ...base, text: '', docType: 'appraisal_form', nearUnitLine: false }).owner).toBe('other');
    // A clear reading of another body still wins by the 单位 line.
    const clear = { ...base, text: '阿克苏地区人力资源和社会保障局', textConfidence: 0.93, docType: 'appraisal_form' as const };
    expect(decideSealOwner({ ...clear, nearUnitLine: true }).owner).toBe('other');
  });
});

describe('grey-scale scans (generated A4 pages, as measured by scripts/measure-seals.ts)', () => {
  it('flags a round seal on a blurred grey scan as colour lost (blurred print is as grey as the seal)', async () => {
    // Seed 2, page 44 of the measurement: blur 1.3, JPEG; the mid-grey grid took the print for ink.
    const page = await makeSealPage(2044, 'grey');
    const found = detectSeals(page.image, { dpi: 200 });
    const s = page.seals[0];
    const hit = found.find((c) => Math.hypot(c.ellipse.cx - s.ellipse.cx, c.ellipse.cy - s.ellipse.cy) < 0.25 * s.ellipse.rx);
    expect(hit?.colour).toBe('lost');
    expect(found.every((c) => c.colour === 'lost')).toBe(true);
  }, 60_000);

  it('flags an oval seal on a grey scan as colour lost', async () => {
    // Seed 1, page 44: a crimson oval (found before too, by a circle; a guard for the oval search).
    const page = await makeSealPage(1044, 'grey');
    expect(page.seals[0].ellipse.rx / page.seals[0].ellipse.ry).toBeGreaterThan(1.3);
    const found = detectSeals(page.image, { dpi: 200 });
    const s = page.seals[0];
    expect(found.some((c) => c.colour === 'lost' && Math.hypot(c.ellipse.cx - s.ellipse.cx, c.ellipse.cy - s.ellipse.cy) < 0.25 * s.ellipse.rx)).toBe(true);
  }, 60_000);

  it('finds no ring on a grey scan of a page with an ID photo and a bold heading', async () => {
    // Seed 1, page 7 (a distractor page) in grey: the photo's background around the light face
    // gave a ring before solid areas were cleared from the grey grids.
    const page = await makeSealPage(1007, 'distractor');
    const d = page.image.data;
    for (let i = 0; i < d.length; i += 3) d[i] = d[i + 1] = d[i + 2] = Math.round(0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]);
    expect(detectSeals(page.image, { dpi: 200 })).toEqual([]);
  }, 60_000);
});

describe('decideSealOwner on partly read text', () => {
  const base = { employer: EMPLOYER, employerAliases: [] as string[] };
  it('takes two distinctive characters of the employer in order for the employer, with the rule', () => {
    // An employer with six distinctive characters (宏达建筑工程), read as 阿克苏宏达迁巩: 0.34 of the
    // name's weight, below the full-match threshold.
    const d = decideSealOwner({ employer: '阿克苏宏达建筑工程有限公司', employerAliases: [], text: '阿克苏宏达迁巩', textConfidence: 0.7, docType: 'title_certificate' });
    expect(d.owner).toBe('employer');
    expect(d.evidence.rule).toBe('text-partly-matches-employer');
    expect(d.evidence.distinctiveMatched).toBe(2);
    expect(d.evidence.similarity).toBeGreaterThanOrEqual(0.3);
  });
  it('does not take a training body sharing the trade word 煤炭 with a short alias for the employer', () => {
    // Unseen seed 9001: employer 阿克苏温宿华凯煤炭有限公司, alias 华凯煤炭; a CE certificate's seal read
    // well as 中国煤炭教育协会培训中心 matched half of the alias by 煤炭 and was masked.
    const d = decideSealOwner({ employer: '阿克苏温宿华凯煤炭有限公司', employerAliases: ['华凯煤炭'], text: '中国煤炭教育协会培训中心', textConfidence: 0.89, docType: 'ce_certificate' });
    expect(d.owner).toBe('other');
    const own = decideSealOwner({ employer: '阿克苏温宿华凯煤炭有限公司', employerAliases: ['华凯煤炭'], text: '阿克苏温宿华凯煤炭有限公司', textConfidence: 0.9, docType: 'ce_certificate' });
    expect(own.owner).toBe('employer');
  });
  it('does not take one shared character (业) of another body for the employer', () => {
    const d = decideSealOwner({ ...base, employerAliases: ['金泉煤业'], text: '中国矿业大学', textConfidence: 0.8, docType: 'appraisal_form' });
    expect(d.owner).toBe('other');
  });
  it('names another kind of body from a partial reading without its ending (应急 …)', () => {
    // 阿克苏地区应急管理局 cut by the page edge; on an employer's form with the unit line unknown.
    const d = decideSealOwner({ ...base, text: '忆克劳地区应急', textConfidence: 0.8, docType: 'appraisal_form' });
    expect(d.owner).toBe('other');
    expect(d.evidence.rule).toBe('text-is-other-body');
    expect(d.evidence.otherBodyWords).toContain('应急');
  });
});

describe('nearUnitLine', () => {
  const ocrOf = (lines: Array<[string, [number, number, number, number]]>): OcrPage => ({
    width: 1000,
    height: 1000,
    confidence: 80,
    source: 'ocr',
    lines: lines.map(([text, box]) => ({ text, box, confidence: 80, chars: [] })),
  });
  const seal: [number, number, number, number] = [400, 400, 300, 300];
  it('tells the unit\'s place from another body\'s, and says nothing when no place is near', () => {
    expect(sealPlaceKind('考核单位（盖章）')).toBe('unit');
    expect(sealPlaceKind('主管部门意见（盖章）')).toBe('other-body');
    expect(sealPlaceKind('兹证明该同志在我单位从事')).toBeNull();
    // An appraisal form's leader's comment is a person's, not another body's; its 单位： field is the unit's.
    expect(sealPlaceKind('主管领导评语和考核等次建议')).toBeNull();
    // A job held (现任职务: 采煤队技术主管) is no body's place: it made an employer's seal another's (seed 9006).
    expect(sealPlaceKind('采煤队技术主管')).toBeNull();
    expect(sealPlaceKind('主管单位意见')).toBe('other-body');
    expect(sealPlaceKind('单位：阿克苏宏远煤炭有限公司')).toBe('unit');
    expect(sealPlaceKind('工作单位：阿克苏宏远煤炭有限公司')).toBeNull();
    expect(nearUnitLine(ocrOf([['单位（盖章）', [380, 560, 200, 30]]]), seal)).toBe(true);
    expect(nearUnitLine(ocrOf([['主管部门意见（盖章）', [380, 560, 260, 30]]]), seal)).toBe(false);
    expect(nearUnitLine(ocrOf([['单位（盖章）', [20, 20, 200, 30]]]), seal)).toBeUndefined();
  });
  it('reads labels garbled by the seal over them (章 as 音, the bracket as 《)', () => {
    expect(nearUnitLine(ocrOf([['单位 《( 盖 音 ) ，', [380, 560, 200, 30]]]), seal)).toBe(true);
    expect(nearUnitLine(ocrOf([['发 证 机 关 | 从 潮 )', [380, 560, 200, 30]]]), seal)).toBe(false);
  });
});

describe('nearUnitLine with the page\'s other seals (one label, one seal)', () => {
  const ocrOf = (lines: Array<[string, [number, number, number, number]]>): OcrPage => ({
    width: 1200,
    height: 1000,
    confidence: 80,
    source: 'ocr',
    lines: lines.map(([text, box]) => ({ text, box, confidence: 80, chars: [] })),
  });
  // Two seals stamped side by side (the overlap layout of measure-seals): A is another body's,
  // stamped on the end of 主管部门意见（盖章）; B is the employer's, on 推荐单位意见（盖章）, a label
  // that starts under A and whose box comes nearer A's centre than A's own label does.
  const A: [number, number, number, number] = [400, 400, 300, 300];
  const B: [number, number, number, number] = [640, 380, 300, 300];
  const page = ocrOf([
    ['推荐单位意见（盖章）', [560, 545, 260, 30]],
    ['主管部门意见（盖章）', [200, 600, 330, 30]],
  ]);
  it('gives each label to the seal stamped on its 盖章 end', () => {
    expect(nearUnitLine(page, A, [B])).toBe(false);
    expect(nearUnitLine(page, B, [A])).toBe(true);
  });
  it('leaves a seal without a hint when the only label near it is its neighbour\'s', () => {
    const onlyB = ocrOf([['推荐单位意见（盖章）', [560, 545, 260, 30]]]);
    expect(nearUnitLine(onlyB, A, [B])).toBeUndefined();
    // Without the other seals, as before: the nearest label whoever's it is.
    expect(nearUnitLine(onlyB, A)).toBe(true);
  });
});

describe('sealPlaceKind on labels garbled by the seal over them (readings from measure-seals, seeds 1–2)', () => {
  it.each([
    ['主管 部 问 意 见 善 章 )', 'other-body'],
    ['评审 委员 容 ( 盖 章 ) -|', 'other-body'],
    ['人 力 资源 和 社会 保障 局 审核 意见 《 阑 章 )', 'other-body'],
    ['发 刘 机 闫 《( 盖 训', 'other-body'],
    ['考 棋 共 位 〈 盖 这 并', 'unit'],
    ['-推荐 秀 信 意见 关 章 ) :', 'unit'],
    ['单位 轩 章 !', 'unit'],
  ])('%s is a %s place', (text, kind) => {
    expect(sealPlaceKind(text)).toBe(kind);
  });
  it('still takes no body text for a seal place', () => {
    expect(sealPlaceKind('兹证明该同志在我单位从事煤矿采掘技术工作年度考核结果为合格')).toBeNull();
  });
});

describe('decideSealOwner: other bodies never masked on a short reading or against the reading', () => {
  const base = { employer: EMPLOYER, employerAliases: ['金泉煤业'], docType: 'appraisal_form' as const };
  it('takes a body word and one foreign character (新名大学), or a whole name of common characters (新疆大学), for another body', () => {
    // Seed 2, pages 30 and 41: decided 'employer' by the employer's form before.
    const a = decideSealOwner({ ...base, text: '新名大学', textConfidence: 0.8 });
    expect(a.owner).toBe('other');
    expect(a.evidence.rule).toBe('text-names-other-body');
    expect(decideSealOwner({ ...base, text: '新疆大学', textConfidence: 0.9 }).owner).toBe('other');
  });
  it('does not mask a seal whose reading names another body though it is by the 单位 line: unknown', () => {
    // Seed 3, page 42 (新手大学) and seed 2, page 49 (the 人社厅 read at 0.79).
    const a = decideSealOwner({ ...base, text: '新手大学', textConfidence: 0.71, nearUnitLine: true });
    expect(a.owner).toBe('unknown');
    expect(a.evidence.rule).toBe('text-conflicts-with-unit-line');
    expect(decideSealOwner({ ...base, text: '新蝇维百尔吾治区人力资源和社会各广', textConfidence: 0.79, nearUnitLine: true }).owner).toBe('unknown');
  });
  it('does not take the employer\'s own ending (有限责任公司) in a garbled reading as another body\'s', () => {
    // Seed 1, page 42: the employer's seal read 网克荔主到剑业有限责任公司, no label near.
    const d = decideSealOwner({ ...base, text: '网克荔主到剑业有限责任公司', textConfidence: 0.78 });
    expect(d.owner).toBe('employer');
    expect(d.evidence.rule).toBe('employer-issued-form');
    // Another company's name still names another body by its own words.
    expect(decideSealOwner({ ...base, text: '阿克苏宏达建筑工程有限公司', textConfidence: 0.9 }).owner).toBe('other');
  });
});

describe('decideSealOwner: two seals on an employer form, nothing read, no label', () => {
  const base = { employer: EMPLOYER, employerAliases: ['金泉煤业'], docType: 'appraisal_form' as const };
  it('leaves the seal for a person instead of masking it', () => {
    // Held-out seed 4, page 42: another body's seal overlapping the employer's, read 人, no label.
    const d = decideSealOwner({ ...base, text: '人', textConfidence: 0.73, otherSealOnPage: true });
    expect(d.owner).toBe('unknown');
    expect(d.evidence.rule).toBe('two-seals-on-employer-form');
  });
  it('still masks a lone seal on the form, and one whose reading holds the employer\'s name', () => {
    expect(decideSealOwner({ ...base, text: '二二', textConfidence: 0.68 }).owner).toBe('employer');
    expect(decideSealOwner({ ...base, text: '天关到录煤业有恨责任公昼', textConfidence: 0.74, otherSealOnPage: true }).owner).toBe('employer');
  });
});

describe('glyphCentres (for the rectified strip)', () => {
  it('puts a centre on each glyph, splits touching glyphs and joins a glyph\'s own inner gap', () => {
    const rows = 40;
    const cols = 300;
    const raw = new Float32Array(rows * cols);
    const ink = (x0: number, x1: number): void => {
      for (let y = 5; y < 35; y++) for (let x = x0; x < x1; x++) raw[y * cols + x] = 200;
    };
    ink(10, 50); // one glyph
    ink(60, 148); // two glyphs touching
    ink(160, 175); // one glyph with a gap inside (川)
    ink(178, 198);
    const c = glyphCentres(raw, cols, rows, 44);
    expect(c.map(Math.round)).toEqual([30, 82, 126, 179]);
  });
});

describe('generated A4 pages read with real OCR (as measured by scripts/measure-seals.ts)', () => {
  let ocr: OcrEngine;
  beforeAll(async () => {
    ocr = await createTesseractEngine({ workers: 1 });
  }, 60_000);
  afterAll(async () => {
    await ocr?.terminate();
  });

  it('reads the arc text of a blurred JPEG seal from the rectified strip', async () => {
    // Seed 2, page 5: read 网区苏义泉煤此有报起任公司 (0.54) from the arc unwrap, ≥ 0.9 rectified.
    const page = await makeSealPage(2005, 'single');
    const [c] = detectSeals(page.image, { dpi: 200 });
    const read = await readSealText(page.image, c, ocr, [c]);
    expect(charAccuracy(read.text, page.seals[0].text)).toBeGreaterThanOrEqual(0.6);
    // Five reads, ten where the first five disagree (readSealText's second round).
    expect(read.ocrCalls).toBeLessThanOrEqual(10);
  }, 120_000);

  it('does not mask another body\'s seal that overlaps the employer\'s and sits nearer the employer\'s label', async () => {
    // Seed 2, page 10: 阿克苏地区应急管理局 overlapping the employer's oval; the employer's
    // 推荐单位意见（盖章） starts under it and was taken as its place: masked as the employer's.
    const page = await makeSealPage(2010, 'overlap');
    const labels = await readLabels(page, ocr);
    const seals = await sealDetections(
      page.image,
      ocr,
      { docType: page.docType, employer: EMPLOYER, employerAliases: EMPLOYER_ALIASES, nearUnitLine: (box, others) => nearUnitLine(labels, box, others) },
      { dpi: 200 },
    );
    for (const t of page.seals) {
      const s = seals.find((d) => Math.hypot(d.ellipse.cx - t.ellipse.cx, d.ellipse.cy - t.ellipse.cy) < 0.25 * t.ellipse.rx);
      expect(s).toBeDefined();
      if (t.owner === 'other') expect(s!.owner).not.toBe('employer');
      else expect(s!.owner).toBe('employer');
    }
  }, 180_000);
});

describe('placeAnchor', () => {
  it('takes the stamp\'s place at the label\'s 章, or its end when the characters have no usable boxes', () => {
    const line = {
      text: '单位（盖章） 日期',
      box: [100, 500, 300, 30] as [number, number, number, number],
      confidence: 80,
      chars: [
        { text: '单', box: [100, 500, 30, 30] as [number, number, number, number], confidence: 80 },
        { text: '章', box: [220, 500, 30, 30] as [number, number, number, number], confidence: 80 },
        { text: '日', box: [340, 500, 30, 30] as [number, number, number, number], confidence: 80 },
      ],
    };
    expect(placeAnchor(line)).toEqual([235, 515]);
    // Character boxes in a crop's coordinates (far from the line): the line's end.
    const crop = { ...line, chars: line.chars.map((c) => ({ ...c, box: [c.box[0] - 100, c.box[1] - 480, 30, 30] as [number, number, number, number] })) };
    expect(placeAnchor(crop)).toEqual([385, 515]);
  });
});
