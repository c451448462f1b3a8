/**
 * The employer's seal stamped across the unit head's signature (附件2 单位推荐意见), through the real
 * pipeline: the seal is masked, the signature — a scrawl OCR cannot read as any name — stays visible
 * and the page says why. Checked in the pixels of the masked copy.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Box } from '../../src/model/geometry.ts';
import { RunOptionsSchema } from '../../src/pipeline/options.ts';
import { runApplication, type ApplicationResult } from '../../src/pipeline/run-application.ts';
import { registerFonts, SERIF } from '../../scripts/samples/fonts.ts';
import { Rng } from '../../scripts/samples/rng.ts';
import { drawSeal, type SealSpec } from '../../scripts/samples/seal.ts';
import { testEngines } from '../helpers/engine.ts';
import { tempDir } from '../helpers/tmp.ts';

const EMPLOYER = '阿克苏市矿产资源服务中心';
const W = 1240;
const H = 1754;
/** Where the scrawl is drawn: beside 签字：, under the seal's upper left. */
const SCRAWL: Box = [800, 1150, 230, 70];

function drawPage(): Buffer {
  registerFonts();
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#111';
  ctx.font = `40px ${SERIF.bold}`;
  ctx.fillText('单位推荐意见', 500, 150);
  ctx.font = `28px ${SERIF.regular}`;
  const body = [
    '一、政治方面：解梅珊同志政治立场坚定，认真学习贯彻党的路线方针政策。',
    '二、工作方面：该同志具有良好的职业操守，工作能力较强，业绩突出。',
    '三、单位推荐及公示情况：经单位审核，解梅珊同志申报材料真实、完整，',
    '已在本单位公示五个工作日，无异议，同意推荐。',
  ];
  body.forEach((line, i) => ctx.fillText(line, 120, 300 + i * 60));
  ctx.fillText('签字：', 710, 1200);
  // A signature no OCR reads as characters: fast loops and a long tail, as unit heads sign.
  const rng = new Rng(31);
  ctx.strokeStyle = '#15153a';
  ctx.lineWidth = 4;
  ctx.lineCap = 'round';
  ctx.beginPath();
  let x = SCRAWL[0] + 5;
  ctx.moveTo(x, SCRAWL[1] + 40);
  while (x < SCRAWL[0] + SCRAWL[2] - 30) {
    const nx = x + 14 + rng.float(0, 10);
    ctx.bezierCurveTo(x + 20, SCRAWL[1] - 5, nx - 25, SCRAWL[1] + SCRAWL[3], nx, SCRAWL[1] + 10 + rng.float(0, 40));
    x = nx;
  }
  ctx.lineTo(SCRAWL[0] + SCRAWL[2] - 5, SCRAWL[1] + 30);
  ctx.stroke();
  ctx.fillStyle = '#111';
  ctx.fillText('（推荐单位公章）', 800, 1300);
  ctx.fillText('2023年7月27日', 830, 1380);
  const seal: SealSpec = { text: EMPLOYER, shape: 'round', cx: 1000, cy: 1260, rx: 120, ry: 120, angleDeg: 8, colour: '#d8202a', opacity: 0.85, inkNoise: 0.2, emblem: 'star' };
  drawSeal(ctx, seal, () => rng.float(0, 1));
  return canvas.toBuffer('image/png');
}

describe('the employer seal over a signature (real pipeline)', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let input: Buffer;
  let result: ApplicationResult;

  beforeAll(async () => {
    tmp = await tempDir('seal-sign');
    const app = join(tmp.dir, 'app');
    await mkdir(join(app, '其他附件'), { recursive: true });
    await writeFile(
      join(app, 'applicant.json'),
      JSON.stringify({ name: '解梅珊', employer: EMPLOYER, employerAliases: [], employerKind: '事业单位', track: '定向评价', level: '工程师', idNumber: '652901198910129415', currentTitle: '助理工程师', firstApplication: false, hasDegree: true, countyLevel: false }),
    );
    input = drawPage();
    await writeFile(join(app, '其他附件', '附件2单位推荐意见.png'), input);
    engine = await testEngines();
    result = await runApplication(app, RunOptionsSchema.parse({ outDir: join(tmp.dir, 'out'), concurrency: 2 }), engine);
  }, 300_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  it('masks the seal, leaves the signature visible and says so', async () => {
    const page = result.report.pages[0];
    expect(page.masks.some((m) => m.kind === 'employer_seal')).toBe(true);
    expect(page.findings.some((f) => f.ruleId === 'mask/seal-over-other-name')).toBe(true);
    const src = await sharp(input).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const out = await sharp(join(result.outDir, 'masked', '其他附件', '附件2单位推荐意见.png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const at = (b: { data: Buffer; info: { width: number; channels: number } }, x: number, y: number) => {
      const o = (y * b.info.width + x) * b.info.channels;
      return [b.data[o], b.data[o + 1], b.data[o + 2]];
    };
    // The scrawl's pen ink (dark, not red) is not blacked out.
    let pen = 0;
    let hidden = 0;
    for (let y = SCRAWL[1] - 10; y < SCRAWL[1] + SCRAWL[3] + 10; y++)
      for (let x = SCRAWL[0]; x < SCRAWL[0] + SCRAWL[2]; x++) {
        const [r, g, b] = at(src, x, y);
        // Pen ink is dark blue-black (#15153a); the mask fill is pure black.
        if (r > 90 || g > 90 || b > 130 || b < 45) continue;
        pen++;
        const [or, og, ob] = at(out, x, y);
        if (or < 8 && og < 8 && ob < 8) hidden++;
      }
    expect(pen).toBeGreaterThan(300);
    expect(hidden / pen).toBeLessThan(0.05);
    // The seal's red ink away from the signature is covered.
    let red = 0;
    let covered = 0;
    for (let y = 1150; y < 1390; y++)
      for (let x = 880; x < 1125; x++) {
        if (y < SCRAWL[1] + SCRAWL[3] + 12 && x < SCRAWL[0] + SCRAWL[2] + 12) continue;
        const [r, g, b] = at(src, x, y);
        if (r - Math.max(g, b) < 60) continue;
        red++;
        const [or, og, ob] = at(out, x, y);
        if (or < 40 && og < 40 && ob < 40) covered++;
      }
    expect(red).toBeGreaterThan(1000);
    expect(covered / red).toBeGreaterThan(0.95);
  });
});
