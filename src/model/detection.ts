import type { Box, Ellipse } from './geometry.ts';

/** A name found on a page: the applicant's, or someone else's that no mask may touch. */
export interface NameDetection {
  kind: 'applicant_name' | 'other_name';
  text: string;
  box: Box;
  /** Boxes of the single characters, for the reviewer and for masks that must avoid a neighbour. */
  charBoxes: Box[];
  confidence: number; // 0..1
  /** Why this was judged a name: matched text, label before it, similarity … */
  evidence: Record<string, unknown>;
}

export type SealOwner = 'employer' | 'other' | 'unknown';

export interface SealDetection {
  ellipse: Ellipse;
  /** Box around the seal's ink (ellipse plus ink outside it). */
  box: Box;
  confidence: number; // 0..1
  colour: 'red' | 'lost';
  owner: SealOwner;
  /** The arc text as read, if any. */
  ownerText?: string;
  evidence: Record<string, unknown>;
}
