import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationResult } from '../../src/pipeline/run-application.ts';
import { ReportSchema } from '../../src/report/schema.ts';
import type { MaskingScore } from '../../scripts/evaluate/masking.ts';
import type { ApplicationTruth } from '../../scripts/samples/index.ts';
import { testEngines } from '../helpers/engine.ts';
import { generateAndRun } from '../helpers/run-generated.ts';
import { tempDir } from '../helpers/tmp.ts';

async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out[p] = createHash('sha256').update(await readFile(p)).digest('hex');
  }
  return out;
}

describe('one application folder end to end (real OCR, real images, real PDFs)', () => {
  let engine: Awaited<ReturnType<typeof testEngines>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let appDir: string;
  let truth: ApplicationTruth;
  let result: ApplicationResult;
  let score: MaskingScore;
  let before: Record<string, string>;

  beforeAll(async () => {
    tmp = await tempDir('e2e');
    const clear = { rotation: 0 as const, skewDeg: 0.6, blurSigma: 0.3, jpegQuality: 88 };
    engine = await testEngines();
    ({ appDir, truth, result, score } = await generateAndRun(
      tmp.dir,
      engine,
      {
        seed: 20240722,
        nameKind: 'minority',
        docs: [
          { type: 'id_card_front', format: 'jpeg', clarity: 'ok', degrade: clear },
          { type: 'appraisal_form', format: 'pdf', year: 2023, clarity: 'ok', degrade: clear },
          { type: 'title_document', format: 'png', pages: 1, clarity: 'ok', degrade: clear },
          { type: 'personal_pledge', format: 'jpeg', clarity: 'ok', degrade: clear },
          { type: 'paper', format: 'pdf', clarity: 'ok', degrade: clear },
          { type: 'unknown', corrupt: 'truncated-jpeg', file: '其他附件/补充材料' },
        ],
      },
      { beforeRun: async (dir) => void (before = await hashTree(dir)) },
    ));
  }, 600_000);

  afterAll(async () => {
    await engine?.stop();
    await tmp?.cleanup();
  });

  it('masks every occurrence of the applicant name (checked in the output pixels)', () => {
    expect(score.applicantNames).toBeGreaterThanOrEqual(5);
    expect(score.misses).toEqual([]);
  });

  it('never touches another person’s name', () => {
    expect(score.otherNames).toBeGreaterThanOrEqual(10);
    expect(score.violations).toEqual([]);
  });

  it('writes a report that validates and lists masks in output pixels', () => {
    const report = ReportSchema.parse(result.report);
    expect(report.summary.masks.applicant_name).toBeGreaterThanOrEqual(score.applicantNames - 1);
    for (const p of report.pages) {
      for (const m of p.masks) {
        expect(m.box[0] + m.box[2]).toBeLessThanOrEqual(p.width);
        expect(m.box[1] + m.box[3]).toBeLessThanOrEqual(p.height);
      }
      expect(p.ocr.lines.length).toBeGreaterThan(0);
    }
  });

  it('reports the corrupt scan by name and still processes the others', () => {
    const corrupt = truth.files.find((f) => f.corrupt)!;
    const finding = result.report.findings.find((f) => f.file === corrupt.file);
    expect(finding?.severity).toBe('error');
    expect(finding?.ruleId).toBe('ingest/unreadable');
    const written = result.report.files.filter((f) => f.output).length;
    expect(written).toBe(truth.files.length - 1);
  });

  it('writes a PDF as an image-only PDF with no text and no metadata', async () => {
    const pdf = result.report.files.find((f) => f.format === 'pdf' && f.output)!;
    const data = new Uint8Array(await readFile(join(result.outDir, pdf.output!)));
    expect(Buffer.from(data).toString('latin1')).not.toMatch(/\/Producer|\/Creator|\/Author|\/Title|\/Metadata/);
    const doc = await getDocument({ data, verbosity: 0 }).promise;
    const meta = await doc.getMetadata();
    expect(meta.metadata).toBeNull();
    expect(Object.keys(meta.info as object).filter((k) => !['PDFFormatVersion', 'Language', 'EncryptFilterName', 'IsLinearized', 'IsAcroFormPresent', 'IsXFAPresent', 'IsCollectionPresent', 'IsSignaturesPresent'].includes(k))).toEqual([]);
    for (let i = 1; i <= doc.numPages; i++) {
      const text = await (await doc.getPage(i)).getTextContent();
      expect(text.items.length).toBe(0);
    }
    await doc.destroy();
  });

  it('keeps JPEG outputs free of EXIF/XMP and never puts the name in a file name', async () => {
    const jpg = result.report.files.find((f) => f.format === 'jpeg' && f.output)!;
    const buf = await readFile(join(result.outDir, jpg.output!));
    expect(buf.includes(Buffer.from('Exif'))).toBe(false);
    expect(buf.includes(Buffer.from('http://ns.adobe.com/xap'))).toBe(false);
    const names = await readdir(result.outDir, { recursive: true });
    for (const n of names) expect(n).not.toContain(truth.profile.name);
  });

  it('leaves the input folder byte-identical', async () => {
    expect(await hashTree(appDir)).toEqual(before);
  });
});
