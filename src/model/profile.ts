import { z } from 'zod';

/** The applicant profile, `applicant.json` in each application folder (see DOMAIN.md). */
export const EmployerKind = z.enum(['事业单位', '国有企业', '民营企业', '自由职业']);
export const Track = z.enum(['定向评价', '民营企业专项']);
export const Level = z.enum(['助理工程师', '工程师', '高级工程师']);
export const SkillGrade = z.enum(['高级工', '技师', '高级技师']);

export const ApplicantProfile = z
  .object({
    name: z
      .string()
      .trim()
      .min(2, '姓名至少两个字')
      .max(40)
      .refine((s) => /^[\p{Script=Han}·•．.\-‧・ ]+$/u.test(s), '姓名只能包含汉字和间隔号'),
    employer: z.string().trim().min(2),
    employerAliases: z.array(z.string().trim().min(2)).default([]),
    employerKind: EmployerKind,
    track: Track,
    level: Level,
    idNumber: z
      .string()
      .regex(/^\d{17}[\dXx]$/, '身份证号应为18位')
      .optional(),
    currentTitle: z.string().optional(),
    firstApplication: z.boolean().optional(),
    villageResident: z.boolean().optional(),
    ceExempt: z.boolean().optional(),
    highSkill: z
      .object({ grade: SkillGrade, since: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/) })
      .optional(),
    hasDegree: z.boolean().optional(),
    countyLevel: z.boolean().optional(),
  })
  .strict();
export type ApplicantProfile = z.infer<typeof ApplicantProfile>;
