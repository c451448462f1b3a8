/**
 * npm run bench [-- --apps N --seed S --concurrency C --out DIR --only REGEX --score-only]
 *
 * Generates a set of applications (≥ 40 pages by default), runs the real pipeline on them and prints
 * one table: pages/min, seconds a page by stage, peak RSS, applicant-name recall and other-name
 * violations measured in the pixels of the masked copies.
 */
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEngines } from '../src/pipeline/engines.ts';
import { RunOptionsSchema } from '../src/pipeline/options.ts';
import { runApplication } from '../src/pipeline/run-application.ts';
import type { PageReport } from '../src/report/schema.ts';
import { scoreMasking, type MaskingScore } from './evaluate/masking.ts';
import { ensureBenchSet, subsetOf } from './evaluate/bench-set.ts';

const { values } = parseArgs({
  options: {
    apps: { type: 'string', default: '2' },
    seed: { type: 'string', default: '4242' },
    concurrency: { type: 'string' },
    out: { type: 'string', default: '.tmp/bench' },
    fresh: { type: 'boolean', default: false },
    /** Score the outputs of the last run again without running the pipeline (after changing the scorer). */
    'score-only': { type: 'boolean', default: false },
    /** Run only the files whose relative path matches this regular expression (e.g. 附件|考核). */
    only: { type: 'string' },
  },
});
const apps = Number(values.apps);
const seed = Number(values.seed);
const root = resolve(values.out!);
const outDir = join(root, 'out');

const fullSet = await ensureBenchSet(root, seed, apps, values.fresh);
const { dir: setDir, truths, generationS: genS } = values.only ? await subsetOf(fullSet, new RegExp(values.only)) : fullSet;
const clarityOf = new Map<string, string>();
for (const t of truths) for (const f of t.files) for (const p of f.pages) clarityOf.set(`${t.application}/${f.file}#${p.page}`, p.clarity);
const concurrency = Number(values.concurrency ?? cpus().length);
const options = RunOptionsSchema.parse({ outDir, concurrency });
if (values['score-only']) {
  const scores: MaskingScore[] = [];
  for (const t of truths) scores.push(await scoreMasking(join(setDir, t.application), join(outDir, t.application), t));
  for (const [k, v] of sealAndPageRows(scores)) console.log(`| ${k} | ${v} |`);
  printMisses(scores);
  process.exit(0);
}
await rm(outDir, { recursive: true, force: true });

const load0 = loadavg()[0];
const engine = await startEngines(concurrency);
const pages: PageReport[] = [];
let rssPeak = process.memoryUsage().rss;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 200);
const tRun = performance.now();
const scores: MaskingScore[] = [];
for (const t of truths) {
  const dir = join(setDir, t.application);
  const r = await runApplication(dir, options, engine);
  pages.push(...r.report.pages);
  scores.push(await scoreMasking(dir, r.outDir, t));
}
const runS = (performance.now() - tRun) / 1000;
clearInterval(sampler);
await engine.stop();
rssPeak = Math.max(rssPeak, process.resourceUsage().maxRSS * 1024);

const stageTotals: Record<string, number> = {};
for (const p of pages) for (const [k, v] of Object.entries(p.timingsMs)) stageTotals[k] = (stageTotals[k] ?? 0) + v;
const sum = (f: (s: (typeof scores)[number]) => number) => scores.reduce((a, s) => a + f(s), 0);
const names = sum((s) => s.applicantNames);
const masked = sum((s) => s.applicantMasked);
const others = sum((s) => s.otherNames);
const touched = sum((s) => s.otherTouched);
// Names on pages the generator labelled unclear are not expected to be found: the page is flagged.
const missesOnClear = scores.flatMap((s, i) => s.misses.filter((m) => clarityOf.get(`${truths[i].application}/${m.file}#${m.page}`) === 'ok'));
const missesUnclear = sum((s) => s.misses.length) - missesOnClear.length;

const rows: Array<[string, string]> = [
  ['applications / pages', `${truths.length} / ${pages.length}`],
  ['concurrency (OCR workers)', String(concurrency)],
  ['load average at start', load0.toFixed(2)],
  ['wall time (s)', runS.toFixed(1)],
  ['pages / min', ((pages.length / runS) * 60).toFixed(1)],
  ...Object.entries(stageTotals).map(([k, v]): [string, string] => [`s / page: ${k} (CPU-side, summed over workers)`, (v / 1000 / pages.length).toFixed(3)]),
  ['peak RSS (MB)', (rssPeak / 1048576).toFixed(0)],
  ['applicant names (truth)', String(names)],
  ['applicant-name recall, all pages', `${((masked / Math.max(1, names)) * 100).toFixed(1)} %`],
  ['applicant-name recall, clear pages', `${(((names - missesUnclear - missesOnClear.length) / Math.max(1, names - missesUnclear)) * 100).toFixed(1)} %`],
  ['other names (truth)', String(others)],
  ['other-name violations', String(touched)],
  ...sealAndPageRows(scores),
  ['sample generation (s, not in the rate)', genS.toFixed(1)],
];
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`\nzhicheng-precheck bench — ${new Date().toISOString()}`);
console.log(`| ${'measure'.padEnd(w)} | value |`);
console.log(`|${'-'.repeat(w + 2)}|-------|`);
for (const [k, v] of rows) console.log(`| ${k.padEnd(w)} | ${v} |`);
printMisses(scores);

function sealAndPageRows(all: MaskingScore[]): Array<[string, string]> {
  const seals = all.flatMap((s) => s.seals);
  const pct = (a: number, b: number) => `${a}/${b} = ${((a / Math.max(1, b)) * 100).toFixed(1)} %`;
  const employer = seals.filter((s) => s.owner === 'employer' && s.colour === 'red');
  const other = seals.filter((s) => s.owner === 'other' && s.colour === 'red');
  const grey = seals.filter((s) => s.colour === 'grey');
  const decided = seals.filter((s) => s.colour === 'red' && s.reportedOwner);
  const pageRows = all.flatMap((s) => s.pages);
  const judged = pageRows.filter((p) => p.clarityOk !== null);
  return [
    ['employer seals masked (≥ 95 % of red ink black)', pct(employer.filter((s) => s.covered >= 0.95).length, employer.length)],
    ['other seals touched (> 2 % of red ink under a mask)', pct(other.filter((s) => s.covered > 0.02).length, other.length)],
    ['seal owner as reported = truth (red seals detected)', pct(decided.filter((s) => s.reportedOwner === s.owner).length, decided.length)],
    ['grey-scale seals reported colour lost', pct(grey.filter((s) => s.reportedColour === 'lost').length, grey.length)],
    ['orientation correct (pages)', pct(pageRows.filter((p) => p.detected === p.rotation).length, pageRows.length)],
    ['pages written turned the wrong way', pct(pageRows.filter((p) => p.corrected && p.detected !== p.rotation).length, pageRows.length)],
    ['clarity verdict = generator label (pages judged)', pct(judged.filter((p) => p.clarityOk === (p.clarity === 'ok')).length, judged.length)],
  ];
}

function printMisses(all: MaskingScore[]): void {
  if (missesOnClearOf(all).length) console.log('\nmissed on clear pages:\n' + missesOnClearOf(all).map((m) => `  ${m.file} p${m.page} “${m.text}” ${m.note ?? ''}${m.handwritten ? ' (handwritten)' : ''} covered ${(m.covered * 100).toFixed(0)} %`).join('\n'));
  const violations = all.flatMap((s) => s.violations);
  const sealMisses = all.flatMap((s) => s.seals).filter((s) => s.colour === 'red' && (s.owner === 'employer' ? s.covered < 0.95 : s.covered > 0.02));
  if (sealMisses.length) console.log('\nseals wrong:\n' + sealMisses.map((m) => `  ${m.file} p${m.page} ${m.owner} seal: red ink ${m.owner === 'employer' ? 'masked' : 'under a mask'} ${(m.covered * 100).toFixed(0)} %, reported owner ${m.reportedOwner ?? 'not detected'}`).join('\n'));
  const pageMisses = all.flatMap((s) => s.pages).filter((p) => p.detected !== p.rotation || (p.clarityOk !== null && p.clarityOk !== (p.clarity === 'ok')));
  if (pageMisses.length) console.log('\npage checks wrong:\n' + pageMisses.map((p) => `  ${p.file} p${p.page} turn ${p.rotation} → ${p.detected}; clarity ${p.clarity} → ${p.clarityOk === null ? '-' : p.clarityOk ? 'ok' : 'not ok'} (${p.clarityScore ?? '-'})`).join('\n'));
  if (violations.length) console.log('\nother names touched:\n' + violations.map((m) => `  ${m.file} p${m.page} “${m.text}” ${m.note ?? ''} covered ${(m.covered * 100).toFixed(0)} %`).join('\n'));
}

function missesOnClearOf(all: MaskingScore[]) {
  return all.flatMap((s, i) => s.misses.filter((m) => clarityOf.get(`${truths[i].application}/${m.file}#${m.page}`) === 'ok'));
}
