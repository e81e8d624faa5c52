/**
 * The reveal animation, as a pure function of elapsed time. It only decides *when* each already
 * known registration number settles on screen and what flickers before it; it never chooses
 * anything. The flicker cycles through numbers of the same unit in a fixed order (cosmetic).
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

/** The number a still-rolling cell shows at `elapsed`. */
export function flicker(pool: readonly string[], cell: number, elapsed: number, plan: RollPlan): string {
  if (pool.length === 0) return '';
  const frame = Math.floor(elapsed / plan.tick);
  return pool[(cell * 7 + frame * 13) % pool.length]!;
}
