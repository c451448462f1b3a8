import type { Box } from './geometry.ts';

export type Severity = 'error' | 'warning' | 'info';

/**
 * One thing the tool says, whatever step said it (the vfile-message / ESLint model).
 * `message` is Chinese, for the clerks and reviewers; `messageEn` the same in English.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  messageEn?: string;
  file?: string;
  page?: number;
  box?: Box;
  evidence?: Record<string, unknown>;
  /** True when a person should look at the page (uncertain mask, unreadable scan …). */
  needsReview?: boolean;
}
