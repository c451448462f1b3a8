import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { Box } from '../model/geometry.ts';
import type { RawImage } from '../model/image.ts';
import type { OcrChar, OcrEngine, OcrLine, OcrOptions, OcrPage } from '../model/ocr.ts';
import { requireLanguageData } from './model-path.ts';
import { toPnm } from './pgm.ts';

export interface TesseractEngineOptions {
  /** Number of tesseract workers in the pool; default: the number of cores. */
  workers?: number;
  /** Languages to load; default ['chi_sim']. 'chi_sim+eng' is known to drop English silently, so each
   * language gets its own worker set and callers choose per call. */
  langs?: Array<'chi_sim' | 'eng'>;
  tessdataDir?: string;
  /** Milliseconds a worker may take to start before we give up with a clear message. */
  startTimeoutMs?: number;
}

/** The tesseract.js worker script with its console silenced; use it for every tesseract worker. */
export const QUIET_WORKER = fileURLToPath(new URL('./quiet-worker.cjs', import.meta.url));

const PSM_OF: Record<NonNullable<OcrOptions['psm']>, PSM> = {
  auto: PSM.AUTO,
  single_block: PSM.SINGLE_BLOCK,
  single_line: PSM.SINGLE_LINE,
  sparse: PSM.SPARSE_TEXT,
};

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function startWorker(lang: string, dir: string, timeoutMs: number): Promise<Worker> {
  const worker = await withTimeout(
    createWorker(lang, OEM.LSTM_ONLY, {
      langPath: dir,
      gzip: false,
      cacheMethod: 'none',
      workerPath: QUIET_WORKER,
      errorHandler: () => undefined,
    }),
    timeoutMs,
    `OCR worker (${lang}) start`,
  );
  // No vertical text lines: these documents are written across, and a dense table otherwise comes back
  // as columns read top to bottom.
  await worker.setParameters({ preserve_interword_spaces: '1', user_defined_dpi: '300', textord_tabfind_vertical_text: '0' } as never);
  return worker;
}

type TBox = { x0: number; y0: number; x1: number; y1: number };
const toBox = (b: TBox): Box => [b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0];

/** Flattens tesseract's block tree into lines of characters; a gap between words becomes a space. */
export function linesFromBlocks(blocks: any[] | null | undefined): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of blocks ?? []) {
    for (const para of block.paragraphs ?? []) {
      for (const line of para.lines ?? []) {
        const chars: OcrChar[] = [];
        let text = '';
        for (const word of line.words ?? []) {
          if (chars.length > 0) text += ' ';
          for (const sym of word.symbols ?? []) {
            const t = String(sym.text ?? '');
            if (!t.trim()) continue;
            chars.push({ text: t, box: toBox(sym.bbox), confidence: Number(sym.confidence ?? 0) });
            text += t;
          }
        }
        if (chars.length === 0) continue;
        lines.push({ text, box: toBox(line.bbox), confidence: Number(line.confidence ?? 0), chars });
      }
    }
  }
  return lines;
}

export function pageConfidence(lines: OcrLine[]): number {
  let sum = 0;
  let n = 0;
  for (const l of lines) {
    sum += l.confidence * l.chars.length;
    n += l.chars.length;
  }
  return n ? sum / n : 0;
}

/**
 * A pool of tesseract.js workers behind one `recognize` call. Workers are created once and reused for
 * every page; a page goes to whichever worker is free. (tesseract.js's own scheduler cannot change the
 * segmentation mode per job, and seal strips and name lines need a different one than pages.)
 */
export async function createTesseractEngine(opts: TesseractEngineOptions = {}): Promise<OcrEngine> {
  const langs = opts.langs ?? ['chi_sim'];
  const n = Math.max(1, opts.workers ?? cpus().length);
  const timeoutMs = opts.startTimeoutMs ?? 60_000;
  const pools = new Map<string, WorkerPool>();
  for (const lang of langs) {
    const dataDir = requireLanguageData(lang, opts.tessdataDir);
    const workers = await Promise.all(Array.from({ length: n }, () => startWorker(lang, dataDir, timeoutMs)));
    pools.set(lang, new WorkerPool(workers));
  }

  return {
    async recognize(image: RawImage, options: OcrOptions = {}): Promise<OcrPage> {
      const lang = options.lang ?? 'chi_sim';
      const pool = pools.get(lang);
      if (!pool) throw new Error(`OCR language not loaded: ${lang}`);
      const psm = PSM_OF[options.psm ?? 'auto'];
      const result = await pool.run(async (slot) => {
        if (slot.psm !== psm) {
          await slot.worker.setParameters({ tessedit_pageseg_mode: psm });
          slot.psm = psm;
        }
        return slot.worker.recognize(toPnm(image), {}, { blocks: true, text: false });
      });
      const lines = linesFromBlocks(result.data.blocks);
      return { width: image.width, height: image.height, lines, confidence: pageConfidence(lines), source: 'ocr' };
    },
    async terminate() {
      await Promise.all([...pools.values()].map((p) => p.terminate()));
      pools.clear();
    },
  };
}

interface Slot {
  worker: Worker;
  psm: PSM | undefined;
}

/** Hands each job to a free worker; jobs wait in arrival order when all are busy. */
class WorkerPool {
  private free: Slot[];
  private all: Slot[];
  private waiting: Array<(slot: Slot) => void> = [];

  constructor(workers: Worker[]) {
    this.all = workers.map((worker) => ({ worker, psm: undefined }));
    this.free = [...this.all];
  }

  async run<T>(job: (slot: Slot) => Promise<T>): Promise<T> {
    const slot = this.free.pop() ?? (await new Promise<Slot>((resolve) => this.waiting.push(resolve)));
    try {
      return await job(slot);
    } finally {
      const next = this.waiting.shift();
      if (next) next(slot);
      else this.free.push(slot);
    }
  }

  async terminate(): Promise<void> {
    await Promise.all(this.all.map((s) => s.worker.terminate()));
  }
}
