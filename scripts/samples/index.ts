/** The sample generator: realistic, ugly scans of a 职称 application with exact ground truth. */
export type { NameTruth, SealTruth, PageTruth, FileTruth, ApplicationTruth } from './truth.ts';
export { writeTruth, readTruth } from './truth.ts';
export type { DocSpec, RenderedDocument, RenderedPage } from './application.ts';
export { generateApplication, renderDocument, defaultDocs, randomPerson } from './application.ts';
export type { DegradeOptions } from './degrade.ts';
export type { HardCases, Person } from './docs/context.ts';
export type { FileFormat } from './encode.ts';
export { clarityLabel } from './clarity.ts';
export { Rng } from './rng.ts';
export { randomName, nameKind, POOL_SIZES, type NameKind } from './names.ts';
