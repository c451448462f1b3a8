import { findAddressedSlots } from './rules/addressed-slots.ts';
import { findHolderSlots } from './rules/holder-slots.ts';
import { findAuthorBio } from './rules/author-bio.ts';
import { findApplicantInLines } from './rules/applicant-in-line.ts';
import { findColonValues } from './rules/colon-values.ts';
import { findDottedNameShape } from './rules/dotted-name-shape.ts';
import { findIdCardNameLine } from './rules/id-card-name-line.ts';
import { findLabelledNames } from './rules/labelled-values.ts';
import { findNameLists } from './rules/name-lists.ts';
import { findPledgeSignature } from './rules/pledge-signature.ts';
import { findNamesSplitAcrossLines } from './rules/split-across-lines.ts';
import { findValueBeforeField } from './rules/value-before-field.ts';
import { dedupe, overlapShare, startNameSearch, type NameSearchInput, type NameSearchResult } from './name-search.ts';

export type { NameSearchInput, NameSearchResult, UncertainName } from './name-search.ts';

/**
 * Finds the applicant's name (every occurrence) and the names of other people on one page. The
 * rules run in order, each seeing what the earlier ones found:
 * 1. the applicant's name inside a line, tolerant of OCR errors (rules/applicant-in-line.ts);
 * 2. the name broken across two lines of running text (rules/split-across-lines.ts);
 * then the person a document of the applicant's own addresses as ××同志 (rules/addressed-slots.ts)
 * or is made out to — 学生××，性别男, ××同志： (rules/holder-slots.ts),
 * and a minority name in its dotted shape, most of it read right (rules/dotted-name-shape.ts);
 * 3. values after labels — 承诺人, 姓名, 签名, 负责人 … (rules/labelled-values.ts), and the cell
 *    before 性别 on the applicant's own form when its 姓名 label was lost (rules/value-before-field.ts),
 *    the name line of an ID card front found by its place in the card's layout (any of its rows read) (rules/id-card-name-line.ts),
 *    and the signing line of a pledge whose label OCR garbled (rules/pledge-signature.ts);
 * 4. lists of people (rules/name-lists.ts), and the name opening a paper's 作者简介 when it reads as
 *    nobody's (rules/author-bio.ts);
 * 5. short "label: value" lines whose label OCR could not read (rules/colon-values.ts).
 */
export function findNames(input: NameSearchInput): NameSearchResult {
  const s = startNameSearch(input);
  findApplicantInLines(s);
  findNamesSplitAcrossLines(s);
  findAddressedSlots(s);
  findHolderSlots(s);
  findDottedNameShape(s);
  findLabelledNames(s);
  findValueBeforeField(s);
  findIdCardNameLine(s);
  findPledgeSignature(s);
  findNameLists(s);
  findAuthorBio(s);
  findColonValues(s);
  const { applicant, others, uncertain } = s;
  // An applicant occurrence wins over any other-name guess on the same ink, except longer names.
  const kept = others.filter((o) => o.evidence.rule === 'contains-applicant-name' || !applicant.some((a) => overlapShare(o.box, a.box) > 0.5));
  return { detections: [...dedupe(applicant), ...dedupe(kept)], uncertain };
}
