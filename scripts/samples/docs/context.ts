import type { ApplicantProfile } from '../../../src/model/profile.ts';
import type { DocTypeId } from '../../../src/model/doc-types.ts';
import type { Rng } from '../rng.ts';
import type { Sheet } from '../sheet.ts';
import { containingName, otherNames, printedVariant, wordWithNameChar } from '../names.ts';

/** Hard cases a document may be asked to contain (DOMAIN.md). Unset ones are drawn from the seed. */
export interface HardCases {
  /** Someone else's name that contains the applicant's (张伟 → 张伟东) on the page. */
  containingName: boolean;
  /** The employer seal stamped over the applicant's name. */
  sealOverName: boolean;
  /** The applicant's name falls across a line end in running text. */
  splitName: boolean;
  /** The name spaced out as forms do: 张　伟. */
  spacedName: boolean;
  /** An ordinary word holding one of the applicant's characters (王建 → 建设). */
  nameCharWord: boolean;
  /** Fields filled in by hand (names included). */
  handFilled: boolean;
  /** Grey (photocopied) seal. */
  greySeal: boolean;
}

/** The person behind an application, with the facts their documents print. */
export interface Person {
  profile: ApplicantProfile;
  sex: '男' | '女';
  ethnicity: string;
  birth: { y: number; m: number; d: number };
  address: string;
  idNumber: string;
  school: string;
  major: string;
  graduated: number;
  education: '本科' | '大专' | '硕士研究生';
}

export interface DocContext {
  type: DocTypeId;
  rng: Rng;
  person: Person;
  dpi: number;
  year: number;
  hard: HardCases;
  /** Page count asked for (multi-page documents). */
  pages: number;
}

export function printed(c: DocContext): string {
  return printedVariant(c.rng, c.person.profile.name);
}
export function others(c: DocContext, n: number): string[] {
  return otherNames(c.rng, c.person.profile.name, n);
}
export function containing(c: DocContext): string {
  return containingName(c.rng, c.person.profile.name);
}
/** A short phrase using one of the applicant's characters in an ordinary word, or ''. */
export function trapPhrase(c: DocContext): string {
  const w = wordWithNameChar(c.rng, c.person.profile.name);
  if (!w) return '';
  return c.rng.pick([`在${w}方面表现突出，`, `围绕${w}工作，`, `注重${w}，`, `（${w}）`, `${w}相关工作中，`]);
}

export type DocDrawer = (c: DocContext) => Sheet[];

export function cnDate(y: number, m: number, d: number): string {
  return `${y}年${m}月${d}日`;
}
const CN_DIGITS = '〇一二三四五六七八九';
/** 二〇二三年五月十二日, as seals and certificates print dates. */
export function cnDateUpper(y: number, m: number, d: number): string {
  const num = (n: number) => (n <= 10 ? ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][n] : n < 20 ? '十' + CN_DIGITS[n % 10].replace('〇', '') : CN_DIGITS[Math.floor(n / 10)] + '十' + CN_DIGITS[n % 10].replace('〇', ''));
  return `${[...String(y)].map((ch) => CN_DIGITS[+ch]).join('')}年${num(m)}月${num(d)}日`;
}

export const ISSUERS_TITLE = ['新疆维吾尔自治区人力资源和社会保障厅', '阿克苏地区人力资源和社会保障局'];
export const EMPLOYER_SUFFIX = ['煤业有限责任公司', '矿业有限公司', '能源有限责任公司', '煤矿', '煤炭有限公司'];

export const COAL_SENTENCES = [
  '针对综采工作面回采过程中顶板来压剧烈的问题，开展了支架工作阻力实测与分析。',
  '通过数值模拟与现场监测相结合的方法，研究了巷道围岩变形规律及支护参数优化。',
  '矿井通风系统的可靠性直接关系到安全生产，本文对通风网络进行了解算与调整。',
  '瓦斯抽采是防治煤与瓦斯突出的根本措施，应坚持先抽后采、监测监控、以风定产。',
  '结合矿井地质条件，提出了沿空留巷与锚网索联合支护方案，取得了良好的效果。',
  '煤层自然发火期短，采用注氮与黄泥灌浆相结合的综合防灭火技术。',
  '智能化综采工作面建设提升了单产单进水平，减少了井下作业人员数量。',
  '对主运输系统带式输送机进行了节能改造，年节约电费约四十余万元。',
  '依据《煤矿安全规程》要求，完善了水害防治“三专两探一撤”措施。',
  '采用微震监测系统对冲击地压危险区域进行实时预警，保障了工作面安全回采。',
  '本工程井田面积约十二平方公里，设计生产能力每年一百二十万吨。',
  '露天煤矿边坡稳定性分析采用极限平衡法与有限元强度折减法进行对比验证。',
  '选煤厂重介质旋流器分选工艺改造后，精煤回收率提高了二点三个百分点。',
  '组织编制了采区设计、作业规程及安全技术措施，并负责现场技术指导。',
  '参与矿井安全生产标准化建设，所在矿井通过一级标准化验收。',
];

export function sentences(rng: Rng, n: number): string {
  return rng.shuffle(COAL_SENTENCES).slice(0, n).join('');
}
