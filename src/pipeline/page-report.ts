import type { SourcePage } from '../ingest/source-page.ts';
import type { BurnedMask } from '../mask/apply.ts';
import type { MaskPlan } from '../mask/plan.ts';
import type { DocTypeVerdict } from '../model/classified.ts';
import type { NameDetection, SealDetection } from '../model/detection.ts';
import type { Finding } from '../model/finding.ts';
import { rotateBox, type Box, type Ellipse, type Point } from '../model/geometry.ts';
import type { RawImage } from '../model/image.ts';
import type { OcrPage } from '../model/ocr.ts';
import type { ClarityVerdict, ExposureVerdict, PhotoVerdict, SkewVerdict } from '../quality/index.ts';
import type { PageReport } from '../report/schema.ts';
import type { ReadingFrame } from './reading-frame.ts';

type IntBox = [number, number, number, number];

export interface PageReportInput {
  src: SourcePage;
  upright: RawImage;
  /** Clockwise turn from the upright page to the page as written (0 unless --keep-orientation). */
  outTurn: number;
  orientation: { detected: 0 | 90 | 180 | 270; corrected: boolean; confidence: number; method: string };
  quality: { skew: SkewVerdict; clarity: ClarityVerdict; exposure: ExposureVerdict; photo: PhotoVerdict };
  docType: DocTypeVerdict;
  ocr: OcrPage;
  /** The frame the page was read in: OCR lines, names, seals and findings are in it; masks are not. */
  frame: ReadingFrame;
  /** The plan with its masks as burned on the upright page. */
  plan: Omit<MaskPlan, 'masks'> & { masks: BurnedMask[] };
  names: NameDetection[];
  seals: SealDetection[];
  findings: Finding[];
  timings: Record<string, number>;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** The report entry of a page, every box in the pixels of the page as written. */
export function pageReport(i: PageReportInput): PageReport {
  const { upright, outTurn } = i;
  const { frame } = i;
  // `written`: a box on the upright page, in the page as written; `box`: a box of the reading frame.
  const written = (b: Box): IntBox => {
    const t = rotateBox(b, outTurn, upright.width, upright.height);
    return [Math.round(t[0]), Math.round(t[1]), Math.max(0, Math.round(t[2])), Math.max(0, Math.round(t[3]))];
  };
  const box = (b: Box): IntBox => written(frame.box(b));
  const point = (p: Point): [number, number] => {
    const [x, y] = rotateBox([p[0], p[1], 0, 0], outTurn, upright.width, upright.height);
    return [r1(x), r1(y)];
  };
  const ellipse = (frameEllipse: Ellipse): Ellipse => {
    const e = frame.ellipse(frameEllipse);
    const [cx, cy] = point([e.cx, e.cy]);
    return { cx, cy, rx: r1(e.rx), ry: r1(e.ry), angleDeg: r1((((e.angleDeg + outTurn) % 180) + 180) % 180) };
  };
  const turned = outTurn % 180 !== 0;
  const findings = i.findings.map((f) => ({ ...f, box: f.box ? box(f.box) : undefined }));
  return {
    file: i.src.file,
    page: i.src.page,
    width: turned ? upright.height : upright.width,
    height: turned ? upright.width : upright.height,
    origin: i.src.origin,
    orientation: { detected: i.orientation.detected, corrected: i.orientation.corrected, confidence: r1(i.orientation.confidence * 100) / 100, method: i.orientation.method },
    skew: { angleDeg: r1(i.quality.skew.angleDeg), confidence: Math.round(i.quality.skew.confidence * 100) / 100, readStraightened: frame.angleDeg !== 0 || undefined },
    clarity: { score: Math.round(i.quality.clarity.score), ok: i.quality.clarity.ok, glyphHeightPx: Math.round(i.quality.clarity.glyphHeightPx) },
    docType: { id: i.docType.id, confidence: Math.round(i.docType.confidence * 100) / 100, evidence: i.docType.evidence },
    masks: i.plan.masks.map((m) => ({
      kind: m.kind,
      box: written(m.box),
      rects: m.rects.map(written),
      polygons: m.polygons?.map((q) => q.map(point)),
      confidence: Math.round(m.confidence * 100) / 100,
      avoidedOtherName: m.avoidedOtherName,
      evidence: m.evidence,
    })),
    otherNames: i.names.filter((d) => d.kind === 'other_name').map((d) => ({ text: d.text, box: box(d.box), confidence: d.confidence, evidence: d.evidence })),
    seals: i.seals.map((s) => ({
      ellipse: ellipse(s.ellipse),
      box: box(s.box),
      confidence: Math.round(s.confidence * 100) / 100,
      colour: s.colour,
      owner: s.owner,
      ownerText: s.ownerText,
      masked: s.owner === 'employer' && s.colour === 'red',
      evidence: s.evidence,
    })),
    ocr: {
      source: i.ocr.source,
      confidence: r1(i.ocr.confidence),
      text: i.ocr.lines.map((l) => l.text).join('\n'),
      lines: i.ocr.lines.map((l) => ({ text: l.text, box: box(l.box), confidence: Math.round(l.confidence) })),
    },
    maskedShare: Math.round(i.plan.maskedShare * 10000) / 10000,
    needsReview: findings.some((f) => f.needsReview),
    findings,
    timingsMs: i.timings,
  };
}
