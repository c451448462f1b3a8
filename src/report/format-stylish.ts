import type { Report } from './schema.ts';
import { allFindings } from './build-report.ts';

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

/** The default stdout summary: Chinese, grouped by file, like ESLint's stylish formatter. */
export function formatStylish(reports: Report[], outDirs: string[]): string {
  const out: string[] = [];
  reports.forEach((r, i) => {
    const s = r.summary;
    out.push(`申报材料：${r.application}`);
    out.push(`  ${s.files} 个文件，${s.pages} 页；遮盖姓名 ${s.masks.applicant_name} 处、单位公章 ${s.masks.employer_seal} 处；需人工核对 ${s.pagesNeedingReview} 页`);
    const byFile = new Map<string, ReturnType<typeof allFindings>>();
    for (const f of allFindings(r)) {
      const k = f.file ?? '（整份材料）';
      byFile.set(k, [...(byFile.get(k) ?? []), f]);
    }
    for (const [file, fs] of byFile) {
      out.push(`  ${file}`);
      for (const f of fs) out.push(`    ${SEVERITY_ZH[f.severity]}  ${f.message}  ${f.ruleId}`);
    }
    if (r.checklist) {
      const missing = r.checklist.items.filter((i) => i.status === 'missing' || i.status === 'insufficient');
      out.push(`  材料清单：${r.checklist.items.length} 项，缺少或不足 ${missing.length} 项`);
      for (const m of missing) out.push(`    ✗ ${m.reason}`);
    }
    out.push(`  结果：${s.errors} 个错误，${s.warnings} 个警告 → ${outDirs[i]}`);
    out.push('');
  });
  return out.join('\n');
}
