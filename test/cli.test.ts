import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTesseractEngine } from '../src/ocr/tesseract-engine.ts';
import { OcrDataMissingError } from '../src/ocr/model-path.ts';
import { generateApplication } from '../scripts/samples/index.ts';
import { tempDir } from './helpers/tmp.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'zhicheng-precheck.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 300_000 });

describe('the command line: exit codes as ESLint (0 clean, 1 errors, 2 the tool failed)', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let noticeFile: string;
  beforeAll(async () => {
    tmp = await tempDir('cli');
    // A made-up notice that requires only the ID card's back, so one clean page can pass.
    const notice = JSON.parse(await readFile(join(import.meta.dirname, '..', 'src', 'rules', 'notices', 'aksu-coal-2024.json'), 'utf8'));
    notice.id = 'test-id-back-only';
    notice.checklist = notice.checklist.filter((e: { id: string }) => e.id === 'id_card_back');
    notice.notes = [];
    noticeFile = join(tmp.dir, 'nothing-required.json');
    await writeFile(noticeFile, JSON.stringify(notice));
  });
  afterAll(() => tmp.cleanup());

  it('exits 2 naming the file when applicant.json is missing', async () => {
    await mkdir(join(tmp.dir, 'no-profile'), { recursive: true });
    const r = run('check', join(tmp.dir, 'no-profile'), '--out', join(tmp.dir, 'out'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('applicant.json');
  });

  it('exits 2 naming the field when applicant.json is invalid', async () => {
    const dir = join(tmp.dir, 'bad-profile');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'applicant.json'), JSON.stringify({ name: '张伟', employer: '阿克苏某某煤业', employerKind: '外企', track: '定向评价', level: '工程师' }));
    const r = run('check', dir, '--out', join(tmp.dir, 'out'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('employerKind');
  });

  it('exits 2 on a bad option', () => {
    const r = run('check', tmp.dir, '--max-masked-share', '3');
    expect(r.status).toBe(2);
  });

  it('exits 1 when a scan is unreadable, and 0 for the same folder without it', async () => {
    const dir = join(tmp.dir, 'application');
    await generateApplication({
      dir,
      seed: 77,
      docs: [
        { type: 'id_card_back', format: 'jpeg', clarity: 'ok', degrade: { rotation: 0, skewDeg: 0, blurSigma: 0, jpegQuality: 92 } },
        { type: 'unknown', corrupt: 'text-pdf', file: '其他附件/扫描件' },
      ],
    });
    const bad = run('check', dir, '--out', join(tmp.dir, 'out'), '--notice', noticeFile, '-j', '1');
    expect(bad.stdout).toContain('其他附件/扫描件.pdf');
    expect(bad.status).toBe(1);
    const json = run('check', dir, '--out', join(tmp.dir, 'out'), '--notice', noticeFile, '-j', '1', '--format', 'json');
    const report = JSON.parse(json.stdout);
    expect(report.findings.some((f: { ruleId: string; file: string }) => f.ruleId === 'ingest/unreadable' && f.file === '其他附件/扫描件.pdf')).toBe(true);
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, '其他附件'), { recursive: true });
    const good = run('check', dir, '--out', join(tmp.dir, 'out'), '--notice', noticeFile, '-j', '1');
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
  }, 600_000);

  it('prints what an applicant must upload', () => {
    const r = run('rules', join(import.meta.dirname, '..', 'samples', 'demo-application', 'applicant.json'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('考核');
  });
});

describe('OCR without its language data', () => {
  it('fails at once with a message saying how to fix it, instead of hanging', async () => {
    const t0 = Date.now();
    await expect(createTesseractEngine({ workers: 1, tessdataDir: '/nonexistent/tessdata' })).rejects.toBeInstanceOf(OcrDataMissingError);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
