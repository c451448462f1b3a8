import { Sheet } from '../sheet.ts';
import type { DocContext } from './context.ts';
import { portrait } from './id-card.ts';

/** 一寸红底免冠照片: 25×35 mm, red background, a drawn head and shoulders. No text. */
export function photo(c: DocContext): Sheet[] {
  const dpi = Math.max(c.dpi, 300);
  const s = new Sheet(Math.round((25 / 25.4) * dpi), Math.round((35 / 25.4) * dpi), dpi, c.rng);
  portrait(s, 0, 0, s.width, s.height, c.rng.pick(['#d2232a', '#c8202a', '#e0302a']));
  return [s];
}

/** A photo of a site or a meeting: gradients and shapes, no document layout. */
export function workPhoto(c: DocContext): Sheet[] {
  const rng = c.rng;
  const w = rng.pick([1600, 2000, 2400]);
  const h = Math.round(w * 0.75);
  const s = new Sheet(w, h, 96, rng);
  const ctx = s.ctx;
  const sky = ctx.createLinearGradient(0, 0, 0, h);
  const meeting = rng.chance(0.5);
  sky.addColorStop(0, meeting ? '#c8c0b0' : '#7fa8d8');
  sky.addColorStop(0.55, meeting ? '#a09080' : '#c8d8e8');
  sky.addColorStop(1, meeting ? '#5a4a3a' : '#6a5a48');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, w, h);
  if (meeting) {
    ctx.fillStyle = '#7a4a2a';
    ctx.fillRect(w * 0.1, h * 0.6, w * 0.8, h * 0.12);
    for (let i = 0; i < rng.int(4, 9); i++) {
      const x = w * (0.12 + i * 0.09);
      ctx.fillStyle = rng.pick(['#1f2a44', '#2d2d2d', '#40464f']);
      ctx.beginPath();
      ctx.ellipse(x, h * 0.6, w * 0.035, h * 0.09, 0, Math.PI, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = '#d9b08c';
      ctx.beginPath();
      ctx.arc(x, h * 0.46, w * 0.018, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.fillStyle = '#b02020';
    ctx.fillRect(w * 0.15, h * 0.08, w * 0.7, h * 0.08);
  } else {
    // Headframe, conveyor and a coal heap.
    ctx.fillStyle = '#2a2a2a';
    ctx.beginPath();
    ctx.moveTo(0, h * 0.75);
    ctx.quadraticCurveTo(w * 0.3, h * 0.45, w * 0.6, h * 0.78);
    ctx.lineTo(0, h);
    ctx.fill();
    ctx.strokeStyle = '#8a2a1a';
    ctx.lineWidth = w * 0.008;
    ctx.beginPath();
    ctx.moveTo(w * 0.65, h * 0.8);
    ctx.lineTo(w * 0.72, h * 0.2);
    ctx.lineTo(w * 0.8, h * 0.8);
    ctx.moveTo(w * 0.68, h * 0.5);
    ctx.lineTo(w * 0.77, h * 0.5);
    ctx.stroke();
    ctx.strokeStyle = '#555';
    ctx.beginPath();
    ctx.moveTo(w * 0.3, h * 0.7);
    ctx.lineTo(w * 0.95, h * 0.35);
    ctx.stroke();
    for (let i = 0; i < 3; i++) {
      ctx.fillStyle = '#f0a020';
      ctx.beginPath();
      ctx.arc(w * (0.2 + i * 0.1), h * 0.62, w * 0.012, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  return [s];
}
