/** What the helper thread does: a list's Merkle root, or a share of the tickets. Pure core calls. */
import { parentPort } from 'node:worker_threads';
import { listRootOf } from '../core/list.js';
import { macTickets, type PackedNames } from '../core/ticket.js';

export type Task =
  | { id: number; task: 'root'; list: Uint8Array }
  | { id: number; task: 'tickets'; seed: Uint8Array; scopes: string[]; scopeIdx?: Uint32Array; kinds: Uint8Array; names: PackedNames };

parentPort!.on('message', (m: Task) => {
  try {
    if (m.task === 'root') {
      parentPort!.postMessage({ id: m.id, root: listRootOf(m.list) });
    } else {
      const words = macTickets(m.seed, m.scopes, m.scopeIdx, m.kinds, m.names);
      parentPort!.postMessage({ id: m.id, words }, [words.buffer as ArrayBuffer]);
    }
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
