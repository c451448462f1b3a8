import { medianHanHeight } from '../../ocr/glyph-height.ts';
import { measureTextScale } from '../../quality/text-scale.ts';
import type { NameDetection, SealDetection } from '../../model/detection.ts';
import { penLum, type PenInkPatch, type SealWithInk } from '../seals/pen-ink.ts';
import { intersect, type Box } from '../../model/geometry.ts';
import type { RawImage } from '../../model/image.ts';
import type { OcrPage } from '../../model/ocr.ts';
import type { UncertainName } from './name-search.ts';
import { isHan, nameCore, startsWithSurname } from './chinese-names.ts';
import { nameScore } from './name-shape.ts';

/** Printed words under a seal that are not anyone's name. */
const NOT_A_NAME = /单位|公章|盖章|印章|年|月|日|推荐|审核|意见|同意|专用章|有限|公司|局|厅|大学|职务|职称|现任|技术|工程|姓名/;
/** Brackets, Latin letters and digits: a printed line (（推荐单位公章）, 2023), never a signature. */
const PRINTED_MARKS = /[()（）[\]【】A-Za-z0-9]/;
/**
 * Below this line confidence OCR's reading is noise (a brush signature through a seal read
 * 头合5尖近.头处着 at 14): a lone digit or letter in it is no sign of print. A number (the date
 * under the seal read 2023竺727自) or a bracket (（单位盖章） read 人人南)全) still is.
 */
const NOISE = 30;
const STRONG_PRINTED_MARKS = /\d{2,}|[()（）【】]/;
const printedMarks = (text: string, confidence: number) => (confidence >= NOISE ? PRINTED_MARKS : STRONG_PRINTED_MARKS).test(text);
/** Dark ink (of the grey page, red lifted out) that makes up a signature. */
const INK = 128;

/**
 * Whether a page pixel is the seal's own ink: red in colour. The OCR page lifts red only to its red
 * channel's level, so a dark crimson or dimly scanned seal stays dark there; the colour says it is
 * no pen's.
 */
function sealInk(patch: PenInkPatch | undefined, x: number, y: number): boolean {
  return !!patch && penLum(patch, x, y) === 255;
}

/** The box of the dark ink inside `region` (rows and columns with at least two dark pixels), or null. */
function inkBox(grey: RawImage, region: Box, patch?: PenInkPatch): Box | null {
  const x0 = Math.max(0, Math.floor(region[0]));
  const y0 = Math.max(0, Math.floor(region[1]));
  const x1 = Math.min(grey.width, Math.ceil(region[0] + region[2]));
  const y1 = Math.min(grey.height, Math.ceil(region[1] + region[3]));
  const cols = new Uint32Array(Math.max(0, x1 - x0));
  const rows = new Uint32Array(Math.max(0, y1 - y0));
  for (let y = y0; y < y1; y++)
    for (let x = x0, i = y * grey.width + x0; x < x1; x++, i++) {
      if (grey.data[i] >= INK || sealInk(patch, x, y)) continue;
      cols[x - x0]++;
      rows[y - y0]++;
    }
  const first = (a: Uint32Array) => a.findIndex((v) => v >= 2);
  const last = (a: Uint32Array) => a.length - 1 - [...a].reverse().findIndex((v) => v >= 2);
  const cx0 = first(cols);
  const cy0 = first(rows);
  if (cx0 < 0 || cy0 < 0) return null;
  return [x0 + cx0, y0 + cy0, last(cols) - cx0 + 1, last(rows) - cy0 + 1];
}

/**
 * Text OCR read inside an employer seal. OCR reads a grey page with the red ink lifted out, so what
 * it finds there is black or blue ink under or over the stamp — typically the signature a seal is
 * stamped across. A short word there that is not the applicant's is protected as someone's name,
 * so the seal's mask leaves a window for it (and says so), rather than covering a signer's name.
 */
export function namesUnderSeals(ocr: OcrPage, seals: SealWithInk[], found: NameDetection[], grey?: RawImage): NameDetection[] {
  const out: NameDetection[] = [];
  if (!seals.some((s) => s.owner === 'employer' && s.colour === 'red')) return out;
  const print = printHeight(ocr, grey);
  for (const seal of seals) {
    if (seal.owner !== 'employer' || seal.colour !== 'red') continue;
    for (const line of ocr.lines) {
      if (!intersect(line.box, seal.box)) continue;
      // A label before the signature (签字：) is not part of it, and says a name follows.
      const raw = line.chars.map((c) => c.text).join('');
      // A label OCR garbled (签字 read s#) still ends in its colon: what follows is the value.
      // What is left of a label OCR garbled into Latin letters and marks (签字： read se。) is not either.
      // A longer label garbled past recognition (单位主要负责人签字： read 单位主要负责尖等字:) still
      // holds a signing word's character before its colon.
      const text = raw
        .replace(/^.*(签字|签名|签章|负责人)[：:.．]?/, '')
        .replace(/^[^：:]{1,4}[：:]/, '')
        .replace(/^[^：:\d]{5,14}[签字名章责人][：:]/u, '')
        .replace(/^[^\u4e00-\u9fff]{1,4}(?=[\u4e00-\u9fff]{2})/u, '');
      const labelled = text !== raw;
      const han = [...text].filter(isHan);
      // After a label, one digit among the characters is a misread dot of a minority name (卡德尔·依力哈尔
      // read 个德引7哈足), not print; a number or a bracket still is.
      const marks = labelled ? STRONG_PRINTED_MARKS.test(text) : printedMarks(text, line.confidence);
      if (han.length < 2 || han.length > 8 || marks || NOT_A_NAME.test(text)) continue;
      // Without a label, only what is shaped like a name: a printed form line (现任职务 技术员) is not.
      const nameShaped = (han.length <= 4 && startsWithSurname(han.join(''))) || /[\u4e00-\u9fff]{2,}[·•．.\-‧・][\u4e00-\u9fff]{2,}/u.test(text);
      // Handwriting reads with low confidence; a printed form line under a seal reads well — unless
      // the print is too small to read at all (a 53-dpi form, 8.5-px print: its lines under the seal
      // read 生人人aaa at confidence 0–3). There a hand must also stand taller than the print (the
      // characters' heights, not the line's: under a seal the line's box takes in the ring).
      const own = line.chars.slice(line.chars.length - [...text].length);
      const glyphs = own.filter((c) => isHan(c.text)).map((c) => c.box[3]).sort((a, b) => a - b);
      const glyph = glyphs.length ? glyphs[glyphs.length >> 1] : line.box[3];
      const printUnreadable = print >= 6 && print < UNREADABLE_PRINT;
      const handwritten = line.confidence < 75 && han.length <= 6 && (!printUnreadable || glyph >= HAND_OVER_PRINT * print);
      if (!labelled && !nameShaped && !handwritten) continue;
      if (found.some((d) => intersect(d.box, line.box))) continue;
      // The window is the signature's own ink, not the line's box: OCR's line under a seal often
      // takes in the star or the arc and is twice the signature's size. The label is left out.
      const h = line.box[3];
      const from = own.length ? Math.max(line.box[0], Math.min(...own.map((c) => c.box[0])) - 0.3 * h) : line.box[0];
      const region: Box = [from, line.box[1], line.box[0] + line.box[2] - from, h];
      const tight = grey ? inkBox(grey, region, seal.penInk) : null;
      // No dark ink there but the seal's own: OCR read the stamp's arc text (民二 for a glyph of it).
      if (grey && !tight) continue;
      const box: Box = tight ? [tight[0] - 3, tight[1] - 3, tight[2] + 6, tight[3] + 6] : region;
      out.push({ kind: 'other_name', text, box, charBoxes: own.map((c) => c.box), confidence: 0.4, evidence: { rule: 'under-seal', lineBox: line.box } });
    }
  }
  return out;
}

/**
 * A name that shares all but one character with the applicant's is taken for someone else's where it
 * reads well (党怡怡 signing the applicant 党怡敏's form). Under the employer's seal it does not read
 * well: the red ink lifted out of the grey page leaves broken strokes (党怡敏 read as 党怡皆). There,
 * on the applicant's own document, it is the applicant's name misread — masked, and flagged.
 */
export function applicantUnderSeals(detections: NameDetection[], seals: SealDetection[], ownDocument: boolean): { detections: NameDetection[]; uncertain: UncertainName[] } {
  const uncertain: UncertainName[] = [];
  if (!ownDocument) return { detections, uncertain };
  const employer = seals.filter((s) => s.owner === 'employer' && s.colour === 'red');
  const out = detections.map((d) => {
    if (d.kind !== 'other_name' || d.evidence.rule !== 'similar-name' || !employer.some((s) => intersect(s.box, d.box))) return d;
    uncertain.push({
      text: d.text,
      box: d.box,
      reasonZh: `单位公章下识别为“${d.text}”，与申报人姓名只差一字，按申报人姓名遮盖，请核对`,
      reasonEn: `read “${d.text}” under the employer's seal, one character from the applicant's name; masked as the applicant's name, please check`,
    });
    return { ...d, kind: 'applicant_name' as const, confidence: 0.6, evidence: { ...d.evidence, rule: 'similar-name-under-seal' } };
  });
  return { detections: out, uncertain };
}

/** How much of the applicant's name a reading under the employer's seal must hold to be theirs. */
const READS_AS_APPLICANT = 0.6;

/**
 * Writing under the employer's seal that namesUnderSeals protects as someone's may be the applicant's
 * own name on their own form, read badly through the seal's ink: 阿不都·热孜宛 handwritten in the 姓名
 * cell under the stamp read 可不都热牙禄 (three characters wrong; no label read), and the seal's mask
 * left a window over it. On the applicant's own document, a reading that holds most of the name
 * (nameScore ≥ 0.6) and is closer to it than to every other name found on the page (the leader
 * 阿不都·买买提, sharing the first part, stays theirs) is the applicant's: masked, and flagged.
 */
export function applicantReadUnderSeals(read: NameDetection[], found: NameDetection[], applicantName: string, ownDocument: boolean): { detections: NameDetection[]; uncertain: UncertainName[] } {
  const uncertain: UncertainName[] = [];
  if (!ownDocument) return { detections: read, uncertain };
  const name = nameCore(applicantName);
  const han = (t: string) => [...t].filter(isHan).join('');
  const otherNames = found.filter((d) => d.kind === 'other_name').map((d) => han(d.text)).filter((t) => t.length >= 2);
  const detections = read.map((d) => {
    if (d.kind !== 'other_name' || d.evidence.rule !== 'under-seal') return d;
    const text = han(d.text);
    const own = nameScore(text, name);
    if (own < READS_AS_APPLICANT || otherNames.some((o) => nameScore(text, o) >= own)) return d;
    uncertain.push({
      text: d.text,
      box: d.box,
      reasonZh: `单位公章下识别为“${d.text}”，最接近申报人姓名，按申报人姓名遮盖，请核对`,
      reasonEn: `read “${d.text}” under the employer's seal, closest to the applicant's name; masked as the applicant's name, please check`,
    });
    return { ...d, kind: 'applicant_name' as const, confidence: 0.5, evidence: { ...d.evidence, rule: 'applicant-under-seal', score: Math.round(own * 100) / 100 } };
  });
  return { detections, uncertain };
}

/** An unlabelled low-confidence line under a seal is handwriting when its glyphs are this much taller than print. */
const HAND_OVER_PRINT = 1.3;
/** Print below this glyph height (px) reads at low confidence everywhere (the too-small limit, 12.6). */
const UNREADABLE_PRINT = 12;

/**
 * The print's glyph height from the characters' own boxes (a line's box can be far taller on a
 * skewed page), in lines read well: on a page whose OCR is mostly junk, junk boxes are any size.
 * A page OCR could not read (too small, too blurred) has no such characters: its ink bands give the
 * print's size instead. 0 when neither is known.
 */
function printHeight(ocr: OcrPage, grey?: RawImage): number {
  const read = medianHanHeight(ocr, (l) => l.confidence >= 60 && l.chars.length >= 4);
  return read.n >= 8 ? read.h : grey ? measureTextScale(grey).glyphHeightPx : 0;
}

/** Pen ink in the grey page (red lifted out): a signature's strokes, not the seal's remains. */
const PEN = 110;
/** An OCR line this many times the print's glyph height holds handwriting, not print. */
const TALL_LINE = 1.8;

/**
 * Handwriting under the employer's seal that OCR did not read at all (it dropped the lines around
 * the stamp): dark ink left after the seal's red is lifted out, in strokes taller than the page's
 * print and reaching out of the seal, is someone's signature until a person says otherwise. The seal's mask leaves a window for
 * it, and the page is flagged as for any name under a seal. Printed words (the date, （盖章）) are
 * print-sized and stay under the mask.
 */
export function unreadInkUnderSeals(grey: RawImage, ocr: OcrPage, seals: SealWithInk[], found: NameDetection[]): NameDetection[] {
  const print = printHeight(ocr, grey);
  if (print < 6) return [];
  const out: NameDetection[] = [];
  for (const seal of seals) {
    if (seal.owner !== 'employer' || seal.colour !== 'red') continue;
    // A signature the seal was stamped across reaches beyond the seal: look a little around it.
    const [bx, by, bw, bh] = seal.box.map(Math.round) as Box;
    const m = Math.round(1.5 * print);
    const x0 = Math.max(0, bx - m);
    const y0 = Math.max(0, by - m);
    const x1 = Math.min(grey.width, bx + bw + m);
    const y1 = Math.min(grey.height, by + bh + m);
    // Ink already accounted for: names found, and lines OCR read as print — with confidence, or
    // with the marks of print even through the seal's ink (a date's digits, （盖章）'s brackets and
    // words). The marks are looked for after a label's colon: a label garbled under the seal (签字
    // read s#:) is print, what follows it may be the hand. A line read with some confidence but far
    // taller than print is not print: OCR read a signature's tall glyphs there (签字：艾礼刚 as
    // 人交礼刚:全), and that line is where the hand is.
    const marked = (l: OcrPage['lines'][number]) => {
      const t = l.text.replace(/\s/g, '');
      const value = t.replace(/^[^：:]{1,4}[：:]/, '');
      return printedMarks(value, l.confidence) || NOT_A_NAME.test(t);
    };
    const handLine = (l: OcrPage['lines'][number]) => l.confidence < 75 && l.box[3] >= TALL_LINE * print && !marked(l);
    const printed = (l: OcrPage['lines'][number]) => (l.confidence >= 40 && !handLine(l)) || marked(l);
    const hands = ocr.lines.filter(handLine).map((l) => l.box);
    const known = [...found.map((d) => d.box), ...out.map((d) => d.box), ...ocr.lines.filter(printed).map((l) => l.box)];
    const cell = 4;
    const gw = Math.ceil((x1 - x0) / cell);
    const gh = Math.ceil((y1 - y0) / cell);
    if (gw <= 0 || gh <= 0) continue;
    const grid = new Uint8Array(gw * gh);
    for (let y = y0; y < y1; y++)
      for (let x = x0, i = y * grey.width + x0; x < x1; x++, i++)
        if (grey.data[i] < PEN && !sealInk(seal.penInk, x, y)) grid[Math.floor((y - y0) / cell) * gw + Math.floor((x - x0) / cell)]++;
    for (let gy = 0; gy < gh; gy++)
      for (let gx = 0; gx < gw; gx++) {
        const cx = x0 + gx * cell + cell / 2;
        const cy = y0 + gy * cell + cell / 2;
        if (grid[gy * gw + gx] < 2 || known.some((b) => cx >= b[0] && cx < b[0] + b[2] && cy >= b[1] && cy < b[1] + b[3])) grid[gy * gw + gx] = 0;
      }
    // Groups of inked cells (a signature's strokes).
    const reach = Math.max(1, Math.round((0.35 * print) / cell));
    const seen = new Uint8Array(gw * gh);
    for (let start = 0; start < grid.length; start++) {
      if (!grid[start] || seen[start]) continue;
      let [minX, minY, maxX, maxY] = [gw, gh, -1, -1];
      const stack = [start];
      seen[start] = 1;
      while (stack.length) {
        const k = stack.pop()!;
        const gx = k % gw;
        const gy = Math.floor(k / gw);
        [minX, minY, maxX, maxY] = [Math.min(minX, gx), Math.min(minY, gy), Math.max(maxX, gx), Math.max(maxY, gy)];
        // Across, a third of a glyph; up and down only touching cells, so lines one under another
        // (a signature over the date) stay apart.
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -reach; dx <= reach; dx++) {
            const nx = gx + dx;
            const ny = gy + dy;
            if (nx < 0 || ny < 0 || nx >= gw || ny >= gh) continue;
            const n = ny * gw + nx;
            if (grid[n] && !seen[n]) {
              seen[n] = 1;
              stack.push(n);
            }
          }
      }
      const box: Box = [x0 + minX * cell - 3, y0 + minY * cell - 3, (maxX - minX + 1) * cell + 6, (maxY - minY + 1) * cell + 6];
      // Taller than print and at least a glyph wide: handwriting, not a stray stroke or a date. The
      // ink's own height, not the padded box's: a line of print under the seal's edge (采煤队技术主管,
      // 21 px) made a 30-px box, and the seal's mask left a window over it.
      const inkH = (maxY - minY + 1) * cell;
      if (inkH < 1.3 * print || inkH > 4 * print || box[2] < print || !intersect(box, seal.box)) continue;
      // A signature the seal was stamped across reaches out of it; large print inside the seal (a
      // certificate's lines, the date) does not. Inside it, only ink where OCR saw a line of tall,
      // unsure glyphs is taken for a hand.
      // Where the print is too small for OCR to read anything (a 47-dpi form), OCR sees no hand
      // either: there a group of ink taller than print counts as a hand inside the seal too — a
      // window over a line of print costs some of the seal; no window over a signature covers a name.
      if (outsideShare(box, seal.box) < 0.25 && !hands.some((b) => intersect(b, box)) && !(print < UNREADABLE_PRINT && inkH >= HAND_OVER_PRINT * 1.3 * print)) continue;
      out.push({ kind: 'other_name', text: '（未识别的手写字迹）', box, charBoxes: [box], confidence: 0.3, evidence: { rule: 'unread-ink-under-seal', printHeightPx: print } });
    }
  }
  return out;
}

/** Share of box a lying outside box b. */
function outsideShare(a: Box, b: Box): number {
  const i = intersect(a, b);
  const inside = i ? i[2] * i[3] : 0;
  return 1 - inside / Math.max(1, a[2] * a[3]);
}
