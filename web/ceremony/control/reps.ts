/** Drawing the parent representatives of a unit (家长代表): who may be drawn, and what is sent. */
import type { RepsPrepareBody } from '../../../src/api/ceremony.js';

/** The 报名号 in a pasted or uploaded list of volunteers: split at spaces, commas, semicolons and 、. */
export function volunteerNumbers(text: string): string[] {
  return text.split(/[\s,，;；、]+/).filter(Boolean);
}

/** The body of `POST …/reps/<unit>/prepare`: volunteers only when the pool is the volunteers. */
export function prepareBody(
  seats: number,
  sourceLabel: string,
  pool: 'all' | 'volunteers',
  volunteers: readonly string[],
): RepsPrepareBody {
  return { seats, sourceLabel, ...(pool === 'volunteers' ? { volunteers: [...volunteers] } : {}) };
}
