/** The rules adapter: a notice as data, and the checklist of one application against it. */
export { loadNotice, parseNotice, NoticeError, DEFAULT_NOTICE, NOTICES_DIR } from './load-notice.ts';
export { evaluateChecklist, applicability, RULE_MODULES } from './evaluate.ts';
export { describeRequirements } from './describe.ts';
export { DOC_TYPE_LABELS } from './doc-type-labels.ts';
export { Notice, ChecklistEntry, Condition } from './schema.ts';
export type { ChecklistItem, ChecklistStatus, RuleContext, Rule } from './types.ts';
