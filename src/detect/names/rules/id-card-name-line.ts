import type { Box } from '../../../model/geometry.ts';
import { intersect, union } from '../../../model/geometry.ts';
import { inkLineAt } from '../ink-blob.ts';
import type { LineTokens } from '../line-tokens.ts';
import { heldAsOther, type NameSearch } from '../name-search.ts';

/**
 * The front of a resident ID card has one layout nationwide: 姓名 on the first line, 性别 … 民族 on
 * the second, 出生 on the third, 住址 below and 公民身份号码 at the foot, the labels in one column
 * and the values in another, the photo on the right. The name is printed larger than the faint
 * labels and sits on a guilloche background, and OCR loses that line more often than any other
 * (邝宇 read as LE, the label gone with it), or splits a dotted name into pieces it misreads
 * (吐尔逊·买买提 read as 吐尔; and 孙。买买提 side by side).
 *
 * Whatever OCR did read of the rest of the card places its rows: the labels, or the values by their
 * shape — 男/女, an ethnicity (维吾尔 even read 维癌尔), a date 1986年1月24日, an address, the
 * 18-digit number. From their rows and heights come the line pitch and the name row above them; from
 * where the values start, the value column. The first ink line of the value column on the name row
 * is masked by its place and flagged. When the applicant's name was found there in part, the mask
 * takes the whole value on that row.
 */
export function findIdCardNameLine(s: NameSearch): void {
  const { applicant, uncertain, input } = s;
  const grey = input.grey;
  if (input.docType !== 'id_card_front' || !grey) return;
  const layout = cardLayout(s.lines);
  if (!layout) return;
  const { nameY, pitch, valueX, h } = layout;
  // The name's glyphs: the card prints it about 2.2 to a pitch.
  const gh = Math.max(h, pitch / 2.5);
  const box = inkLineAt(grey, {
    xFrom: valueX - 0.6 * gh,
    // The photo starts about 5.7 pitches right of the value column; stop well before it.
    xTo: valueX + 5.2 * pitch,
    yc: nameY,
    reach: 0.4 * pitch,
    up: 0.75 * pitch,
    down: 0.55 * pitch,
    startBy: valueX + 1.5 * gh,
    maxGap: 1.1 * gh,
    h: gh,
  });
  if (!box) return;
  // A name line is a glyph tall and a few glyphs wide, never more.
  if (box[3] > 2.2 * gh || box[2] > 13 * gh) return;
  const onRow = applicant.filter((a) => intersect(a.box, box));
  if (onRow.length) {
    // The name found there already: nothing to add unless part of the value on its row is left.
    // Uncovered: ink a glyph wide or more, beyond the padding both boxes carry.
    const covered = coveredWidth(onRow.map((a) => a.box), box);
    if (box[2] - covered < 0.7 * gh) return;
  }
  // The name read exactly elsewhere on the card: the rows were placed wrong, not the name lost.
  if (applicant.some((a) => a.evidence.rule === 'id-card-name-line' || (a.evidence.rule === 'exact' && !onRow.includes(a)))) return;
  if (heldAsOther(s, box)) return;
  const partly = onRow.length > 0;
  // The pieces found give way to the whole value (one detection, or dedupe would keep the piece).
  for (const a of onRow) applicant.splice(applicant.indexOf(a), 1);
  const whole = onRow.reduce((b, a) => union(b, a.box), box);
  const text = partly ? onRow.map((a) => a.text).join('') : '（未识别）';
  applicant.push({ kind: 'applicant_name', text, box: whole, charBoxes: [whole], confidence: 0.5, evidence: { rule: 'id-card-name-line', anchors: layout.anchors, partly } });
  uncertain.push(
    partly
      ? {
          text: '',
          box: whole,
          reasonZh: '身份证“姓名”一行只识别出部分姓名，已按姓名在身份证上的位置遮盖整行姓名，请核对',
          reasonEn: "only part of the name on the ID card's name line was read; the whole value on that line is masked by its place, please check",
        }
      : {
          text: '',
          box: whole,
          reasonZh: '身份证“姓名”一行未能识别，已按姓名在身份证上的位置遮盖，请核对',
          reasonEn: "the ID card's name line could not be read; masked where the name stands on the card, please check",
        },
  );
}

/** Width of `box` covered across by the union of `boxes`. */
function coveredWidth(boxes: Box[], box: Box): number {
  const spans = boxes.map((b): [number, number] => [Math.max(box[0], b[0]), Math.min(box[0] + box[2], b[0] + b[2])]).filter(([a, b]) => b > a).sort((p, q) => p[0] - q[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of spans) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** The card's rows counted from the name row, in line pitches (7 mm on a card 54 mm tall). */
const ROW = { sex: 1, birth: 2, address: 3, idNumber: 38 / 7 } as const;

/** Ethnicities as printed on the card (民族 value), the common ones first. */
const ETHNICITIES = [
  '汉', '回', '维吾尔', '哈萨克', '柯尔克孜', '蒙古', '藏', '壮', '满', '苗', '彝', '土家', '布依', '侗', '瑶', '朝鲜', '哈尼', '傣', '傈僳', '仡佬',
  '东乡', '拉祜', '佤', '纳西', '羌', '仫佬', '锡伯', '达斡尔', '景颇', '撒拉', '塔吉克', '乌孜别克', '俄罗斯', '鄂温克', '塔塔尔', '裕固', '保安',
  '独龙', '赫哲', '门巴', '珞巴', '基诺', '毛南', '普米', '阿昌', '德昂', '鄂伦春', '布朗', '高山',
];

interface Anchor {
  kind: string;
  row: number;
  y: number;
  /** Where the value column starts, when this line shows it. */
  valueX?: number;
  /** Value column estimated from this line's x and the pitch (pitches to add). */
  xFromPitch?: [number, number];
  h: number;
}

export interface CardLayout {
  /** Centre of the name row. */
  nameY: number;
  pitch: number;
  valueX: number;
  /** Glyph height of the values read. */
  h: number;
  anchors: string[];
}

/**
 * The card's rows and value column from the lines OCR read: labels and value shapes, each placed
 * on its row; the name row's centre by a line fitted through them (outliers dropped), the pitch
 * from the fit or, with one row only, from the glyph height.
 */
export function cardLayout(lines: LineTokens[]): CardLayout | null {
  const anchors: Anchor[] = [];
  const text = (lt: LineTokens) => lt.tokens.map((t) => t.ch).join('');
  const cy = (lt: LineTokens) => lt.line.box[1] + lt.line.box[3] / 2;
  const xAt = (lt: LineTokens, re: RegExp) => {
    const i = lt.tokens.findIndex((t) => re.test(t.ch));
    return i >= 0 ? lt.tokens[i].box[0] : undefined;
  };
  const addressLines: LineTokens[] = [];
  for (const lt of lines) {
    const t = text(lt).replace(/\s/g, '');
    if (!t) continue;
    const core = t.replace(/[^\p{Script=Han}0-9A-Za-z]/gu, '');
    const base = { y: cy(lt), h: lt.h };
    if (/^(公民)?身份号|^公民身|民身份号|身份号[码玛吗]/.test(core) || /\d{12,17}[\dXx]/.test(core)) {
      const digitX = /\d{12,17}[\dXx]/.test(core) ? xAt(lt, /\d/) : undefined;
      anchors.push({ kind: 'id', row: ROW.idNumber, ...base, ...(digitX !== undefined ? { xFromPitch: [digitX, -9 / 7] as [number, number] } : {}) });
      continue;
    }
    if (/^姓名/.test(core)) {
      const i = lt.tokens.findIndex((tk, k) => k >= 2 && /\S/.test(tk.ch) && !/[：:]/.test(tk.ch));
      anchors.push({ kind: 'name', row: 0, ...base, ...(i >= 0 ? { valueX: lt.tokens[i].box[0] } : {}) });
      continue;
    }
    if (/^性别/.test(core)) {
      const i = lt.tokens.findIndex((tk, k) => k >= 2 && /[男女]/.test(tk.ch));
      anchors.push({ kind: 'sex', row: ROW.sex, ...base, ...(i >= 0 ? { valueX: lt.tokens[i].box[0] } : {}) });
      continue;
    }
    if (/^[男女](民族.*)?$/.test(core) || /^[男女][^\p{Script=Han}]*$/u.test(t) || /^性.{0,2}[男女]/.test(core)) {
      const i = lt.tokens.findIndex((tk) => /[男女]/.test(tk.ch));
      anchors.push({ kind: 'sex', row: ROW.sex, ...base, valueX: lt.tokens[i].box[0] });
      continue;
    }
    if (/^民族/.test(core) || isEthnicity(core)) {
      const x = /^民族/.test(core) ? undefined : lt.tokens[0].box[0];
      // The 民族 value stands three pitches right of the value column.
      anchors.push({ kind: 'ethnicity', row: ROW.sex, ...base, ...(x !== undefined ? { xFromPitch: [x, -3] as [number, number] } : {}) });
      continue;
    }
    // The date: 1986年1月24日, or its year or month alone when OCR cut the line.
    const year = /(?:^|\D)(19[3-9]\d|20[0-2]\d)(?:\D|$)/.test(core);
    if (/^出.?生/.test(core) || (year && /[年月日]/.test(core)) || (year && core.length <= 6) || /^\D{0,2}\d{1,2}月\d{1,2}/.test(core)) {
      anchors.push({ kind: 'birth', row: ROW.birth, ...base, ...(xAt(lt, /\d/) !== undefined ? { valueX: xAt(lt, /\d/) } : {}) });
      continue;
    }
    if (/^住址/.test(core)) {
      const i = lt.tokens.findIndex((tk, k) => k >= 2 && /\S/.test(tk.ch) && !/[：:]/.test(tk.ch));
      anchors.push({ kind: 'address', row: ROW.address, ...base, ...(i >= 0 ? { valueX: lt.tokens[i].box[0] } : {}) });
      continue;
    }
    if (core.length >= 3 && /[省市区县镇乡村路街道号栋室楼弄巷组院]/.test(core)) addressLines.push(lt);
  }
  // Address lines: the topmost one (below the birth line, when that was read) opens the 住址 row.
  const birthY = anchors.find((a) => a.kind === 'birth')?.y;
  const idY = anchors.find((a) => a.kind === 'id')?.y;
  const addr = addressLines.filter((lt) => (birthY === undefined || cy(lt) > birthY) && (idY === undefined || cy(lt) < idY)).sort((a, b) => cy(a) - cy(b));
  addr.forEach((lt, i) => {
    // Only the first, when no 住址 label was read, counts as a row; all of them show the value column.
    const labelled = anchors.some((a) => a.kind === 'address');
    if (i === 0 && !labelled) anchors.push({ kind: 'address', row: ROW.address, y: cy(lt), h: lt.h, valueX: lt.tokens[0].box[0] });
    else anchors.push({ kind: 'address+', row: NaN, y: cy(lt), h: lt.h, valueX: lt.tokens[0].box[0] });
  });
  const placed = anchors.filter((a) => Number.isFinite(a.row));
  if (!placed.length) return null;
  const hs = anchors.filter((a) => a.kind !== 'id').map((a) => a.h).sort((a, b) => a - b);
  const h = hs.length ? hs[Math.floor(hs.length / 2)] : anchors[0].h;
  let fit = fitRows(placed, h);
  if (!fit) return null;
  // Drop lines off the fit by more than a third of a pitch (a misread taken for a label), fit again.
  const kept = placed.filter((a) => Math.abs(a.y - (fit!.nameY + a.row * fit!.pitch)) <= 0.35 * fit!.pitch);
  if (kept.length && kept.length < placed.length) fit = fitRows(kept, h) ?? fit;
  const { nameY, pitch } = fit;
  // The value column: where values read start, else from the 民族 value or the number, by the pitch.
  const direct = anchors.filter((a) => a.valueX !== undefined && (!Number.isFinite(a.row) || (kept.length ? kept : placed).includes(a))).map((a) => a.valueX!);
  let valueX: number | undefined;
  if (direct.length) {
    // Values are left-aligned: the leftmost, unless one stray stands far left of the others.
    direct.sort((a, b) => a - b);
    const med = direct[Math.floor(direct.length / 2)];
    valueX = direct.find((x) => x >= med - 1.5 * h) ?? med;
  } else {
    const est = anchors.filter((a) => a.xFromPitch).map((a) => a.xFromPitch![0] + a.xFromPitch![1] * pitch);
    if (est.length) valueX = est.sort((a, b) => a - b)[Math.floor(est.length / 2)];
  }
  if (valueX === undefined) return null;
  // The name is the first value line: a line OCR read (however badly) starting in the value column
  // just above where the rows put it, and on no row below, is the name line itself.
  const anchorLines = new Set(anchors.map((a) => a.y));
  const first = lines
    .filter((lt) => lt.tokens.length && !anchorLines.has(cy(lt)) && Math.abs(lt.tokens[0].box[0] - valueX) <= 0.8 * h && lt.line.box[3] <= 2 * h)
    .filter((lt) => cy(lt) >= nameY - 1.0 * pitch && cy(lt) <= nameY + 0.5 * pitch)
    .sort((a, b) => cy(a) - cy(b))[0];
  const y = first ? cy(first) : nameY;
  if (y < 0) return null;
  return { nameY: y, pitch, valueX, h, anchors: anchors.map((a) => a.kind) };
}

/** Least squares of y on row; with a single row, the pitch from the glyph height. */
function fitRows(as: Anchor[], h: number): { nameY: number; pitch: number } | null {
  const rows = new Set(as.map((a) => a.row));
  const guess = 2.4 * h;
  if (rows.size >= 2) {
    const n = as.length;
    const mr = as.reduce((t, a) => t + a.row, 0) / n;
    const my = as.reduce((t, a) => t + a.y, 0) / n;
    let sxy = 0;
    let sxx = 0;
    for (const a of as) (sxy += (a.row - mr) * (a.y - my)), (sxx += (a.row - mr) ** 2);
    const pitch = sxy / sxx;
    // A pitch far from the glyph height means the lines were placed wrong.
    if (pitch >= 1.5 * h && pitch <= 3.6 * h) return { nameY: my - mr * pitch, pitch };
  }
  // One row (or an implausible fit): the row nearest the name, where a wrong pitch errs least.
  const a = [...as].sort((p, q) => p.row - q.row)[0];
  return { nameY: a.y - a.row * guess, pitch: guess };
}

/** An ethnicity as printed, allowing one misread character in a name of three or more (维癌尔). */
function isEthnicity(core: string): boolean {
  const t = core.replace(/族$/, '');
  if (!t || t.length > 5) return false;
  return ETHNICITIES.some((e) => {
    if (e === t) return true;
    if (e.length < 3 || e.length !== t.length) return false;
    let same = 0;
    for (let i = 0; i < e.length; i++) if (e[i] === t[i]) same++;
    return same >= e.length - 1;
  });
}
