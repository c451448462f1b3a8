/**
 * What a Chinese personal name looks like: surnames (single and compound), the middle dots of
 * minority names in their printed and OCR'd forms, and the words that commonly follow a name in
 * running text (so 张伟同志 is 张伟, not a three-character name 张伟同).
 */

// The ~300 most common single surnames; together they cover well over 95 % of the population.
const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由'
    .split('');
const COMPOUND = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '独孤', '南宫', '西门', '轩辕', '呼延', '澹台', '万俟', '申屠', '钟离', '闻人', '赫连', '拓跋', '百里', '东郭', '公羊'];

export const SURNAMES: ReadonlySet<string> = new Set(SINGLE);
export const COMPOUND_SURNAMES: readonly string[] = COMPOUND;

export function startsWithSurname(s: string): boolean {
  return COMPOUND.some((c) => s.startsWith(c)) || SURNAMES.has(s[0] ?? '');
}

/** The middle dot of 艾合买提·吐尔逊 as printed (U+00B7, •, ．, -, ・, ‧) and as OCR reads it. */
const DOT_LIKE = new Set([':', '：', ';', '；', '·', '•', '．', '.', '-', '‧', '・', '•', '∙', '⋅', '˙', "'", '`', '‘', '’', ',', '，', '、', '。', '-', '—', '–', '_', '*', '°', '゜', '丶', '"', '“', '”', '″', '〃', '…', '⋯', '･']);
export function isDotLike(ch: string): boolean {
  return DOT_LIKE.has(ch);
}

export function isHan(ch: string): boolean {
  return /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/u.test(ch);
}

/** The Han characters of a name, dots and spaces removed: 艾合买提·吐尔逊 → 艾合买提吐尔逊. */
export function nameCore(name: string): string {
  return [...name].filter(isHan).join('');
}

/** Lengths of the parts of a minority name: 艾合买提·吐尔逊 → [4, 3]. */
export function nameParts(name: string): string[] {
  return name
    .split(/[·•．.\-‧・∙⋅\s]+/u)
    .map((p) => nameCore(p))
    .filter(Boolean);
}

/**
 * Characters and two-character words that, right after a name, end it. Used to tell
 * 张伟同志 (the name 张伟) from 张伟东 (a longer name).
 */
const FOLLOW_WORDS = ['同志', '先生', '女士', '老师', '教授', '工程', '高工', '申报', '参加', '负责', '担任', '作为', '主持', '获得', '获评', '取得', '荣获', '现任', '同学', '本人', '等人', '参与', '完成', '具有', '具备', '已于', '于2', '系我', '是我', '自愿', '承诺', '提交', '申请', '通过', '工作', '从事', '出生', '男', '女'];
const FOLLOW_CHARS = new Set('的等于在为是和与及被自从任同了已因现系之所对向把将到说以由这那其该此均都也又还就并而或个人（(，,。；;：:、！!？?》」』）)'.split(''));

export function endsNameAt(text: string, i: number): boolean {
  const ch = text[i];
  if (ch === undefined) return true;
  if (!isHan(ch)) return true;
  if (FOLLOW_CHARS.has(ch)) return true;
  return FOLLOW_WORDS.some((w) => text.startsWith(w, i));
}

/** Labels whose value is the applicant, whatever OCR makes of a handwritten signature. */
export const APPLICANT_LABELS = ['承诺人', '申请人', '申报人', '本人签名', '本人签字', '申请人签名', '申报人签名', '承诺人签名', '承诺人签字'];

/** Labels followed by another person's name (signers, reviewers, authors …). */
export const OTHER_LABELS = [
  '单位负责人', '主要负责人', '负责人', '法定代表人', '经办人', '审核人', '审批人', '复核人', '批准人', '评审专家', '审核专家',
  '专家', '主管领导', '分管领导', '领导签字', '领导签名', '签字', '签名', '作者', '通讯作者', '第一作者', '联系人', '证明人', '推荐人',
  '填表人', '记录人', '监考人', '导师', '指导教师', '校长', '院长', '局长', '厅长', '主任', '组长', '考核人', '审查人', '校对',
  '发明人', '专利权人', '考评员', '鉴定人', '评委',
];

/** Labels of the person the document is about: on the applicant's own documents, the applicant. */
export const NAME_FIELD_LABELS = ['姓名', '姓 名', '名字'];
