import type { DocTypeId } from '../model/doc-types.ts';

/**
 * What each document type looks like in OCR text. Data, not code: a new document type is a new entry.
 *
 * - `titles` name the document (its heading). A title found on one line scores high, more so when that
 *   line is printed large or near the top, because body text quotes other documents' names too
 *   (a 备案表 has 毕业 right before 证书编号, which reads as 毕业证书 once spaces are gone).
 * - `cues` are the form labels and set phrases of the body; each adds a little, up to a cap, so that a
 *   long page cannot win on volume alone.
 * - `against` are the close relative's words: they take points away (front vs back of the ID card,
 *   备案表 vs 验证报告, publicity vs recommendation).
 */
export interface DocSignature {
  id: DocTypeId;
  titles: string[];
  cues: string[];
  against?: string[];
  /** Width / height range typical of this document when scanned on its own. */
  aspect?: [number, number];
  /** Words applicants put in file names for this document (身份证正面.jpg, 2023年度考核表.pdf). */
  fileNames?: string[];
}

export const SIGNATURES: DocSignature[] = [
  {
    id: 'id_card_front',
    fileNames: ['身份证正面', '人像面', '身份证头像'],
    titles: ['公民身份号码'],
    cues: ['姓名', '性别', '民族', '出生', '住址', '身份号码'],
    against: ['签发机关', '有效期限', '居民身份证'],
    aspect: [1.4, 1.75],
  },
  {
    id: 'id_card_back',
    fileNames: ['身份证反面', '身份证背面', '国徽面'],
    titles: ['居民身份证', '中华人民共和国'],
    cues: ['签发机关', '有效期限', '公安局', '长期'],
    against: ['公民身份号码', '住址', '民族'],
    aspect: [1.4, 1.75],
  },
  {
    id: 'diploma',
    fileNames: ['毕业证'],
    titles: ['毕业证书', '普通高等学校毕业证书'],
    cues: ['准予毕业', '修完', '教学计划', '规定的全部课程', '成绩合格', '在本校', '年制', '校(院)长', '证书编号', '性别'],
    against: ['学位证书', '学位条例', '电子注册备案表', '在线验证', '学信网', '毕业生登记表'],
  },
  {
    id: 'degree',
    fileNames: ['学位证'],
    titles: ['学位证书', '学士学位证书', '硕士学位证书'],
    cues: ['学位条例', '授予', '学士学位', '硕士学位', '博士学位', '学位评定委员会', '主席', '证书编号'],
    against: ['准予毕业', '电子注册备案表', '在线验证'],
  },
  {
    id: 'chsi_record',
    fileNames: ['备案表', '学历证书电子注册'],
    titles: ['学历证书电子注册备案表', '教育部学历证书电子注册备案表', '电子注册备案表'],
    cues: ['学历类别', '层次', '毕(结)业', '证书编号', '在线验证码', '学信网', 'chsi', '更新日期', '校(院)长姓名', '入学日期', '毕(结)业日期'],
    against: ['学籍在线验证报告', '学籍状态', '预计毕业日期'],
  },
  {
    id: 'chsi_verification',
    fileNames: ['验证报告', '学籍在线验证'],
    titles: ['学籍在线验证报告', '教育部学籍在线验证报告', '在线验证报告'],
    cues: ['学籍状态', '入学日期', '预计毕业日期', '离校日期', '学制', '院系', '班级', '学号', '在线验证码', '学信网', 'chsi', '注册学籍'],
    against: ['电子注册备案表', '备案表'],
  },
  {
    id: 'graduate_registration',
    fileNames: ['毕业生登记表', '登记表'],
    titles: ['毕业生登记表', '高等学校毕业生登记表', '普通高等学校毕业生登记表'],
    cues: ['自我鉴定', '院系意见', '学校意见', '家庭成员', '奖惩情况', '学习经历', '政治面貌', '班级鉴定', '毕业鉴定', '何时何地'],
  },
  {
    id: 'title_certificate',
    fileNames: ['职称证', '资格证书', '专业技术资格证'],
    titles: ['专业技术资格证书', '专业技术职务任职资格证书', '职称证书', '专业技术人员职称证书', '资格证书'],
    cues: ['资格名称', '专业名称', '评审组织', '审批机关', '批准机关', '取得时间', '取得资格时间', '管理号', '证书编号', '发证机关', '人力资源和社会保障', '工程系列', '级别', '授予'],
    against: ['职业技能', '工种', '职业资格', '通知', '评审表', '技能等级'],
  },
  {
    id: 'title_document',
    fileNames: ['任职资格文件', '资格文件', '职称文件'],
    titles: ['任职资格的通知', '任职资格的批复', '专业技术资格的通知', '职务任职资格的通知', '资格人员名单'],
    cues: ['文件', '评审委员会评审', '评审通过', '具备', '任职资格', '名单', '附件', '同志', '现予公布', '抄送', '印发', '各有关单位', '职称评审委员会'],
    against: ['资格名称', '评审表', '表决结果'],
  },
  {
    id: 'title_review_form',
    fileNames: ['评审表'],
    titles: ['专业技术职务任职资格评审表', '任职资格评审表', '资格评审表', '评审表'],
    cues: ['评审委员会意见', '表决结果', '赞成', '反对', '弃权', '现任专业技术职务', '申报专业技术职务', '主要专业技术工作经历', '评审组', '学科组', '出生年月', '参加工作时间'],
  },
  {
    id: 'appraisal_form',
    fileNames: ['考核', '考核登记表', '考核表'],
    titles: ['年度考核登记表', '考核登记表', '年度考核表', '年度考核'],
    cues: ['考核等次', '个人总结', '主管领导评语', '考核委员会', '机关负责人', '称职', '优秀', '合格', '考核意见', '所在单位', '职务', '签字'],
  },
  {
    id: 'ce_certificate',
    fileNames: ['继续教育', '公需课', '专业课', '学时证明'],
    titles: ['继续教育合格证书', '培训合格证书', '继续教育证书', '继续教育学时证明', '继续教育'],
    cues: ['公需课', '公需科目', '专业课', '专业科目', '学时', '培训', '合格', '专业技术人员', '学习', '证书编号', '考核合格'],
    against: ['免除', '免学', '申请表', '驻村', '访惠聚'],
  },
  {
    id: 'ce_exemption',
    fileNames: ['免除继续教育', '免学', '附件4'],
    titles: ['免除继续教育学习申请表', '免除继续教育', '免学审批表', '免学申请表'],
    cues: ['访惠聚', '驻村', '免学理由', '审核意见', '拟申报专业技术职务', '现有专业技术职务', '何时何学校', '参加工作时间', '现工作单位', '身份证号'],
  },
  {
    id: 'putonghua_certificate',
    fileNames: ['普通话'],
    titles: ['普通话水平测试等级证书', '普通话等级证书', '普通话水平测试'],
    cues: ['普通话', '测试成绩', '等级', '国家语言文字工作委员会', '甲等', '乙等', '测试站', '测试中心', '证书编号'],
  },
  {
    id: 'unit_publicity',
    fileNames: ['公示', '附件1'],
    titles: ['推荐单位公示', '单位公示'],
    cues: ['公示', '思想政治条件', '公示时间', '监督电话', '异议', '基本信息', '业绩成果', '单位负责人', '工作日', '现予以公示', '公示期'],
    against: ['政治方面', '工作方面', '推荐意见'],
  },
  {
    id: 'unit_recommendation',
    fileNames: ['推荐意见', '附件2'],
    titles: ['单位推荐意见', '推荐意见'],
    cues: ['政治方面', '工作方面', '职业操守', '从业行为', '工作能力', '推荐及公示情况', '单位负责人', '同意推荐', '推荐单位公章'],
    against: ['思想政治条件', '公示时间', '监督电话'],
  },
  {
    id: 'personal_pledge',
    fileNames: ['承诺书', '附件3'],
    titles: ['个人承诺书', '承诺书'],
    cues: ['本人承诺', '真实有效', '弄虚作假', '承诺人', '网上填报', '送审报表', '不予受理', '取消已确认的资格', '完全一致'],
  },
  {
    id: 'paper',
    fileNames: ['论文', '录用通知'],
    titles: ['录用通知', '用稿通知', '录用通知书'],
    cues: ['摘要', '关键词', '中图分类号', '文献标识码', '文章编号', '作者简介', '引言', '参考文献', 'abstract', 'keywords', 'doi', '收稿日期', '编辑部', '稿件', '审稿'],
    against: ['中国知网', 'cnki'],
  },
  {
    id: 'cnki_screenshot',
    fileNames: ['知网', 'cnki'],
    titles: ['中国知网', 'cnki'],
    cues: ['知网', '检索', '文献', '被引', '下载', '来源', '发表时间', '数据库', '主题', '篇名', '题名', '学术期刊', '总库', '高级检索'],
  },
  {
    id: 'award_certificate',
    fileNames: ['荣誉证书', '获奖', '奖状'],
    titles: ['荣誉证书'],
    cues: ['先进工作者', '优秀共产党员', '先进个人', '特发此证', '以资鼓励', '被评为', '荣获', '表彰', '同志', '称号'],
    against: ['专利', '学时'],
  },
  {
    id: 'patent_certificate',
    fileNames: ['专利'],
    titles: ['发明专利证书', '专利证书', '实用新型专利证书'],
    cues: ['专利号', '专利申请日', '专利权人', '发明人', '国家知识产权局', '授权公告日', '发明名称', '实用新型', '专利'],
  },
  {
    id: 'skill_certificate',
    fileNames: ['技能等级', '职业资格', '技师', '高级工'],
    titles: ['职业资格证书', '职业技能等级证书', '技能等级证书'],
    cues: ['职业(工种)', '工种', '职业技能', '技能等级', '高级工', '技师', '鉴定', '理论知识', '操作技能', '评价机构', '等级'],
    against: ['专业技术资格', '任职资格', '资格名称', '普通话'],
  },
  {
    id: 'secrecy_proof',
    fileNames: ['涉密', '保密'],
    titles: ['涉密证明', '保密证明', '涉密情况说明'],
    cues: ['涉密', '保密', '特此证明', '主要负责人', '无法提供', '国家秘密', '印证', '密级', '证明'],
  },
];

/**
 * The platform's sections (sub-folder names) and the documents that belong in them: a weak prior,
 * worth less than one form label, because applicants file things in the wrong section.
 */
/** File-name words of the two photo types, which have no text signature. */
export const PHOTO_FILE_NAMES: Array<{ id: DocTypeId; words: string[] }> = [
  { id: 'photo', words: ['一寸照', '红底照', '一寸红底', '证件照', '免冠'] },
  { id: 'work_photo', words: ['工作照', '会议照', '现场照', '现场工作', '照片'] },
];

export const SECTION_TYPES: Array<{ section: string; types: DocTypeId[] }> = [
  { section: '基本信息', types: ['id_card_front', 'id_card_back', 'photo'] },
  { section: '学历', types: ['diploma', 'degree', 'chsi_record', 'chsi_verification', 'graduate_registration'] },
  { section: '专业技术资格', types: ['title_certificate', 'title_document', 'title_review_form', 'skill_certificate'] },
  { section: '继续教育', types: ['ce_certificate', 'ce_exemption'] },
  { section: '考核', types: ['appraisal_form'] },
  { section: '论文', types: ['paper', 'cnki_screenshot'] },
  { section: '获奖', types: ['award_certificate'] },
  { section: '知识产权', types: ['patent_certificate'] },
  { section: '业绩成果', types: ['paper', 'cnki_screenshot', 'patent_certificate', 'award_certificate', 'secrecy_proof'] },
  { section: '其他附件', types: ['unit_publicity', 'unit_recommendation', 'personal_pledge', 'ce_exemption', 'putonghua_certificate'] },
];
