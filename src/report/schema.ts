import { z } from 'zod';

/** report.json, version 1. Boxes are [x, y, w, h] in the pixels of the masked output page. */
export const BoxSchema = z.tuple([z.number().int(), z.number().int(), z.number().int().nonnegative(), z.number().int().nonnegative()]);

export const FindingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  messageEn: z.string().optional(),
  file: z.string().optional(),
  page: z.number().int().positive().optional(),
  box: BoxSchema.optional(),
  evidence: z.record(z.string(), z.unknown()).optional(),
  needsReview: z.boolean().optional(),
});

export const MaskSchema = z.object({
  kind: z.enum(['applicant_name', 'employer_seal']),
  box: BoxSchema,
  rects: z.array(BoxSchema),
  /** On a page read straightened: the turned rectangles actually burned (corner points); `rects` are their boxes. */
  polygons: z.array(z.array(z.tuple([z.number(), z.number()]))).optional(),
  confidence: z.number().min(0).max(1),
  avoidedOtherName: z.boolean().optional(),
  evidence: z.record(z.string(), z.unknown()),
});

export const KeptNameSchema = z.object({
  text: z.string(),
  box: BoxSchema,
  confidence: z.number(),
  evidence: z.record(z.string(), z.unknown()),
});

export const SealSchema = z.object({
  ellipse: z.object({ cx: z.number(), cy: z.number(), rx: z.number(), ry: z.number(), angleDeg: z.number() }),
  box: BoxSchema,
  confidence: z.number().min(0).max(1),
  colour: z.enum(['red', 'lost']),
  owner: z.enum(['employer', 'other', 'unknown']),
  ownerText: z.string().optional(),
  masked: z.boolean(),
  evidence: z.record(z.string(), z.unknown()),
});

export const OcrLineSchema = z.object({ text: z.string(), box: BoxSchema, confidence: z.number() });

export const PageReportSchema = z.object({
  file: z.string(),
  page: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  origin: z.enum(['image', 'pdf-image', 'pdf-render']),
  orientation: z
    .object({ detected: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]), corrected: z.boolean(), confidence: z.number(), method: z.string().optional() })
    .optional(),
  /** readStraightened: the page's lines sloped enough that it was read from a straightened copy (the output is not straightened). */
  skew: z.object({ angleDeg: z.number(), confidence: z.number(), readStraightened: z.boolean().optional() }).optional(),
  clarity: z.object({ score: z.number(), ok: z.boolean(), glyphHeightPx: z.number().optional() }).optional(),
  docType: z.object({ id: z.string(), confidence: z.number(), evidence: z.record(z.string(), z.unknown()) }).optional(),
  masks: z.array(MaskSchema),
  otherNames: z.array(KeptNameSchema),
  seals: z.array(SealSchema),
  ocr: z.object({ source: z.enum(['ocr', 'pdf-text']), confidence: z.number(), text: z.string(), lines: z.array(OcrLineSchema) }),
  maskedShare: z.number(),
  needsReview: z.boolean(),
  findings: z.array(FindingSchema),
  timingsMs: z.record(z.string(), z.number()),
});

export const FileReportSchema = z.object({
  file: z.string(),
  format: z.string().optional(),
  bytes: z.number().int().nonnegative().optional(),
  sha256: z.string().optional(),
  pages: z.number().int().nonnegative(),
  output: z.string().optional(),
  error: z.string().optional(),
});

export const ChecklistItemSchema = z.object({
  id: z.string(),
  status: z.enum(['present', 'missing', 'insufficient', 'exempt', 'not_applicable']),
  docTypes: z.array(z.string()),
  reason: z.string(),
  reasonEn: z.string().optional(),
  ruleId: z.string(),
  evidence: z.array(z.unknown()).optional(),
});

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('zhicheng-precheck'), version: z.string() }),
  application: z.string(),
  generatedAt: z.string(),
  summary: z.object({
    files: z.number().int(),
    pages: z.number().int(),
    masks: z.object({ applicant_name: z.number().int(), employer_seal: z.number().int() }),
    errors: z.number().int(),
    warnings: z.number().int(),
    pagesNeedingReview: z.number().int(),
  }),
  files: z.array(FileReportSchema),
  pages: z.array(PageReportSchema),
  findings: z.array(FindingSchema),
  checklist: z.object({ notice: z.string(), items: z.array(ChecklistItemSchema) }).optional(),
});

export type Report = z.infer<typeof ReportSchema>;
export type PageReport = z.infer<typeof PageReportSchema>;
export type FileReport = z.infer<typeof FileReportSchema>;
export type ReportFinding = z.infer<typeof FindingSchema>;
