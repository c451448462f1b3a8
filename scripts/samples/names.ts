import type { Rng } from './rng.ts';

/** Single-character surnames, roughly by frequency (the first ones come up more often). */
const SURNAMES = [...(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
  '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝' +
  '封蔺鞠燕伏揭衣战初井芮蒯茅阚苍储栗郜支乐过亢那冀钮郦晁宓裘母宣通贝牧从暴谈匡郁胥鄂顿')];

export const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '独孤', '南宫', '西门', '万俟', '闻人', '澹台', '公冶', '呼延', '赫连'];

/** Characters used in given names. Many also occur in ordinary words of these documents (建设,
 *  安全, 生产 …), which is exactly the trap a name detector must not fall into. */
const GIVEN = [...(
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红志新玉春梅海云林亮波宁辉鹏飞斌宇浩凯健俊帆帅旭晨阳欣怡佳琪雪婷颖慧莉晶' +
  '鑫博文彬斐昊天翔鹏程德福永生金荣龙成安东峰瑞祥宏伟光立民安庆兵虎江河山松柏青岚月星雨露霖泽润清源远航启明振兴学良治中' +
  '卫忠孝仁义礼智信诚毅恒勤俭朴实丹红蕾薇芸茹萍燕凤琳璐瑶琼珊莹倩雯雅晓嘉鸿瀚哲思睿彦雄武杰豪铭鹤松竹兰菊莲荷桃杏' +
  '利民富贵昌盛顺达胜利永强卫东向阳爱国建军建华建新建平志刚志强志勇国庆国强国平海涛海燕海波海峰春华秋实冬梅夏雨' +
  '子轩梓涵一诺浩宇欣妍宇航俊杰思远嘉怡雨桐皓轩可馨家豪泽宇子豪晨曦')];

/** Transcribed Uyghur / Kazakh / Hui given names; a minority name is `given·father's given`. */
const MINORITY = [
  '艾合买提', '吐尔逊', '阿依古丽', '买买提', '阿不都', '热合曼', '努尔', '古丽', '帕提古丽', '迪丽努尔', '依明', '艾力',
  '阿里木', '吾斯曼', '玉苏甫', '热依拉', '米娜瓦尔', '阿迪力', '麦麦提', '吐尔洪', '艾尔肯', '伊力哈木', '库尔班', '肉孜',
  '阿布拉', '努尔古丽', '热孜宛', '再努尔', '牙生', '塔依尔', '哈力克', '巴图尔', '买合木提', '吾买尔', '艾则孜', '亚森',
  '阿力甫', '赛买提', '古力米热', '阿尔祖古丽', '祖丽菲亚', '木合塔尔', '托合提', '哈斯木', '斯拉木', '卡德尔', '萨比尔',
  '艾山', '热西提', '阿不来提', '吾守尔', '玉素甫', '哈尼克孜', '阿曼', '沙吾提', '努尔兰', '叶尔兰', '哈那提', '阿依达娜',
  '古丽娜尔', '叶尔江', '达吾列提', '加娜尔', '木拉提', '阿斯哈尔', '赛力克', '巴合提', '别克', '吐尔逊别克', '阿合提',
  '依力哈尔', '米热古丽', '布阿依谢', '阿孜古丽', '图尔荪', '艾克拜尔', '吾拉木', '排尔哈提', '帕尔哈提', '阿卜力克木',
];

/** A word of ordinary text that contains `ch`, for the "name characters inside words" trap. */
const WORDS_WITH: Record<string, string[]> = {
  建: ['建设', '建立', '基建'], 国: ['国家', '全国'], 华: ['中华', '华北'], 明: ['说明', '明确'], 安: ['安全', '安装'],
  生: ['生产', '发生'], 文: ['文件', '文明'], 平: ['水平', '平台'], 伟: ['伟大'], 强: ['加强', '强化'], 新: ['新疆', '创新'],
  东: ['东部', '山东'], 成: ['完成', '成果'], 林: ['林业'], 峰: ['高峰'], 勇: ['勇于'], 杰: ['杰出'], 超: ['超过'],
  健: ['健全', '健康'], 光: ['光明'], 立: ['建立', '成立'], 民: ['人民', '民营'], 庆: ['庆祝'], 兵: ['兵团'], 江: ['江苏'],
  河: ['河南'], 山: ['山西', '矿山'], 清: ['清晰', '清理'], 源: ['能源', '资源'], 启: ['启动'], 振: ['振兴'], 兴: ['振兴'],
  学: ['学历', '学习'], 良: ['良好'], 治: ['治理', '政治'], 中: ['中级', '其中'], 忠: ['忠诚'], 义: ['义务'], 信: ['信息'],
  诚: ['诚信'], 实: ['实践', '真实'], 利: ['利用', '胜利'], 达: ['达到', '表达'], 胜: ['胜任'], 永: ['永久'], 德: ['品德'],
  福: ['福利'], 荣: ['荣誉'], 龙: ['龙头'], 祥: ['吉祥'], 宏: ['宏观'], 航: ['航空'], 程: ['工程', '过程'], 博: ['博士'],
  思: ['思想'], 刚: ['刚性'], 海: ['上海'], 红: ['红色'], 春: ['春季'], 玉: ['玉石'], 云: ['云南'], 志: ['同志', '标志'],
  军: ['军队'], 金: ['资金', '金属'], 家: ['国家', '专家'], 鹏: ['鹏程'], 涛: ['波涛'], 晓: ['知晓'], 静: ['静态'],
  智: ['智能'], 恒: ['恒定'], 勤: ['勤奋'], 秀: ['优秀'], 英: ['英语'], 敏: ['敏感'], 辉: ['光辉'], 宇: ['宇宙'],
};

export type NameKind = 'han2' | 'han3' | 'compound' | 'minority';

export function randomHanName(rng: Rng, kind: 'han2' | 'han3' | 'compound' = 'han3'): string {
  const surname = kind === 'compound' ? rng.pick(COMPOUND_SURNAMES) : rng.pick(SURNAMES);
  const given = kind === 'han2' ? 1 : kind === 'han3' ? 2 : rng.chance(0.7) ? 2 : 1;
  let s = surname;
  for (let i = 0; i < given; i++) s += rng.pick(GIVEN);
  return s;
}

export function randomMinorityName(rng: Rng): string {
  const a = rng.pick(MINORITY);
  let b = rng.pick(MINORITY);
  while (b === a) b = rng.pick(MINORITY);
  return `${a}·${b}`;
}

export function randomName(rng: Rng, kind?: NameKind): string {
  kind ??= rng.weighted<NameKind>([['han2', 2], ['han3', 5], ['compound', 1], ['minority', 2]]);
  return kind === 'minority' ? randomMinorityName(rng) : randomHanName(rng, kind);
}

export function nameKind(name: string): NameKind {
  if (/[·•．.\-‧・]/.test(name)) return 'minority';
  if (COMPOUND_SURNAMES.some((c) => name.startsWith(c))) return 'compound';
  return [...name].length === 2 ? 'han2' : 'han3';
}

/** The dot variants a minority name is printed with (DOMAIN.md). */
export const DOT_VARIANTS = ['·', '·', '•', '．', '-'] as const;

/** How the name is printed this time: dot variant for minority names. */
export function printedVariant(rng: Rng, name: string): string {
  return name.replace(/[·•．.\-‧・]/g, () => rng.pick(DOT_VARIANTS));
}

/** Spaced out as forms do: `张　伟`, `张  伟`. Only two- and three-character Han names. */
export function spacedVariant(rng: Rng, name: string): string {
  const chars = [...name];
  if (chars.length > 3 || nameKind(name) === 'minority') return name;
  const gap = chars.length === 2 ? rng.pick(['　', '  ', '　 ', '   ']) : rng.pick([' ', '　']);
  return chars.join(gap);
}

/** Someone else whose name contains the applicant's (张伟 → 张伟东), or is as close as it gets. */
export function containingName(rng: Rng, applicant: string): string {
  const kind = nameKind(applicant);
  if (kind === 'minority') {
    const [first] = applicant.split('·');
    let other = rng.pick(MINORITY);
    while (applicant.endsWith(other)) other = rng.pick(MINORITY);
    return `${first}·${other}`;
  }
  if ([...applicant].length <= 2 || rng.chance(0.5)) return applicant + rng.pick(GIVEN);
  return [...applicant].slice(0, -1).join('') + rng.pick(GIVEN.filter((c) => !applicant.endsWith(c)));
}

/** Other people: never equal to the applicant nor one another, never containing the applicant's
 *  name unless asked (the containing case is added on purpose, with containingName). */
export function otherNames(rng: Rng, applicant: string, n: number, minorityShare = 0.25): string[] {
  const out = new Set<string>();
  let guard = 0;
  while (out.size < n && guard++ < n * 50) {
    const nm = rng.chance(minorityShare) ? randomMinorityName(rng) : randomName(rng, rng.weighted([['han2', 2], ['han3', 6], ['compound', 1]] as const));
    if (nm.includes(applicant) || applicant.includes(nm)) continue;
    out.add(nm);
  }
  return [...out];
}

/** An ordinary word containing one of the applicant's characters, if there is one. */
export function wordWithNameChar(rng: Rng, applicant: string): string | undefined {
  const found = [...applicant].flatMap((ch) => WORDS_WITH[ch] ?? []);
  return found.length ? rng.pick(found) : undefined;
}

/** Given-name characters that have a WORDS_WITH entry, to build applicants that exercise the trap. */
export function givenWithWords(): string[] {
  return GIVEN.filter((c) => c in WORDS_WITH);
}

export function randomApplicantName(rng: Rng, kind: NameKind): string {
  // Half of the Han applicants get a character that also occurs in the document text.
  if (kind !== 'minority' && rng.chance(0.5)) {
    const name = randomHanName(rng, kind);
    const chars = [...name];
    chars[chars.length - 1] = rng.pick(givenWithWords());
    return chars.join('');
  }
  return randomName(rng, kind);
}

export const POOL_SIZES = { surnames: SURNAMES.length, compound: COMPOUND_SURNAMES.length, given: GIVEN.length, minority: MINORITY.length };
