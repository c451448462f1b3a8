/**
 * npm run bench:batch [-- --apps N --seed S --concurrency C --out DIR --resume]
 *
 * Bulk processing as a user runs it: `zhicheng-precheck batch <set>` in its own process, on the
 * benchmark's generated set (scripts/evaluate/bench-set.ts, ~19 pages an application, so --apps 3 ≈
 * 50 pages and --apps 27 ≈ 500). Samples the child's resident memory from /proc every 250 ms and
 * prints one table: pages, pages/min, peak RSS (the kernel's VmHWM), and RSS when a quarter, half,
 * three quarters and all of the pages were done — flat memory means those stay level as the batch
 * grows. Linux only (reads /proc).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBenchSet, pagesOf } from './evaluate/bench-set.ts';

const { values } = parseArgs({
  options: {
    apps: { type: 'string', default: '3' },
    seed: { type: 'string', default: '4242' },
    concurrency: { type: 'string' },
    out: { type: 'string', default: '.tmp/bench' },
    resume: { type: 'boolean', default: false },
  },
});
const apps = Number(values.apps);
const root = resolve(values.out!);
const outDir = join(root, `batch-out-${apps}`);
const set = await ensureBenchSet(root, Number(values.seed), apps);
if (!values.resume) await rm(outDir, { recursive: true, force: true });

/** VmRSS and VmHWM of a live process, in bytes; undefined once it has gone. */
function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

const concurrency = values.concurrency ?? String(cpus().length);
const bin = resolve(import.meta.dirname, '../bin/zhicheng-precheck.js');
const load0 = loadavg()[0];
const t0 = performance.now();
const child = spawn(process.execPath, [bin, 'batch', set.dir, '--out', outDir, '--concurrency', concurrency, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });

let peak = 0;
let rssNow = 0;
const samples: Array<{ done: number; total: number; rss: number; s: number }> = [];
const sampler = setInterval(() => {
  const m = memoryOf(child.pid!);
  if (!m) return;
  rssNow = m.rss;
  peak = Math.max(peak, m.hwm, m.rss);
}, 250);

let stdout = '';
child.stdout.on('data', (d: Buffer) => (stdout += d));
let errTail = '';
child.stderr.on('data', (d: Buffer) => {
  const text = d.toString();
  errTail = (errTail + text).slice(-4000);
  for (const m of text.matchAll(/进度 (\d+)\/(\d+) 页/g)) {
    samples.push({ done: Number(m[1]), total: Number(m[2]), rss: rssNow, s: (performance.now() - t0) / 1000 });
    process.stderr.write(`\r${m[1]}/${m[2]} pages, RSS ${(rssNow / 1048576).toFixed(0)} MB   `);
  }
});
const code: number = await new Promise((res) => child.on('close', (c) => res(c ?? -1)));
clearInterval(sampler);
const wallS = (performance.now() - t0) / 1000;
process.stderr.write('\n');
if (code === 2 || code < 0) {
  console.error(`batch failed (exit ${code}):\n${errTail}`);
  process.exit(1);
}

const result = JSON.parse(stdout) as { applications: Array<{ pages?: number; failure?: string }> };
const pages = result.applications.reduce((s, a) => s + (a.pages ?? 0), 0);
const at = (share: number) => {
  const s = samples.find((x) => x.done >= x.total * share);
  return s ? `${(s.rss / 1048576).toFixed(0)} MB at ${s.done} pages, ${s.s.toFixed(0)} s` : '—';
};
const rows: Array<[string, string]> = [
  ['applications / pages (reported)', `${result.applications.length} / ${pages} (set: ${pagesOf(set.truths)})`],
  ['failed applications', String(result.applications.filter((a) => a.failure).length)],
  ['concurrency (OCR workers)', concurrency],
  ['load average at start / end', `${load0.toFixed(2)} / ${loadavg()[0].toFixed(2)}`],
  ['wall time, incl. start-up (s)', wallS.toFixed(1)],
  ['pages / min', ((pages / wallS) * 60).toFixed(1)],
  ['peak RSS (MB, VmHWM)', (peak / 1048576).toFixed(0)],
  ['RSS at 25 %', at(0.25)],
  ['RSS at 50 %', at(0.5)],
  ['RSS at 75 %', at(0.75)],
  ['RSS at 100 %', at(1)],
  ['exit code', String(code)],
];
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`\nzhicheng-precheck batch bench — ${new Date().toISOString()}`);
console.log(`| ${'measure'.padEnd(w)} | value |`);
console.log(`|${'-'.repeat(w + 2)}|-------|`);
for (const [k, v] of rows) console.log(`| ${k.padEnd(w)} | ${v} |`);
