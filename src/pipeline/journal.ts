import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { sectionOf } from '../ingest/discover.ts';
import { writeAtomic } from '../mask/write-outputs.ts';
import type { RawImage } from '../model/image.ts';
import type { FinishedPage, PageCache } from './run-application.ts';

/**
 * The batch journal of one application: an append-only JSON-lines file in its output folder, one
 * line per finished page, fsync'd after its masked page image. A run killed at any moment leaves
 * whole lines and whole images (a torn last line is cut off on reopen); the next run takes every
 * journalled page from here instead of analysing it again.
 *
 *   <out>/<app>/.journal.jsonl       {"type":"header",…} then {"type":"page",…}… then {"type":"done",…}
 *   <out>/<app>/.pages/<sha256>-<page>.png   the masked page, lossless, until the application is done
 */
export const JOURNAL_FILE = '.journal.jsonl';
export const PAGES_DIR = '.pages';

interface HeaderLine {
  type: 'header';
  version: 1;
  /** What the pages depend on (tool version, profile, options): another fingerprint, another journal. */
  fingerprint: string;
}
interface PageLine {
  type: 'page';
  key: string;
  /** The file it was analysed as; a copy of the same scan under another name is re-labelled. */
  file: string;
  png: string;
  channels: 1 | 3;
  pageSizePt?: [number, number];
  report: FinishedPage['report'];
  classifyInput: FinishedPage['classifyInput'];
}
interface DoneLine {
  type: 'done';
  /** Inputs and rules the finished report.json was made from. */
  inputs: string;
}
type Line = HeaderLine | PageLine | DoneLine;

export const fingerprint = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

export class PageJournal implements PageCache {
  /** Pages analysed in this run, and pages taken from the journal or from another copy of a scan. */
  readonly stats = { analysed: 0, reused: 0 };
  private readonly entries = new Map<string, PageLine>();
  private readonly inflight = new Map<string, Promise<PageLine>>();
  private done?: string;
  private appendChain: Promise<void> = Promise.resolve();

  private constructor(
    readonly outDir: string,
    private fh: FileHandle,
  ) {}

  /** Opens (or starts) the journal of one application output folder. */
  static async open(outDir: string, pagesFingerprint: string): Promise<PageJournal> {
    await mkdir(outDir, { recursive: true });
    const path = join(outDir, JOURNAL_FILE);
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch {
      // no journal yet
    }
    const lines: Line[] = [];
    let goodBytes = 0;
    for (const raw of text.split('\n')) {
      const end = goodBytes + Buffer.byteLength(raw) + 1;
      if (end > Buffer.byteLength(text)) break; // the last line has no newline: torn by a kill
      try {
        lines.push(JSON.parse(raw) as Line);
      } catch {
        break;
      }
      goodBytes = end;
    }
    const header = lines[0];
    const fresh = !(header?.type === 'header' && header.version === 1 && header.fingerprint === pagesFingerprint);
    if (fresh) {
      // Another profile, other options or another tool version: nothing in here can be trusted.
      await rm(join(outDir, PAGES_DIR), { recursive: true, force: true });
    }
    if (fresh) await writeFile(path, '');
    else await truncate(path, goodBytes);
    const fh = await open(path, 'a');
    const journal = new PageJournal(outDir, fh);
    if (fresh) {
      await journal.append({ type: 'header', version: 1, fingerprint: pagesFingerprint });
    } else {
      for (const l of lines) {
        if (l.type === 'page') journal.entries.set(l.key, l);
        else if (l.type === 'done') journal.done = l.inputs;
      }
    }
    return journal;
  }

  /** Pages journalled and still usable. */
  get size(): number {
    return this.entries.size;
  }

  /** True when report.json was finished from exactly these inputs. */
  isDone(inputs: string): boolean {
    return this.done === inputs;
  }

  async get(scan: { file: string; sha256: string }, page: number, analyse: () => Promise<FinishedPage>): Promise<FinishedPage> {
    const key = `${scan.sha256}-${page}`;
    let line: PageLine | undefined = this.entries.get(key);
    let image: RawImage | undefined;
    if (line) {
      image = await this.readPage(line);
      if (!image) line = undefined; // image gone (cleaned up after a finished run): analyse again
    }
    if (!line) {
      const pending = this.inflight.get(key);
      if (pending) {
        line = await pending;
        image = await this.readPage(line);
        if (!image) throw new Error(`masked page ${line.png} missing`);
      } else {
        let fresh: FinishedPage | undefined;
        const p = (async () => {
          fresh = await analyse();
          return this.store(key, scan.file, fresh);
        })();
        this.inflight.set(key, p);
        try {
          line = await p;
        } finally {
          this.inflight.delete(key);
        }
        this.stats.analysed++;
        return fresh!;
      }
    }
    this.stats.reused++;
    return relabel(line, image!, scan.file);
  }

  /** Marks the application finished (report.json written) and drops the page images. */
  async markDone(inputs: string): Promise<void> {
    await this.append({ type: 'done', inputs });
    this.done = inputs;
    await rm(join(this.outDir, PAGES_DIR), { recursive: true, force: true });
  }

  async close(): Promise<void> {
    await this.appendChain.catch(() => undefined);
    await this.fh.close();
  }

  private async store(key: string, file: string, page: FinishedPage): Promise<PageLine> {
    const img = page.output.image;
    // The pipeline hands the journal each page before it compacts it for writing.
    if (!img) throw new Error(`journal: page ${key} arrived already encoded`);
    const png = `${PAGES_DIR}/${key}.png`;
    const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } }).png({ compressionLevel: 2 }).toBuffer();
    await writeAtomic(join(this.outDir, png), data);
    const line: PageLine = { type: 'page', key, file, png, channels: img.channels, pageSizePt: page.output.pageSizePt, report: page.report, classifyInput: page.classifyInput };
    await this.append(line);
    this.entries.set(key, line);
    return line;
  }

  private async readPage(line: PageLine): Promise<RawImage | undefined> {
    try {
      const { data, info } = await sharp(join(this.outDir, line.png)).raw().toBuffer({ resolveWithObject: true });
      if (info.channels !== line.channels) return undefined;
      return { data, width: info.width, height: info.height, channels: line.channels };
    } catch {
      return undefined;
    }
  }

  /** One whole line, then fsync; appends are serialised so lines never interleave. */
  private append(line: Line): Promise<void> {
    const text = JSON.stringify(line) + '\n';
    const next = this.appendChain.then(async () => {
      await this.fh.write(text);
      await this.fh.datasync();
    });
    this.appendChain = next.catch(() => undefined);
    return next;
  }
}

/** A journalled page as a fresh object for the file asking for it (a duplicate scan has another name). */
function relabel(line: PageLine, image: RawImage, file: string): FinishedPage {
  const report = structuredClone(line.report);
  const classifyInput = structuredClone(line.classifyInput);
  if (file !== line.file) {
    report.file = file;
    for (const f of report.findings) if (f.file === line.file) f.file = file;
    classifyInput.file = file;
    classifyInput.section = sectionOf(file);
  }
  return { report, classifyInput, output: { image, pageSizePt: line.pageSizePt } };
}
