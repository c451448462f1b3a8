/**
 * A turn OSD is sure of is checked by line reads before the page is turned (src/quality/osd-check.ts).
 * The page: a journal paper from an application drawn with a seed no rule was tuned on (bench seed
 * 9002, application 3, 论文2.tif), upright, in a Song face. Tesseract's OSD said "turn 180" at
 * confidence 15 — and, on the same window turned over, "turn 180" at 14: it cannot tell the two
 * ways round for that face. The pipeline turned the page upside down and lost every name on it.
 * The same page scanned upside down gets "upright" from OSD, sure again: the pipeline checks an
 * upright verdict of OSD's when the page then reads badly, and turns it the way the lines read.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawImage } from '../../src/model/image.ts';
import { openScan } from '../../src/ingest/open-scan.ts';
import { greyForOcr } from '../../src/ocr/prepare.ts';
import { removeRules } from '../../src/ocr/remove-rules.ts';
import { detectOrientation } from '../../src/quality/orientation.ts';
import { rotateRaw } from '../../src/quality/rotate.ts';
import { generateApplication } from '../../scripts/samples/index.ts';
import sharp from 'sharp';
import { testEngines, useOcrAndOsd } from '../helpers/engine.ts';
import { generateAndRun } from '../helpers/run-generated.ts';

const FILE = '业绩成果/论文2.tif';
const engines = useOcrAndOsd();

describe('a turn OSD is sure of is checked before the page is turned', () => {
  let dir: string;
  let rgb: RawImage;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osd-check-'));
    const app = join(dir, 'application-3');
    const truth = await generateApplication({ dir: app, seed: 9002 + 2 * 7919 });
    expect(truth.files.find((f) => f.file === FILE)!.pages[0].rotation).toBe(0);
    rgb = (await (await openScan(app, FILE)).loadPage(1)).rgb;
  }, 300_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const verdict = (img: RawImage) => detectOrientation(img, engines.ocr, { osd: engines.osd, grey: removeRules(greyForOcr(img)) });

  it('leaves the upright paper upright although OSD is sure it is upside down', async () => {
    const v = await verdict(rgb);
    expect(v.evidence.osd).toMatchObject({ rotation: 180 });
    expect(v.evidence.osdOverruled).toBe(180);
    expect(v.detected).toBe(0);
  }, 120_000);

  it('the pipeline still turns the same paper scanned upside down, and masks its names', async () => {
    const engine = await testEngines();
    try {
      const run = await generateAndRun(dir, engine, { seed: 9002 + 2 * 7919 }, {
        name: 'upside-down',
        keep: [FILE],
        beforeRun: async (app) => {
          const f = join(app, FILE);
          const turned = await sharp(f).rotate(180).tiff().toBuffer();
          await rm(f);
          await sharp(turned).toFile(f);
        },
      });
      const page = run.result.report.pages.find((p) => p.file === FILE)!;
      expect(page.orientation?.detected).toBe(180);
      expect(page.orientation?.corrected).toBe(true);
      // Read the right way up, the byline's name is found (the author's note, in 7.5 pt, is another matter).
      expect(page.masks.filter((m) => m.kind === 'applicant_name').length).toBeGreaterThanOrEqual(1);
    } finally {
      await engine.stop();
    }
  }, 300_000);
});
