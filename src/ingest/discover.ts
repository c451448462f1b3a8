import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Names beside the scans that are not scans. */
const NOT_SCANS = new Set(['applicant.json', 'thumbs.db', 'desktop.ini']);

/**
 * Every file of an application folder that may be a scan, sorted, as paths relative to the folder
 * with forward slashes. Hidden files and folders are skipped; the format is decided later by content.
 */
export async function discoverScans(appDir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const abs = join(dir, e.name);
      if (e.isDirectory()) await walk(abs);
      else if (e.isFile() && !NOT_SCANS.has(e.name.toLowerCase()) && !e.name.endsWith('.truth.json')) {
        out.push(relative(appDir, abs).split(sep).join('/'));
      }
    }
  }
  await walk(appDir);
  return out.sort((a, b) => a.localeCompare(b, 'zh'));
}

/** The platform section a scan sits in: its first sub-folder (学历证明, 业绩成果 …), if any. */
export function sectionOf(file: string): string | undefined {
  const i = file.indexOf('/');
  return i > 0 ? file.slice(0, i) : undefined;
}
