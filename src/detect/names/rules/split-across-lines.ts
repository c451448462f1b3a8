import { approximateMatches } from '../approximate-match.ts';
import { isHan } from '../chinese-names.ts';
import { followsBelow } from '../line-tokens.ts';
import type { NameSearch } from '../name-search.ts';

/**
 * A name broken across two lines of running text.
 */
export function findNamesSplitAcrossLines(s: NameSearch): void {
  const { pattern, lines, applicant, detection } = s;
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i];
    const b = lines[i + 1];
    if (!followsBelow(a, b)) continue;
    const aHan = a.tokens.map((t, j) => ({ t, j })).filter(({ t }) => isHan(t.ch)).slice(-(pattern.length - 1));
    const bHan = b.tokens.map((t, j) => ({ t, j })).filter(({ t }) => isHan(t.ch)).slice(0, pattern.length - 1);
    const joined = [...aHan, ...bHan];
    for (const m of approximateMatches(pattern, joined.map(({ t }) => t.ch), pattern.length >= 4 ? 1 : 0, s.knownMisreading)) {
      const crosses = m.start < aHan.length && m.end > aHan.length;
      if (!crosses || m.substituted.some(([ti, pi]) => !s.alike(joined[ti].t.ch, pattern[pi])) || (pattern.length < 4 && m.edits > m.substituted.length)) continue;
      // Must be the end of line a and the start of line b, not a name in the middle of either.
      if (joined[m.start].j < a.tokens.length - (aHan.length - m.start) - 2) continue;
      const aFrom = joined[m.start].j;
      const bTo = joined[m.end - 1].j + 1;
      applicant.push(detection('applicant_name', a, aFrom, a.tokens.length, 0.85, { rule: 'split-across-lines', part: 1 }));
      applicant.push(detection('applicant_name', b, 0, bTo, 0.85, { rule: 'split-across-lines', part: 2 }));
    }
  }
}
