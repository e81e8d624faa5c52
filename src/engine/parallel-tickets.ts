/** Placeholder replaced below. */
import type { TicketComputer } from '../core/draw.js';
export async function parallelTickets(_inputs: unknown, _threads?: unknown): Promise<TicketComputer | undefined> {
  return undefined;
}
