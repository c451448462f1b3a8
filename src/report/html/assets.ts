/** Inline style and script of the reviewer's report: the page loads nothing from anywhere. */
export const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

export const STYLE = `
:root { --err:#c62828; --warn:#b26a00; --ok:#2e7d32; --mask:#e53935; --other:#1565c0; --seal:#00897b; --review:#f9a825; --muted:#666; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif; color: #222; background: #f3f4f6; }
header.top { position: sticky; top: 0; z-index: 5; background: #fff; border-bottom: 1px solid #ddd; padding: 8px 16px; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; }
header.top h1 { font-size: 18px; margin: 0; }
.summary span { margin-right: 12px; white-space: nowrap; }
.filters label { margin-right: 16px; cursor: pointer; user-select: none; white-space: nowrap; }
.filters button { margin-left: 8px; }
main { padding: 12px 16px; }
section.block { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; margin-bottom: 12px; }
section.block h2 { font-size: 16px; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; color: #fff; white-space: nowrap; }
.st-present { background: var(--ok); } .st-missing, .st-insufficient { background: var(--err); } .st-exempt, .st-not_applicable { background: #9e9e9e; }
.sev-error { background: var(--err); } .sev-warning { background: var(--warn); } .sev-info { background: #607d8b; }
.b-review { background: var(--review); color: #222; }
.legend span { margin-right: 14px; white-space: nowrap; }
.legend i { display: inline-block; width: 22px; height: 12px; margin-right: 4px; vertical-align: middle; border: 3px solid; }
.lg-mask { border-color: var(--mask) !important; background: #000; } .lg-other { border-color: var(--other) !important; border-style: dashed !important; }
.lg-seal { border-color: var(--seal) !important; border-style: dashed !important; } .lg-review { border-color: var(--review) !important; border-style: dotted !important; }
.chips a { display: inline-block; margin: 2px 4px 2px 0; padding: 1px 8px; border-radius: 10px; font-size: 12px; text-decoration: none; color: #222; background: #e0e0e0; }
.chips a.c-error { background: #ffcdd2; } .chips a.c-review { background: #ffe082; }
article.page { scroll-margin-top: 90px; background: #fff; border: 1px solid #ddd; border-left: 6px solid var(--ok); border-radius: 6px; margin-bottom: 14px; padding: 10px 14px; }
article.page[data-review="1"] { border-left-color: var(--review); }
article.page[data-errors="1"] { border-left-color: var(--err); }
article.page h3 { margin: 0 0 6px; font-size: 15px; }
article.page .meta { color: var(--muted); font-size: 12px; margin-bottom: 8px; }
.page-body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(260px, 2fr); gap: 14px; }
.figures { display: grid; grid-template-columns: 1fr; gap: 10px; align-items: start; }
.show-original .figures { grid-template-columns: 1fr 1fr; }
figure { margin: 0; }
figure figcaption { font-size: 12px; color: var(--muted); }
.frame { position: relative; display: inline-block; max-width: 100%; line-height: 0; border: 1px solid #ccc; }
.frame img { display: block; max-width: 100%; max-height: 85vh; width: auto; height: auto; }
.frame svg { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
.missing-img { padding: 40px; text-align: center; color: var(--err); background: #fafafa; line-height: 1.5; }
figure.original { display: none; }
.show-original figure.original { display: block; }
svg .bx { fill: none; stroke-width: 3px; vector-effect: non-scaling-stroke; }
svg .k-mask { stroke: var(--mask); } svg .k-other { stroke: var(--other); stroke-dasharray: 8 4; }
svg .k-seal { stroke: var(--seal); stroke-dasharray: 8 4; } svg .k-review { stroke: var(--review); stroke-dasharray: 3 3; }
svg .lb rect { opacity: .85; } svg .lb text { fill: #fff; font-weight: bold; }
svg .lb.k-review text { fill: #222; }
svg .lb.k-mask rect { fill: var(--mask); } svg .lb.k-other rect { fill: var(--other); } svg .lb.k-seal rect { fill: var(--seal); } svg .lb.k-review rect { fill: var(--review); }
svg .hl { stroke-width: 7px; stroke: #ff00ff; }
ul.findings { list-style: none; margin: 0; padding: 0; }
ul.findings li { padding: 4px 0; border-bottom: 1px dashed #eee; }
ul.findings li[data-box] { cursor: crosshair; }
ul.findings .rule { color: var(--muted); font-size: 11px; margin-left: 4px; }
.nothing { color: var(--ok); }
body.only-review article.page:not([data-review="1"]), body.only-review .chips a:not(.c-review) { display: none; }
body.only-errors article.page:not([data-errors="1"]), body.only-errors .chips a:not(.c-error) { display: none; }
body.only-errors li.f-warning, body.only-errors li.f-info { display: none; }
body.only-errors tr.cl-ok { display: none; }
.empty-filter { display: none; padding: 20px; color: var(--muted); }
body.filtered-empty .empty-filter { display: block; }
@media (max-width: 900px) { .page-body { grid-template-columns: 1fr; } }
`;

export const SCRIPT = `
(function () {
  var body = document.body;
  var review = document.getElementById('only-review');
  var errors = document.getElementById('only-errors');
  var shown = document.getElementById('shown');
  var pages = Array.prototype.slice.call(document.querySelectorAll('article.page'));
  function apply() {
    body.classList.toggle('only-review', review.checked);
    body.classList.toggle('only-errors', errors.checked);
    var n = pages.filter(function (p) { return p.offsetParent !== null; }).length;
    shown.textContent = String(n);
    body.classList.toggle('filtered-empty', n === 0 && pages.length > 0);
  }
  review.addEventListener('change', apply);
  errors.addEventListener('change', apply);
  document.querySelectorAll('button[data-toggle-original]').forEach(function (b) {
    b.addEventListener('click', function () {
      var p = b.closest('article.page');
      var on = p.classList.toggle('show-original');
      b.textContent = on ? '隐藏原件' : '显示原件';
    });
  });
  var all = document.getElementById('all-originals');
  all.addEventListener('click', function () {
    var on = all.getAttribute('aria-pressed') !== 'true';
    all.setAttribute('aria-pressed', String(on));
    all.textContent = on ? '全部隐藏原件' : '全部显示原件';
    pages.forEach(function (p) {
      p.classList.toggle('show-original', on);
      var b = p.querySelector('button[data-toggle-original]');
      if (b) b.textContent = on ? '隐藏原件' : '显示原件';
    });
  });
  document.querySelectorAll('li[data-box]').forEach(function (li) {
    var el = document.getElementById(li.getAttribute('data-box'));
    if (!el) return;
    li.addEventListener('mouseenter', function () { el.classList.add('hl'); });
    li.addEventListener('mouseleave', function () { el.classList.remove('hl'); });
  });
  apply();
})();
`;
