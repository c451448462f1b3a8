/** Chinese names of what the reviewer's report shows. */
export const DOC_TYPE_ZH: Record<string, string> = {
  id_card_front: '身份证人像面',
  id_card_back: '身份证国徽面',
  photo: '一寸照片',
  diploma: '毕业证书',
  degree: '学位证书',
  chsi_record: '学历证书电子注册备案表',
  chsi_verification: '学籍在线验证报告',
  graduate_registration: '毕业生登记表',
  title_certificate: '专业技术资格证书',
  title_document: '任职资格文件',
  title_review_form: '任职资格评审表',
  appraisal_form: '年度考核登记表',
  ce_certificate: '继续教育合格证书',
  ce_exemption: '免除继续教育申请表',
  putonghua_certificate: '普通话水平测试等级证书',
  unit_publicity: '推荐单位公示（附件1）',
  unit_recommendation: '单位推荐意见（附件2）',
  personal_pledge: '个人承诺书（附件3）',
  paper: '论文',
  cnki_screenshot: '知网截图',
  award_certificate: '荣誉证书',
  patent_certificate: '发明专利证书',
  skill_certificate: '职业技能等级证书',
  secrecy_proof: '涉密证明',
  work_photo: '工作照片',
  unknown: '未识别',
};

export const STATUS_ZH = {
  present: '已提供',
  missing: '缺少',
  insufficient: '不足',
  exempt: '免提交',
  not_applicable: '不适用',
} as const;

export const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

export const BOX_LABEL = {
  applicant_name: '申报人姓名',
  employer_seal: '单位公章',
  other_name: '他人姓名',
  other_seal: '其他印章',
  unknown_seal: '印章（待核对）',
  review: '待核对',
} as const;
