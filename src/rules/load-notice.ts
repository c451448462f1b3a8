import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Notice } from './schema.ts';

export const NOTICES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'notices');
export const DEFAULT_NOTICE = 'aksu-coal-2024';

export class NoticeError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`评审通知规则文件无效：${file}\n${detail}`);
    this.name = 'NoticeError';
  }
}

/** Validates notice data already in memory; `file` names it in errors. */
export function parseNotice(data: unknown, file = '<memory>'): Notice {
  const r = Notice.safeParse(data);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new NoticeError(file, lines.join('\n'));
  }
  return r.data;
}

/** A bundled notice by id (`aksu-coal-2024`), or a JSON file by path; validated before use. */
export function loadNotice(idOrPath: string = DEFAULT_NOTICE): Notice {
  const file = /[\\/]|\.json$/.test(idOrPath) ? idOrPath : join(NOTICES_DIR, `${idOrPath}.json`);
  if (!existsSync(file)) throw new NoticeError(file, '文件不存在 / file not found');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new NoticeError(file, `不是有效的 JSON：${(e as Error).message}`);
  }
  return parseNotice(data, file);
}
