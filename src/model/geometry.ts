/** A box in page pixels: left, top, width, height. Always integers once it reaches a report. */
export type Box = [x: number, y: number, w: number, h: number];

/** A seal is an ellipse: centre, radii and the angle of the first radius in degrees. */
export interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  angleDeg: number;
}

export function boxArea(b: Box): number {
  return Math.max(0, b[2]) * Math.max(0, b[3]);
}

export function intersect(a: Box, b: Box): Box | null {
  const x0 = Math.max(a[0], b[0]);
  const y0 = Math.max(a[1], b[1]);
  const x1 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y1 = Math.min(a[1] + a[3], b[1] + b[3]);
  return x1 > x0 && y1 > y0 ? [x0, y0, x1 - x0, y1 - y0] : null;
}

export function union(a: Box, b: Box): Box {
  const x0 = Math.min(a[0], b[0]);
  const y0 = Math.min(a[1], b[1]);
  const x1 = Math.max(a[0] + a[2], b[0] + b[2]);
  const y1 = Math.max(a[1] + a[3], b[1] + b[3]);
  return [x0, y0, x1 - x0, y1 - y0];
}

export function pad(b: Box, px: number, width: number, height: number): Box {
  return clamp([b[0] - px, b[1] - px, b[2] + 2 * px, b[3] + 2 * px], width, height);
}

export function clamp(b: Box, width: number, height: number): Box {
  const x0 = Math.max(0, Math.floor(b[0]));
  const y0 = Math.max(0, Math.floor(b[1]));
  const x1 = Math.min(width, Math.ceil(b[0] + b[2]));
  const y1 = Math.min(height, Math.ceil(b[1] + b[3]));
  return [x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)];
}

/** Share of box `a` covered by box `b`. */
export function coverage(a: Box, b: Box): number {
  const i = intersect(a, b);
  return i ? boxArea(i) / Math.max(1, boxArea(a)) : 0;
}

/** The axis-aligned box around an ellipse. */
export function ellipseBox(e: Ellipse): Box {
  const t = (e.angleDeg * Math.PI) / 180;
  const hw = Math.sqrt((e.rx * Math.cos(t)) ** 2 + (e.ry * Math.sin(t)) ** 2);
  const hh = Math.sqrt((e.rx * Math.sin(t)) ** 2 + (e.ry * Math.cos(t)) ** 2);
  return [e.cx - hw, e.cy - hh, 2 * hw, 2 * hh];
}

/**
 * A box of an image of size width×height, after turning the image `clockwise` degrees (0/90/180/270).
 * Used to report boxes in the frame of a page written as scanned (--keep-orientation).
 */
export function rotateBox(b: Box, clockwise: number, width: number, height: number): Box {
  const [x, y, w, h] = b;
  switch (((clockwise % 360) + 360) % 360) {
    case 90:
      return [height - y - h, x, h, w];
    case 180:
      return [width - x - w, height - y - h, w, h];
    case 270:
      return [y, width - x - w, h, w];
    default:
      return b;
  }
}

/** A point [x, y] in pixels. */
export type Point = [number, number];
