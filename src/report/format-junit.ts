import type { PageReport, Report, ReportFinding } from './schema.ts';
import { SEVERITY_ZH, STATUS_ZH } from './html/labels.ts';

/**
 * JUnit XML for CI (like ESLint's junit formatter): one <testsuite> per application, one <testcase>
 * per checklist item and per check of each page. A case fails (<failure>) when it has an error;
 * warnings and notes are printed in its <system-out> so the case stays green.
 */
export function formatJunit(reports: Report[]): string {
  return junitDocument(reports.map(junitSuite));
}

export interface JunitSuite {
  xml: string;
  tests: number;
  failures: number;
}

/** Wraps suites made one at a time (a batch keeps these strings, not the reports). */
export function junitDocument(suites: JunitSuite[]): string {
  const tests = suites.reduce((s, x) => s + x.tests, 0);
  const failures = suites.reduce((s, x) => s + x.failures, 0);
  return `<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="zhicheng-precheck" tests="${tests}" failures="${failures}" errors="0">\n${suites.map((s) => s.xml).join('')}</testsuites>\n`;
}

interface Case {
  classname: string;
  name: string;
  errors: ReportFinding[] | string[];
  notes: string[];
}

/** The checks of a page, each a test case: which findings belong to it goes by the rule id's prefix. */
const PAGE_CHECKS: Array<{ id: string; name: string; rules: (ruleId: string) => boolean }> = [
  { id: 'scan', name: '扫描质量（方向、清晰度、亮度）', rules: (r) => r.startsWith('scan/') },
  { id: 'mask', name: '姓名遮盖', rules: (r) => r.startsWith('mask/') },
  { id: 'seal', name: '单位公章', rules: (r) => r.startsWith('seal/') },
  { id: 'other', name: '其他检查', rules: (r) => !/^(scan|mask|seal)\//.test(r) },
];

const line = (f: ReportFinding) => `${SEVERITY_ZH[f.severity]} ${f.ruleId}: ${f.message}`;

export function junitSuite(r: Report): JunitSuite {
  const cases: Case[] = [];
  const checklistRules = new Set(r.checklist?.items.map((i) => i.ruleId) ?? []);
  for (const item of r.checklist?.items ?? []) {
    const failed = item.status === 'missing' || item.status === 'insufficient';
    const related = r.findings.filter((f) => f.ruleId === item.ruleId);
    cases.push({
      classname: `${r.application}.checklist`,
      name: `${item.id}（${STATUS_ZH[item.status]}）`,
      errors: failed ? (related.filter((f) => f.severity === 'error').length ? related.filter((f) => f.severity === 'error') : [item.reason]) : [],
      notes: [item.reason, ...related.filter((f) => f.severity !== 'error').map(line)],
    });
  }
  // Application-level findings that are not a checklist item's: one case per file they concern.
  const rest = r.findings.filter((f) => !checklistRules.has(f.ruleId));
  const byFile = new Map<string, ReportFinding[]>();
  for (const f of rest) byFile.set(f.file ?? '', [...(byFile.get(f.file ?? '') ?? []), f]);
  for (const [file, fs] of byFile) {
    cases.push({ classname: `${r.application}.${file ? 'file' : 'application'}`, name: file || '整份材料', errors: fs.filter((f) => f.severity === 'error'), notes: fs.filter((f) => f.severity !== 'error').map(line) });
  }
  for (const p of r.pages) cases.push(...pageCases(r.application, p));
  const failures = cases.filter((c) => c.errors.length > 0).length;
  const xml =
    `  <testsuite name="${attr(r.application)}" tests="${cases.length}" failures="${failures}" errors="0" timestamp="${attr(r.generatedAt)}">\n` +
    cases.map(caseXml).join('') +
    `  </testsuite>\n`;
  return { xml, tests: cases.length, failures };
}

function pageCases(application: string, p: PageReport): Case[] {
  return PAGE_CHECKS.map((c) => {
    const fs = p.findings.filter((f) => c.rules(f.ruleId));
    const notes = fs.filter((f) => f.severity !== 'error').map(line);
    if (c.id === 'mask') notes.unshift(`遮盖 ${p.masks.length} 处，保留他人姓名 ${p.otherNames.length} 处，遮盖面积 ${(p.maskedShare * 100).toFixed(1)}%`);
    return { classname: `${application}.${p.file}`, name: `第${p.page}页 ${c.name}`, errors: fs.filter((f) => f.severity === 'error'), notes };
  }).filter((c, i) => PAGE_CHECKS[i].id !== 'other' || c.errors.length + c.notes.length > 0);
}

function caseXml(c: Case): string {
  const errs = c.errors.map((e) => (typeof e === 'string' ? e : line(e)));
  const failure = errs.length ? `      <failure message="${attr(errs[0])}" type="error">${text(errs.join('\n'))}</failure>\n` : '';
  const out = c.notes.length ? `      <system-out>${text(c.notes.join('\n'))}</system-out>\n` : '';
  return `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}" time="0">\n${failure}${out}    </testcase>\n`;
}

// XML 1.0 forbids most control characters even escaped; OCR text can contain them.
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
const text = (s: string) => clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
