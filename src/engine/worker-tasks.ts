/**
 * What the helper thread does, as pure core calls: most of a list's Merkle tree, a share of the tickets, and
 * the record's applicant entries (written before the assignment is known, completed after). It keeps
 * the list it hashed for the later steps of the same draw.
 */
import { parentPort } from 'node:worker_threads';
import { idRanges } from '../core/list.js';
import { lineStarts, pieceRoots, splitTree } from '../core/list-root.js';
import { ticketRange, type TicketSource } from '../core/ticket.js';
import { renderTails, stitchApplicants, tailsCapacity, type TailSource, type Tails } from '../core/record.js';
import type { ByteWriter } from '../core/byte-writer.js';

export type Task =
  | { id: number; task: 'tree'; list: Uint8Array; share: number }
  | { id: number; task: 'tickets'; seed: Uint8Array; source: TicketSource; from: number; to: number; words: Uint32Array }
  | { id: number; task: 'tails'; source: TailSource; unitIds: string[]; choices: number; restRoom: number }
  | { id: number; task: 'stitch'; assignedUnit: Int32Array }
  | { id: number; task: 'finish'; rest: Uint8Array };

let list: Uint8Array | undefined;
let starts: Uint32Array | undefined;
let unitIds: string[] = [];
let tails: Tails | undefined;
let record: ByteWriter | undefined;

function run(m: Task): { value?: unknown; transfer?: ArrayBuffer[] } {
  switch (m.task) {
    case 'tree': {
      // The pieces of the Merkle tree that the calling thread leaves to this one (list-root.ts).
      list = m.list;
      starts = lineStarts(list);
      const { pieces, mine } = splitTree(starts.length, m.share);
      return {
        value: {
          roots: pieceRoots(
            list,
            starts,
            pieces.filter((_, i) => !mine[i]),
          ),
        },
      };
    }
    case 'tickets': {
      // `words` is shared with the calling thread: tickets from..to go straight into it.
      ticketRange(m.seed, m.source, m.from, m.to, m.words, m.from * 8);
      return { value: {} };
    }
    case 'tails': {
      if (!list || !starts) throw new Error('tails before tree');
      const ids = idRanges(list, starts);
      unitIds = m.unitIds;
      const capacity = tailsCapacity(starts.length, list.length, m.choices, unitIds, m.restRoom);
      tails = renderTails(m.source, unitIds, ids, capacity);
      return { value: {} };
    }
    case 'stitch': {
      if (!tails) throw new Error('stitch before tails');
      record = stitchApplicants(m.assignedUnit, tails, unitIds);
      tails = undefined;
      return { value: {} };
    }
    case 'finish': {
      if (!record) throw new Error('finish before stitch');
      const bytes = record.raw(m.rest).bytes();
      record = undefined;
      list = undefined;
      starts = undefined;
      return { value: { bytes }, transfer: [bytes.buffer as ArrayBuffer] };
    }
  }
}

parentPort!.on('message', (m: Task) => {
  try {
    const { value, transfer } = run(m);
    parentPort!.postMessage({ id: m.id, ...(value as object) }, transfer ?? []);
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
