/**
 * The reveal animation, as a pure function of elapsed time. It only decides *when* each already
 * known registration number settles on screen and what flickers before it; it never chooses
 * anything. A rolling cell shows neutral symbols in the shape of the number it will settle on
 * (letters and digits become symbols, separators stay), so the room never sees a real
 * registration number in a place it will not end in.
 */
export interface RollPlan {
  /** Milliseconds between two cells settling. */
  stagger: number;
  /** Milliseconds a cell rolls before the first one settles. */
  lead: number;
  /** Milliseconds between two flicker frames. */
  tick: number;
}

/** About five seconds for a unit whatever its size; quicker per cell for big units. */
export function planFor(cells: number): RollPlan {
  return { stagger: Math.max(40, Math.min(250, Math.floor(4500 / Math.max(cells, 1)))), lead: 700, tick: 60 };
}

/** How many cells have settled after `elapsed` ms. */
export function settledCount(elapsed: number, cells: number, plan: RollPlan): number {
  if (elapsed < plan.lead) return 0;
  return Math.min(cells, 1 + Math.floor((elapsed - plan.lead) / plan.stagger));
}

/** Total length of the animation. */
export function rollDuration(cells: number, plan: RollPlan): number {
  return cells === 0 ? 0 : plan.lead + (cells - 1) * plan.stagger;
}

/** The symbols a rolling cell cycles through: no letter, no digit, nothing that reads as a number. */
export const ROLL_SYMBOLS = ['◆', '◇', '●', '○', '■', '□', '▲', '△'] as const;

/**
 * What a still-rolling cell shows at `elapsed`: one symbol for each letter or digit of `final` (the
 * number the cell will settle on), its other characters (such as `-`) kept, so the cell keeps its
 * width and nothing on screen is a registration number before it is the real one.
 */
export function flicker(final: string, cell: number, elapsed: number, plan: RollPlan): string {
  const frame = Math.floor(Math.max(0, elapsed) / plan.tick);
  let out = '';
  let k = 0;
  for (const ch of final) {
    if (/[\p{L}\p{N}]/u.test(ch)) {
      out += ROLL_SYMBOLS[(cell * 7 + frame * 13 + k * 5) % ROLL_SYMBOLS.length]!;
      k++;
    } else out += ch;
  }
  return out;
}

/** What each cell shows at `elapsed`: its final number once settled, neutral symbols before. */
export function frameAt(finals: readonly string[], elapsed: number, plan: RollPlan): string[] {
  const settled = settledCount(elapsed, finals.length, plan);
  return finals.map((regNo, i) => (i < settled ? regNo : flicker(regNo, i, elapsed, plan)));
}
