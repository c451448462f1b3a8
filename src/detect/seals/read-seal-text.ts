/**
 * OCR of a seal's arc text from its unwrapped strip. Cost-bounded: the strip is cut to the text,
 * then read as a single line in four variants (as unwrapped, stretched to square glyphs, and
 * both again over a wider band for a ring fit that is a little off). Tesseract is confident on
 * junk, so the reading is chosen by its share of characters common in organisation names and by
 * agreement between the variants (see chooseReading); never by similarity to the employer: the
 * owner decision must not be fed a reading picked for looking like the employer.
 */
import type { RawImage } from '../../model/image.ts';
import type { OcrEngine, OcrPage } from '../../model/ocr.ts';
import type { SealCandidate } from './detect-seals.ts';
import { findTextSpan, unwrapRing, type RingStrip, type UnwrapOptions } from './unwrap-ring.ts';

export interface SealText {
  /** CJK characters read, spaces and stray Latin/punctuation removed. */
  text: string;
  /** Mean character confidence, 0..1 (0 when nothing was read). */
  confidence: number;
  /** Which strip variant gave the reading, and how many OCR calls were made. */
  variant?: string;
  ocrCalls?: number;
}

/** Seal text is Chinese (and digits on the code arc, which we do not need): keep the Han characters. */
export function cleanSealText(s: string): string {
  return [...s].filter((ch) => /\p{Script=Han}/u.test(ch)).join('');
}

/** Most OCR calls made for one seal (each a single-line read of a strip of ~1000×80 px). */
export const MAX_OCR_CALLS_PER_SEAL = 4;

interface Reading {
  text: string;
  confidence: number;
  /** Confidence-weighted amount of Han text, less the confidence spent on junk. */
  score: number;
  /** Confidence spent on Latin letters and punctuation (misread glyph pieces). */
  junk: number;
  variant: string;
}

function scoreReading(res: OcrPage, variant: string): Reading {
  let text = '';
  let conf = 0;
  let n = 0;
  let junk = 0;
  for (const line of res.lines) {
    for (const ch of line.chars) {
      const c = cleanSealText(ch.text);
      if (!c) {
        // Latin letters and punctuation in a seal strip are misread glyph pieces or ring scraps.
        junk += ch.confidence / 100;
        continue;
      }
      text += c;
      conf += ch.confidence * c.length;
      n += c.length;
    }
  }
  const mean = n ? conf / n / 100 : 0;
  // A reading of many characters read with good confidence beats a short confident scrap; weak
  // characters (< 0.5) add little. Junk symbols count against the variant.
  const score = n * Math.max(0, mean - 0.35) - 0.5 * junk;
  return { text, confidence: Math.round(mean * 100) / 100, score, junk, variant };
}

/**
 * Horizontal stretch that makes the strip's glyphs about square: glyph pitch from the columns of
 * ink (runs separated by paper), compared with the glyph height the strip was scaled to.
 */
export function squareStretch(strip: RingStrip, glyphPx: number): number {
  const { data, width: W, height: H } = strip.image;
  const colInk = new Uint8Array(W);
  for (let x = 0; x < W; x++) {
    let n = 0;
    for (let y = 0; y < H; y++) if (data[y * W + x] < 128) n++;
    colInk[x] = n >= 2 ? 1 : 0;
  }
  let first = -1;
  let last = -1;
  const runs: number[] = [];
  let runStart = -1;
  for (let x = 0; x <= W; x++) {
    const on = x < W && colInk[x] === 1;
    if (on && runStart < 0) runStart = x;
    if (!on && runStart >= 0) {
      if (x - runStart >= 3) {
        runs.push(x - runStart);
        if (first < 0) first = runStart;
        last = x;
      }
      runStart = -1;
    }
  }
  if (runs.length < 3 || last <= first) return 1;
  // Glyphs made of two parts (川, 北) count as two runs; glyphs that touch count as one. The
  // median run is a robust glyph width when most glyphs stand apart.
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)];
  const pitch = Math.min((last - first) / runs.length, median * 1.15);
  const s = (glyphPx * 0.95) / Math.max(1, pitch);
  return Math.max(1, Math.min(1.5, s));
}

/**
 * Characters frequent in the names of Chinese organisations (companies, bureaus, schools, training
 * centres) and of the places they are in. A reading whose characters are mostly of this kind is
 * more likely to be a name than OCR junk; the list is generic, never the applicant's employer.
 */
export const ORG_NAME_CHARS = new Set(
  [
    ...'有限责任公司股份集团新疆维吾尔自治区阿克苏地区人力资源和社会保障厅局煤业矿业大学学院中心委员会',
    ...'中国省市县乡镇村街道办事处人民政府管理监督检查教育培训继续职业技术技能学校研究所设计院医院',
    ...'建筑工程安装电力能源石油天然气化工矿产开发投资发展银行保险服务科技信息通信交通运输铁路公路',
    ...'水利农业林业牧业畜牧兽医环境生态自然应急消防公安司法财政税务审计统计商务贸易粮食卫生健康',
    ...'城乡住房规划国土测绘气象地震文化旅游体育广播电视新闻出版民政残疾妇女联合总工作部门党委员',
    ...'北京上海天津重庆乌鲁木齐喀什和田伊犁哈萨克昌吉巴音郭楞博尔塔拉吐鲁番哈密克拉玛依库车拜城',
    ...'新和沙雅温宿乌什柯坪阿瓦提塔里木华东西南北方实业制造机械钢铁材料产品质量标准计量',
    ...'专用章合同财务人事业务行政审批登记注册认证考试评审鉴定协会学会联合社团基金站所队处科室厂场',
  ].filter((ch) => /\p{Script=Han}/u.test(ch)),
);

/** Share of a reading's characters that are frequent in organisation names. */
export function orgCharShare(text: string): number {
  const cs = [...text];
  if (!cs.length) return 0;
  return cs.filter((c) => ORG_NAME_CHARS.has(c)).length / cs.length;
}

/**
 * The reading to keep. Tesseract is confident on junk, so confidence alone does not choose: a
 * reading counts its characters that are frequent in organisation names and those that another
 * variant read too (two misreadings rarely agree), less the junk symbols. Similarity to the
 * applicant's employer plays no part.
 */
export function chooseReading<T extends { text: string; score: number; junk?: number }>(readings: T[]): T {
  const value = (r: T): number => {
    const cs = [...r.text];
    const others = readings.filter((o) => o !== r).map((o) => new Set(o.text));
    let v = 0;
    for (const c of cs) {
      if (ORG_NAME_CHARS.has(c)) v += 1;
      if (others.some((o) => o.has(c))) v += 0.5;
    }
    return v - 0.5 * (r.junk ?? 0) + 0.1 * r.score;
  };
  let best = readings[0];
  let bestV = value(best);
  for (const r of readings.slice(1)) {
    const v = value(r);
    if (v > bestV) {
      best = r;
      bestV = v;
    }
  }
  return best;
}

export async function readSealText(page: RawImage, seal: Pick<SealCandidate, 'ellipse' | 'colour'>, ocr: OcrEngine): Promise<SealText> {
  const grey = seal.colour === 'lost' || page.channels === 1;
  const glyphPx = 44;
  const base: UnwrapOptions = { grey, glyphPx };
  const span = findTextSpan(page, seal.ellipse, base);
  const read = async (opts: UnwrapOptions, variant: string): Promise<Reading> => {
    const strip = unwrapRing(page, seal.ellipse, { ...base, span, ...opts });
    return scoreReading(await ocr.recognize(strip.image, { psm: 'single_line' }), variant);
  };
  const first = unwrapRing(page, seal.ellipse, { ...base, span });
  const readings: Reading[] = [scoreReading(await ocr.recognize(first.image, { psm: 'single_line' }), 'plain')];
  // Narrowed glyphs made square again; always one stretched reading, so that readings can agree.
  const stretch = Math.max(1.25, squareStretch(first, glyphPx));
  readings.push(await read({ stretchX: stretch }, `stretch${stretch.toFixed(2)}`));
  // A wider band, in case the ring fit is a little off (glyph tops or feet cut), as unwrapped and
  // stretched.
  readings.push(await read({ outer: 0.99, inner: 0.5, marginDeg: 10 }, 'wide1.00'));
  readings.push(await read({ outer: 0.99, inner: 0.5, stretchX: stretch, marginDeg: 10 }, `wide${stretch.toFixed(2)}`));
  const win = chooseReading(readings);
  return { text: win.text, confidence: win.confidence, variant: win.variant, ocrCalls: readings.length };
}
