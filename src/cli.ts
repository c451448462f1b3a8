import { Command, InvalidArgumentError, Option } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describeRequirements, loadNotice } from './rules/index.ts';
import { startEngines } from './pipeline/engines.ts';
import { loadProfile } from './pipeline/load-profile.ts';
import { ToolError } from './pipeline/errors.ts';
import { RunOptionsSchema, type RunOptions } from './pipeline/options.ts';
import { runApplication } from './pipeline/run-application.ts';
import { formatStylish } from './report/format-stylish.ts';
import { writeReportHtml } from './report/format-html.ts';
import { formatJunit, junitDocument, junitSuite, type JunitSuite } from './report/format-junit.ts';
import { runBatch } from './pipeline/batch.ts';
import { createProgress } from './pipeline/progress.ts';
import type { Report } from './report/schema.ts';

const require = createRequire(import.meta.url);
const { version } = require('../package.json');

/** Exit codes as ESLint: 0 clean, 1 findings at error level (or too many warnings), 2 the tool failed. */
export const EXIT = { ok: 0, findings: 1, toolError: 2 } as const;

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('应为非负整数 / expected a non-negative integer');
  return n;
};
const share = (v: string) => {
  const n = Number(v);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError('应为 0 到 1 之间的小数 / expected a fraction between 0 and 1');
  return n;
};

function exitCodeFor(reports: Report[], maxWarnings: number | undefined): number {
  const errors = reports.reduce((s, r) => s + r.summary.errors, 0);
  const warnings = reports.reduce((s, r) => s + r.summary.warnings, 0);
  if (errors > 0) return EXIT.findings;
  if (maxWarnings !== undefined && warnings > maxWarnings) return EXIT.findings;
  return EXIT.ok;
}

/** The options `check` and `batch` share. */
function withRunOptions(cmd: Command): Command {
  return cmd
    .option('-o, --out <dir>', '输出目录 / output folder', 'out')
    .addOption(new Option('-f, --format <format>', '标准输出格式 / stdout format').choices(['stylish', 'json', 'junit']).default('stylish'))
    .option('-j, --concurrency <n>', '并行页数（默认为 CPU 核数）/ pages in parallel (default: cores)', int)
    .option('--keep-orientation', '按原方向输出（不自动转正）/ write pages as scanned, not turned upright', false)
    .option('--max-masked-share <fraction>', '单页遮盖面积上限 / max masked share of a page', share)
    .option('--max-warnings <n>', '警告数超过此值时退出码为 1 / exit 1 when warnings exceed this', int)
    .option('--notice <id-or-file>', '通知规则（默认 aksu-coal-2024）/ notice rules file or id');
}

/** Validates the shared options once, at the edge; a bad one is a ToolError (exit 2). */
function parseRunOptions(opts: Record<string, unknown>): RunOptions {
  const parsed = RunOptionsSchema.safeParse({
    outDir: opts.out,
    concurrency: opts.concurrency,
    keepOrientation: opts.keepOrientation,
    maxMaskedShare: opts.maxMaskedShare,
    notice: opts.notice,
  });
  if (!parsed.success) throw new ToolError(`参数错误 / bad options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function buildProgram(): Command {
  const program = new Command('zhicheng-precheck')
    .description('职称申报附件预检与遮盖 / pre-check and redact the scans of a professional-title application')
    .version(version)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });

  withRunOptions(program.command('check'))
    .description('检查一个或多个申报材料文件夹（每个含 applicant.json 和扫描件）/ check application folders')
    .argument('<folders...>', 'application folders')
    .action(async (folders: string[], opts) => {
      for (const f of folders) {
        if (!existsSync(f) || !statSync(f).isDirectory()) throw new ToolError(`${f}: 不是文件夹 / not a folder`);
      }
      const options = parseRunOptions(opts);
      const engines = await startEngines(options.concurrency);
      const reports: Report[] = [];
      const outDirs: string[] = [];
      try {
        for (const folder of folders) {
          const r = await runApplication(folder, options, engines);
          await writeReportHtml(r.report, { appDir: folder, outDir: r.outDir });
          reports.push(r.report);
          outDirs.push(r.outDir);
        }
      } finally {
        await engines.stop();
      }
      process.stdout.write(
        opts.format === 'json' ? JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + '\n' : opts.format === 'junit' ? formatJunit(reports) : formatStylish(reports, outDirs),
      );
      process.exitCode = exitCodeFor(reports, opts.maxWarnings);
    });

  withRunOptions(program.command('batch'))
    .description('批量处理 root 下的所有申报材料文件夹（含 applicant.json，任意层级），可中断续跑 / every application folder under root, resumable')
    .argument('<root>', 'folder holding application folders at any depth')
    .action(async (root: string, opts) => {
      if (!existsSync(root) || !statSync(root).isDirectory()) throw new ToolError(`${root}: 不是文件夹 / not a folder`);
      const parsed = { data: parseRunOptions(opts) };
      const engines = await startEngines(parsed.data.concurrency);
      const suites: JunitSuite[] = [];
      let result;
      try {
        result = await runBatch(root, parsed.data, engines, { progress: createProgress(process.stderr), onReport: (r) => opts.format === 'junit' && suites.push(junitSuite(r)) });
      } finally {
        await engines.stop();
      }
      const apps = result.applications;
      if (opts.format === 'junit') process.stdout.write(junitDocument(suites));
      else if (opts.format === 'json') process.stdout.write(JSON.stringify({ ...result, applications: apps.map(({ dir, ...a }) => a) }, null, 2) + '\n');
      else process.stdout.write(apps.map((a) => (a.failure ? `✗ ${a.application}：处理失败：${a.failure}` : `${a.errors ? '✗' : '✓'} ${a.application}：${a.pages} 页，${a.errors} 个错误，${a.warnings} 个警告，需人工核对 ${a.pagesNeedingReview} 页`)).join('\n') + `\n汇总页：${result.indexHtml}\n`);
      const failed = apps.some((a) => a.failure);
      const errors = apps.reduce((s, a) => s + (a.errors ?? 0), 0);
      const warnings = apps.reduce((s, a) => s + (a.warnings ?? 0), 0);
      process.exitCode = failed ? EXIT.toolError : errors > 0 || (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) ? EXIT.findings : EXIT.ok;
    });

  program
    .command('rules')
    .description('列出该申报人需要上传的材料及原因 / what this applicant must upload, and why')
    .argument('<applicant>', 'applicant.json, or an application folder')
    .option('--notice <id-or-file>', '通知规则（默认 aksu-coal-2024）/ notice rules file or id')
    .action(async (applicant: string, opts) => {
      const dir = existsSync(applicant) && statSync(applicant).isDirectory() ? applicant : dirname(applicant);
      const profile = await loadProfile(dir, existsSync(applicant) && statSync(applicant).isFile() ? applicant : undefined);
      let notice;
      try {
        notice = loadNotice(opts.notice);
      } catch (e) {
        throw new ToolError(`通知规则文件无法读取 / notice rules cannot be loaded: ${(e as Error).message}`);
      }
      process.stdout.write(describeRequirements(profile, notice).join('\n') + '\n');
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e: any) {
    if (e?.code === 'commander.helpDisplayed' || e?.code === 'commander.version' || e?.code === 'commander.help') return EXIT.ok;
    if (e?.code?.startsWith?.('commander.')) return EXIT.toolError;
    process.stderr.write(`zhicheng-precheck: ${e instanceof ToolError ? e.message : (e?.stack ?? String(e))}\n`);
    return EXIT.toolError;
  }
}

const code = await main(process.argv);
process.exitCode = code;
