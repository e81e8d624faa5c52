/** Draws chart scenes (scenes.ts) with pdfkit as vector marks: the same drawing as the web's SVG. */
import type { Scene } from './scenes.js';
import type { Sheet } from '../sheet.js';

/** Draws `scene` with its top-left corner at (x, y), scaled by `scale`; the cursor does not move. */
export function drawScene(sheet: Sheet, scene: Scene, x: number, y: number, scale = 1): void {
  const doc = sheet.doc;
  doc.save();
  for (const m of scene.marks) {
    if (m.kind === 'rect') {
      doc.rect(x + m.x * scale, y + m.y * scale, m.w * scale, m.h * scale).fill(m.fill);
    } else if (m.kind === 'line') {
      doc.moveTo(x + m.x1 * scale, y + m.y1 * scale).lineTo(x + m.x2 * scale, y + m.y2 * scale);
      doc.lineWidth(m.width * scale).strokeColor(m.stroke);
      if (m.dash) doc.dash(m.dash[0] * scale, { space: m.dash[1] * scale });
      doc.stroke();
      if (m.dash) doc.undash();
    }
  }
  doc.restore();
  // Text after the shapes so that labels stay readable over bars.
  for (const m of scene.marks) {
    if (m.kind !== 'text') continue;
    const size = m.size * scale;
    const role = m.bold ? 'bold' : 'sans';
    const w = sheet.measure(m.text, role, size);
    const left = m.anchor === 'start' ? m.x * scale : m.anchor === 'middle' ? m.x * scale - w / 2 : m.x * scale - w;
    sheet.text(m.text, x + left, y + m.y * scale, { role, size, color: m.fill });
  }
}

/** Places a chart at the cursor (new page if it does not fit), centred in the text column. */
export function placeScene(sheet: Sheet, scene: Scene, scale = 1): void {
  const h = scene.height * scale;
  sheet.ensure(h);
  drawScene(sheet, scene, sheet.left + (sheet.width - scene.width * scale) / 2, sheet.y, scale);
  sheet.y += h + 6;
}

/**
 * Scenes of the given widths in rows, left to right, as many per row as fit `available` with `gap`
 * between them (a scene wider than the column still gets a row of its own): each row as its scenes'
 * indexes and its total width.
 */
export function sceneRows(widths: readonly number[], available: number, gap: number): { items: number[]; width: number }[] {
  const rows: { items: number[]; width: number }[] = [];
  let i = 0;
  while (i < widths.length) {
    const items: number[] = [];
    let w = 0;
    while (i < widths.length && (items.length === 0 || w + gap + widths[i]! <= available)) {
      w += (items.length ? gap : 0) + widths[i]!;
      items.push(i);
      i++;
    }
    rows.push({ items, width: w });
  }
  return rows;
}

/** Places charts side by side, as many per row as fit the text column. */
export function placeScenes(sheet: Sheet, scenes: readonly Scene[], gap = 10): void {
  for (const { items, width } of sceneRows(
    scenes.map((s) => s.width),
    sheet.width,
    gap,
  )) {
    const row = items.map((k) => scenes[k]!);
    const h = Math.max(...row.map((s) => s.height));
    sheet.ensure(h);
    let x = sheet.left + (sheet.width - width) / 2;
    for (const s of row) {
      drawScene(sheet, s, x, sheet.y);
      x += s.width + gap;
    }
    sheet.y += h + 8;
  }
}
