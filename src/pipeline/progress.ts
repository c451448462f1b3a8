/**
 * Progress of a batch on stderr: a redrawn bar on a terminal, plain lines otherwise (CI logs, files).
 * Speed and time left count only pages analysed in this run, not pages taken from the journal.
 */
export interface Progress {
  start(totalPages: number, applications: number): void;
  /** A page finished; `reused` when it came from the journal or another copy of the same scan. */
  page(reused: boolean): void;
  application(name: string, note: string): void;
  finish(note: string): void;
}

interface Stream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

const fmtMinutes = (min: number): string => {
  if (!Number.isFinite(min)) return '—';
  if (min < 1) return `${Math.max(1, Math.round(min * 60))} 秒`;
  if (min < 60) return `${Math.round(min)} 分`;
  return `${Math.floor(min / 60)} 时 ${Math.round(min % 60)} 分`;
};

export function createProgress(stream: Stream = process.stderr, now: () => number = () => performance.now()): Progress {
  const tty = !!stream.isTTY;
  let total = 0;
  let done = 0;
  let analysed = 0;
  let t0 = now();
  let lastDraw = 0;
  let lastLine = 0;

  const status = () => {
    const minutes = (now() - t0) / 60_000;
    const rate = minutes > 0 && analysed > 0 ? analysed / minutes : 0;
    const left = rate > 0 ? (total - done) / rate : Infinity;
    return { rate, left };
  };
  const draw = (force = false) => {
    const t = now();
    if (!force && t - lastDraw < 150) return;
    lastDraw = t;
    const { rate, left } = status();
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 50));
    const filled = total ? Math.round((done / total) * width) : 0;
    stream.write(`\r\x1b[K[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} 页 · ${rate.toFixed(1)} 页/分 · 剩余 ${fmtMinutes(left)}`);
  };
  const line = (s: string) => {
    if (tty) stream.write(`\r\x1b[K${s}\n`);
    else stream.write(`${s}\n`);
  };

  return {
    start(totalPages, applications) {
      total = totalPages;
      t0 = now();
      line(`批量处理：${applications} 份申报材料，共 ${totalPages} 页`);
      if (tty) draw(true);
    },
    page(reused) {
      done++;
      if (!reused) analysed++;
      if (tty) return draw(done === total);
      // Plain lines: every 10 pages or every 30 s, and the last one.
      const t = now();
      if (done % 10 === 0 || t - lastLine > 30_000 || done === total) {
        lastLine = t;
        const { rate, left } = status();
        line(`进度 ${done}/${total} 页 · ${rate.toFixed(1)} 页/分 · 剩余 ${fmtMinutes(left)}`);
      }
    },
    application(name, note) {
      line(`${name}：${note}`);
      if (tty) draw(true);
    },
    finish(note) {
      line(note);
    },
  };
}
