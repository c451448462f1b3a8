/**
 * Approximate substring search (Sellers): every place where `pattern` occurs in `text` with at most
 * `k` edits. Returns non-overlapping matches, best first by edits then by position.
 */
export interface ApproxMatch {
  start: number; // index in text
  end: number; // exclusive
  edits: number;
  /** Substituted characters: [index in text, index in pattern]. */
  substituted: Array<[number, number]>;
  /** Characters read but not in the pattern, and pattern characters not read. */
  inserted: number[]; // indices in text
  deleted: number[]; // indices in pattern
}

/**
 * `known(read, expected)`: a substitution OCR is known to make for this name (ocr-misreadings.ts). It
 * costs no edit against `k`, but is still listed in `substituted` and counted in `edits`.
 */
export function approximateMatches(pattern: string[], text: string[], k: number, known?: (read: string, expected: string) => boolean): ApproxMatch[] {
  const cost = (p: string, t: string) => (p === t || known?.(t, p) ? 0 : 1);
  const m = pattern.length;
  const n = text.length;
  if (m === 0 || n === 0) return [];
  // D[i][j]: edits to match pattern[0..i) ending at text[j-1]; free start anywhere in text.
  const D: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = 1; i <= m; i++) D[i][0] = i;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const sub = D[i - 1][j - 1] + cost(pattern[i - 1], text[j - 1]);
      D[i][j] = Math.min(sub, D[i - 1][j] + 1, D[i][j - 1] + 1);
    }
  }
  const candidates: ApproxMatch[] = [];
  for (let j = 1; j <= n; j++) {
    if (D[m][j] > k) continue;
    // Only local minima: the best end position of a cluster.
    if (j < n && D[m][j + 1] <= D[m][j]) continue; // the same cost one character on: a substitution, take it
    // Trace back to find the start and the substitutions.
    let i = m;
    let jj = j;
    const substituted: Array<[number, number]> = [];
    const inserted: number[] = [];
    const deleted: number[] = [];
    while (i > 0) {
      if (jj > 0 && D[i][jj] === D[i - 1][jj - 1] + cost(pattern[i - 1], text[jj - 1])) {
        if (pattern[i - 1] !== text[jj - 1]) substituted.push([jj - 1, i - 1]);
        i--;
        jj--;
      } else if (D[i][jj] === D[i - 1][jj] + 1) {
        deleted.push(i - 1);
        i--;
      } else if (jj > 0) {
        inserted.push(jj - 1);
        jj--;
      } else break;
    }
    if (j - jj < Math.max(1, m - k)) continue;
    const knownSubs = substituted.filter(([ti, pi]) => cost(pattern[pi], text[ti]) === 0).length;
    candidates.push({ start: jj, end: j, edits: D[m][j] + knownSubs, substituted, inserted, deleted });
  }
  candidates.sort((a, b) => a.edits - b.edits || a.start - b.start);
  const taken: ApproxMatch[] = [];
  for (const c of candidates) {
    if (taken.some((t) => c.start < t.end && t.start < c.end)) continue;
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** Edits allowed when looking for a name of `len` Han characters: none for two-character names. */
export function allowedEdits(len: number): number {
  if (len <= 2) return 0;
  if (len <= 5) return 1;
  return 2;
}
