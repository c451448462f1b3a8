/**
 * The benchmark's generated set: `apps` applications from one seed, cached under `root` so that
 * repeated runs (and the batch benchmark) measure the same pages. Every third application carries a
 * corrupt scan, as a real batch would.
 */
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { generateApplication, readTruth, type ApplicationTruth } from '../samples/index.ts';

export interface BenchSet {
  dir: string;
  truths: ApplicationTruth[];
  /** Seconds spent generating pages that were not cached. */
  generationS: number;
}

export async function ensureBenchSet(root: string, seed: number, apps: number, fresh = false): Promise<BenchSet> {
  const dir = join(root, `set-${seed}-${apps}`);
  if (fresh) await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const t0 = performance.now();
  const truths: ApplicationTruth[] = [];
  for (let i = 0; i < apps; i++) {
    const app = join(dir, `application-${String(i + 1).padStart(3, '0')}`);
    if (existsSync(`${app}.truth.json`)) truths.push(await readTruth(`${app}.truth.json`));
    else truths.push(await generateApplication({ dir: app, seed: seed + i * 7919, corrupt: i % 3 === 2 }));
  }
  return { dir, truths, generationS: (performance.now() - t0) / 1000 };
}

/** Pages in a set, as the pipeline counts them (a corrupt file counts as one page). */
export const pagesOf = (truths: ApplicationTruth[]): number => truths.reduce((s, t) => s + t.files.reduce((a, f) => a + Math.max(1, f.pages.length), 0), 0);

/**
 * The part of a set whose files match `pattern` (a regular expression on the relative path), linked
 * into its own folder: for re-running only the pages a change is about. Truths are filtered alike.
 */
export async function subsetOf(set: BenchSet, pattern: RegExp): Promise<BenchSet> {
  const dir = `${set.dir}-only`;
  await rm(dir, { recursive: true, force: true });
  const truths: ApplicationTruth[] = [];
  for (const t of set.truths) {
    const files = t.files.filter((f) => pattern.test(f.file));
    if (!files.length) continue;
    const from = join(set.dir, t.application);
    const to = join(dir, t.application);
    await mkdir(to, { recursive: true });
    await copyFile(join(from, 'applicant.json'), join(to, 'applicant.json'));
    for (const f of files) {
      await mkdir(dirname(join(to, f.file)), { recursive: true });
      await link(join(from, f.file), join(to, f.file));
    }
    truths.push({ ...t, files });
  }
  return { dir, truths, generationS: set.generationS };
}
