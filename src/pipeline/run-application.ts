import { basename, join, resolve } from 'node:path';
import PQueue from 'p-queue';
import { discoverScans } from '../ingest/discover.ts';
import { IngestError } from '../ingest/errors.ts';
import { openScan, type OpenScan } from '../ingest/open-scan.ts';
import { compactForPdf, writeAtomic, writeMaskedScan, type OutputPage } from '../mask/write-outputs.ts';
import type { Finding } from '../model/finding.ts';
import type { OcrEngine } from '../model/ocr.ts';
import type { ApplicantProfile } from '../model/profile.ts';
import { buildReport } from '../report/build-report.ts';
import type { FileReport, PageReport, Report } from '../report/schema.ts';
import { classifyPages, extractFacts, type ClassifiedPage, type ClassifyInput } from '../classify/index.ts';
import { evaluateChecklist, loadNotice, type Notice } from '../rules/index.ts';
import type { OsdDetector } from '../quality/index.ts';
import { rehearseName } from '../detect/names/ocr-misreadings.ts';
import { analysePage, type PageContext } from './analyse-page.ts';
import { ToolError } from './errors.ts';
import { loadProfile } from './load-profile.ts';
import type { RunOptions } from './options.ts';
import { maskedRelativePath } from './output-path.ts';

export interface ApplicationResult {
  report: Report;
  /** Folder the masked copies and report.json were written to. */
  outDir: string;
}

/** What the file-level classification needs of each page once the file is done. */
interface PageForRules {
  report: PageReport;
  input: ClassifyInput;
}

export interface RunHooks {
  /** Called after every page, for progress displays. */
  onPage?: (page: PageReport) => void;
  /**
   * Where finished pages are kept between runs (the batch journal): `get` returns a page done
   * before — by an earlier, killed run or by another copy of the same scan — or runs `analyse`.
   */
  pageCache?: PageCache;
}

/** What one page leaves behind: enough to write its file and evaluate the checklist without it. */
export interface FinishedPage {
  report: PageReport;
  output: OutputPage;
  classifyInput: ClassifyInput;
}

export interface PageCache {
  get(scan: { file: string; sha256: string }, page: number, analyse: () => Promise<FinishedPage>): Promise<FinishedPage>;
}

function ingestFinding(file: string, e: unknown, page?: number): Finding {
  const zh = e instanceof IngestError ? e.reasonZh : `处理失败：${(e as Error)?.message ?? String(e)}`;
  const en = e instanceof IngestError ? e.reasonEn : `processing failed: ${(e as Error)?.message ?? String(e)}`;
  return { ruleId: 'ingest/unreadable', severity: 'error', message: `${file}${page ? ` 第${page}页` : ''}：${zh}`, messageEn: `${file}${page ? ` page ${page}` : ''}: ${en}`, file, page, needsReview: true };
}

/**
 * One application folder: every page of every scan through the queue, masked copies written as each
 * file completes, then report.json. A scan that fails becomes an error finding; the rest go on.
 */
export async function runApplication(appDir: string, options: RunOptions, engines: Engines, hooks: RunHooks = {}): Promise<ApplicationResult> {
  const dir = resolve(appDir);
  const profile = await loadProfile(dir);
  const application = basename(dir);
  const outDir = join(resolve(options.outDir), application);
  const files = await discoverScans(dir);
  const queue = new PQueue({ concurrency: options.concurrency });
  const fileReports: FileReport[] = [];
  const pageReports: PageReport[] = [];
  const findings: Finding[] = [];
  const fileJobs: Promise<void>[] = [];
  const forRules = new Map<string, PageForRules[]>();
  const notice = loadNoticeOrFail(options.notice);
  // How the OCR misreads this name, learned while the first pages are read (a second or two of OCR);
  // without it the search still runs, on shapes alone.
  const misreadings = rehearseName(profile.name, engines.ocr).catch(() => new Map());

  for (const file of files) {
    let scan: OpenScan;
    try {
      scan = await openScan(dir, file);
    } catch (e) {
      findings.push(ingestFinding(file, e));
      fileReports.push({ file, pages: 0, error: e instanceof IngestError ? e.reasonZh : String(e) });
      continue;
    }
    const fileReport: FileReport = { file, format: scan.format, bytes: scan.bytes, sha256: scan.sha256, pages: scan.pageCount };
    fileReports.push(fileReport);
    const pagesForRules: PageForRules[] = [];
    forRules.set(file, pagesForRules);
    fileJobs.push(processScan(scan, fileReport, { profile, options, ocr: engines.ocr, osd: engines.osd, misreadings }, outDir, pageReports, pagesForRules, findings, queue, hooks));
    // Keep only a few pages decoded at a time, however large the folder.
    await queue.onSizeLessThan(options.concurrency * 2);
  }
  await Promise.all(fileJobs);

  const classified = classifyFiles(forRules, profile);
  const checklist = evaluateChecklist(profile, classified, notice);
  findings.push(...checklist.findings);
  const report = buildReport({
    application,
    profile,
    files: fileReports,
    pages: pageReports,
    findings,
    checklist: {
      notice: notice.id,
      items: checklist.items.map((i) => ({ id: i.id, status: i.status, docTypes: i.docTypes, reason: i.reason, reasonEn: i.reasonEn, ruleId: i.ruleId, evidence: i.pages })),
    },
  });
  await writeAtomic(join(outDir, 'report.json'), Buffer.from(JSON.stringify(report, null, 2)));
  return { report, outDir };
}

async function processScan(
  scan: OpenScan,
  fileReport: FileReport,
  ctx: PageContext,
  outDir: string,
  pageReports: PageReport[],
  pagesForRules: PageForRules[],
  findings: Finding[],
  queue: PQueue,
  hooks: RunHooks,
): Promise<void> {
  const profile = ctx.profile;
  const outputs: Array<OutputPage | undefined> = new Array(scan.pageCount);
  let failed = false;
  const jobs = Array.from({ length: scan.pageCount }, (_, i) =>
    queue.add(async () => {
      const analyse = async (): Promise<FinishedPage> => {
        const t0 = performance.now();
        const src = await scan.loadPage(i + 1);
        const ingestMs = Math.round(performance.now() - t0);
        const analysed = await analysePage(src, ctx);
        analysed.report.timingsMs = { ingest: ingestMs, ...analysed.report.timingsMs };
        return { report: analysed.report, output: { image: analysed.masked, pageSizePt: analysed.pageSizePt }, classifyInput: analysed.classifyInput };
      };
      try {
        const done = hooks.pageCache ? await hooks.pageCache.get(scan, i + 1, analyse) : await analyse();
        outputs[i] = scan.format === 'pdf' ? await compactForPdf(done.output) : done.output;
        pageReports.push(done.report);
        pagesForRules[i] = { report: done.report, input: done.classifyInput };
        hooks.onPage?.(done.report);
      } catch (e) {
        failed = true;
        findings.push(ingestFinding(scan.file, e, i + 1));
      }
    }),
  );
  await Promise.all(jobs);
  await scan.close();
  forgiveListPages(pagesForRules.filter(Boolean).map((p) => p.report));
  if (failed || outputs.some((o) => !o)) {
    fileReport.error = '部分页面无法处理，未生成遮盖件 / some pages failed; no masked copy written';
    return;
  }
  const target = maskedRelativePath(scan.file, profile.name);
  if (target.renamed) {
    findings.push({
      ruleId: 'output/name-in-file-name',
      severity: 'warning',
      message: `文件名含申报人姓名，遮盖件已改名为 ${target.path}`,
      messageEn: `the file name contains the applicant's name; the masked copy is named ${target.path}`,
      file: scan.file,
    });
  }
  const t0 = performance.now();
  try {
    await writeMaskedScan(join(outDir, 'masked', target.path), scan.format, outputs as OutputPage[]);
    fileReport.output = `masked/${target.path}`;
  } catch (e) {
    findings.push({ ruleId: 'output/write-failed', severity: 'error', message: `${scan.file}：遮盖件写入失败：${(e as Error).message}`, messageEn: `${scan.file}: writing the masked copy failed: ${(e as Error).message}`, file: scan.file });
  }
  const writeMs = Math.round(performance.now() - t0);
  for (const p of pageReports) if (p.file === scan.file) p.timingsMs.write = Math.round(writeMs / scan.pageCount);
}

/** The OCR engine and the orientation detector one run shares across all its pages. */
export interface Engines {
  ocr: OcrEngine;
  osd?: OsdDetector;
}

function loadNoticeOrFail(id?: string): Notice {
  try {
    return loadNotice(id);
  } catch (e) {
    throw new ToolError(`通知规则文件无法读取 / notice rules cannot be loaded: ${(e as Error).message}`);
  }
}

/**
 * Types once more per file with all its pages in order (a page without text of its own continues
 * the document before it), then the facts of each page: what the checklist works on.
 */
function classifyFiles(forRules: Map<string, PageForRules[]>, profile: ApplicantProfile): ClassifiedPage[] {
  const out: ClassifiedPage[] = [];
  for (const [file, pages] of forRules) {
    const done = pages.filter(Boolean);
    if (done.length === 0) continue;
    const verdicts = classifyPages(done.map((p) => p.input));
    done.forEach((p, k) => {
      const v = verdicts[k];
      p.report.docType = { id: v.id, confidence: Math.round(v.confidence * 100) / 100, evidence: v.evidence };
      const where = { file, page: p.report.page };
      out.push({ file, page: p.report.page, section: p.input.section, docType: v, facts: extractFacts(v.id, p.input.ocr, where, profile) });
    });
  }
  return out;
}

/**
 * A list of people (任职资格文件) names the applicant on one of its pages, not on each: once any page
 * of the file has the name, the other pages are not "name not found".
 */
function forgiveListPages(pages: PageReport[]): void {
  if (pages.length < 2 || !pages.some((p) => p.masks.some((m) => m.kind === 'applicant_name'))) return;
  for (const p of pages) {
    if (!LIST_DOCUMENTS.has(p.docType?.id ?? '')) continue;
    p.findings = p.findings.filter((f) => f.ruleId !== 'mask/name-not-found');
    p.needsReview = p.findings.some((f) => f.needsReview);
  }
}
const LIST_DOCUMENTS = new Set(['title_document', 'paper', 'cnki_screenshot', 'unit_publicity', 'title_review_form']);
