import { z } from 'zod';
import { DOC_TYPES } from '../model/doc-types.ts';

const DocType = z.enum(DOC_TYPES);
const Level = z.enum(['助理工程师', '工程师', '高级工程师']);
const Year = z.number().int().min(1990).max(2100);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, '日期格式应为 YYYY-MM-DD');

/**
 * When an item applies: every key given must match the profile. Arrays list allowed values; booleans
 * test a flag of the profile (highSkill: the profile has a high-skill entry).
 */
export const Condition = z
  .object({
    employerKind: z.array(z.enum(['事业单位', '国有企业', '民营企业', '自由职业'])).optional(),
    track: z.array(z.enum(['定向评价', '民营企业专项'])).optional(),
    level: z.array(Level).optional(),
    highSkill: z.boolean().optional(),
    hasDegree: z.boolean().optional(),
    villageResident: z.boolean().optional(),
    firstApplication: z.boolean().optional(),
    countyLevel: z.boolean().optional(),
  })
  .strict();
export type Condition = z.infer<typeof Condition>;

/** The rule modules a checklist item can name. */
export const RULES = [
  'required-document',
  'current-title',
  'appraisal-years',
  'ce-hours',
  'putonghua-level',
  'high-skill',
  'no-work-photos',
  'no-unpublished-papers',
] as const;

export const ChecklistEntry = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    rule: z.enum(RULES),
    /** Stable id of the finding; default `checklist/<id>`. */
    ruleId: z.string().optional(),
    label: z.string(),
    labelEn: z.string().optional(),
    /** Where in the notice this comes from, e.g. "三(一)2". */
    clause: z.string(),
    /** Document types that satisfy the item. */
    docTypes: z.array(DocType),
    /** The item applies only when this holds (absent: always). */
    requiredWhen: Condition.optional(),
    /** The item is waived when any of these holds. */
    exemptWhen: z.array(Condition.extend({ reason: z.string(), reasonEn: z.string().optional() }).strict()).default([]),
    /** Why the item is not required when `requiredWhen` fails, for the clerk. */
    notRequiredReason: z.string().optional(),
    notRequiredReasonEn: z.string().optional(),
  })
  .strict();
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;

const Note = z
  .object({
    id: z.string(),
    severity: z.enum(['info', 'warning']),
    message: z.string(),
    messageEn: z.string().optional(),
  })
  .strict();

export const Notice = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.number().int().positive(),
    title: z.string(),
    issuer: z.string(),
    year: Year,
    levels: z.record(
      Level,
      z
        .object({
          fee: z.number().nonnegative(),
          defence: z.boolean(),
          /** Title the applicant must already hold (null: none). */
          requiresTitle: z.string().nullable(),
        })
        .strict(),
    ),
    dates: z
      .object({
        applyFrom: IsoDate,
        applyTo: IsoDate,
        reviewFrom: IsoDate,
        reviewTo: IsoDate,
        feeBy: IsoDate,
        materialsFrom: IsoDate,
        materialsTo: IsoDate,
        seniorityTo: IsoDate,
      })
      .strict(),
    maxSubmissions: z.number().int().positive(),
    appraisal: z
      .object({
        /** Distinct years of appraisal forms needed. */
        count: z.number().int().positive(),
        /** Years that count, both ends included (近3年 before the notice's year). */
        fromYear: Year,
        toYear: Year,
        /** Results that pass; anything else read on a form makes the item insufficient. */
        passing: z.array(z.string()).min(1),
      })
      .strict(),
    continuingEducation: z
      .object({
        fromYear: Year,
        toYear: Year,
        minHoursPerYear: z.number().nonnegative(),
        minProfessionalHoursPerYear: z.number().nonnegative(),
        /** From this year on the platform supplies the certificates of that kind; earlier ones are uploaded. */
        platformFrom: z.object({ 公需课: Year, 专业课: Year }).strict(),
      })
      .strict(),
    putonghua: z
      .object({
        /** Lowest acceptable level; the order is fixed by the national standard. */
        minLevel: z.enum(['一级甲等', '一级乙等', '二级甲等', '二级乙等', '三级甲等', '三级乙等']),
      })
      .strict(),
    highSkill: z
      .object({
        /** Years of skilled work after the grade before applying for the level. */
        yearsAfterGrade: z.record(z.enum(['高级工', '技师', '高级技师']), z.object({ level: Level, years: z.number().int().nonnegative() }).strict()),
      })
      .strict(),
    /** Section names (sub-folders) where work or meeting photos are not allowed. */
    noPhotoSections: z.array(z.string()).min(1),
    checklist: z.array(ChecklistEntry).min(1),
    /** What the notice itself gets wrong, and other remarks, reported as they stand. */
    notes: z.array(Note).default([]),
  })
  .strict()
  .superRefine((n, ctx) => {
    const ids = new Set<string>();
    for (const [i, e] of n.checklist.entries()) {
      if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: ['checklist', i, 'id'], message: `重复的清单项 ${e.id}` });
      ids.add(e.id);
    }
    if (n.appraisal.toYear - n.appraisal.fromYear + 1 < n.appraisal.count) {
      ctx.addIssue({ code: 'custom', path: ['appraisal'], message: '考核年份范围小于所需年数' });
    }
  });
export type Notice = z.infer<typeof Notice>;
