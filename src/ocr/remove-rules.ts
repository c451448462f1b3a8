import type { RawImage } from '../model/image.ts';
import { darkerThanPaper, paperLevels, type PaperLevels } from './paper-level.ts';

/**
 * Anything clearly darker than the paper around it can be part of a rule, faint anti-aliased edges
 * included (left behind, they still join table rows into one line for tesseract). The paper's level
 * is local: under a shadow or on a photographed page's darker half, a page-wide threshold calls
 * whole regions dark, and the edges of those regions, cut by the text, pass for rules.
 */
function darkPixels(grey: RawImage, paper: PaperLevels = paperLevels(grey)): Uint8Array {
  return darkerThanPaper(grey, paper, 25);
}

export interface RuleShape {
  /** Shortest run (px) that is a rule: much longer than any stroke of a character. */
  minRun: number;
  /** Thickest a rule may be (px) across its run: a thicker bar is a filled shape, a bold heading
   *  stroke, or a blurred line of text. */
  maxThick: number;
}

/** The rule shape of a page of this size: runs over 2.5 % of its long side, ≤ 0.3 % of it thick. */
export function ruleShape(width: number, height: number, thickShare = 0.003, minThick = 4): RuleShape {
  const long = Math.max(width, height);
  return { minRun: Math.max(60, Math.round(0.025 * long)), maxThick: Math.max(minThick, Math.round(thickShare * long)) };
}

/**
 * How thin a long run must be to be a rule. 'band': the band of long runs it belongs to is at most
 * maxThick thick at every position (a character touching the rule is not a long run, so it does not
 * thicken it) — for the OCR's grey. 'ink': the ink across the run is at most maxThick at two of
 * three points along it — for ink masks, where a blurred line of small text can itself be a long
 * run: the band test would slice it, the ink around it keeps it.
 */
export type RuleThinness = 'band' | 'ink';

/**
 * The pixels of the rules of forms and tables (and the ______ to write on) in a mask of dark pixels
 * (1 = dark): dark runs at least `minRun` long, along rows or columns, where the band of such runs
 * is at most `maxThick` thick across (see RuleThinness); a thick bar is kept. Returns a mask (1 = rule), or null when there is none.
 * 'band' also finds rules sloping a few degrees (a photographed or crooked page), as the staircase
 * of shorter runs they are (ruleChains); 'ink' finds level runs only.
 * Every pass walks the image row by row (columns keep their run state in an array), which is what
 * makes this cheap on an 8-MP page. The one implementation of "rule" in the project: the OCR's grey
 * (removeRules) and the text-size ink masks (quality/text-scale.ts) both use it.
 */
export function ruleMask(dark: Uint8Array, width: number, height: number, shape: RuleShape = ruleShape(width, height), thin: RuleThinness = 'band', keepText = false): Uint8Array | null {
  const { minRun, maxThick } = shape;
  const w = width;
  const out = new Uint8Array(w * height);
  let removed = 0;
  if (thin === 'ink') {
    // The dark run through a pixel the other way, counted up to just past maxThick; thin at two of
    // three points along the run (a character touching the rule thickens it locally).
    const runAcross = (i: number, step: number) => {
      let n = 1;
      for (let k = i - step; k >= 0 && dark[k] && n <= maxThick; k -= step) n++;
      for (let k = i + step; k < dark.length && dark[k] && n <= maxThick; k += step) n++;
      return n;
    };
    const thinAt = (a: number, b: number, at: (p: number) => number, step: number) => {
      let n = 0;
      for (const q of [0.25, 0.5, 0.75]) if (runAcross(at(Math.round(a + q * (b - a))), step) <= maxThick) n++;
      return n >= 2;
    };
    longRuns(dark, w, height, minRun, false, (y, a, b) => {
      if (thinAt(a, b, (x) => y * w + x, w)) out.fill(1, y * w + a, y * w + b), (removed += b - a);
    });
    longRuns(dark, w, height, minRun, true, (x, a, b) => {
      if (thinAt(a, b, (y) => y * w + x, 1)) {
        for (let k = a; k < b; k++) out[k * w + x] = 1;
        removed += b - a;
      }
    });
    return removed ? out : null;
  }
  // 'band': bit 1 = in a long horizontal run, bit 2 = in a long vertical run; then only thin bands
  // of marks are rules (horizontal runs thin down the column, vertical ones along the row).
  const marks = bandMarks(dark, w, height, shape, keepText);
  return thinBands(keepText ? marks.text : marks.all, w, height, maxThick);
}

/**
 * The shortest piece of a sloping rule, px: a rule sloping by θ is, along rows (or columns), a
 * staircase of runs about thickness / tan θ long, each starting about 1 / tan θ further on than the
 * last — 23 px for a 1-px rule at 2.5°, and never shorter than the step, 8 px at 7°.
 */
const PIECE = 8;
/** Steepest a rule may slope, as a tangent (7°): a photographed page's rules slope a few degrees, differently for its vertical and horizontal ones. */
const MAX_SLOPE = 0.125;
/** How far (px, across) the runs of a rule may lie off the straight line through its ends: a pixel's rounding, and noise. */
const STRAIGHT = 1.5;

/** Runs along rows (line = y) or columns (line = x), in line order, a ascending within a line; `start[line]` is the first of a line. */
interface Runs {
  n: number;
  a: Int32Array;
  b: Int32Array;
  line: Int32Array;
  start: Int32Array;
}

function collectRuns(m: Uint8Array, w: number, h: number, minRun: number, columns: boolean): Runs {
  const lines = columns ? w : h;
  let cap = 1 << 14;
  let a = new Int32Array(cap);
  let b = new Int32Array(cap);
  let line = new Int32Array(cap);
  const start = new Int32Array(lines + 1);
  let n = 0;
  let next = 0;
  longRuns(m, w, h, minRun, columns, (l, ra, rb) => {
    if (n === cap) {
      cap *= 2;
      const grow = (old: Int32Array) => {
        const g = new Int32Array(cap);
        g.set(old);
        return g;
      };
      a = grow(a);
      b = grow(b);
      line = grow(line);
    }
    while (next <= l) start[next++] = n;
    a[n] = ra;
    b[n] = rb;
    line[n++] = l;
  });
  while (next <= lines) start[next++] = n;
  return { n, a, b, line, start };
}

/**
 * The rules among runs at least PIECE long: chains of them, each run touching the last (8-connected)
 * on the next line over, always the same way, starting no earlier and ending further along — the
 * staircase a sloping rule is along rows or columns — straight, spanning at least minRun and sloping
 * at most MAX_SLOPE; a level rule is one run, as long. `found` gets each rule's runs, first to last
 * (a run of a level rule can be found again in a sloping chain: marking is idempotent).
 * A character's strokes are short, and a steep one (丿) slopes too much; the run-together strokes
 * of a blurred line of text can chain, as they could run straight (throughText).
 */
function ruleChains(runs: Runs, lines: number, minRun: number, found: (chain: number[]) => void): void {
  const { n, a, b, line, start } = runs;
  const prev = new Int32Array(n);
  const top = new Int32Array(n);
  const hasNext = new Uint8Array(n);
  // A level rule: one run.
  for (let r = 0; r < n; r++) if (b[r] - a[r] >= minRun) found([r]);
  for (const d of [1, -1]) {
    prev.fill(-1);
    hasNext.fill(0);
    for (let k = 0; k < lines; k++) {
      const l = d > 0 ? k : lines - 1 - k;
      const m = l + d;
      const inM = m >= 0 && m < lines;
      let j = inM ? start[m] : 0;
      const mEnd = inM ? start[m + 1] : 0;
      for (let r = start[l]; r < start[l + 1]; r++) {
        top[r] = prev[r] >= 0 ? top[prev[r]] : a[r];
        if (!inM) continue;
        // The run of the next line touching this one's last pixel (the last starting by b), ending
        // further on and starting no earlier (where a rule crosses, both start at its edge).
        while (j + 1 < mEnd && a[j + 1] <= b[r]) j++;
        if (j < mEnd && a[j] <= b[r] && a[j] >= a[r] && b[j] > b[r] && (prev[j] < 0 || top[r] < top[prev[j]])) prev[j] = r;
      }
    }
    for (let q = 0; q < n; q++) if (prev[q] >= 0) hasNext[prev[q]] = 1;
    // A chain's straight pieces: a rule is straight, a curve (a seal's ring, a stroke of a hand) is
    // split where it bends most until each piece is straight — within STRAIGHT of the line
    // through its ends — or shorter than a rule (a piece of one run is a level rule, found above).
    const mid = (q: number) => (a[q] + b[q]) / 2;
    const piece = (chain: number[], i: number, j: number): void => {
      if (b[chain[j]] - a[chain[i]] < minRun || i === j) return;
      const l0 = line[chain[i]];
      const m0 = mid(chain[i]);
      const slope = j > i ? (line[chain[j]] - l0) / (mid(chain[j]) - m0) : 0;
      let worst = -1;
      let off = STRAIGHT;
      for (let k = i + 1; k < j; k++) {
        const e = Math.abs(line[chain[k]] - l0 - (mid(chain[k]) - m0) * slope);
        if (e > off) (off = e), (worst = k);
      }
      if (worst >= 0) {
        piece(chain, i, worst);
        piece(chain, worst, j);
      } else if (Math.abs(line[chain[j]] - l0) <= MAX_SLOPE * (b[chain[j]] - a[chain[i]]) + 1) {
        found(chain.slice(i, j + 1));
      }
    };
    for (let r = 0; r < n; r++) {
      if (hasNext[r] || b[r] - top[r] < minRun) continue;
      const chain: number[] = [];
      for (let q = r; q >= 0; q = prev[q]) chain.push(q);
      piece(chain.reverse(), 0, chain.length - 1);
    }
  }
}

/**
 * The long runs of a dark mask, level or sloping (ruleChains), found once: all of them, and (with
 * `text`) those not inside a line of text (throughText). Null marks: no long run at all.
 */
function bandMarks(dark: Uint8Array, w: number, height: number, { minRun, maxThick }: RuleShape, text: boolean): { all: Uint8Array | null; text: Uint8Array | null } {
  const all = new Uint8Array(w * height);
  const kept = text ? new Uint8Array(w * height) : null;
  let any = false;
  for (const columns of [false, true]) {
    const runs = collectRuns(dark, w, height, Math.min(PIECE, minRun), columns);
    const bit = columns ? 2 : 1;
    const mark = (m: Uint8Array, chain: number[]) => {
      for (const r of chain) {
        const l = runs.line[r];
        if (columns) for (let k = runs.a[r], i = k * w + l; k < runs.b[r]; k++, i += w) m[i] |= bit;
        else for (let i = l * w + runs.a[r], end = l * w + runs.b[r]; i < end; i++) m[i] |= bit;
      }
    };
    ruleChains(runs, columns ? w : height, minRun, (chain) => {
      if (chain.length > 1 && !thinAlong(dark, w, height, maxThick, runs, chain, columns)) return;
      any = true;
      mark(all, chain);
      if (kept && !throughText(dark, w, height, maxThick, runs, chain, columns)) mark(kept, chain);
    });
  }
  return any ? { all, text: kept } : { all: null, text: null };
}

/** The rules among the marks of long runs: bands of them at most maxThick thick across. Null: none. */
function thinBands(mark: Uint8Array | null, w: number, height: number, maxThick: number): Uint8Array | null {
  if (!mark) return null;
  const out = new Uint8Array(w * height);
  let removed = 0;
  longRuns(mark, w, height, 1, true, (x, a, b) => {
    if (b - a <= maxThick) {
      for (let k = a; k < b; k++) out[k * w + x] = 1;
      removed += b - a;
    }
  }, 1);
  longRuns(mark, w, height, 1, false, (y, a, b) => {
    if (b - a <= maxThick) out.fill(1, y * w + a, y * w + b), (removed += b - a);
  }, 2);
  return removed ? out : null;
}

/**
 * Whether a sloping chain of runs is thin where it runs: dark across it no thicker than a rule
 * along at least half its length. Inside a filled dark shape (a photo's hair, the dark half of a
 * shadow) the dark mask is the shape's texture, broken by specks of lighter pixels, and its broken
 * runs chain every which way; painted out, they striped the shape like lines of text. A level run
 * is left to the band test, as it always was.
 */
const THIN_SHARE = 0.5;
function thinAlong(dark: Uint8Array, w: number, h: number, maxThick: number, runs: Runs, chain: number[], columns: boolean): boolean {
  const size = columns ? w : h;
  let thin = 0;
  let from = runs.a[chain[0]];
  for (const r of chain) {
    const line = runs.line[r];
    const step = columns ? 1 : w;
    for (let p = Math.max(from, runs.a[r]); p < runs.b[r]; p++) {
      const i = columns ? p * w + line : line * w + p;
      let n = 1;
      for (let q = line - 1, k = i - step; q >= 0 && dark[k] && n <= maxThick; q--, k -= step) n++;
      for (let q = line + 1, k = i + step; q < size && dark[k] && n <= maxThick; q++, k += step) n++;
      if (n <= maxThick) thin++;
    }
    from = runs.b[r];
  }
  return thin >= THIN_SHARE * (from - runs.a[chain[0]]);
}

/**
 * Whether a long dark run lies inside a line of text rather than being a rule: in a blurred scan the
 * horizontal strokes of a few neighbouring characters (党怡敏, 20 px at σ 1.2) run together into one long
 * thin dark run. Beyond the thickest a rule may be, on both sides of the run at once, there is ink
 * along most of its length; a rule between rows of a table has text on both sides only where the
 * cells' text happens to sit, and a written line (______) has ink on one side only. Left as it was:
 * a run along the bottom strokes of a row of characters (重工业) has ink on one side only and is
 * still taken for an underline.
 */
const THROUGH_TEXT_SHARE = 0.6;
const TALL_SHARE = 0.1;
function throughText(dark: Uint8Array, w: number, h: number, maxThick: number, runs: Runs, chain: number[], columns: boolean): boolean {
  const size = columns ? w : h;
  let line = 0;
  const at = columns ? (across: number, along: number) => dark[along * w + across] : (across: number, along: number) => dark[across * w + along];
  // Ink on one side: past the dark run the pixel sits in (the rule's or the stroke's own
  // thickness, at most maxThick), any dark within maxThick more.
  const inkOn = (p: number, step: number) => {
    let d = 1;
    while (d <= maxThick && line + step * d >= 0 && line + step * d < size && at(line + step * d, p)) d++;
    for (const end = d + maxThick; d <= end; d++) {
      const q = line + step * d;
      if (q < 0 || q >= size) return false;
      if (at(q, p)) return true;
    }
    return false;
  };
  // Dark straight across, counted up to just past twice what a rule may be thick.
  const across = (p: number) => {
    let n = 1;
    for (let q = line - 1; q >= 0 && at(q, p) && n <= 2 * maxThick; q--) n++;
    for (let q = line + 1; q < size && at(q, p) && n <= 2 * maxThick; q++) n++;
    return n;
  };
  // Inside text: dark across for more than a rule is thick, or ink on both sides, along most of the
  // run; and somewhere a glyph's vertical stroke, dark across twice that. A seal's ring, a little
  // thicker than a rule and even all along, has none: it stays a rule (taking its top out of the
  // OCR's grey helps a signature across it read).
  // Along a sloping rule's staircase, each run from where the last one ended.
  let inText = 0;
  let tall = 0;
  let from = runs.a[chain[0]];
  for (const r of chain) {
    line = runs.line[r];
    for (let p = Math.max(from, runs.a[r]); p < runs.b[r]; p++) {
      const n = across(p);
      if (n > 2 * maxThick) tall++;
      if (n > maxThick || (inkOn(p, -1) && inkOn(p, 1))) inText++;
    }
    from = runs.b[r];
  }
  const length = from - runs.a[chain[0]];
  return inText >= THROUGH_TEXT_SHARE * length && tall >= TALL_SHARE * length;
}

/** Every run of pixels with a bit of `bits` set, at least minRun long, along rows (line = y) or columns (line = x): [a, b). */
function longRuns(m: Uint8Array, w: number, h: number, minRun: number, columns: boolean, found: (line: number, a: number, b: number) => void, bits = 0xff): void {
  if (!columns) {
    for (let y = 0; y < h; y++) {
      const row = y * w;
      let start = -1;
      for (let x = 0; x < w; x++) {
        if ((m[row + x] & bits) !== 0) {
          if (start < 0) start = x;
        } else if (start >= 0) {
          if (x - start >= minRun) found(y, start, x);
          start = -1;
        }
      }
      if (start >= 0 && w - start >= minRun) found(y, start, w);
    }
    return;
  }
  for (let x = 0; x < w; x++) {
    let start = -1;
    for (let y = 0, i = x; y < h; y++, i += w) {
      if ((m[i] & bits) !== 0) {
        if (start < 0) start = y;
      } else if (start >= 0) {
        if (y - start >= minRun) found(x, start, y);
        start = -1;
      }
    }
    if (start >= 0 && h - start >= minRun) found(x, start, h);
  }
}

/**
 * Whitens the long thin lines of forms and tables (and the ______ to write on). Tesseract takes a
 * ruled table for one block of strange text, and glyph cells cannot be cut where a rule runs through
 * a line of text. A rule is a dark run much longer than any stroke of a character, and thin.
 * `keepText` (the grey the page's text is read from): runs inside a line of blurred text are kept
 * (throughText). Without it (the grey orientation looks at) they go with the rules: on a heavily
 * blurred page they are the bars blurred lines of text became, and kept, the orientation's line
 * reads took one of them for a sideways line read at 96 and turned an upright certificate.
 */
export function removeRules(grey: RawImage, opts: { keepText?: boolean } = {}): RawImage {
  const { width, height } = grey;
  const paper = paperLevels(grey);
  const rules = ruleMask(darkPixels(grey, paper), width, height, undefined, 'band', opts.keepText ?? false);
  return paintOut(grey, rules, paper);
}

/**
 * Both greys of a page at once — rules painted out (for orientation), and rules painted out with
 * lines of text kept whole (for reading) — from one dark mask and one search for long runs.
 */
export function removeRulesBoth(grey: RawImage): { plain: RawImage; keepText: RawImage } {
  const { width, height } = grey;
  const paper = paperLevels(grey);
  const dark = darkPixels(grey, paper);
  const shape = ruleShape(width, height);
  const marks = bandMarks(dark, width, height, shape, true);
  return {
    plain: paintOut(grey, thinBands(marks.all, width, height, shape.maxThick), paper),
    keepText: paintOut(grey, thinBands(marks.text, width, height, shape.maxThick), paper),
  };
}

/**
 * Rules painted white on white paper, and the paper's own level where the paper is grey: on the grey
 * sheet of a photographed form, white rules are a grid of bright lines, and tesseract read the
 * paragraphs but none of the cells they boxed (seed 9007: 8 lines of a form's 30, its 姓名 row among
 * those lost). On a scan's near-white paper the paper's level (its texture, a JPEG's ripple) reads
 * no better than white, and tesseract cuts a form's rows differently (a 9005 signature line lost).
 */
const GREY_PAPER_BELOW = 200;

function paintOut(grey: RawImage, rules: Uint8Array | null, paper?: PaperLevels): RawImage {
  if (!rules) return grey;
  const out = Buffer.from(grey.data);
  const levels = paper ?? paperLevels(grey);
  const w = grey.width;
  for (let i = 0; i < rules.length; i++) {
    if (!rules[i]) continue;
    const level = levels.at(i % w, (i - (i % w)) / w);
    out[i] = level < GREY_PAPER_BELOW ? level : 255;
  }
  return { data: out, width: grey.width, height: grey.height, channels: 1 };
}
