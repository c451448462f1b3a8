import type { ApplicantProfile } from '../model/profile.ts';
import { DOC_TYPE_LABELS } from './doc-type-labels.ts';
import { applicability } from './evaluate.ts';
import type { ChecklistEntry, Notice } from './schema.ts';

/** The detail a clerk needs beyond the item's label, from the notice's numbers. */
function detail(entry: ChecklistEntry, profile: ApplicantProfile, notice: Notice): string {
  switch (entry.rule) {
    case 'appraisal-years': {
      const a = notice.appraisal;
      return `${a.fromYear}–${a.toYear}年中${a.count}个年度各一份，考核结果须为${a.passing.join('/')}`;
    }
    case 'ce-hours': {
      const c = notice.continuingEducation;
      const manual = (k: '公需课' | '专业课') =>
        c.platformFrom[k] > c.fromYear ? `${k}${c.fromYear}${c.platformFrom[k] - 1 > c.fromYear ? `–${c.platformFrom[k] - 1}` : ''}年` : '';
      const uploads = [manual('公需课'), manual('专业课')].filter(Boolean).join('、');
      const exempt = profile.ceExempt || profile.villageResident ? '；符合免学条件的上传免除继续教育学习申请表（附件4）代替' : '';
      return `${c.fromYear}–${c.toYear}年每年不少于${c.minHoursPerYear}学时，其中专业课不少于${c.minProfessionalHoursPerYear}学时；${uploads ? `需手动上传${uploads}的证书，` : ''}其余年度由平台获取${exempt}`;
    }
    case 'current-title':
      return `申报${profile.level}需已具备${notice.levels[profile.level]?.requiresTitle}资格`;
    case 'high-skill': {
      const g = profile.highSkill?.grade;
      const row = Object.entries(notice.highSkill.yearsAfterGrade).find(([, v]) => v.level === profile.level);
      return row ? `${row[0]}及以上，取得后从事技术技能工作满${row[1].years}年（截至${notice.dates.seniorityTo}）${g ? `；填报等级${g}，取得于${profile.highSkill?.since}` : ''}` : `通知未规定以技能等级申报${profile.level}`;
    }
    default:
      return '';
  }
}

/**
 * What this applicant must upload, and why: one line per checklist item, then the prohibitions,
 * the defence, the fee, the dates and the notice's own notes. Lines are for people (Chinese).
 */
export function describeRequirements(profile: ApplicantProfile, notice: Notice): string[] {
  const lines: string[] = [];
  lines.push(`${notice.title}（规则 ${notice.id} v${notice.version}）`);
  lines.push(`申请人：${profile.name}，${profile.employerKind}，${profile.track}，申报${profile.level}`);
  lines.push('');
  const required = notice.checklist.filter((e) => e.docTypes.length > 0 && e.rule !== 'no-work-photos' && e.rule !== 'no-unpublished-papers');
  for (const e of required) {
    const a = applicability(e, profile);
    const types = e.docTypes.map((t) => DOC_TYPE_LABELS[t]).join(' / ');
    if (!a.required) {
      lines.push(`${a.why === 'exempt' ? '[免]' : '[不需]'} ${e.label} —— ${a.reason}（通知${e.clause}）`);
      continue;
    }
    const d = detail(e, profile, notice);
    lines.push(`[需] ${e.label}${d ? `：${d}` : ''}（可用：${types}；通知${e.clause}）`);
  }
  for (const e of notice.checklist.filter((x) => x.rule === 'no-work-photos' || x.rule === 'no-unpublished-papers')) {
    lines.push(`[禁] ${e.label}（通知${e.clause}）`);
  }
  lines.push('');
  const lv = notice.levels[profile.level];
  if (lv) {
    if (lv.defence) {
      lines.push(profile.villageResident ? '答辩：申报副高级须参加专业水平答辩；本年参加驻村，可不参加答辩' : '答辩：申报副高级须参加专业水平答辩');
    } else lines.push('答辩：申报中级及以下，免于答辩');
    lines.push(`评审费：${lv.fee}元（通过形式审核后网上缴纳，截止${notice.dates.feeBy}）`);
  }
  const d = notice.dates;
  lines.push(`申报时间：${d.applyFrom} 至 ${d.applyTo.replace('T', ' ')}；提交审核不超过${notice.maxSubmissions}次`);
  lines.push(`审核时间：${d.reviewFrom} 至 ${d.reviewTo}；纸质材料报送：${d.materialsFrom} 至 ${d.materialsTo}；资历计算截至${d.seniorityTo}`);
  for (const n of notice.notes) lines.push(`注：${n.message}`);
  return lines;
}
