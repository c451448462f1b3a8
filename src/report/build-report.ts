import { createRequire } from 'node:module';
import type { Finding } from '../model/finding.ts';
import type { ApplicantProfile } from '../model/profile.ts';
import { ReportSchema, type FileReport, type PageReport, type Report } from './schema.ts';

const require = createRequire(import.meta.url);
const VERSION: string = require('../../package.json').version;

const byPlace = (a: { file?: string; page?: number }, b: { file?: string; page?: number }) =>
  (a.file ?? '').localeCompare(b.file ?? '', 'zh') || (a.page ?? 0) - (b.page ?? 0);

/** Assembles and validates report.json; pages come back sorted whatever order the queue finished in. */
export function buildReport(input: {
  application: string;
  profile: ApplicantProfile;
  files: FileReport[];
  pages: PageReport[];
  findings: Finding[];
  checklist?: Report['checklist'];
}): Report {
  const pages = [...input.pages].sort(byPlace);
  const files = [...input.files].sort((a, b) => a.file.localeCompare(b.file, 'zh'));
  const appFindings = [...input.findings].sort(byPlace);
  const all = [...appFindings, ...pages.flatMap((p) => p.findings)];
  const masks = { applicant_name: 0, employer_seal: 0 };
  for (const p of pages) for (const m of p.masks) masks[m.kind]++;
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'zhicheng-precheck', version: VERSION },
    application: input.application,
    generatedAt: new Date().toISOString(),
    summary: {
      files: files.length,
      pages: pages.length,
      masks,
      errors: all.filter((f) => f.severity === 'error').length,
      warnings: all.filter((f) => f.severity === 'warning').length,
      pagesNeedingReview: pages.filter((p) => p.needsReview).length,
    },
    files,
    pages,
    findings: appFindings.map((f) => ({ ...f, box: f.box ? (f.box.map(Math.round) as [number, number, number, number]) : undefined })),
    checklist: input.checklist,
  };
  return ReportSchema.parse(report);
}

/** Every finding of a report, application-level and per page. */
export function allFindings(report: Report) {
  return [...report.findings, ...report.pages.flatMap((p) => p.findings)];
}
