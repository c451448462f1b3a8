/**
 * Tolerant text matching over OCR output. Chinese OCR puts spaces between words, turns full-width
 * punctuation into look-alikes and gets a character wrong now and then (年度 → 年虔), so keywords are
 * compared after normalising and with a small edit budget that grows with the keyword's length.
 */

/** NFKC (full-width → half-width), no white space, lower case, dot look-alikes unified. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[•．‧・·]/g, '·')
    .toLowerCase();
}

/** Errors allowed for a keyword: none for short ones (one wrong character in 学时 is another word). */
export function editBudget(keyword: string): number {
  const n = [...keyword].length;
  if (n <= 3) return 0;
  if (n <= 7) return 1;
  return 2;
}

/**
 * Smallest edit distance between `pattern` and any substring of `text` (Sellers' algorithm), with the
 * end index of that substring. Both are taken as already normalised.
 */
export function approxFind(pattern: string, text: string): { distance: number; end: number } {
  const p = [...pattern];
  const t = [...text];
  const m = p.length;
  if (m === 0) return { distance: 0, end: 0 };
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = prev[m];
  let bestEnd = 0;
  for (let j = 1; j <= t.length; j++) {
    cur[0] = 0;
    for (let i = 1; i <= m; i++) {
      const sub = prev[i - 1] + (p[i - 1] === t[j - 1] ? 0 : 1);
      cur[i] = Math.min(sub, prev[i] + 1, cur[i - 1] + 1);
    }
    if (cur[m] < best) {
      best = cur[m];
      bestEnd = j;
      if (best === 0) return { distance: 0, end: j };
    }
    [prev, cur] = [cur, prev];
  }
  return { distance: best, end: bestEnd };
}

/** True when `keyword` occurs in `text` within its edit budget. `text` must be normalised. */
export function hasKeyword(normText: string, keyword: string, budget = editBudget(keyword)): boolean {
  const k = normalise(keyword);
  if (budget === 0) return normText.includes(k);
  if (normText.includes(k)) return true;
  return approxFind(k, normText).distance <= budget;
}

/** Edit distance of two short strings (names). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
    }
    prev = cur;
  }
  return prev[y.length];
}

/** Chinese numerals in dates (二〇二三年) → Arabic, so one year pattern reads both. */
export function arabicYears(text: string): string {
  const digit: Record<string, string> = {
    〇: '0', 零: '0', O: '0', o: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
  };
  return text.replace(/[二][〇零Oo一二三四五六七八九]{3}(?=年)/g, (m) => [...m].map((c) => digit[c] ?? c).join(''));
}
