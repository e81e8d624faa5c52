import { SCENE_FONT_FAMILY, type Scene } from '../../src/office/documents/charts/scenes.js';
import { sceneBounds } from './fairness-view.js';

/**
 * A chart scene (src/office/documents/charts/scenes.ts) as inline SVG that scales to the width it is
 * given: the same marks the printed announcement draws with pdfkit.
 */
export function SceneSvg({ scene }: { scene: Scene }) {
  const { left, right } = sceneBounds(scene);
  return (
    <svg
      className="fc-svg"
      viewBox={`${left} 0 ${right - left} ${scene.height}`}
      role="img"
      aria-label={scene.title}
      fontFamily={SCENE_FONT_FAMILY}
    >
      <rect x={left} y={0} width={right - left} height={scene.height} fill="#ffffff" />
      {scene.marks.map((m, i) =>
        m.kind === 'rect' ? (
          <rect key={i} x={m.x} y={m.y} width={m.w} height={m.h} fill={m.fill} />
        ) : m.kind === 'line' ? (
          <line
            key={i}
            x1={m.x1}
            y1={m.y1}
            x2={m.x2}
            y2={m.y2}
            stroke={m.stroke}
            strokeWidth={m.width}
            strokeDasharray={m.dash ? `${m.dash[0]} ${m.dash[1]}` : undefined}
          />
        ) : (
          <text key={i} x={m.x} y={m.y} fontSize={m.size} textAnchor={m.anchor} fill={m.fill} fontWeight={m.bold ? 'bold' : undefined}>
            {m.text}
          </text>
        ),
      )}
    </svg>
  );
}
