import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApplication } from '../../scripts/samples/index.ts';
import { tempDir } from '../helpers/tmp.ts';

const BIN = join(process.cwd(), 'bin', 'zhicheng-precheck.js');

function batch(root: string, out: string, onStderr?: (s: string, kill: () => void) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'batch', root, '--out', out, '-j', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr, () => child.kill('SIGKILL'));
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout }));
  });
}

/** Every output file (hidden journal files aside) by its hash; reports with run-specific fields dropped. */
async function outputs(out: string): Promise<Record<string, unknown>> {
  const res: Record<string, unknown> = {};
  for (const e of await readdir(out, { withFileTypes: true, recursive: true })) {
    const p = join(e.parentPath, e.name);
    const rel = relative(out, p);
    if (!e.isFile() || rel.split('/').some((s) => s.startsWith('.')) || /index\.(html|json)$|report\.html$/.test(rel)) continue;
    const buf = await readFile(p);
    if (rel.endsWith('report.json')) {
      const r = JSON.parse(buf.toString());
      delete r.generatedAt;
      for (const pg of r.pages) delete pg.timingsMs;
      res[rel] = r;
    } else res[rel] = createHash('sha256').update(buf).digest('hex');
  }
  return res;
}

const journalKeys = async (out: string): Promise<string[]> => {
  const keys: string[] = [];
  for (const e of await readdir(out, { withFileTypes: true, recursive: true })) {
    if (e.name !== '.journal.jsonl') continue;
    for (const l of (await readFile(join(e.parentPath, e.name), 'utf8')).split('\n')) {
      if (!l) continue;
      const j = JSON.parse(l);
      if (j.type === 'page') keys.push(`${relative(out, e.parentPath)}:${j.key}`);
    }
  }
  return keys;
};

describe('batch: SIGKILL mid-run, restart, same result, nothing redone', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let root: string;
  let clean: Awaited<ReturnType<typeof batch>>;

  beforeAll(async () => {
    tmp = await tempDir('batch');
    root = join(tmp.dir, 'root');
    const clear = { rotation: 0 as const, skewDeg: 0.4, blurSigma: 0.3, jpegQuality: 88 };
    for (let i = 0; i < 2; i++) {
      await generateApplication({
        dir: join(root, `组${i}`, `申报人${i}`),
        seed: 300 + i,
        docs: [
          { type: 'id_card_front', format: 'jpeg', clarity: 'ok', degrade: clear },
          { type: 'personal_pledge', format: 'png', clarity: 'ok', degrade: clear },
        ],
      });
    }
    // The same scan uploaded twice: processed once.
    const a = join(root, '组0', '申报人0', '基本信息');
    await copyFile(join(a, '身份证正面.jpg'), join(a, '身份证正面（重复）.jpg'));
    clean = await batch(root, join(tmp.dir, 'clean'));
  }, 600_000);

  afterAll(async () => {
    await tmp?.cleanup();
  });

  it('a clean run finishes with the check exit code, an index and a report per application', async () => {
    expect(clean.code).toBe(1); // the generated applications miss most of the checklist
    const files = await outputs(join(tmp.dir, 'clean'));
    expect(Object.keys(files).filter((f) => f.endsWith('report.json'))).toHaveLength(2);
    const keys = await journalKeys(join(tmp.dir, 'clean'));
    expect(keys).toHaveLength(4); // 5 pages, one a duplicate
  });

  it('killed after its first journalled page, then restarted: equal outputs, journalled pages not redone', async () => {
    const out = join(tmp.dir, 'resumed');
    const killed = await batch(root, out, (stderr, kill) => {
      if (/进度 [1-9]/.test(stderr) || /申报人0：/.test(stderr)) kill();
    });
    expect(killed.signal).toBe('SIGKILL');
    const before = await journalKeys(out);
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(4);

    const resumed = await batch(root, out);
    expect(resumed.code).toBe(clean.code);
    const after = await journalKeys(out);
    // Append-only journal: a page analysed again would appear twice.
    expect(new Set(after).size).toBe(after.length);
    for (const k of before) expect(after).toContain(k);
    expect(after).toHaveLength(4);
    expect(await outputs(out)).toEqual(await outputs(join(tmp.dir, 'clean')));
  });
});
