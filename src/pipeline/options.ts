import { cpus } from 'node:os';
import { z } from 'zod';
import { DEFAULT_MAX_MASKED_SHARE } from '../mask/plan.ts';

/** Options of one run, validated once at the edge (the CLI or a library caller). */
export const RunOptionsSchema = z.object({
  outDir: z.string().min(1),
  concurrency: z.number().int().min(1).max(64).default(Math.max(1, cpus().length)),
  keepOrientation: z.boolean().default(false),
  maxMaskedShare: z.number().gt(0).lt(1).default(DEFAULT_MAX_MASKED_SHARE),
  notice: z.string().optional(),
});
export type RunOptions = z.infer<typeof RunOptionsSchema>;
