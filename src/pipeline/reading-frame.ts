import type { Box, Ellipse, Point } from '../model/geometry.ts';
import type { RawImage } from '../model/image.ts';
import type { BurnedMask } from '../mask/apply.ts';
import type { Mask } from '../mask/plan.ts';
import type { SkewVerdict } from '../quality/index.ts';

/**
 * The frame a page is read in. Tesseract's layout analysis loses whole paragraphs of a page whose
 * lines slope by 3–4° (a phone photo, a sheet fed crooked): such a page is read from a straightened
 * copy, and everything found on it — OCR lines, names, seals, masks — is mapped back to the page as
 * scanned. The applicant's scan itself is never resampled: the masks are burned into the original
 * pixels as the turned rectangles they are.
 */
export interface ReadingFrame {
  /** Degrees the page's lines slope (clockwise positive); 0 = the page is read as it is. */
  angleDeg: number;
  rgb: RawImage;
  grey: RawImage;
  /** A point of the reading frame in the page's pixels. */
  toPage(p: Point): Point;
  /** A box of the reading frame as the four corners it covers on the page. */
  quad(b: Box): Point[];
  /** The page box around a box of the reading frame. */
  box(b: Box): Box;
  ellipse(e: Ellipse): Ellipse;
  /** Masks planned in the reading frame, as burned on the page: turned rectangles and their boxes. */
  masks(m: Mask[]): BurnedMask[];
}

/** Tesseract reads lines sloping by up to about 1.5° as it reads level ones; straightening resamples the page, so only a page that needs it pays. */
export const STRAIGHTEN_FROM_DEG = 1.5;
/**
 * The slope profile's own confidence: 0.4–0.9 on pages of text, 0.27 on a sparse pledge read far
 * better straightened, 0.1–0.3 on a face photo (where a wrong straightening costs nothing readable).
 */
const STRAIGHTEN_CONFIDENCE = 0.25;

const bounds = (pts: Point[]): Box => {
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return [x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0];
};

function identity(rgb: RawImage, grey: RawImage): ReadingFrame {
  const corners = (b: Box): Point[] => [[b[0], b[1]], [b[0] + b[2], b[1]], [b[0] + b[2], b[1] + b[3]], [b[0], b[1] + b[3]]];
  return { angleDeg: 0, rgb, grey, toPage: (p) => p, quad: corners, box: (b) => b, ellipse: (e) => e, masks: (m) => m };
}

/**
 * The page turned by −angle about its centre onto a canvas large enough to hold all of it; bilinear,
 * white outside the page. Each output pixel samples the page at R(angle)·(p − c′) + c.
 */
function turnFine(img: RawImage, angleDeg: number, W: number, H: number): RawImage {
  const { width: w, height: h, channels: ch, data } = img;
  const a = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const out = Buffer.alloc(W * H * ch, 255);
  const cx = w / 2;
  const cy = h / 2;
  const cX = W / 2;
  const cY = H / 2;
  for (let Y = 0; Y < H; Y++) {
    const dy = Y + 0.5 - cY;
    for (let X = 0; X < W; X++) {
      const dx = X + 0.5 - cX;
      const sx = dx * cos - dy * sin + cx - 0.5;
      const sy = dx * sin + dy * cos + cy - 0.5;
      if (sx < 0 || sy < 0 || sx > w - 1 || sy > h - 1) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const x1 = Math.min(w - 1, x0 + 1);
      const y1 = Math.min(h - 1, y0 + 1);
      const o = (Y * W + X) * ch;
      for (let c = 0; c < ch; c++) {
        const p00 = data[(y0 * w + x0) * ch + c];
        const p10 = data[(y0 * w + x1) * ch + c];
        const p01 = data[(y1 * w + x0) * ch + c];
        const p11 = data[(y1 * w + x1) * ch + c];
        out[o + c] = Math.round((p00 * (1 - fx) + p10 * fx) * (1 - fy) + (p01 * (1 - fx) + p11 * fx) * fy);
      }
    }
  }
  return { data: out, width: W, height: H, channels: ch };
}

/**
 * The frame to read a page in: straightened when its lines clearly slope, else the page itself.
 * `grey` is the page's OCR grey; a straightened page gets its own, made by `prepare` from the turned
 * page (rules are found after the turn: on a sloping page they are not horizontal runs).
 */
export function readingFrame(rgb: RawImage, grey: RawImage, skew: SkewVerdict, prepare: (rgb: RawImage) => RawImage): ReadingFrame {
  const angleDeg = skew.angleDeg;
  if (Math.abs(angleDeg) < STRAIGHTEN_FROM_DEG || skew.confidence < STRAIGHTEN_CONFIDENCE) return identity(rgb, grey);
  const a = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const { width: w, height: h } = rgb;
  const W = Math.ceil(w * Math.abs(cos) + h * Math.abs(sin));
  const H = Math.ceil(w * Math.abs(sin) + h * Math.abs(cos));
  const toPage = ([x, y]: Point): Point => {
    const dx = x - W / 2;
    const dy = y - H / 2;
    return [dx * cos - dy * sin + w / 2, dx * sin + dy * cos + h / 2];
  };
  const turned = turnFine(rgb, angleDeg, W, H);
  const quad = (b: Box): Point[] => [toPage([b[0], b[1]]), toPage([b[0] + b[2], b[1]]), toPage([b[0] + b[2], b[1] + b[3]]), toPage([b[0], b[1] + b[3]])];
  return {
    angleDeg,
    rgb: turned,
    grey: prepare(turned),
    toPage,
    quad,
    box: (b) => bounds(quad(b)),
    ellipse: (e) => {
      const [cx, cy] = toPage([e.cx, e.cy]);
      return { ...e, cx, cy, angleDeg: e.angleDeg + angleDeg };
    },
    masks: (masks) =>
      masks.map((m) => {
        const polygons = m.rects.map(quad);
        return { ...m, polygons, rects: polygons.map(bounds), box: bounds(polygons.flat()) };
      }),
  };
}
