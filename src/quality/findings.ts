import type { Finding } from '../model/finding.ts';
import type { ClarityVerdict } from './clarity.ts';
import { CLARITY_LIMITS } from './clarity.ts';
import type { ExposureVerdict } from './exposure.ts';
import { EXPOSURE_LIMITS } from './exposure.ts';
import { MIN_TURN_CONFIDENCE, type OrientationVerdict } from './orientation.ts';
import type { PhotoVerdict } from './photo.ts';
import type { SkewVerdict } from './skew.ts';

/** Skew above this many degrees is worth a warning (the platform's reviewers send such pages back). */
export const MAX_SKEW_DEG = 3;
/** Below this orientation confidence the page is flagged for a person to look at (and, when the
 *  guess came from the line reads, not turned: detectOrientation reports it upright). */
export const MIN_ORIENTATION_CONFIDENCE = MIN_TURN_CONFIDENCE;

export interface QualityVerdicts {
  orientation?: OrientationVerdict;
  /** True when the masked copy was written upright (the default); false with --keep-orientation. */
  corrected?: boolean;
  skew?: SkewVerdict;
  clarity?: ClarityVerdict;
  exposure?: ExposureVerdict;
  photo?: PhotoVerdict;
}

const TURN_ZH: Record<number, string> = { 90: '顺时针旋转了90°', 180: '倒置', 270: '逆时针旋转了90°' };
const TURN_EN: Record<number, string> = { 90: 'turned 90° clockwise', 180: 'upside down', 270: 'turned 90° anticlockwise' };

/** The findings of the scan checks for one page, Chinese first, saying what to do. */
export function qualityFindings(v: QualityVerdicts, where: { file: string; page: number }): Finding[] {
  const out: Finding[] = [];
  const p = where.page;
  const at = { file: where.file, page: p };
  const o = v.orientation;
  if (o && o.detected !== 0 && !v.corrected && o.confidence < MIN_ORIENTATION_CONFIDENCE) {
    // A weak guess is not acted on: the copy is written as scanned, and a person decides.
    const fix = (360 - o.detected) % 360;
    out.push({
      ruleId: 'scan/orientation',
      severity: 'warning',
      message: `第${p}页方向无法可靠判断（可能${TURN_ZH[o.detected]}），未自动转正，请人工确认；如确为${TURN_ZH[o.detected]}，请顺时针旋转${fix}°后再上传`,
      messageEn: `Page ${p}: orientation uncertain (possibly ${TURN_EN[o.detected]}); not turned — check by eye, and if so turn it ${fix}° clockwise before uploading`,
      ...at,
      evidence: { detected: o.detected, corrected: false, confidence: o.confidence, method: o.method },
      needsReview: true,
    });
  } else if (o && o.detected !== 0) {
    const fix = (360 - o.detected) % 360;
    out.push({
      ruleId: 'scan/orientation',
      severity: v.corrected ? 'info' : 'warning',
      message: v.corrected
        ? `第${p}页${TURN_ZH[o.detected]}，已自动转正（顺时针旋转${fix}°）`
        : `第${p}页${TURN_ZH[o.detected]}，请转正后再上传（顺时针旋转${fix}°）`,
      messageEn: v.corrected
        ? `Page ${p} was ${TURN_EN[o.detected]}; the masked copy was turned upright (${fix}° clockwise)`
        : `Page ${p} is ${TURN_EN[o.detected]}; turn it upright (${fix}° clockwise) before uploading`,
      ...at,
      evidence: { detected: o.detected, corrected: !!v.corrected, confidence: o.confidence, method: o.method },
      needsReview: o.confidence < MIN_ORIENTATION_CONFIDENCE,
    });
  } else if (o && o.method !== 'none' && o.confidence < MIN_ORIENTATION_CONFIDENCE) {
    // A guess too weak to act on (evidence.weakGuess, set by detectOrientation): the page was left
    // as scanned; say which way it may be turned, so the person knows what to look for.
    const guess = Number(o.evidence.weakGuess ?? 0);
    const maybe = guess ? `（可能${TURN_ZH[guess]}）` : '';
    out.push({
      ruleId: 'scan/orientation',
      severity: guess ? 'warning' : 'info',
      message: guess
        ? `第${p}页方向无法可靠判断${maybe}，未自动转正，请人工确认；如确为${TURN_ZH[guess]}，请顺时针旋转${(360 - guess) % 360}°后再上传`
        : `第${p}页方向无法可靠判断，请人工确认页面是否正向`,
      messageEn: guess
        ? `Page ${p}: orientation uncertain (possibly ${TURN_EN[guess]}); not turned — check by eye, and if so turn it ${(360 - guess) % 360}° clockwise before uploading`
        : `Page ${p}: orientation uncertain; check by eye that it is upright`,
      ...at,
      evidence: { detected: o.detected, confidence: o.confidence, method: o.method, ...(guess ? { weakGuess: guess } : {}) },
      needsReview: true,
    });
  }
  if (v.skew && Math.abs(v.skew.angleDeg) > MAX_SKEW_DEG && v.skew.confidence > 0.2) {
    const a = Math.abs(v.skew.angleDeg).toFixed(1);
    out.push({
      ruleId: 'scan/skew',
      severity: 'warning',
      message: `第${p}页歪斜约${a}°，建议摆正后重新扫描（允许 ≤ ${MAX_SKEW_DEG}°）`,
      messageEn: `Page ${p} is skewed by about ${a}°; rescan it straight (allowed ≤ ${MAX_SKEW_DEG}°)`,
      ...at,
      evidence: { angleDeg: v.skew.angleDeg, confidence: v.skew.confidence, maxDeg: MAX_SKEW_DEG },
    });
  }
  // Text size and text blur say nothing about a photograph (the 1-inch photo, a work photo); its own
  // blur does (clarityVerdict judges a photo by its edges when told it is one: evidence.photo).
  const photoBlur = v.photo?.photo && v.clarity?.evidence.photo === true ? v.clarity : undefined;
  const c = v.photo?.photo ? undefined : v.clarity;
  if (photoBlur && photoBlur.score < CLARITY_LIMITS.minScore) {
    out.push({
      ruleId: 'scan/blur',
      severity: 'warning',
      needsReview: true,
      message: `第${p}页照片模糊，请重新拍摄或扫描（清晰度 ${photoBlur.score}，要求 ≥ ${CLARITY_LIMITS.minScore}）`,
      messageEn: `Page ${p}: the photograph is blurred; take or scan it again (clarity ${photoBlur.score}, required ≥ ${CLARITY_LIMITS.minScore})`,
      ...at,
      evidence: { score: photoBlur.score, minScore: CLARITY_LIMITS.minScore, ...photoBlur.evidence },
    });
  }
  // Far below the limit is an error (the platform sends the page back); near it, our measure is not
  // sure enough to cost the applicant a submission: a warning for a person to look at.
  if (c && !c.bigEnough) {
    const px = Math.round(c.glyphHeightPx * 10) / 10;
    out.push({
      ruleId: 'scan/too-small',
      severity: c.glyphHeightPx < 0.75 * CLARITY_LIMITS.minGlyphPx ? 'error' : 'warning',
      needsReview: true,
      message: `第${p}页文字太小（字高 ${px} 像素，要求 ≥ ${CLARITY_LIMITS.minGlyphPx}），请提高扫描分辨率（建议 300 dpi）重新扫描`,
      messageEn: `Page ${p}: text too small (glyph height ${px} px, required ≥ ${CLARITY_LIMITS.minGlyphPx}); rescan at a higher resolution (300 dpi)`,
      ...at,
      evidence: { glyphHeightPx: px, minGlyphPx: CLARITY_LIMITS.minGlyphPx },
    });
  }
  if (c && c.score < CLARITY_LIMITS.minScore) {
    out.push({
      ruleId: 'scan/blur',
      severity: c.score < 0.65 * CLARITY_LIMITS.minScore ? 'error' : 'warning',
      needsReview: true,
      message: `第${p}页模糊，请重新扫描（清晰度 ${c.score}，要求 ≥ ${CLARITY_LIMITS.minScore}）`,
      messageEn: `Page ${p} is blurred; rescan it (clarity ${c.score}, required ≥ ${CLARITY_LIMITS.minScore})`,
      ...at,
      evidence: { score: c.score, minScore: CLARITY_LIMITS.minScore, ...c.evidence },
    });
  }
  const e = v.exposure;
  if (e && (e.tooDark || e.tooLight || e.lowContrast || e.severity === 'error') && !v.photo?.photo) {
    const [zh, en, measured] = e.tooDark
      ? [`过暗（纸面灰度 ${e.paper}，要求 ≥ ${EXPOSURE_LIMITS.minPaper}）`, `too dark (paper grey ${e.paper}, required ≥ ${EXPOSURE_LIMITS.minPaper})`, { paper: e.paper, minPaper: EXPOSURE_LIMITS.minPaper }]
      : e.tooLight
        ? [`过亮、字迹太淡（墨迹灰度 ${e.ink}，要求 ≤ ${EXPOSURE_LIMITS.maxInk}）`, `too light, print washed out (ink grey ${e.ink}, required ≤ ${EXPOSURE_LIMITS.maxInk})`, { ink: e.ink, maxInk: EXPOSURE_LIMITS.maxInk }]
        : [`对比度不足（${e.contrast}，要求 ≥ ${EXPOSURE_LIMITS.minContrast}）`, `too little contrast (${e.contrast}, required ≥ ${EXPOSURE_LIMITS.minContrast})`, { contrast: e.contrast, minContrast: EXPOSURE_LIMITS.minContrast }];
    // An error only when the page cannot be read; a dim or faint page that still reads is a warning.
    const error = e.severity === 'error';
    out.push({
      ruleId: 'scan/exposure',
      severity: error ? 'error' : 'warning',
      message: error ? `第${p}页${zh}，无法辨认，请调整扫描亮度后重新扫描` : `第${p}页${zh}，建议调整扫描亮度后重新扫描`,
      messageEn: error ? `Page ${p} is ${en} and cannot be read; adjust the scanner's brightness and rescan` : `Page ${p} is ${en}; consider adjusting the scanner's brightness and rescanning`,
      ...at,
      evidence: { mean: e.mean, ...measured },
    });
  }
  if (v.photo?.photo) {
    out.push({
      ruleId: 'scan/photo',
      severity: 'info',
      message: `第${p}页是照片而不是文件扫描件`,
      messageEn: `Page ${p} is a photograph, not a scanned document`,
      ...at,
      evidence: { score: v.photo.score, redBackgroundShare: v.photo.redBackgroundShare, ...v.photo.evidence },
    });
  }
  return out;
}
