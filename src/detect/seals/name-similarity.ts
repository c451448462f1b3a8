/**
 * How well a noisy seal reading matches an organisation name. Seals of different bodies in one
 * prefecture share many characters (阿克苏, 新疆, 有限责任公司, 中心): those weigh little, so a match
 * has to come from the characters that tell organisations apart (某某煤业, 人力资源, 大学).
 */

/** Characters frequent in the names of any organisation: place, legal form, kind of body. */
const COMMON =
  '新疆维吾尔自治区阿克苏地市县州乡镇有限责任公司股份集团分厂局厅委员会人民政府中心大学学院校所站部处办事业单位专用章合同财务';
const COMMON_SET = new Set([...COMMON]);

export function charWeight(ch: string): number {
  return COMMON_SET.has(ch) ? 0.1 : 1;
}

function hanOnly(s: string): string[] {
  return [...s].filter((ch) => /\p{Script=Han}/u.test(ch));
}

/** Longest common subsequence, each matched character counted by its weight. */
export function weightedLcs(a: string[], b: string[]): number {
  const m = b.length;
  let prev = new Float64Array(m + 1);
  let cur = new Float64Array(m + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= m; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + charWeight(b[j - 1]) : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m];
}

/**
 * Share of the name's weight found, in order, in the reading: 1 = every character of the name was
 * read, 0 = none of its distinctive ones. Order matters (an LCS), so scattered hits count little.
 */
export function nameSimilarity(reading: string, name: string): number {
  const r = hanOnly(reading);
  const n = hanOnly(name);
  if (r.length === 0 || n.length === 0) return 0;
  const total = n.reduce((s, ch) => s + charWeight(ch), 0);
  return weightedLcs(r, n) / total;
}

/**
 * The match of a reading against a name with its parts: the weighted similarity and how many of
 * the name's distinctive characters (not place, legal form or kind of body) were read in order.
 */
export function nameMatch(reading: string, name: string): { similarity: number; distinctive: number; distinctiveTotal: number } {
  const r = hanOnly(reading);
  const n = hanOnly(name);
  const distinctiveTotal = n.filter((ch) => charWeight(ch) >= 1).length;
  if (r.length === 0 || n.length === 0) return { similarity: 0, distinctive: 0, distinctiveTotal };
  const total = n.reduce((s, ch) => s + charWeight(ch), 0);
  const w = weightedLcs(r, n);
  // With common characters weighing 0.1, the integer part of the weighted LCS counts the
  // distinctive characters matched when the name has fewer than ten common ones; count exactly.
  const distinctive = weightedLcs(
    r.filter((ch) => charWeight(ch) >= 1),
    n.filter((ch) => charWeight(ch) >= 1),
  );
  return { similarity: w / total, distinctive: Math.round(distinctive), distinctiveTotal };
}

/** Distinctive characters of the reading that are in none of the names: evidence of another body. */
export function foreignDistinctive(reading: string, names: string[]): number {
  const known = new Set(names.flatMap((n) => [...n]));
  return hanOnly(reading).filter((ch) => !COMMON_SET.has(ch) && !known.has(ch)).length;
}
