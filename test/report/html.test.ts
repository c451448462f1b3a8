import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApplication } from '../../scripts/samples/index.ts';
import { RunOptionsSchema } from '../../src/pipeline/options.ts';
import { runApplication, type ApplicationResult } from '../../src/pipeline/run-application.ts';
import { writeReportHtml } from '../../src/report/format-html.ts';
import { formatJunit } from '../../src/report/format-junit.ts';
import { testEngines } from '../helpers/engine.ts';
import { tempDir } from '../helpers/tmp.ts';
import { launchChromium } from './browser.ts';

/** Screenshots land here so CI can keep them as artifacts. */
const ARTIFACTS = join(process.cwd(), '.tmp', 'artifacts');

describe('report.html in a real browser (chromium, real pipeline output)', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let result: ApplicationResult;
  let html: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    tmp = await tempDir('html');
    const appDir = join(tmp.dir, 'application');
    const clear = { rotation: 0 as const, skewDeg: 0.5, blurSigma: 0.3, jpegQuality: 88 };
    await generateApplication({
      dir: appDir,
      seed: 6,
      docs: [
        { type: 'title_document', format: 'png', pages: 1, clarity: 'ok', degrade: clear },
        { type: 'personal_pledge', format: 'jpeg', clarity: 'ok', degrade: { ...clear, rotation: 90 } },
      ],
    });
    const engines = await testEngines();
    try {
      result = await runApplication(appDir, RunOptionsSchema.parse({ outDir: join(tmp.dir, 'out'), concurrency: 2 }), engines);
    } finally {
      await engines.stop();
    }
    html = await writeReportHtml(result.report, { appDir, outDir: result.outDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => !/^(file|data):/.test(r.url()) && problems.push(`request: ${r.url()}`));
    await page.goto(pathToFileURL(html).href);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await tmp?.cleanup();
  });

  it('is one self-contained file of a reasonable size that loads with no errors and no requests', async () => {
    expect((await stat(html)).size).toBeLessThan(5 * 1024 * 1024);
    await page.waitForLoadState('load');
    expect(problems).toEqual([]);
    const imgs = await page.locator('figure.masked img').evaluateAll((els) => els.map((e) => (e as unknown as { naturalWidth: number }).naturalWidth));
    expect(imgs.length).toBe(result.report.pages.length);
    for (const w of imgs) expect(w).toBeGreaterThan(0);
  });

  it('outlines and labels every mask and every name left visible, over the masked output', async () => {
    const masks = result.report.pages.reduce((s, p) => s + p.masks.length, 0);
    const others = result.report.pages.reduce((s, p) => s + p.otherNames.length, 0);
    expect(masks).toBeGreaterThan(0);
    expect(await page.locator('svg rect.k-mask').count()).toBe(masks);
    expect(await page.locator('svg rect.k-other').count()).toBe(others);
    const labels = await page.locator('svg g.lb text').allTextContents();
    expect(labels).toContain('申报人姓名');
    if (others) expect(labels).toContain('他人姓名');
  });

  it('shows the checklist at the top', async () => {
    const rows = await page.locator('#checklist tr[data-status]').count();
    expect(rows).toBe(result.report.checklist!.items.length);
    const first = await page.locator('main > section').first().getAttribute('id');
    expect(first).toBe('checklist');
  });

  it('filters pages (needs review / errors only) and shows the original on demand', async () => {
    const total = result.report.pages.length;
    const review = result.report.pages.filter((p) => p.needsReview).length;
    const withErrors = result.report.pages.filter((p) => p.findings.some((f) => f.severity === 'error')).length;
    const visible = () => page.locator('article.page:visible').count();
    expect(await visible()).toBe(total);
    await page.check('#only-review');
    expect(await visible()).toBe(review);
    expect(await page.textContent('#shown')).toBe(String(review));
    await page.uncheck('#only-review');
    await page.check('#only-errors');
    expect(await visible()).toBe(withErrors);
    expect(await page.locator('li.f-warning:visible').count()).toBe(0);
    await page.uncheck('#only-errors');
    expect(await visible()).toBe(total);

    const first = page.locator('article.page').first();
    expect(await first.locator('figure.original').isVisible()).toBe(false);
    await first.locator('button[data-toggle-original]').click();
    expect(await first.locator('figure.original').isVisible()).toBe(true);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png') });
    expect(problems).toEqual([]);
  });

  it('junit: one case per checklist item and per page check, failing for errors', () => {
    const xml = formatJunit([result.report]);
    const cases = xml.match(/<testcase /g)?.length ?? 0;
    const failures = xml.match(/<failure /g)?.length ?? 0;
    const items = result.report.checklist!.items;
    expect(cases).toBeGreaterThanOrEqual(items.length + result.report.pages.length * 3);
    const bad = items.filter((i) => i.status === 'missing' || i.status === 'insufficient').length;
    expect(failures).toBeGreaterThanOrEqual(bad);
    expect(xml).toMatch(new RegExp(`<testsuites name="zhicheng-precheck" tests="${cases}" failures="${failures}"`));
    expect(failures > 0).toBe(result.report.summary.errors > 0);
  });
});
