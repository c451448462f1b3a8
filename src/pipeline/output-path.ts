import { nameCore, nameParts } from '../detect/names/chinese-names.ts';

/**
 * The masked copy keeps the scan's relative path, except that the applicant's name never appears in
 * it: a file called 张伟-身份证.jpg is written as XXX-身份证.jpg.
 */
export function maskedRelativePath(rel: string, applicantName: string): { path: string; renamed: boolean } {
  const variants = new Set<string>([applicantName, nameCore(applicantName), ...nameParts(applicantName).filter((p) => p.length >= 2)]);
  let out = rel;
  for (const v of [...variants].sort((a, b) => b.length - a.length)) {
    if (v.length >= 2) out = out.split(v).join('XXX');
  }
  return { path: out, renamed: out !== rel };
}
