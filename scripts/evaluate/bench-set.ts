/**
 * The benchmark's generated set: `apps` applications from one seed, cached under `root` so that
 * repeated runs (and the batch benchmark) measure the same pages. Every third application carries a
 * corrupt scan, as a real batch would.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
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
