import { join } from 'node:path';
import { writeAtomic } from '../mask/write-outputs.ts';
import { CSP, SCRIPT, STYLE } from './html/assets.ts';
import { BOX_LABEL, DOC_TYPE_ZH, SEVERITY_ZH, STATUS_ZH } from './html/labels.ts';
import { loadPageImages, pageKey, type ImageOptions, type PageImages } from './html/page-images.ts';
import type { PageReport, Report, ReportFinding } from './schema.ts';

/**
 * report.html: the reviewer's report of one application, one self-contained file (inline style,
 * script and images; a Content-Security-Policy forbids every fetch). Checklist at the top, then every
 * page: the masked output with each mask outlined and labelled, names and seals left visible outlined
 * in other colours, the findings beside it, the original on demand.
 */
export function renderReportHtml(report: Report, images: Map<string, PageImages>): string {
  const s = report.summary;
  const pageIds = new Map(report.pages.map((p, i) => [pageKey(p.file, p.page), `p${i + 1}`]));
  // Findings of a checklist item are said by its row already.
  const checklistRules = new Set(report.checklist?.items.map((i) => i.ruleId) ?? []);
  const appFindings = report.findings.filter((f) => !checklistRules.has(f.ruleId));
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>遮盖核对报告 · ${esc(report.application)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">
  <h1>遮盖核对报告：${esc(report.application)}</h1>
  <div class="summary">
    <span>${s.files} 个文件，${s.pages} 页</span>
    <span>遮盖姓名 ${s.masks.applicant_name} 处、单位公章 ${s.masks.employer_seal} 处</span>
    <span><span class="badge sev-error">错误 ${s.errors}</span> <span class="badge sev-warning">警告 ${s.warnings}</span></span>
    <span><span class="badge b-review">需人工核对 ${s.pagesNeedingReview} 页</span></span>
  </div>
  <div class="filters">
    <label><input type="checkbox" id="only-review"> 只看需人工核对的页面</label>
    <label><input type="checkbox" id="only-errors"> 只看错误</label>
    <span>显示 <b id="shown">${report.pages.length}</b> / ${report.pages.length} 页</span>
    <button type="button" id="all-originals" aria-pressed="false">全部显示原件</button>
  </div>
</header>
<main>
${renderChecklist(report)}
${appFindings.length ? `<section class="block" id="app-findings"><h2>整份材料的问题</h2>${renderFindings(appFindings, undefined)}</section>` : ''}
<section class="block">
  <div class="legend">
    <span><i class="lg-mask"></i>已遮盖：${BOX_LABEL.applicant_name} / ${BOX_LABEL.employer_seal}（红框）</span>
    <span><i class="lg-other"></i>保留：${BOX_LABEL.other_name}（蓝色虚线）</span>
    <span><i class="lg-seal"></i>保留：${BOX_LABEL.other_seal}（绿色虚线）</span>
    <span><i class="lg-review"></i>${BOX_LABEL.review}（黄色点线）</span>
  </div>
  <div class="chips">${report.pages.map((p) => `<a href="#${pageIds.get(pageKey(p.file, p.page))}" class="${pageHasErrors(p) ? 'c-error' : ''} ${p.needsReview ? 'c-review' : ''}">${esc(p.file)} 第${p.page}页</a>`).join('')}</div>
</section>
${report.pages.map((p) => renderPage(p, pageIds.get(pageKey(p.file, p.page))!, images.get(pageKey(p.file, p.page)) ?? {}, report)).join('\n')}
<div class="empty-filter">没有符合筛选条件的页面。</div>
<footer style="color:#888;font-size:12px">${esc(report.tool.name)} ${esc(report.tool.version)} · 规则 ${esc(report.checklist?.notice ?? '—')} · 生成于 ${esc(report.generatedAt)}</footer>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function renderChecklist(report: Report): string {
  const items = report.checklist?.items ?? [];
  if (items.length === 0) return '';
  const bad = items.filter((i) => i.status === 'missing' || i.status === 'insufficient').length;
  const row = (i: (typeof items)[number]) => {
    const ok = i.status !== 'missing' && i.status !== 'insufficient';
      return `<tr class="${ok ? 'cl-ok' : 'cl-bad'}" data-status="${i.status}"><td><span class="badge st-${i.status}">${STATUS_ZH[i.status]}</span></td><td>${esc(DOC_TYPE_ZH[i.docTypes[0]] ?? i.id)}</td><td>${esc(i.reason)}</td></tr>`;
  };
  const isBad = (i: (typeof items)[number]) => i.status === 'missing' || i.status === 'insufficient';
  const head = '<thead><tr><th style="width:6em">状态</th><th style="width:14em">材料</th><th>说明</th></tr></thead>';
  const good = items.filter((i) => !isBad(i));
  // What is missing stays in sight; what is there is one click away, so the pages start high up.
  return `<section class="block" id="checklist"><h2>材料清单（${items.length} 项，缺少或不足 ${bad} 项）</h2><table>${head}<tbody>${items.filter(isBad).map(row).join('')}</tbody></table>${
    good.length ? `<details><summary>已提供、免提交或不适用的 ${good.length} 项</summary><table>${head}<tbody>${good.map(row).join('')}</tbody></table></details>` : ''
  }</section>`;
}

const pageHasErrors = (p: PageReport) => p.findings.some((f) => f.severity === 'error');

function renderPage(p: PageReport, id: string, img: PageImages, report: Report): string {
  const file = report.files.find((f) => f.file === p.file);
  const errors = p.findings.filter((f) => f.severity === 'error').length;
  const warnings = p.findings.filter((f) => f.severity === 'warning').length;
  const docType = p.docType ? `${DOC_TYPE_ZH[p.docType.id] ?? p.docType.id}（${Math.round(p.docType.confidence * 100)}%）` : '—';
  const orientation = p.orientation?.corrected ? `已转正（原件顺时针旋转了 ${p.orientation.detected}°）` : p.orientation?.detected ? `方向 ${p.orientation.detected}°（未转正）` : '正向';
  const meta = [
    `类型：${docType}`,
    orientation,
    p.clarity ? `清晰度 ${p.clarity.score}${p.clarity.ok ? '' : '（不合格）'}` : '',
    `遮盖 ${p.masks.length} 处，占页面 ${(p.maskedShare * 100).toFixed(1)}%`,
    `保留他人姓名 ${p.otherNames.length} 处`,
  ].filter(Boolean);
  const { svg, findingBoxes } = overlay(p, id);
  const masked = img.masked
    ? `<div class="frame"><img alt="遮盖后 ${esc(p.file)} 第${p.page}页" src="${img.masked}">${svg}</div>`
    : `<div class="missing-img">${file?.output ? '遮盖件无法读取' : '此文件未生成遮盖件'}${file?.error ? `：${esc(file.error)}` : ''}</div>`;
  const original = img.original ? `<div class="frame"><img alt="原件 ${esc(p.file)} 第${p.page}页" loading="lazy" src="${img.original}"></div>` : `<div class="missing-img">原件无法读取</div>`;
  return `<article class="page" id="${id}" data-file="${esc(p.file)}" data-page="${p.page}" data-review="${p.needsReview ? 1 : 0}" data-errors="${errors ? 1 : 0}">
<h3>${esc(p.file)} · 第${p.page}页 ${errors ? `<span class="badge sev-error">错误 ${errors}</span>` : ''} ${warnings ? `<span class="badge sev-warning">警告 ${warnings}</span>` : ''} ${p.needsReview ? '<span class="badge b-review">需人工核对</span>' : ''} <button type="button" data-toggle-original>显示原件</button></h3>
<div class="meta">${meta.map(esc).join(' · ')}${file?.output ? ` · 遮盖件：${esc(file.output)}` : ''}</div>
<div class="page-body">
  <div class="figures">
    <figure class="masked"><figcaption>遮盖后（将上传的文件）</figcaption>${masked}</figure>
    <figure class="original"><figcaption>原件（按扫描原样）</figcaption>${original}</figure>
  </div>
  <div>${p.findings.length ? renderFindings(p.findings, findingBoxes) : '<p class="nothing">本页无问题。</p>'}</div>
</div>
</article>`;
}

function renderFindings(findings: ReportFinding[], boxIds: Map<ReportFinding, string> | undefined): string {
  return `<ul class="findings">${findings
    .map((f) => {
      const box = boxIds?.get(f);
      return `<li class="f-${f.severity}"${box ? ` data-box="${box}"` : ''}><span class="badge sev-${f.severity}">${SEVERITY_ZH[f.severity]}</span> ${esc(f.message)}${f.needsReview ? ' <span class="badge b-review">核对</span>' : ''}<span class="rule">${esc(f.ruleId)}</span></li>`;
    })
    .join('')}</ul>`;
}

type Kind = 'mask' | 'other' | 'seal' | 'review';

/** The SVG drawn over the masked page, in the page's own pixels (the image is scaled, the boxes with it). */
function overlay(p: PageReport, id: string): { svg: string; findingBoxes: Map<ReportFinding, string> } {
  const W = p.width;
  const H = p.height;
  const fs = Math.max(10, Math.round(Math.max(W, H) / 85));
  const shapes: string[] = [];
  const labels: string[] = [];
  let n = 0;
  const label = (kind: Kind, text: string, x: number, y: number, h: number) => {
    const w = Math.round(text.length * fs * 0.95 + fs * 0.6);
    // Masks are labelled above their box, what is left visible below: two labels rarely collide.
    const above = kind === 'mask' ? y - fs * 1.35 >= 0 : y + h + fs * 1.35 > H;
    const ly = above ? y - fs * 1.35 : Math.min(H - fs * 1.3, y + h + 2);
    const lx = Math.max(0, Math.min(W - w, x));
    labels.push(`<g class="lb k-${kind}"><rect x="${lx}" y="${ly}" width="${w}" height="${Math.round(fs * 1.3)}" rx="${Math.round(fs / 4)}"/><text x="${lx + fs * 0.3}" y="${ly + fs * 1.02}" font-size="${fs}">${esc(text)}</text></g>`);
  };
  const rect = (kind: Kind, b: number[], text: string, elId?: string, title?: string) => {
    shapes.push(`<rect${elId ? ` id="${elId}"` : ''} class="bx k-${kind}" x="${b[0]}" y="${b[1]}" width="${b[2]}" height="${b[3]}">${title ? `<title>${esc(title)}</title>` : ''}</rect>`);
    label(kind, text, b[0], b[1], b[3]);
  };
  for (const m of p.masks) rect('mask', m.box, BOX_LABEL[m.kind]);
  for (const o of p.otherNames) rect('other', o.box, BOX_LABEL.other_name, undefined, o.text);
  for (const s of p.seals) {
    if (s.masked) continue; // drawn as its mask
    const kind: Kind = s.owner === 'other' ? 'seal' : 'review';
    const e = s.ellipse;
    shapes.push(`<ellipse class="bx k-${kind}" cx="${e.cx}" cy="${e.cy}" rx="${e.rx}" ry="${e.ry}" transform="rotate(${e.angleDeg} ${e.cx} ${e.cy})"/>`);
    label(kind, s.owner === 'other' ? `${BOX_LABEL.other_seal}${s.ownerText ? `：${s.ownerText}` : ''}` : BOX_LABEL.unknown_seal, s.box[0], s.box[1], s.box[3]);
  }
  const findingBoxes = new Map<ReportFinding, string>();
  for (const f of p.findings) {
    if (!f.box) continue;
    const elId = `${id}-f${++n}`;
    findingBoxes.set(f, elId);
    const same = p.masks.some((m) => sameBox(m.box, f.box!)) || p.seals.some((s) => sameBox(s.box, f.box!));
    if (same) {
      // Already outlined; an invisible twin the finding can highlight.
      shapes.push(`<rect id="${elId}" class="bx" style="stroke:none" x="${f.box[0]}" y="${f.box[1]}" width="${f.box[2]}" height="${f.box[3]}"/>`);
    } else {
      rect('review', f.box, BOX_LABEL.review, elId);
    }
  }
  return { svg: `<svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" aria-hidden="true">${shapes.join('')}${labels.join('')}</svg>`, findingBoxes };
}

const sameBox = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 2);

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Writes report.html beside report.json (atomically, like every output). */
export async function writeReportHtml(report: Report, dirs: { appDir: string; outDir: string }, options: ImageOptions = {}): Promise<string> {
  const images = await loadPageImages(report, dirs, options);
  const dest = join(dirs.outDir, 'report.html');
  await writeAtomic(dest, Buffer.from(renderReportHtml(report, images)));
  return dest;
}

/** One line of the batch index. */
export interface IndexEntry {
  application: string;
  /** report.html relative to the index; absent when the application could not be processed. */
  href?: string;
  files?: number;
  pages?: number;
  errors?: number;
  warnings?: number;
  pagesNeedingReview?: number;
  masks?: number;
  checklistMissing?: number;
  /** Why the tool could not process it (bad applicant.json …). */
  failure?: string;
}

/** index.html of a batch: counts, who needs a person, a link to each report.html. */
export function renderIndexHtml(entries: IndexEntry[], meta: { root: string; generatedAt: string }): string {
  const sum = (k: keyof IndexEntry) => entries.reduce((s, e) => s + ((e[k] as number | undefined) ?? 0), 0);
  const needReview = entries.filter((e) => (e.pagesNeedingReview ?? 0) > 0).length;
  const withErrors = entries.filter((e) => (e.errors ?? 0) > 0 || e.failure).length;
  const rows = entries
    .map((e) => {
      const state = e.failure ? '<span class="badge sev-error">处理失败</span>' : (e.errors ?? 0) > 0 ? '<span class="badge sev-error">有错误</span>' : (e.warnings ?? 0) > 0 ? '<span class="badge sev-warning">有警告</span>' : '<span class="badge st-present">通过</span>';
      const review = (e.pagesNeedingReview ?? 0) > 0 ? `<span class="badge b-review">${e.pagesNeedingReview} 页</span>` : '—';
      const name = e.href ? `<a href="${esc(encodeURI(e.href))}">${esc(e.application)}</a>` : esc(e.application);
      return `<tr data-review="${(e.pagesNeedingReview ?? 0) > 0 ? 1 : 0}" data-errors="${(e.errors ?? 0) > 0 || e.failure ? 1 : 0}"><td>${name}</td><td>${state}${e.failure ? ` ${esc(e.failure)}` : ''}</td><td>${review}</td><td>${e.pages ?? '—'}</td><td>${e.masks ?? '—'}</td><td>${e.errors ?? '—'}</td><td>${e.warnings ?? '—'}</td><td>${e.checklistMissing ?? '—'}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>批量预检汇总</title>
<style>${STYLE}
body.only-review tbody tr:not([data-review="1"]) { display: none; }
body.only-errors tbody tr:not([data-errors="1"]) { display: none; }
</style>
</head>
<body>
<header class="top">
  <h1>批量预检汇总</h1>
  <div class="summary">
    <span>${entries.length} 份申报材料，${sum('pages')} 页</span>
    <span><span class="badge b-review">需人工核对 ${needReview} 份</span></span>
    <span><span class="badge sev-error">有错误 ${withErrors} 份</span></span>
    <span>错误 ${sum('errors')}，警告 ${sum('warnings')}</span>
  </div>
  <div class="filters">
    <label><input type="checkbox" id="only-review"> 只看需人工核对的</label>
    <label><input type="checkbox" id="only-errors"> 只看有错误的</label>
  </div>
</header>
<main>
<section class="block">
<table><thead><tr><th>申报材料</th><th>结果</th><th>需人工核对</th><th>页数</th><th>遮盖</th><th>错误</th><th>警告</th><th>清单缺项</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>
<footer style="color:#888;font-size:12px">${esc(meta.root)} · 生成于 ${esc(meta.generatedAt)}</footer>
</main>
<script>
(function () {
  var b = document.body;
  ['only-review', 'only-errors'].forEach(function (id) {
    var c = document.getElementById(id);
    c.addEventListener('change', function () { b.classList.toggle(id, c.checked); });
  });
})();
</script>
</body>
</html>
`;
}

export async function writeIndexHtml(dest: string, entries: IndexEntry[], meta: { root: string; generatedAt: string }): Promise<void> {
  await writeAtomic(dest, Buffer.from(renderIndexHtml(entries, meta)));
}
