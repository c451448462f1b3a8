/** Scan checks (item 1 of the notice: 正向、清晰): orientation, skew, clarity, size, exposure, photo. */
export { rotateRaw, normRotation, type Rotation } from './rotate.ts';
export {
  detectOrientation,
  createOsdDetector,
  type OrientationVerdict,
  type OrientationOptions,
  type OsdDetector,
} from './orientation.ts';
export { estimateSkew, type SkewVerdict } from './skew.ts';
export { clarityVerdict, expectedClear, CLARITY_LIMITS, NORMAL_GLYPH_PX, type ClarityVerdict } from './clarity.ts';
export { exposureVerdict, EXPOSURE_LIMITS, type ExposureVerdict } from './exposure.ts';
export { photoGivenText, photoVerdict, type PhotoVerdict } from './photo.ts';
export { measureTextScale, shareTextScale, turnGrey, type TextScale } from './text-scale.ts';
export { qualityFindings, MAX_SKEW_DEG, MIN_ORIENTATION_CONFIDENCE, type QualityVerdicts } from './findings.ts';
