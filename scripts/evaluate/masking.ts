/**
 * Scores a run against the generator's truth by looking at the pixels of the masked copies: a name
 * counts as masked when its ink box is blacked out, another person's name as touched when pixels
 * that were not dark in the input are mask-black in the output.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openScan } from '../../src/ingest/open-scan.ts';
import type { Box } from '../../src/model/geometry.ts';
import type { RawImage } from '../../src/model/image.ts';
import type { Report } from '../../src/report/schema.ts';
import { rotateRaw } from '../../src/quality/index.ts';
import type { ApplicationTruth, PageTruth } from '../samples/index.ts';

export interface NameOutcome {
  file: string;
  page: number;
  text: string;
  note?: string;
  handwritten?: boolean;
  /** Share of the truth box that is mask-black in the output. */
  covered: number;
}

export interface SealOutcome {
  file: string;
  page: number;
  owner: 'employer' | 'other';
  colour: 'red' | 'grey';
  /** Employer's seal: share of its red ink mask-black in the output; another's: share under a mask. */
  covered: number;
  /** The report's seal whose centre lies within the true seal (null: not detected). */
  reportedOwner: 'employer' | 'other' | 'unknown' | null;
  reportedColour: 'red' | 'lost' | null;
}

export interface PageOutcome {
  file: string;
  page: number;
  rotation: number;
  detected: number | null;
  /** The copy was written turned by the tool. */
  corrected: boolean;
  clarity: 'ok' | 'blurry' | 'too_small';
  clarityOk: boolean | null;
  clarityScore: number | null;
}

export interface MaskingScore {
  applicantNames: number;
  applicantMasked: number;
  otherNames: number;
  otherTouched: number;
  misses: NameOutcome[];
  violations: NameOutcome[];
  seals: SealOutcome[];
  pages: PageOutcome[];
}

/** Share of a name's ink that must be black in the output (the rest is JPEG fringe at the edges). */
const MASKED = 0.98;
/** Share of another name's ink blackened that counts as touching it. */
const TOUCHED = 0.02;

const dark = (img: RawImage, x: number, y: number, t: number) => {
  const o = (y * img.width + x) * img.channels;
  return img.data[o] < t && img.data[o + 1] < t && img.data[o + 2] < t;
};
const lum = (img: RawImage, x: number, y: number) => {
  const o = (y * img.width + x) * img.channels;
  return (img.data[o] * 299 + img.data[o + 1] * 587 + img.data[o + 2] * 114) / 1000;
};

function clip(b: Box, img: RawImage, grow: number): [number, number, number, number] {
  return [Math.max(0, Math.floor(b[0] - grow)), Math.max(0, Math.floor(b[1] - grow)), Math.min(img.width, Math.ceil(b[0] + b[2] + grow)), Math.min(img.height, Math.ceil(b[1] + b[3] + grow))];
}

/**
 * Seal ink in the input: red well above green and blue, or — a dim, faded or desaturated stamp and
 * the soft edge of its strokes, e.g. (131, 90, 94) — red a fifth above both and clearly so. Pen and
 * print, even under the stamp, stay near grey or blue (multiplied by red, black stays black).
 * Counting such seal pixels as a name's ink would score a seal mask that leaves a signature whole
 * as touching it.
 */
function sealRed(r: number, g: number, b: number): boolean {
  const m = Math.max(g, b);
  return r - m > 40 || (r - m > 25 && r >= 1.2 * m);
}

/**
 * Share of the input's ink inside the box (grown by 2 px for blur) that is mask-black in the output.
 * Ink in the 2-px margin counts only where it joins the ink inside the box: the blurred edge of a
 * stroke does, the next glyph (a ；set tight after the name at 96 dpi) does not.
 */
function inkCovered(out: RawImage, inp: RawImage, b: Box): number {
  const [x0, y0, x1, y1] = clip(b, out, 2);
  const [bx0, by0, bx1, by1] = clip(b, out, 0);
  const w = x1 - x0;
  const h = y1 - y0;
  if (w <= 0 || h <= 0) return 1;
  const isInk = new Uint8Array(w * h);
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) if (x < inp.width && y < inp.height && lum(inp, x, y) <= 140) isInk[(y - y0) * w + (x - x0)] = 1;
  const reached = new Uint8Array(w * h);
  const stack: number[] = [];
  for (let y = by0; y < by1; y++)
    for (let x = bx0; x < bx1; x++) {
      const i = (y - y0) * w + (x - x0);
      if (isInk[i]) (reached[i] = 1), stack.push(i);
    }
  while (stack.length) {
    const i = stack.pop()!;
    const cx = i % w;
    const cy = (i - cx) / w;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const nx = cx + dx;
        const ny = cy + dy;
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const j = ny * w + nx;
        if (isInk[j] && !reached[j]) (reached[j] = 1), stack.push(j);
      }
  }
  let ink = 0;
  let covered = 0;
  for (let i = 0; i < reached.length; i++) {
    if (!reached[i]) continue;
    ink++;
    if (dark(out, x0 + (i % w), y0 + Math.floor(i / w), 28)) covered++;
  }
  return ink ? covered / ink : 1;
}

/**
 * Share of another person's name's ink (dark, not seal-red, in the input) that lies under a mask the
 * report says was burned. Ink, not the box: truth boxes come from font metrics and are looser than the
 * strokes; and mask rectangles, not output pixels: black print is black either way.
 */
function inkUnderMasks(inp: RawImage, b: Box, underMask: (x: number, y: number) => boolean, applicantBoxes: Box[]): number {
  const [x0, y0, x1, y1] = clip(b, inp, 0);
  const inside = (boxes: Box[], x: number, y: number, g: number) => boxes.some((a) => x >= a[0] - g && x < a[0] + a[2] + g && y >= a[1] - g && y < a[1] + a[3] + g);
  let ink = 0;
  let under = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const o = (y * inp.width + x) * inp.channels;
      const red = sealRed(inp.data[o], inp.data[o + 1], inp.data[o + 2]);
      // Ink of the applicant's name next to it (a loose box can take some in) is not this name's.
      if (red || lum(inp, x, y) > 140 || inside(applicantBoxes, x, y, 1)) continue;
      ink++;
      if (underMask(x, y)) under++;
    }
  return ink ? under / ink : 0;
}

type Pt = [number, number];

/**
 * Whether a pixel lies under a mask the report says was burned: in one of its rectangles, or — on a
 * page read straightened, where the turned rectangles are burned and `rects` are only their boxes —
 * in one of its polygons. Scoring the boxes there would count ink beside a turned window as covered.
 */
function maskTest(masks: Array<{ rects: unknown[]; polygons?: unknown }>): (x: number, y: number) => boolean {
  const rects: Box[] = [];
  const polys: Pt[][] = [];
  for (const m of masks) {
    const pg = m.polygons as Pt[][] | undefined;
    if (pg && pg.length) polys.push(...pg);
    else rects.push(...(m.rects as Box[]));
  }
  // A point strictly inside a convex polygon (either winding).
  const inPoly = (q: Pt[], x: number, y: number) => {
    let sign = 0;
    for (let i = 0; i < q.length; i++) {
      const [ax, ay] = q[i];
      const [bx, by] = q[(i + 1) % q.length];
      const c = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
      if (c === 0) return false;
      if (sign === 0) sign = Math.sign(c);
      else if (Math.sign(c) !== sign) return false;
    }
    return true;
  };
  // A pixel the polygon's edge crosses is burned too (apply.ts): any corner of the pixel inside.
  const corners: Pt[] = [[0, 0], [1, 0], [0, 1], [1, 1]];
  return (x, y) => rects.some((a) => x >= a[0] && x < a[0] + a[2] && y >= a[1] && y < a[1] + a[3]) || polys.some((q) => corners.some(([dx, dy]) => inPoly(q, x + dx, y + dy)));
}

/**
 * Share of the seal's red ink (in the input) that is mask-black in the output / lies under a mask,
 * leaving out the ink inside `keepOut` boxes (other people's names the mask must spare).
 */
function sealInk(inp: RawImage, b: Box, test: (x: number, y: number) => boolean, keepOut: Box[] = [], own?: FrameEllipse, neighbours: FrameEllipse[] = []): number {
  const [x0, y0, x1, y1] = clip(b, inp, 0);
  const g = 4;
  let ink = 0;
  let hit = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const o = (y * inp.width + x) * inp.channels;
      if (!sealRed(inp.data[o], inp.data[o + 1], inp.data[o + 2])) continue;
      // A window the mask must leave over another person's name is not a miss.
      if (keepOut.some((a) => x >= a[0] - g && x < a[0] + a[2] + g && y >= a[1] - g && y < a[1] + a[3] + g)) continue;
      // Touching or overlapping seals: the seal's box holds its neighbour's ink too; that ink is the
      // neighbour's where it lies in the neighbour's ring and not in this one's.
      if (own && neighbours.some((e) => inEllipse(e, x, y)) && !inEllipse(own, x, y)) continue;
      ink++;
      if (test(x, y)) hit++;
    }
  return ink ? hit / ink : 0;
}

/** A seal's ellipse in the output page's frame, a little grown for the ring's own ink. */
interface FrameEllipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  angleDeg: number;
}

function frameEllipse(s: { box: Box; uprightBox: Box; ellipse: { rx: number; ry: number; angleDeg: number } }, turned: boolean, rotation: number): FrameEllipse {
  const b = frameBox(s, turned);
  const quarter = turned && (rotation === 90 || rotation === 270);
  return { cx: b[0] + b[2] / 2, cy: b[1] + b[3] / 2, rx: 1.04 * s.ellipse.rx, ry: 1.04 * s.ellipse.ry, angleDeg: s.ellipse.angleDeg + (quarter ? 90 : 0) };
}

function inEllipse(e: FrameEllipse, x: number, y: number): boolean {
  const a = (e.angleDeg * Math.PI) / 180;
  const dx = x - e.cx;
  const dy = y - e.cy;
  const u = dx * Math.cos(a) + dy * Math.sin(a);
  const v = -dx * Math.sin(a) + dy * Math.cos(a);
  return (u / e.rx) ** 2 + (v / e.ry) ** 2 <= 1;
}

async function loadPages(dir: string, file: string): Promise<RawImage[] | null> {
  try {
    const scan = await openScan(dir, file);
    const pages: RawImage[] = [];
    for (let p = 1; p <= scan.pageCount; p++) pages.push((await scan.loadPage(p)).rgb);
    await scan.close();
    return pages;
  } catch {
    return null;
  }
}

/** Box of a truth item in the frame of the output page (upright when the tool turned the page). */
function frameBox(t: { box: Box; uprightBox: Box }, turned: boolean): Box {
  return turned ? t.uprightBox : t.box;
}

export async function scoreMasking(appDir: string, outAppDir: string, truth: ApplicationTruth): Promise<MaskingScore> {
  const report: Report = JSON.parse(await readFile(join(outAppDir, 'report.json'), 'utf8'));
  const score: MaskingScore = { applicantNames: 0, applicantMasked: 0, otherNames: 0, otherTouched: 0, misses: [], violations: [], seals: [], pages: [] };
  for (const f of truth.files) {
    if (f.corrupt) continue;
    const fileReport = report.files.find((r) => r.file === f.file);
    const outPages = fileReport?.output ? await loadPages(outAppDir, fileReport.output) : null;
    const inPages = await loadPages(appDir, f.file);
    f.pages.forEach((pt: PageTruth, i) => {
      const pageReport = report.pages.find((p) => p.file === f.file && p.page === pt.page);
      const turned = !!pageReport?.orientation?.corrected && pt.rotation !== 0;
      const out = outPages?.[i];
      const raw = inPages?.[i];
      // Compare like with like: the input turned the way the output was.
      const inp = raw && turned ? rotateRaw(raw, (360 - pt.rotation) % 360) : raw;
      for (const n of pt.applicantNames) {
        score.applicantNames++;
        const covered = out && inp ? inkCovered(out, inp, frameBox(n, turned)) : 0;
        if (covered >= MASKED) score.applicantMasked++;
        else score.misses.push({ file: f.file, page: pt.page, text: n.text, note: n.note, handwritten: n.handwritten, covered });
      }
      const underMask = maskTest(pageReport?.masks ?? []);
      score.pages.push({
        file: `${truth.application}/${f.file}`,
        page: pt.page,
        rotation: pt.rotation,
        detected: pageReport?.orientation?.detected ?? null,
        corrected: !!pageReport?.orientation?.corrected,
        clarity: pt.clarity,
        clarityOk: pageReport?.clarity?.ok ?? null,
        clarityScore: pageReport?.clarity?.score ?? null,
      });
      for (const s of pt.seals) {
        const b = frameBox(s, turned);
        const centre = [b[0] + b[2] / 2, b[1] + b[3] / 2];
        const found = (pageReport?.seals ?? []).find((r) => Math.hypot(r.ellipse.cx - centre[0], r.ellipse.cy - centre[1]) <= Math.max(b[2], b[3]) / 4);
        const own = frameEllipse(s, turned, pt.rotation);
        const neighbours = pt.seals.filter((o) => o !== s).map((o) => frameEllipse(o, turned, pt.rotation));
        const covered = !inp ? 0 : s.owner === 'employer' ? (out ? sealInk(inp, b, (x, y) => dark(out, x, y, 28), pt.otherNames.map((n) => frameBox(n, turned)), own, neighbours) : 0) : sealInk(inp, b, underMask, [], own, neighbours);
        score.seals.push({ file: `${truth.application}/${f.file}`, page: pt.page, owner: s.owner, colour: s.colour, covered, reportedOwner: found?.owner ?? null, reportedColour: found?.colour ?? null });
      }
      for (const n of pt.otherNames) {
        score.otherNames++;
        const covered = inp ? inkUnderMasks(inp, frameBox(n, turned), underMask, pt.applicantNames.map((a) => frameBox(a, turned))) : 0;
        if (covered > TOUCHED) {
          score.otherTouched++;
          score.violations.push({ file: f.file, page: pt.page, text: n.text, note: n.note, handwritten: n.handwritten, covered });
        }
      }
    });
  }
  return score;
}
