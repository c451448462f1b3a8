import type { RawImage } from '../model/image.ts';
import { darkerThanPaper, paperLevels, type PaperLevels } from './paper-level.ts';

/**
 * The thick printed frame round a certificate (学位证书, 荣誉证书: a black or dark band a few pixels to
 * a couple of dozen thick, just inside the paper's edge). Thin rules are painted out by
 * remove-rules.ts; a frame is too thick to pass for a rule there (a thick bar may be a blurred line of
 * text), and left in the grey it makes tesseract take the whole page for one picture: on a 150-dpi
 * degree certificate it read one line (证书编号) of nine, and not the holder's name.
 *
 * A frame side is told from text by where and what it is:
 * - near the page's edge (its outer fifth), and long: at least half of the page's side;
 * - a band of even thickness all along (a blurred line of text varies from glyph to glyph), at most
 *   1.2 % of the page's long side;
 * - straight or nearly (up to about 1.5°: a page sloping more is straightened before it is read).
 */
const EDGE_SHARE = 0.2;
const MIN_LENGTH_SHARE = 0.5;
const MAX_THICK_SHARE = 0.012;
const MIN_THICK = 3;
/** Positions along the band whose thickness is within this of the median, px. */
const EVEN_TOLERANCE = 2;
const EVEN_SHARE = 0.85;

/** `paper`: the page's paper levels when the caller has them (the desk search uses the same). */
export function removeFrames(grey: RawImage, paper: PaperLevels = paperLevels(grey)): RawImage {
  const { width: w, height: h } = grey;
  if (w < 200 || h < 200) return grey;
  const mask = darkerThanPaper(grey, paper, 40);
  const maxThick = Math.max(6, Math.round(MAX_THICK_SHARE * Math.max(w, h)));
  const sides: Side[] = [];
  // Horizontal sides in the top and bottom fifth, vertical ones in the left and right fifth.
  for (const [from, to] of [[0, Math.round(EDGE_SHARE * h)], [Math.round((1 - EDGE_SHARE) * h), h]]) sides.push(...findSides(mask, w, h, from, to, maxThick, false));
  for (const [from, to] of [[0, Math.round(EDGE_SHARE * w)], [Math.round((1 - EDGE_SHARE) * w), w]]) sides.push(...findSides(mask, w, h, from, to, maxThick, true));
  if (sides.length === 0) return grey;
  const out = Buffer.from(grey.data);
  for (const s of sides) {
    for (let i = 0; i < s.top.length; i++) {
      const along = s.a + i;
      if (s.top[i] < 0) continue;
      // The band and a pixel of its anti-aliased edge either side, painted the paper's level.
      for (let across = s.top[i] - 1; across <= s.bottom[i] + 1; across++) {
        const [x, y] = s.columns ? [across, along] : [along, across];
        if (x < 0 || y < 0 || x >= w || y >= h) continue;
        out[y * w + x] = paper.at(x, y);
      }
    }
  }
  return { ...grey, data: out };
}

interface Side {
  columns: boolean;
  /** Start along the side. */
  a: number;
  /** Per position along the side: the band's first and last pixel across (−1: none). */
  top: Int32Array;
  bottom: Int32Array;
}

/**
 * Frame sides in the strip [from, to) across: walks each line across the strip, keeps the long dark
 * runs along it, then follows bands of them (allowing a step of a pixel or two from one position to
 * the next, for a slight slope) and keeps those of even thickness.
 */
function findSides(mask: Uint8Array, w: number, h: number, from: number, to: number, maxThick: number, columns: boolean): Side[] {
  const length = columns ? h : w;
  const stepAlong = columns ? w : 1;
  const stepAcross = columns ? 1 : w;
  const minRun = Math.round(MIN_LENGTH_SHARE * length);
  // A long run on a line across: the along-positions it covers. A slight slope breaks a thick side's
  // runs on any one line; a position counts when it is dark on this line or the next two.
  const span = to - from;
  const onRun = new Uint8Array(span * length);
  for (let k = 0; k < span; k++) {
    const across = from + k;
    const next1 = across + 1 < to ? stepAcross : 0;
    const next2 = across + 2 < to ? 2 * stepAcross : 0;
    let start = -1;
    let i = across * stepAcross;
    for (let along = 0; along <= length; along++, i += stepAlong) {
      const d = along < length && (mask[i] | mask[i + next1] | mask[i + next2]) === 1;
      if (d) {
        if (start < 0) start = along;
      } else if (start >= 0) {
        if (along - start >= minRun) for (let p = start, j = across * stepAcross + start * stepAlong; p < along; p++, j += stepAlong) if (mask[j]) onRun[k * length + p] = 1;
        start = -1;
      }
    }
  }
  // Per position along: bands of consecutive marked pixels across, at most maxThick thick.
  const sides: Side[] = [];
  const top = new Int32Array(length).fill(-1);
  const bottom = new Int32Array(length).fill(-1);
  const thick: number[] = [];
  for (let along = 0; along < length; along++) {
    let k = 0;
    while (k < span) {
      if (!onRun[k * length + along]) {
        k++;
        continue;
      }
      let e = k;
      while (e < span && onRun[e * length + along]) e++;
      // The thickest band at this position up to maxThick: a double frame's thin inner line is a
      // rule, left to remove-rules.ts.
      if (e - k <= maxThick && e - k >= MIN_THICK && (top[along] < 0 || e - k > bottom[along] - top[along] + 1)) {
        top[along] = from + k;
        bottom[along] = from + e - 1;
      }
      k = e;
    }
  }
  // The band at each position is widened to the whole dark run across through its middle (which
  // rows reached a long run varies along a sloping side; the ink across does not).
  const acrossSize = columns ? w : h;
  /** The dark run across at `along` through `mid` (or a pixel beside it), at most maxThick thick. */
  const darkAcross = (along: number, mid: number): [number, number] | null => {
    const at = (across: number) => across >= 0 && across < acrossSize && mask[across * stepAcross + along * stepAlong] === 1;
    const m = at(mid) ? mid : at(mid - 1) ? mid - 1 : at(mid + 1) ? mid + 1 : -1;
    if (m < 0) return null;
    let t = m;
    let b = m;
    while (at(t - 1) && b - t < maxThick) t--;
    while (at(b + 1) && b - t < maxThick) b++;
    return b - t >= maxThick ? null : [t, b];
  };
  for (let along = 0; along < length; along++) {
    if (top[along] < 0) continue;
    const run = darkAcross(along, (top[along] + bottom[along]) >> 1);
    if (run) [top[along], bottom[along]] = run;
    else top[along] = bottom[along] = -1;
  }
  // Runs of positions with a band, each band following the last (a step of at most two pixels).
  let a = -1;
  const close = (b: number) => {
    if (a >= 0 && b - a >= minRun) {
      thick.length = 0;
      for (let p = a; p < b; p++) thick.push(bottom[p] - top[p] + 1);
      const sorted = [...thick].sort((x, y) => x - y);
      const median = sorted[sorted.length >> 1];
      const even = thick.filter((t) => Math.abs(t - median) <= EVEN_TOLERANCE).length / thick.length;
        if (median >= MIN_THICK && even >= EVEN_SHARE) {
        // Followed on both ways while the ink across stays as thick (to the corners, where the
        // slope left no long run on any one line).
        const follow = (p: number, step: number) => {
          for (let q = p + step; q >= 0 && q < length; q += step) {
            const prevMid = (top[q - step] + bottom[q - step]) >> 1;
            const run = darkAcross(q, prevMid);
            if (!run || Math.abs(run[1] - run[0] + 1 - median) > EVEN_TOLERANCE || Math.abs((run[0] + run[1]) / 2 - prevMid) > 3) return q - step;
            [top[q], bottom[q]] = run;
          }
          return step < 0 ? 0 : length - 1;
        };
        const first = follow(a, -1);
        const last = follow(b - 1, 1);
        sides.push({ columns, a: first, top: top.slice(first, last + 1), bottom: bottom.slice(first, last + 1) });
        a = -1;
        return;
      }
    }
    a = -1;
  };
  for (let along = 0; along < length; along++) {
    const has = top[along] >= 0;
    const follows = has && along > 0 && top[along - 1] >= 0 && Math.abs(top[along] - top[along - 1]) <= 2;
    if (has && (a < 0 || follows)) {
      if (a < 0) a = along;
    } else {
      close(along);
      if (has) a = along;
    }
  }
  close(length);
  return sides;
}
