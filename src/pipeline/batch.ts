import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { discoverScans } from '../ingest/discover.ts';
import { openScan } from '../ingest/open-scan.ts';
import { writeAtomic } from '../mask/write-outputs.ts';
import { writeReportHtml, writeIndexHtml, type IndexEntry } from '../report/format-html.ts';
import { ReportSchema, type Report } from '../report/schema.ts';
import { ToolError } from './errors.ts';
import { fingerprint, PageJournal } from './journal.ts';
import { loadProfile } from './load-profile.ts';
import type { RunOptions } from './options.ts';
import { createProgress, type Progress } from './progress.ts';
import { runApplication, type Engines, type PageCache } from './run-application.ts';

const require = createRequire(import.meta.url);
const VERSION: string = require('../../package.json').version;

const SKIP_DIRS = new Set(['node_modules']);

/**
 * Every application folder under root (a folder holding applicant.json, at any depth), sorted.
 * An application folder is not searched further; hidden folders and `exclude` (the output) are skipped.
 */
export async function findApplications(root: string, exclude: string[] = []): Promise<string[]> {
  const out: string[] = [];
  const skip = new Set(exclude.map((d) => resolve(d)));
  async function walk(dir: string): Promise<void> {
    if (skip.has(dir)) return;
    const entries = await readdir(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name === 'applicant.json')) {
      out.push(dir);
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name, 'zh'))) {
      if (e.isDirectory() && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) await walk(join(dir, e.name));
    }
  }
  await walk(resolve(root));
  return out;
}

/** What the batch keeps of each application: a line of the index, never the whole report. */
export interface BatchApplication extends IndexEntry {
  dir: string;
  outDir: string;
  /** Taken whole from an earlier run (report.json finished from the same inputs). */
  skipped: boolean;
}

export interface BatchResult {
  applications: BatchApplication[];
  pages: { total: number; analysed: number; reused: number };
  peakRssMb: number;
  indexHtml: string;
}

export interface BatchHooks {
  progress?: Progress;
  /** Called with each finished report (for stdout formatters); the batch itself keeps none. */
  onReport?: (report: Report, outDir: string) => void;
}

interface Planned {
  dir: string;
  rel: string;
  pages: number;
}

/** Pages of a folder, counted by opening each scan (unreadable ones count 0: they become findings). */
async function countPages(dir: string): Promise<{ pages: number; scans: Array<[string, string]> }> {
  let pages = 0;
  const scans: Array<[string, string]> = [];
  for (const file of await discoverScans(dir)) {
    try {
      const s = await openScan(dir, file);
      pages += s.pageCount;
      scans.push([file, s.sha256]);
      await s.close();
    } catch {
      scans.push([file, 'unreadable']);
    }
  }
  return { pages, scans };
}

/**
 * Every application under root, one after another (pages of one application run in parallel), each
 * resumable through its journal. Writes report.json and report.html per application and index.html.
 */
export async function runBatch(root: string, options: RunOptions, engines: Engines, hooks: BatchHooks = {}): Promise<BatchResult> {
  const out = resolve(options.outDir);
  const rootAbs = resolve(root);
  const progress = hooks.progress ?? createProgress();
  const dirs = await findApplications(rootAbs, [out]);
  if (dirs.length === 0) throw new ToolError(`${root}: 未找到申报材料文件夹（含 applicant.json）/ no application folder (with applicant.json) found`);

  const unlock = await lockOutput(out);
  try {
    return await runLocked(rootAbs, out, dirs, options, engines, progress, hooks);
  } finally {
    await unlock();
  }
}

/** Two batches writing one output folder would interleave journals: the second one refuses. */
async function lockOutput(out: string): Promise<() => Promise<void>> {
  await mkdir(out, { recursive: true });
  const lock = join(out, '.batch.lock');
  try {
    await writeFile(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const pid = Number(await readFile(lock, 'utf8').catch(() => ''));
    let alive = false;
    try {
      alive = pid > 0 && process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (alive) throw new ToolError(`${out}: 另一个批量任务（进程 ${pid}）正在写入此输出目录 / another batch (pid ${pid}) is writing this output folder`);
    await writeFile(lock, String(process.pid)); // left by a killed run
  }
  return () => rm(lock, { force: true });
}

async function runLocked(rootAbs: string, out: string, dirs: string[], options: RunOptions, engines: Engines, progress: Progress, hooks: BatchHooks): Promise<BatchResult> {
  const planned: Planned[] = [];
  const inputsOf = new Map<string, Array<[string, string]>>();
  for (const dir of dirs) {
    const { pages, scans } = await countPages(dir);
    planned.push({ dir, rel: relative(rootAbs, dir).split(sep).join('/'), pages });
    inputsOf.set(dir, scans);
  }
  const total = planned.reduce((s, p) => s + p.pages, 0);
  progress.start(total, planned.length);

  const applications: BatchApplication[] = [];
  const pages = { total, analysed: 0, reused: 0 };
  let peakRss = process.memoryUsage().rss;
  const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

  for (const p of planned) {
    const appOut = join(out, p.rel === '' ? basename(p.dir) : p.rel);
    const href = relative(out, join(appOut, 'report.html')).split(sep).join('/');
    const name = p.rel || basename(p.dir);
    let journal: PageJournal | undefined;
    try {
      const profile = await loadProfile(p.dir);
      const pagesKey = fingerprint({ tool: VERSION, profile, keepOrientation: options.keepOrientation, maxMaskedShare: options.maxMaskedShare });
      const inputsKey = fingerprint({ pagesKey, notice: options.notice ?? null, scans: inputsOf.get(p.dir) });
      journal = await PageJournal.open(appOut, pagesKey);
      if (journal.isDone(inputsKey) && existsSync(join(appOut, 'report.json')) && existsSync(join(appOut, 'report.html'))) {
        const report = ReportSchema.parse(JSON.parse(await readFile(join(appOut, 'report.json'), 'utf8')));
        for (let i = 0; i < p.pages; i++) progress.page(true);
        pages.reused += p.pages;
        applications.push({ ...entryOf(report, name, href), dir: p.dir, outDir: appOut, skipped: true });
        hooks.onReport?.(report, appOut);
        progress.application(name, '已完成（上次运行）');
        continue;
      }
      const j = journal;
      const cache: PageCache = {
        async get(scan, page, analyse) {
          let ran = false;
          const r = await j.get(scan, page, () => {
            ran = true;
            return analyse();
          });
          sampleRss();
          progress.page(!ran);
          return r;
        },
      };
      const result = await runApplication(p.dir, { ...options, outDir: dirname(appOut) }, engines, { pageCache: cache });
      await writeReportHtml(result.report, { appDir: p.dir, outDir: result.outDir });
      sampleRss();
      await journal.markDone(inputsKey);
      pages.analysed += journal.stats.analysed;
      pages.reused += journal.stats.reused;
      applications.push({ ...entryOf(result.report, name, href), dir: p.dir, outDir: appOut, skipped: false });
      hooks.onReport?.(result.report, result.outDir);
      const s = result.report.summary;
      progress.application(name, `${s.errors} 个错误，${s.warnings} 个警告，需人工核对 ${s.pagesNeedingReview} 页（本次分析 ${journal.stats.analysed} 页，沿用 ${journal.stats.reused} 页）`);
    } catch (e) {
      const message = e instanceof ToolError ? e.message : ((e as Error)?.message ?? String(e));
      applications.push({ application: name, href: undefined, failure: message, dir: p.dir, outDir: appOut, skipped: false });
      progress.application(name, `处理失败：${message}`);
    } finally {
      await journal?.close();
    }
  }

  const indexHtml = join(out, 'index.html');
  await writeIndexHtml(indexHtml, applications, { root: rootAbs, generatedAt: new Date().toISOString() });
  await writeAtomic(join(out, 'index.json'), Buffer.from(JSON.stringify({ root: rootAbs, applications: applications.map(({ dir, outDir, ...e }) => e) }, null, 2)));
  sampleRss();
  const peakRssMb = Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1048576);
  progress.finish(`完成：${applications.length} 份申报材料，${total} 页（本次分析 ${pages.analysed} 页，沿用 ${pages.reused} 页），峰值内存 ${peakRssMb} MB → ${indexHtml}`);
  return { applications, pages, peakRssMb, indexHtml };
}

function entryOf(report: Report, application: string, href: string): IndexEntry {
  const s = report.summary;
  return {
    application,
    href,
    files: s.files,
    pages: s.pages,
    errors: s.errors,
    warnings: s.warnings,
    pagesNeedingReview: s.pagesNeedingReview,
    masks: s.masks.applicant_name + s.masks.employer_seal,
    checklistMissing: report.checklist?.items.filter((i) => i.status === 'missing' || i.status === 'insufficient').length ?? 0,
  };
}
