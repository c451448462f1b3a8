/**
 * Small test pages for the scan checks, drawn with @napi-rs/canvas and Noto Sans/Serif SC. A stand-in
 * until scripts/samples (the full generator) is usable; kept to the handful of layouts that stress
 * orientation and clarity: dense text, a sparse form, an ID card, a certificate with a seal, a photo.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import type { RawImage } from '../../src/model/image.ts';
import { rotateRaw, type Rotation } from '../../src/quality/rotate.ts';
import { drawSeal, randomSealSpec } from '../../scripts/samples/seal.ts';
import { Rng } from '../../scripts/samples/rng.ts';

export type PageKind = 'text' | 'form' | 'id_front' | 'id_back' | 'certificate' | 'photo';
export const PAGE_KINDS: PageKind[] = ['text', 'form', 'id_front', 'id_back', 'certificate', 'photo'];

export interface PageSpec {
  kind: PageKind;
  dpi?: number; // default 200
  rotation?: Rotation;
  skewDeg?: number;
  /** Gaussian blur in pixels of the scan at its dpi. */
  blurSigma?: number;
  /** Scale of the whole page's tone: <1 darkens paper, used for exposure tests. */
  paper?: number; // paper grey level, default 250
  ink?: number; // ink grey level, default 25
  seed?: number;
}

const require = createRequire(import.meta.url);
let ready = false;
function fonts(): void {
  if (ready) return;
  const sans = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  const serif = path.dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
  GlobalFonts.registerFromPath(path.join(sans, '400Regular', 'NotoSansSC_400Regular.ttf'), 'QHei');
  GlobalFonts.registerFromPath(path.join(serif, '400Regular', 'NotoSerifSC_400Regular.ttf'), 'QSong');
  GlobalFonts.registerFromPath(path.join(serif, '700Bold', 'NotoSerifSC_700Bold.ttf'), 'QSongBold');
  ready = true;
}

const NOTICE =
  '申报人在填报评审材料时须认真准确填写各栏目并上传正向清晰的相应佐证材料原件扫描件因漏传错传未传导致的后果由申报人承担申报人未通过审核的应于退回后两日内根据修改意见完善材料并提交提交评审委员会审核次数不超过三次对于第三次提交后申报材料仍不符合要求或退回后超过申报时限的不予受理专业技术人员按要求准确填报个人信息并上传身份证扫描件正面和反面符合要求的近期一寸红底免冠照片二级专业要根据申报人自身从事的工作内容选择规划设计与技术咨询工程建设生产运行与管理或工程科学技术研究其一单位归属要根据单位所在地和机构规格进行选择';
const NAMES = ['王建国', '艾合买提·吐尔逊', '李秀英', '张伟', '阿依古丽·买买提', '刘志强'];

/** Renders one page: upright first, then skewed, blurred and turned like a scan. RGB. */
export async function renderPage(spec: PageSpec): Promise<RawImage> {
  fonts();
  const dpi = spec.dpi ?? 200;
  const rng = new Rng(spec.seed ?? 1);
  const pt = (p: number) => (p * dpi) / 72;
  const mm = (m: number) => (m * dpi) / 25.4;
  const card = spec.kind === 'id_front' || spec.kind === 'id_back';
  const W = Math.round(card ? mm(85.6 + 16) : spec.kind === 'certificate' ? mm(260) : mm(210));
  const H = Math.round(card ? mm(54 + 16) : spec.kind === 'certificate' ? mm(185) : mm(297));
  const canvas = createCanvas(W, H);
  const g = canvas.getContext('2d');
  const paper = spec.paper ?? 250;
  const ink = spec.ink ?? 25;
  g.fillStyle = `rgb(${paper},${paper},${paper - 3})`;
  g.fillRect(0, 0, W, H);
  g.save();
  if (spec.skewDeg) {
    g.translate(W / 2, H / 2);
    g.rotate((spec.skewDeg * Math.PI) / 180);
    g.translate(-W / 2, -H / 2);
  }
  const inkCss = `rgb(${ink},${ink},${ink})`;
  g.fillStyle = inkCss;
  g.strokeStyle = inkCss;
  g.textBaseline = 'top';
  const name = rng.pick(NAMES);
  if (spec.kind === 'text') drawText(g, W, pt, mm, rng);
  else if (spec.kind === 'form') drawForm(g, W, pt, mm, name);
  else if (spec.kind === 'id_front') drawIdFront(g, pt, mm, name, rng);
  else if (spec.kind === 'id_back') drawIdBack(g, pt, mm);
  else if (spec.kind === 'certificate') drawCertificate(g, W, H, pt, mm, name, rng, dpi);
  else drawPhoto(g, W, H, rng);
  g.restore();
  let raw = canvasRgb(canvas.data(), W, H);
  if (spec.blurSigma && spec.blurSigma >= 0.3) {
    const { data } = await sharp(raw.data, { raw: { width: W, height: H, channels: 3 } })
      .blur(spec.blurSigma)
      .raw()
      .toBuffer({ resolveWithObject: true });
    raw = { data, width: W, height: H, channels: 3 };
  }
  return rotateRaw(raw, spec.rotation ?? 0);
}

function canvasRgb(rgba: Uint8Array | Buffer, w: number, h: number): RawImage {
  const out = Buffer.allocUnsafe(w * h * 3);
  for (let i = 0, j = 0; j < out.length; i += 4, j += 3) {
    out[j] = rgba[i];
    out[j + 1] = rgba[i + 1];
    out[j + 2] = rgba[i + 2];
  }
  return { data: out, width: w, height: h, channels: 3 };
}

type Px = (v: number) => number;

function drawText(g: SKRSContext2D, W: number, pt: Px, mm: Px, rng: Rng): void {
  g.font = `${pt(16)}px QSongBold`;
  g.textAlign = 'center';
  g.fillText('关于开展二〇二四年度工程系列煤炭专业职称评审工作的通知', W / 2, mm(25));
  g.textAlign = 'left';
  const size = pt(rng.pick([10.5, 12, 14]));
  g.font = `${size}px ${rng.pick(['QSong', 'QHei'])}`;
  const perLine = Math.floor((W - mm(50)) / size);
  let at = rng.int(0, 200);
  for (let y = mm(45), i = 0; y < mm(270) && i < 40; y += size * 1.7, i++) {
    const line = (NOTICE + NOTICE).slice(at % NOTICE.length, (at % NOTICE.length) + perLine);
    at += perLine;
    g.fillText(i % 7 === 0 ? '　　' + line.slice(2) : line, mm(25), y);
  }
}

function drawForm(g: SKRSContext2D, W: number, pt: Px, mm: Px, name: string): void {
  g.font = `${pt(18)}px QSongBold`;
  g.textAlign = 'center';
  g.fillText('年度考核登记表', W / 2, mm(30));
  g.textAlign = 'left';
  g.font = `${pt(12)}px QSong`;
  const rows: Array<[string, string]> = [
    ['姓名', name], ['性别', '男'], ['出生年月', '1988年1月'], ['工作单位', '阿克苏某某煤业有限责任公司'],
    ['职务', '技术员'], ['考核年度', '2023'], ['考核等次', '合格'], ['主管领导意见', ''],
  ];
  g.lineWidth = Math.max(1, mm(0.3));
  const x0 = mm(25), x1 = mm(70), x2 = W - mm(25);
  let y = mm(50);
  for (const [k, v] of rows) {
    const h = k === '主管领导意见' ? mm(60) : mm(14);
    g.strokeRect(x0, y, x1 - x0, h);
    g.strokeRect(x1, y, x2 - x1, h);
    g.fillText(k, x0 + mm(3), y + mm(4));
    if (v) g.fillText(v, x1 + mm(4), y + mm(4));
    y += h;
  }
}

function drawIdFront(g: SKRSContext2D, pt: Px, mm: Px, name: string, rng: Rng): void {
  idCardBase(g, mm);
  const x = mm(8 + 5);
  const label = (t: string, yy: number) => {
    g.fillStyle = 'rgb(40,90,160)';
    g.font = `${pt(6.5)}px QHei`;
    g.fillText(t, x, yy);
  };
  const value = (t: string, xx: number, yy: number, size = 8) => {
    g.fillStyle = 'rgb(20,20,20)';
    g.font = `${pt(size)}px QHei`;
    g.fillText(t, xx, yy);
  };
  label('姓  名', mm(14)); value(name, x + mm(11), mm(13.5), 9);
  label('性  别', mm(21)); value('男', x + mm(11), mm(21));
  g.fillStyle = 'rgb(40,90,160)'; g.fillText('民族', x + mm(22), mm(21)); value('维吾尔', x + mm(30), mm(21));
  label('出  生', mm(28)); value('1988  年  1  月  1  日', x + mm(11), mm(28));
  label('住  址', mm(35)); value('新疆阿克苏市英巴扎街道', x + mm(11), mm(35)); value('团结路18号', x + mm(11), mm(40));
  label('公民身份号码', mm(53)); value('6529011988010' + String(rng.int(10000, 99999)), x + mm(19), mm(52.5), 9.5);
  g.fillStyle = 'rgb(200,200,205)';
  g.fillRect(mm(8 + 60), mm(14), mm(22), mm(28)); // portrait
}

function drawIdBack(g: SKRSContext2D, pt: Px, mm: Px): void {
  idCardBase(g, mm);
  g.fillStyle = 'rgb(200,40,40)';
  g.beginPath();
  g.arc(mm(8 + 12), mm(8 + 12), mm(8), 0, Math.PI * 2);
  g.fill();
  g.fillStyle = 'rgb(20,20,20)';
  g.font = `${pt(12)}px QSongBold`;
  g.fillText('中华人民共和国', mm(8 + 30), mm(8 + 8));
  g.font = `${pt(15)}px QSongBold`;
  g.fillText('居民身份证', mm(8 + 30), mm(8 + 18));
  g.font = `${pt(7)}px QHei`;
  g.fillText('签发机关  阿克苏市公安局', mm(8 + 16), mm(8 + 38));
  g.fillText('有效期限  2016.03.01-2036.03.01', mm(8 + 16), mm(8 + 45));
}

function idCardBase(g: SKRSContext2D, mm: Px): void {
  g.save();
  g.fillStyle = 'rgb(236,240,244)';
  g.strokeStyle = 'rgb(170,175,180)';
  g.lineWidth = mm(0.3);
  g.beginPath();
  g.roundRect(mm(8), mm(8), mm(85.6), mm(54), mm(3));
  g.fill();
  g.stroke();
  g.restore();
}

function drawCertificate(g: SKRSContext2D, W: number, H: number, pt: Px, mm: Px, name: string, rng: Rng, dpi: number): void {
  g.save();
  g.strokeStyle = 'rgb(180,140,60)';
  g.lineWidth = mm(3);
  g.strokeRect(mm(10), mm(10), W - mm(20), H - mm(20));
  g.restore();
  g.font = `${pt(40)}px QSongBold`;
  g.textAlign = 'center';
  g.fillStyle = 'rgb(170,30,30)';
  g.fillText('荣誉证书', W / 2, mm(35));
  g.fillStyle = 'rgb(25,25,25)';
  g.textAlign = 'left';
  g.font = `${pt(18)}px QSong`;
  g.fillText(`${name}同志：`, mm(40), mm(75));
  g.fillText('在二〇二三年度安全生产工作中表现突出，', mm(55), mm(95));
  g.fillText('被评为先进工作者，特发此证，以资鼓励。', mm(40), mm(112));
  g.font = `${pt(16)}px QSong`;
  g.fillText('阿克苏某某煤业有限责任公司', W - mm(130), mm(140));
  g.fillText('二〇二四年一月', W - mm(110), mm(155));
  drawSeal(g, randomSealSpec(rng.next, '阿克苏某某煤业有限责任公司', W - mm(80), mm(145), dpi), rng.next);
}

function drawPhoto(g: SKRSContext2D, W: number, H: number, rng: Rng): void {
  // A stand-in for a photograph: a lit scene of smooth gradients, large soft shapes and sensor noise,
  // with no text-like structure and hardly any paper-white.
  const sky = g.createLinearGradient(0, 0, 0, H);
  sky.addColorStop(0, `rgb(${rng.int(90, 160)},${rng.int(120, 180)},${rng.int(160, 220)})`);
  sky.addColorStop(0.55, `rgb(${rng.int(150, 210)},${rng.int(150, 200)},${rng.int(140, 190)})`);
  sky.addColorStop(1, `rgb(${rng.int(60, 110)},${rng.int(60, 100)},${rng.int(40, 80)})`);
  g.fillStyle = sky;
  g.fillRect(0, 0, W, H);
  for (let i = 0; i < 14; i++) {
    const r = rng.float(0.05, 0.25) * W;
    const x = rng.float(0, W);
    const y = rng.float(0.3, 1) * H;
    const grad = g.createRadialGradient(x, y, r * 0.1, x, y, r);
    const c = [rng.int(20, 200), rng.int(20, 180), rng.int(20, 160)];
    grad.addColorStop(0, `rgba(${c[0]},${c[1]},${c[2]},0.95)`);
    grad.addColorStop(1, `rgba(${c[0] * 0.6},${c[1] * 0.6},${c[2] * 0.6},0.0)`);
    g.fillStyle = grad;
    g.beginPath();
    g.ellipse(x, y, r, r * rng.float(0.5, 1.5), rng.float(0, 3), 0, Math.PI * 2);
    g.fill();
  }
  const img = g.getImageData(0, 0, W, H);
  for (let i = 0; i < img.data.length; i += 4) {
    const n = rng.gauss() * 6;
    img.data[i] = Math.max(0, Math.min(255, img.data[i] + n));
    img.data[i + 1] = Math.max(0, Math.min(255, img.data[i + 1] + n));
    img.data[i + 2] = Math.max(0, Math.min(255, img.data[i + 2] + n));
  }
  g.putImageData(img, 0, 0);
}

/** Writes a page as PNG for a look by eye while developing. */
export async function savePng(img: RawImage, file: string): Promise<void> {
  await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } }).png().toFile(file);
}
