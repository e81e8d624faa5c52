import { hexGroups } from '../model.js';

/** A digest in groups of eight over `lines` lines; `title` keeps the whole value for copying. */
export function Hash({ value, lines = 2, className = '' }: { value: string; lines?: number; className?: string }) {
  return (
    <span className={`hex ${className}`} title={value} data-hash={value}>
      {hexGroups(value, lines).map((l, i) => (
        <span key={i} className="hex-line">
          {l}
        </span>
      ))}
    </span>
  );
}
