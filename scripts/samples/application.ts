import fs from 'node:fs/promises';
import path from 'node:path';
import type { DocTypeId } from '../../src/model/doc-types.ts';
import type { RawImage } from '../../src/model/image.ts';
import { ApplicantProfile } from '../../src/model/profile.ts';
import { Rng } from './rng.ts';
import { nameKind, randomApplicantName, type NameKind } from './names.ts';
import { scan, type DegradeOptions } from './degrade.ts';
import { corruptFile, encode, EXTENSION, MULTI_PAGE, type FileFormat } from './encode.ts';
import { clarityLabel, BLURRY_MIN_RATIO, CLEAN_MAX_RATIO, MIN_CHAR_PX } from './clarity.ts';
import type { ApplicationTruth, FileTruth, NameTruth, PageTruth, SealTruth } from './truth.ts';
import { writeTruth } from './truth.ts';
import type { Sheet } from './sheet.ts';
import type { DocContext, DocDrawer, HardCases, Person } from './docs/context.ts';
import { DRAWERS } from './docs/index.ts';

/** One document to generate. Everything but `type` has a seeded default. */
export interface DocSpec {
  type: DocTypeId;
  /** Path inside the application folder without extension, e.g. '考核情况/2023年度考核登记表'. */
  file?: string;
  format?: FileFormat;
  /** Year the document is about (appraisal year, CE year …). */
  year?: number;
  /** Pages asked for (title_document spills to a second page). */
  pages?: number;
  /** Resolution the page is drawn at, 100..300. */
  dpi?: number;
  degrade?: DegradeOptions;
  hard?: Partial<HardCases>;
  /** Write an unreadable file instead (truncated JPEG, or a text file named .pdf). */
  corrupt?: 'truncated-jpeg' | 'text-pdf';
  /** Force the clarity outcome (the generator picks dpi/blur to match). */
  clarity?: 'ok' | 'blurry' | 'too_small';
}

export interface RenderedPage {
  image: RawImage;
  truth: PageTruth;
}
export interface RenderedDocument {
  spec: DocSpec & { format: FileFormat; file: string };
  pages: RenderedPage[];
}

const FOLDER: Partial<Record<DocTypeId, string>> = {
  id_card_front: '基本信息', id_card_back: '基本信息', photo: '基本信息',
  diploma: '学历证明', degree: '学历证明', chsi_record: '学历证明', chsi_verification: '学历证明', graduate_registration: '学历证明',
  title_certificate: '专业技术资格', title_document: '专业技术资格', title_review_form: '专业技术资格', skill_certificate: '专业技术资格',
  appraisal_form: '考核情况', ce_certificate: '继续教育', ce_exemption: '继续教育',
  paper: '业绩成果', cnki_screenshot: '发表论文情况', patent_certificate: '业绩成果', secrecy_proof: '业绩成果', work_photo: '实践能力',
  award_certificate: '获奖情况', unit_publicity: '其他附件', unit_recommendation: '其他附件', personal_pledge: '其他附件', putonghua_certificate: '其他附件',
};
const FILE_NAME: Partial<Record<DocTypeId, (y: number) => string>> = {
  id_card_front: () => '身份证正面', id_card_back: () => '身份证反面', photo: () => '一寸红底照片',
  diploma: () => '毕业证书', degree: () => '学位证书', chsi_record: () => '学历证书电子注册备案表', chsi_verification: () => '学籍在线验证报告',
  graduate_registration: () => '毕业生登记表', title_certificate: () => '职称证书', title_document: () => '任职资格文件',
  title_review_form: () => '专业技术职务任职资格评审表', skill_certificate: () => '职业技能等级证书', appraisal_form: (y) => `${y}年度考核登记表`,
  ce_certificate: (y) => `${y}年继续教育合格证书`, ce_exemption: () => '附件4免除继续教育学习申请表', paper: () => '论文',
  cnki_screenshot: () => '知网查询截图', patent_certificate: () => '发明专利证书', secrecy_proof: () => '涉密项目证明', work_photo: () => '现场工作照片',
  award_certificate: () => '荣誉证书', unit_publicity: () => '附件1推荐单位公示', unit_recommendation: () => '附件2单位推荐意见',
  personal_pledge: () => '附件3个人承诺书', putonghua_certificate: () => '普通话水平测试等级证书', unknown: () => '其他材料',
};

const COUNTIES: [string, string][] = [['652901', '阿克苏市'], ['652902', '库车市'], ['652922', '温宿县'], ['652924', '沙雅县'], ['652925', '新和县'], ['652926', '拜城县'], ['652927', '乌什县'], ['652928', '阿瓦提县']];
const SCHOOLS = ['中国矿业大学', '新疆大学', '新疆工程学院', '西安科技大学', '太原理工大学', '辽宁工程技术大学', '河南理工大学', '安徽理工大学', '新疆工业职业技术学院', '山东科技大学', '华北科技学院', '塔里木大学'];
const MAJORS = ['采矿工程', '矿井通风与安全', '安全工程', '机械设计制造及其自动化', '电气工程及其自动化', '煤矿开采技术', '地质工程', '矿物加工工程', '测绘工程'];

function idChecksum(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * w[i], 0);
  return '10X98765432'[sum % 11];
}

/** A random applicant and the facts their documents print, consistent with each other. */
export function randomPerson(rng: Rng, over: Partial<ApplicantProfile> = {}, kind?: NameKind): Person {
  kind ??= rng.weighted<NameKind>([['han2', 2], ['han3', 4], ['compound', 1], ['minority', 3]]);
  const name = over.name ?? randomApplicantName(rng, kind);
  const minority = nameKind(name) === 'minority';
  const sex = rng.chance(0.65) ? '男' : '女';
  const birth = { y: rng.int(1968, 2000), m: rng.int(1, 12), d: rng.int(1, 28) };
  const [code, county] = rng.pick(COUNTIES);
  const seq = rng.int(0, 99) * 10 + (sex === '男' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]));
  const first17 = `${code}${birth.y}${String(birth.m).padStart(2, '0')}${String(birth.d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  const employerKind = over.employerKind ?? rng.weighted([['国有企业', 4], ['民营企业', 3], ['事业单位', 2], ['自由职业', 0.5]] as const);
  const brand = rng.pick(['天山', '金鑫', '宏远', '众泰', '鑫源', '塔北', '龙泰', '华凯', '昆仑', '西域', '博峰', '恒泰', '瑞丰', '远航']);
  const employer =
    over.employer ??
    (employerKind === '事业单位'
      ? rng.pick([`阿克苏地区煤炭工业发展服务中心`, `${county}煤炭产业发展服务中心`, `阿克苏地区应急救援指挥中心`, `${county}矿产资源服务中心`])
      : `阿克苏${rng.pick(['', county.replace(/[市县]$/, '')])}${brand}${rng.pick(['煤业有限责任公司', '矿业有限公司', '能源有限责任公司', '煤炭有限公司'])}`);
  const level = over.level ?? rng.weighted([['助理工程师', 1], ['工程师', 3], ['高级工程师', 2]] as const);
  const education = rng.weighted([['本科', 5], ['大专', 3], ['硕士研究生', 1]] as const);
  const highSkill = !over.highSkill && education === '大专' && rng.chance(0.3) ? { grade: rng.pick(['高级工', '技师', '高级技师'] as const), since: String(rng.int(2012, 2020)) } : over.highSkill;
  const profile = ApplicantProfile.parse({
    name,
    employer,
    employerAliases: employerKind === '事业单位' ? [] : [`${brand}${employer.includes('煤业') ? '煤业' : employer.includes('矿业') ? '矿业' : employer.includes('能源') ? '能源' : '煤炭'}`],
    employerKind,
    track: employerKind === '民营企业' || employerKind === '自由职业' ? (rng.chance(0.7) ? '民营企业专项' : '定向评价') : '定向评价',
    level,
    idNumber: first17 + idChecksum(first17),
    ...(level !== '助理工程师' ? { currentTitle: level === '高级工程师' ? '工程师' : '助理工程师' } : {}),
    firstApplication: rng.chance(0.4),
    ...(rng.chance(0.1) ? { villageResident: true, ceExempt: true } : {}),
    ...(highSkill ? { highSkill } : {}),
    hasDegree: education !== '大专',
    countyLevel: rng.chance(0.3),
    ...over,
  });
  return {
    profile,
    sex,
    ethnicity: minority ? rng.pick(['维吾尔', '维吾尔', '维吾尔', '哈萨克', '柯尔克孜']) : rng.chance(0.9) ? '汉' : '回',
    birth,
    address: `新疆阿克苏地区${county}${rng.pick(['解放路', '新华路', '友谊路', '英巴扎街道', '团结路', '天山路', '塔北路'])}${rng.int(1, 199)}号${rng.int(1, 30)}栋${rng.int(1, 6)}单元${rng.int(101, 602)}室`,
    idNumber: profile.idNumber!,
    school: rng.pick(SCHOOLS),
    major: rng.pick(MAJORS),
    graduated: birth.y + rng.int(21, 25),
    education,
  };
}

function hardCases(rng: Rng, over: Partial<HardCases> = {}): HardCases {
  return {
    containingName: rng.chance(0.35),
    sealOverName: rng.chance(0.25),
    splitName: rng.chance(0.4),
    spacedName: rng.chance(0.3),
    nameCharWord: rng.chance(0.6),
    handFilled: rng.chance(0.2),
    greySeal: rng.chance(0.08),
    ...over,
  };
}

function defaultFormat(rng: Rng, type: DocTypeId): FileFormat {
  if (type === 'cnki_screenshot') return rng.pick(['png', 'png', 'jpeg', 'webp']);
  if (type === 'photo' || type === 'work_photo') return rng.pick(['jpeg', 'jpeg', 'png', 'bmp']);
  return rng.weighted([['jpeg', 6], ['pdf', 3], ['png', 2], ['webp', 1], ['bmp', 0.5], ['tiff', 0.7]] as const);
}

/** Scan settings for a page, chosen so the clarity label is clear-cut (see clarity.ts). */
function resolveDegrade(rng: Rng, spec: DocSpec, bodyPxAtDpi: number, photoDoc: boolean, cardOnly: boolean, screenshot: boolean): Required<Omit<DegradeOptions, 'jpegQuality'>> & { jpegQuality?: number } {
  const d = spec.degrade ?? {};
  const target = spec.clarity ?? rng.weighted([['ok', 0.86], ['blurry', 0.09], ['too_small', 0.05]] as const);
  let scale = d.scale ?? 1;
  if (d.scale === undefined && target === 'too_small' && !photoDoc) scale = Math.min(1, (MIN_CHAR_PX * rng.float(0.6, 0.9)) / bodyPxAtDpi);
  // A page must stay a realistic size even when shrunk.
  const charPx = bodyPxAtDpi * scale;
  const blurSigma =
    d.blurSigma ??
    (photoDoc
      ? target === 'blurry' ? rng.float(3.5, 6) : rng.float(0, 1.2)
      : target === 'blurry' && charPx >= MIN_CHAR_PX
        ? rng.float(BLURRY_MIN_RATIO, 0.22) * charPx
        : rng.chance(0.5) ? 0 : rng.float(0.3, Math.max(0.31, CLEAN_MAX_RATIO * charPx)));
  const camera = d.camera ?? (!screenshot && (cardOnly || (!photoDoc && rng.chance(0.1))));
  // A screenshot never lay on a scanner: no turn, tilt, paper or lamp; only its own saving damage.
  if (screenshot) return { rotation: d.rotation ?? 0, skewDeg: d.skewDeg ?? 0, blurSigma, noise: d.noise ?? 0, jpegQuality: d.jpegQuality, camera: d.camera ?? false, tint: d.tint ?? [1, 1, 1], lighting: d.lighting ?? 0, grey: d.grey ?? false, scale, fold: false, darkBorder: false };
  return {
    rotation: d.rotation ?? (photoDoc ? 0 : rng.weighted([[0, 0.86], [90, 0.06], [180, 0.03], [270, 0.05]] as const)),
    skewDeg: d.skewDeg ?? (rng.chance(0.45) ? 0 : rng.float(-3, 3) * (camera ? 1.5 : 1)),
    blurSigma,
    noise: d.noise ?? (rng.chance(0.3) ? 0 : rng.float(1, camera ? 10 : 7)),
    jpegQuality: d.jpegQuality,
    camera,
    tint: d.tint ?? (photoDoc ? [1, 1, 1] : rng.pick([[1, 1, 1], [1, 0.99, 0.95], [0.98, 0.97, 0.92], [0.96, 0.96, 0.96], [1, 0.98, 0.9]] as [number, number, number][])),
    lighting: d.lighting ?? (camera ? rng.float(0.4, 1) : rng.float(0, 0.45)),
    grey: d.grey ?? (!photoDoc && rng.chance(0.07)),
    scale,
    fold: d.fold ?? (!photoDoc && !cardOnly && rng.chance(0.2)),
    darkBorder: d.darkBorder ?? (!camera && rng.chance(0.2)),
  };
}

async function renderPages(spec: DocSpec, person: Person, rng: Rng): Promise<RenderedDocument> {
  const type = spec.type;
  const drawer: DocDrawer | undefined = DRAWERS[type];
  if (!drawer) throw new Error(`no drawer for document type ${type}`);
  const dpi = spec.dpi ?? rng.weighted([[150, 2], [200, 3], [240, 1], [300, 2]] as const);
  const year = spec.year ?? 2023;
  const ctx: DocContext = { type, rng: rng.fork('draw'), person, dpi, year, hard: hardCases(rng.fork('hard'), spec.hard), pages: spec.pages ?? 1 };
  const sheets: Sheet[] = drawer(ctx);
  let format = spec.format ?? defaultFormat(rng, type);
  if (sheets.length > 1 && !MULTI_PAGE.has(format)) format = rng.pick(['pdf', 'tiff'] as const);
  const photoDoc = type === 'photo' || type === 'work_photo';
  const pages: RenderedPage[] = [];
  const degradeRng = rng.fork('degrade');
  // Settings are per document (one scanner session), the random fields per page.
  const first = sheets[0];
  const cardOnly = (type === 'id_card_front' || type === 'id_card_back') && first.width < first.mm(120);
  const body = Math.min(...sheets.map((s) => s.bodyPx));
  const base = resolveDegrade(degradeRng, spec, Number.isFinite(body) ? body : 40, photoDoc, cardOnly, type === 'cnki_screenshot');
  const jpegQuality = spec.degrade?.jpegQuality ?? (format === 'jpeg' || format === 'pdf' ? degradeRng.int(35, 95) : format === 'webp' ? degradeRng.int(40, 90) : degradeRng.chance(0.3) ? degradeRng.int(40, 85) : undefined);
  for (let i = 0; i < sheets.length; i++) {
    const sh = sheets[i];
    const opts = { ...base, skewDeg: i === 0 ? base.skewDeg : base.skewDeg + degradeRng.float(-0.5, 0.5) };
    // The stored file carries its own JPEG loss; only lossless formats get an earlier-save damage.
    const damage = format === 'png' || format === 'bmp' || format === 'tiff' ? jpegQuality : undefined;
    const sc = await scan(sh.canvas, { ...opts, jpegQuality: damage }, degradeRng);
    const convert = (b: [number, number, number, number]) => {
      const up = sc.toUpright(b);
      return { uprightBox: up, box: sc.rotateBox(up) };
    };
    const name = (n: Sheet['names'][number]): NameTruth => ({ text: n.text, ...convert(n.box), ...(n.handwritten ? { handwritten: true } : {}), ...(n.note ? { note: n.note } : {}) });
    const seals: SealTruth[] = sh.seals.map((s) => {
      const e = sc.ellipse(s.ellipse);
      return { ellipse: roundEllipse(e.stored), ...convert(s.box), owner: s.owner, text: s.text, colour: s.grey || opts.grey ? 'grey' : 'red' };
    });
    const charPx = (Number.isFinite(sh.bodyPx) ? sh.bodyPx : 40) * opts.scale;
    pages.push({
      image: sc.image,
      truth: {
        page: i + 1,
        width: sc.image.width,
        height: sc.image.height,
        dpi: Math.round(sh.dpi * opts.scale),
        rotation: opts.rotation,
        skewDeg: round2(opts.skewDeg),
        blurSigma: round2(opts.blurSigma),
        ...(format === 'jpeg' || format === 'pdf' || format === 'webp' || damage ? { jpegQuality } : {}),
        noise: round2(opts.noise),
        photo: photoDoc,
        clarity: clarityLabel(charPx, opts.blurSigma, photoDoc),
        applicantNames: sh.names.filter((n) => n.owner === 'applicant').map(name),
        otherNames: sh.names.filter((n) => n.owner === 'other').map(name),
        seals,
      },
    });
  }
  const file = `${baseFileOf(spec)}.${EXTENSION[format]}`;
  return { spec: { ...spec, format, file }, pages };
}

/** A document's file path without its extension (the format is drawn while rendering). */
function baseFileOf(spec: DocSpec): string {
  return spec.file ?? `${FOLDER[spec.type] ?? '其他附件'}/${(FILE_NAME[spec.type] ?? FILE_NAME.unknown!)(spec.year ?? 2023)}`;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
function roundEllipse(e: { cx: number; cy: number; rx: number; ry: number; angleDeg: number }) {
  return { cx: round2(e.cx), cy: round2(e.cy), rx: round2(e.rx), ry: round2(e.ry), angleDeg: round2(e.angleDeg) };
}

/** Renders one document (pages as RGB plus their truth), before it is encoded into a file. */
export async function renderDocument(spec: DocSpec & { profile?: Partial<ApplicantProfile> }, seed: number): Promise<RenderedDocument> {
  const rng = new Rng(seed);
  const person = randomPerson(rng.fork('person'), spec.profile);
  return renderPages(spec, person, rng.fork(`doc:${spec.type}`));
}

/** The documents a complete application holds for this profile, with the hard cases spread over them. */
export function defaultDocs(rng: Rng, p: ApplicantProfile, opts: { corrupt?: boolean } = {}): DocSpec[] {
  const docs: DocSpec[] = [
    { type: 'id_card_front' },
    { type: 'id_card_back' },
    { type: 'photo' },
    { type: 'personal_pledge', hard: { handFilled: rng.chance(0.4) } },
    { type: 'unit_publicity', hard: { splitName: true } },
    { type: 'unit_recommendation' },
  ];
  if (p.highSkill) docs.push({ type: 'skill_certificate' });
  else {
    docs.push({ type: 'diploma' });
    if (p.hasDegree) docs.push({ type: 'degree' });
    docs.push(rng.weighted([[{ type: 'chsi_record' }, 3], [{ type: 'chsi_verification' }, 2], [{ type: 'graduate_registration', pages: rng.int(1, 2) }, 1]] as const));
  }
  if (p.level !== '助理工程师') {
    docs.push({ type: 'title_certificate' });
    // A multi-page TIFF in every application: the long approval list.
    docs.push({ type: 'title_document', pages: 2, format: 'tiff', hard: { containingName: true } });
    if (rng.chance(0.3)) docs.push({ type: 'title_review_form' });
  } else {
    // No title yet: the multi-page TIFF every application carries is the graduate registration.
    docs.push({ type: 'graduate_registration', pages: 2, format: 'tiff' });
  }
  const years = [2021, 2022, 2023];
  years.forEach((y, i) => docs.push({ type: 'appraisal_form', year: y, ...(i === 0 ? { hard: { containingName: true } } : i === 1 ? { hard: { sealOverName: true } } : {}) }));
  if (p.ceExempt) docs.push({ type: 'ce_exemption' });
  else for (const y of [2021, 2022]) docs.push({ type: 'ce_certificate', year: y });
  if (p.employerKind === '事业单位') docs.push({ type: 'putonghua_certificate' });
  const papers = p.level === '高级工程师' ? 2 : rng.int(0, 1);
  for (let i = 0; i < papers; i++) docs.push({ type: 'paper', file: `业绩成果/论文${i + 1}`, hard: { containingName: i === 0 } }, { type: 'cnki_screenshot', file: `发表论文情况/知网查询截图${i + 1}` });
  if (rng.chance(0.4)) docs.push({ type: 'award_certificate' });
  if (rng.chance(0.2)) docs.push({ type: 'patent_certificate' });
  if (rng.chance(0.15)) docs.push({ type: 'secrecy_proof' });
  if (rng.chance(0.2)) docs.push({ type: 'work_photo' });
  if (opts.corrupt) docs.push({ type: 'unknown', corrupt: rng.pick(['truncated-jpeg', 'text-pdf'] as const), file: '其他附件/补充材料' });
  return docs;
}

/**
 * Writes one application folder: `<dir>/applicant.json` and the scans in section sub-folders, and
 * its truth at `<dir>.truth.json` (beside the folder, so the tool under test never sees it).
 */
export async function generateApplication(opts: {
  dir: string;
  seed: number;
  profile?: Partial<ApplicantProfile>;
  nameKind?: NameKind;
  docs?: DocSpec[];
  degrade?: DegradeOptions;
  corrupt?: boolean;
  /**
   * Render only the documents whose file path (without extension) passes: the others draw their
   * random numbers all the same, so what is rendered is the same as in the whole application.
   */
  only?: (baseFile: string) => boolean;
}): Promise<ApplicationTruth> {
  const rng = new Rng(opts.seed);
  const person = randomPerson(rng.fork('person'), opts.profile, opts.nameKind);
  const specs = opts.docs ?? defaultDocs(rng.fork('docs'), person.profile, { corrupt: opts.corrupt });
  await fs.rm(opts.dir, { recursive: true, force: true });
  await fs.mkdir(opts.dir, { recursive: true });
  await fs.writeFile(path.join(opts.dir, 'applicant.json'), JSON.stringify(person.profile, null, 2) + '\n');
  const files: FileTruth[] = [];
  const used = new Set<string>();
  for (const [i, spec0] of specs.entries()) {
    const spec: DocSpec = { ...spec0, degrade: { ...opts.degrade, ...spec0.degrade } };
    const docRng = rng.fork(`doc${i}:${spec.type}`);
    if (opts.only && !opts.only(baseFileOf(spec.type === 'unknown' ? { ...spec, type: 'paper' } : spec))) continue;
    if (spec.corrupt) {
      const { data, format } = await corruptFile(spec.corrupt, { data: Buffer.alloc(64 * 64 * 3, 200), width: 64, height: 64, channels: 3 });
      const file = uniqueName(`${spec.file ?? '其他附件/补充材料'}.${EXTENSION[format]}`, used);
      await writeFile(opts.dir, file, data);
      files.push({ file, format, docType: spec.type, corrupt: true, pages: [] });
      continue;
    }
    const doc = await renderPages(spec.type === 'unknown' ? { ...spec, type: 'paper' } : spec, person, docRng);
    const file = uniqueName(doc.spec.file, used);
    if (file.includes(person.profile.name)) throw new Error(`file name ${file} contains the applicant's name`);
    const data = await encode(doc.pages.map((p) => p.image), doc.spec.format, { quality: doc.pages[0].truth.jpegQuality ?? 90, dpi: doc.pages[0].truth.dpi });
    await writeFile(opts.dir, file, data);
    files.push({ file, format: doc.spec.format, docType: spec.type, textLayer: false, pages: doc.pages.map((p) => p.truth) });
  }
  const truth: ApplicationTruth = { application: path.basename(opts.dir), profile: person.profile, files };
  await writeTruth(`${opts.dir.replace(/\/+$/, '')}.truth.json`, truth);
  return truth;
}

function uniqueName(file: string, used: Set<string>): string {
  let f = file;
  for (let k = 2; used.has(f); k++) f = file.replace(/(\.[a-z]+)$/, `_${k}$1`);
  used.add(f);
  return f;
}

async function writeFile(dir: string, file: string, data: Buffer): Promise<void> {
  const full = path.join(dir, file);
  await fs.mkdir(path.dirname(full), { recursive: true });
  await fs.writeFile(full, data);
}
