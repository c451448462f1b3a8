import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RunOptionsSchema } from '../../src/pipeline/options.ts';
import { runApplication, type ApplicationResult } from '../../src/pipeline/run-application.ts';
import { scoreMasking, type MaskingScore } from '../../scripts/evaluate/masking.ts';
import { generateApplication, type ApplicationTruth } from '../../scripts/samples/index.ts';
import type { testEngines } from './engine.ts';

export interface GeneratedRun {
  appDir: string;
  truth: ApplicationTruth;
  result: ApplicationResult;
  score: MaskingScore;
}

/**
 * Generates one application under `dir`, runs the real pipeline on it and scores the masked
 * copies against the generator's truth. `keep`: only these files stay in the folder (a few pages
 * of a whole generated application). `beforeRun`: called between generating and running.
 */
export async function generateAndRun(
  dir: string,
  engine: Awaited<ReturnType<typeof testEngines>>,
  generate: Parameters<typeof generateApplication>[0] extends infer O ? Omit<O, 'dir'> : never,
  opts: { name?: string; keep?: string[]; beforeRun?: (appDir: string) => Promise<void> } = {},
): Promise<GeneratedRun> {
  const appDir = join(dir, opts.name ?? 'application');
  const keep = opts.keep;
  // Only the kept documents are drawn (the others' random numbers are drawn all the same).
  const base = (f: string) => f.replace(/\.[A-Za-z0-9]+$/, '');
  const all = await generateApplication({ ...generate, dir: appDir, ...(keep ? { only: (b: string) => keep.some((k) => base(k) === b) } : {}) });
  if (keep) for (const f of all.files) if (!keep.includes(f.file)) await rm(join(appDir, f.file), { force: true });
  const truth = keep ? { ...all, files: all.files.filter((f) => keep.includes(f.file)) } : all;
  await opts.beforeRun?.(appDir);
  const result = await runApplication(appDir, RunOptionsSchema.parse({ outDir: join(dir, 'out'), concurrency: 2 }), engine);
  return { appDir, truth, result, score: await scoreMasking(appDir, result.outDir, truth) };
}
