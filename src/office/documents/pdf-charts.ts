/** Draws a chart scene (charts.ts) with pdfkit as vector marks: the same drawing as the SVG. */
import type { Scene } from './charts.js';
import type { Sheet } from './sheet.js';

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

/** Places charts side by side, as many per row as fit the text column. */
export function placeScenes(sheet: Sheet, scenes: readonly Scene[], gap = 10): void {
  let i = 0;
  while (i < scenes.length) {
    const row: Scene[] = [];
    let w = 0;
    while (i < scenes.length && (row.length === 0 || w + gap + scenes[i]!.width <= sheet.width)) {
      w += (row.length ? gap : 0) + scenes[i]!.width;
      row.push(scenes[i]!);
      i++;
    }
    const h = Math.max(...row.map((s) => s.height));
    sheet.ensure(h);
    let x = sheet.left + (sheet.width - w) / 2;
    for (const s of row) {
      drawScene(sheet, s, x, sheet.y);
      x += s.width + gap;
    }
    sheet.y += h + 8;
  }
}
