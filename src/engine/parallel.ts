/**
 * The draw on two threads, for city-scale lists: while this thread validates the list, a helper
 * thread hashes most of its Merkle tree from the same bytes; after the seed, the helper computes half the
 * tickets, then writes the record's applicant entries while this thread runs the assignment. The
 * record is byte for byte what the single-threaded core gives (tests compare them);
 * small lists skip the helper, whose start-up would cost more than it saves.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromHex, toHex } from '../core/bytes.js';
import { assignParsed, draw, parseInputs, recordHeader, withoutOrder, type DrawInputs, type DrawResult } from '../core/draw.js';
import { joinShares, lineStarts, pieceRoots, splitTree } from '../core/list-root.js';
import { computeSeed } from '../core/seed.js';
import { buildEntrants, ticketRange, ticketSource, type Entrants, type Tickets, type TicketSource } from '../core/ticket.js';
import { assignedUnits, recordRest, recordRestBound, tailSource, unitResults } from '../core/record.js';
import type { TieBreak, Unit } from '../core/rules.js';
import { FairDrawError } from '../core/errors.js';
import type { Task } from './worker-tasks.js';

/**
 * The helper's code: the project's own build of worker-tasks.ts (`npm run build:dist`), found from
 * this module's place, which is the same from src/engine/ and dist/engine/. It is never looked for
 * in the temporary folder or anywhere else another account could write.
 */
export const HELPER_FILE = fileURLToPath(new URL('../../dist/engine/worker-tasks.js', import.meta.url));

/** Below this many list bytes one thread is as fast (about 16,000 applicants). */
export const PARALLEL_MIN_BYTES = 1024 * 1024;

/**
 * The share of the Merkle tree's lines this thread hashes (pieces of it, list-root.ts) after
 * validating the list, while the helper hashes the rest: then both are done at about the same time.
 */
const TREE_SHARE = 0.15;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The helper thread, running the tasks of worker-tasks.ts one message at a time. */
export class Helper {
  private next = 1;
  /** Why the thread can take no more tasks, once it has failed or stopped. */
  private gone: Error | undefined;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  /** Starts the helper at once, before any await, so it loads while this thread works. */
  static start(): Helper {
    if (!existsSync(HELPER_FILE)) {
      throw new FairDrawError(
        'engine.not-built',
        `找不到辅助线程的程序 ${HELPER_FILE}：请先运行 npm run build`,
        `the helper thread's code ${HELPER_FILE} is missing: run npm run build first`,
        { file: HELPER_FILE },
      );
    }
    // The helper's code is plain JavaScript: it takes none of this process's flags (such as a
    // TypeScript loader under the tests), which would only slow its start.
    return new Helper(new Worker(HELPER_FILE, { execArgv: [] }));
  }

  private constructor(private readonly worker: Worker) {
    this.worker.on('message', (m: { id: number; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error));
      else w.resolve(m);
    });
    this.worker.on('error', (e) => this.stop(e));
    this.worker.on('exit', (code) => this.stop(new Error(`the helper thread stopped (exit code ${code})`)));
  }

  /** Fails every task waiting, and every later one, instead of leaving it waiting forever. */
  private stop(e: Error): void {
    this.gone ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  run<T>(task: DistributiveOmit<Task, 'id'>, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...task, id }, transfer);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** `--threads N` (default 2: the helper plus this thread; 1 turns the helper off). */
export function threadsOf(flag: unknown): number {
  if (flag === undefined) return 2;
  const n = Number(flag);
  if (!Number.isInteger(n) || n < 1) {
    throw new FairDrawError('cli.threads', '--threads 必须是正整数', '--threads must be a positive integer', { field: '--threads' });
  }
  return n;
}

/**
 * All tickets of a draw (§6), half on this thread and half on the helper: the same words as
 * `computeTickets`.
 */
async function shareTickets(helper: Helper, seed: Uint8Array, source: TicketSource): Promise<Tickets> {
  const total = source.pairs ? source.pairs.entrant.length : source.kind.length;
  const mid = Math.floor(total / 2);
  // Both threads write into one shared array: nothing to copy back, and later messages that carry
  // the tickets share it instead of copying 32 bytes per ticket.
  const words = new Uint32Array(new SharedArrayBuffer(total * 32));
  const theirs = helper.run({ task: 'tickets', seed, source, from: mid, to: total, words });
  ticketRange(seed, source, 0, mid, words, 0);
  await theirs;
  return { perPair: source.pairs !== undefined, words };
}

/** Every ticket of a draw on two threads (for lists too small for a helper, use `computeTickets`). */
export async function computeTicketsInParallel(
  seed: Uint8Array,
  entrants: Entrants,
  units: readonly Unit[],
  tieBreak: TieBreak,
): Promise<Tickets> {
  const helper = Helper.start();
  try {
    return await shareTickets(helper, seed, ticketSource(entrants, units, tieBreak));
  } finally {
    await helper.close();
  }
}

/**
 * The draw on two threads. This thread: validate the list, group it into entrants, about 15 % of
 * the Merkle tree, half the tickets, the assignment, the unit results and the end of the record. The
 * helper: the rest of the tree, the other half of the tickets, and the applicants' entries of the
 * record (written while this thread assigns).
 */
export async function drawInParallel(inputs: DrawInputs, threads = 2): Promise<DrawResult> {
  if (threads < 2 || inputs.list.length < PARALLEL_MIN_BYTES) return draw(inputs);
  const helper = Helper.start();
  try {
    const listCopy = inputs.list.slice();
    const treeP = helper.run<{ roots: Uint8Array[] }>({ task: 'tree', list: listCopy, share: TREE_SHARE }, [
      listCopy.buffer as ArrayBuffer,
    ]);
    // Awaited below; if validation refuses the list first, a failure here has nobody to report to.
    treeP.catch(() => undefined);
    const starts = lineStarts(inputs.list);
    const { rules, list, sources } = parseInputs(inputs, { hashLeaves: false, starts });
    const r = rules.rules;
    // Work that needs no seed, done while the helper hashes most of the tree.
    const entrants = buildEntrants(list);
    const source = ticketSource(entrants, r.units, r.tieBreak);
    const { pieces, mine } = splitTree(list.size, TREE_SHARE);
    const ourPieces = pieces.filter((_, i) => mine[i]);
    const ours = pieceRoots(inputs.list, starts, ourPieces);
    list.listRoot = toHex(joinShares(mine, ours, (await treeP).roots));

    const seedHex = computeSeed(r.drawId, rules.paramsSha256, list.listRoot, sources.sourcesSha256);
    const tickets = await shareTickets(helper, fromHex(seedHex, 32)!, source);
    const unitIds = r.units.map((u) => u.id);
    const header = recordHeader(rules, list, sources, seedHex);
    const choices = list.choiceStart[list.size]!;
    // Identifiers are at most 64 characters (§1); the bound on the rest of the record costs nothing
    // until written.
    const restRoom = recordRestBound(header, unitIds, choices, 64);
    const tailsP = helper.run({ task: 'tails', source: tailSource(entrants, tickets), unitIds, choices, restRoom });
    const a = assignParsed({ rules, list, sources }, () => tickets, entrants);
    const assignedUnit = assignedUnits(entrants, a.assigned, list.size);
    const stitchP = helper.run({ task: 'stitch', assignedUnit }, [assignedUnit.buffer as ArrayBuffer]);
    const units = unitResults(r.units, entrants, a.order, a.assigned, list);
    const rest = recordRest(a.header, units);
    await Promise.all([tailsP, stitchP]); // both handled at once: neither can reject unobserved
    const { bytes } = await helper.run<{ bytes: Uint8Array }>({ task: 'finish', rest });
    return { ...withoutOrder(a), units, recordBytes: bytes };
  } finally {
    await helper.close();
  }
}
