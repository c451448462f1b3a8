import fs from 'node:fs/promises';
import type { Box, Ellipse } from '../../src/model/geometry.ts';
import type { DocTypeId } from '../../src/model/doc-types.ts';
import { ApplicantProfile } from '../../src/model/profile.ts';
import type { FileFormat } from './encode.ts';

export interface NameTruth {
  text: string;
  /** Tight box around the name's ink in the stored page (after rotation, skew, perspective). */
  box: Box;
  /** The same in the upright page: quarter turn undone, skew and perspective kept. */
  uprightBox: Box;
  handwritten?: boolean;
  note?: string;
}
export interface SealTruth {
  ellipse: Ellipse;
  box: Box;
  uprightBox: Box;
  owner: 'employer' | 'other';
  text: string;
  colour: 'red' | 'grey';
}
export interface PageTruth {
  page: number;
  width: number;
  height: number;
  dpi: number;
  rotation: 0 | 90 | 180 | 270;
  skewDeg: number;
  blurSigma: number;
  jpegQuality?: number;
  noise: number;
  photo: boolean;
  /**
   * How the label is decided (clarity.ts): from the size of the page's smallest running text in
   * stored pixels (charPx) and the blur. 'too_small' when charPx < 14; 'blurry' when blurSigma >
   * 0.1 × charPx (text strokes merge); else 'ok'. The generator draws blur only from the two clear
   * ranges (≤ 0.05 × charPx or ≥ 0.14 × charPx), so no page sits on the boundary.
   */
  clarity: 'ok' | 'blurry' | 'too_small';
  applicantNames: NameTruth[];
  otherNames: NameTruth[];
  seals: SealTruth[];
}
export interface FileTruth {
  /** Path relative to the application folder. */
  file: string;
  format: FileFormat;
  docType: DocTypeId;
  corrupt?: boolean;
  textLayer?: boolean;
  pages: PageTruth[];
}
export interface ApplicationTruth {
  application: string;
  profile: ApplicantProfile;
  files: FileTruth[];
}

export async function writeTruth(path: string, t: ApplicationTruth): Promise<void> {
  await fs.writeFile(path, JSON.stringify(t, null, 1) + '\n');
}

export async function readTruth(path: string): Promise<ApplicationTruth> {
  const t = JSON.parse(await fs.readFile(path, 'utf8')) as ApplicationTruth;
  // The profile is the one part other tools read independently: validate it at the edge.
  t.profile = ApplicantProfile.parse(t.profile);
  return t;
}
