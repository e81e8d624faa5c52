/**
 * The draw `fairdraw/v1` written to be read beside docs/spec.md, one section per file, in the
 * spec's order. It is slow (sorts instead of radix passes, maps instead of id tables, one HMAC at
 * a time) and meant to be: the engine (`../draw.ts`) is tested against it on every contract vector
 * and on random instances, and `fairdraw verify --reference` recomputes a record with it.
 *
 *   §1  text.ts         enc, str, byte order
 *   §2–§4               read by the same strict readers as the engine (they decide refusals, §11)
 *   §3.2 list-root.ts   the Merkle Tree Hash of the lines
 *   §4.4                SHA-256 of the sources in canonical form
 *   §5  seed.ts
 *   §6  entrants.ts, tickets.ts, order.ts
 *   §7  choose.ts
 *   §8  immediate.ts, deferred.ts
 *   §9  record.ts
 */
import { fromUtf8, utf8 } from '../bytes.js';
import { parseInputs, type DrawInputs } from '../draw.js';
import { jcs, type Json } from '../encoding.js';
import { sha256 } from '../hash.js';
import { listLines } from '../list.js';
import { deferredAcceptance } from './deferred.js';
import { entrantsOf, type Applicant, type Entrant } from './entrants.js';
import { immediateAcceptance } from './immediate.js';
import { merkleTreeHash } from './list-root.js';
import { recordOf } from './record.js';
import { seedOf } from './seed.js';
import { ticketOf } from './tickets.js';

/** `JCS(record)` for the three input files, or the engine's refusal of them. */
export function referenceDraw(inputs: DrawInputs): Uint8Array {
  const { rules: parsed, sources } = parseInputs(inputs);
  const rules = parsed.rules;
  const lines = listLines(inputs.list);
  const applicants = lines.map((l) => JSON.parse(fromUtf8(l)) as Applicant);

  const paramsSha256 = sha256(inputs.rules); // §2.1: the file's exact bytes
  const listRoot = merkleTreeHash(lines); // §3.2
  const sourcesSha256 = sha256(utf8(jcs(sources.sources as unknown as Json))); // §4.4
  const seed = seedOf(rules.drawId, paramsSha256, listRoot, sourcesSha256); // §5

  const entrants = entrantsOf(applicants); // §6.1
  const tickets = new Map<string, Uint8Array>();
  const ticket = (e: Entrant, unit: string): Uint8Array => {
    const key = `${e.kind}\n${e.name}\n${rules.tieBreak === 'single' ? '' : unit}`;
    let t = tickets.get(key);
    if (!t) tickets.set(key, (t = ticketOf(seed, rules.tieBreak, e, unit))); // §6.2
    return t;
  };
  const mechanism = rules.mechanism === 'immediate-acceptance' ? immediateAcceptance : deferredAcceptance; // §8
  const assigned = mechanism(entrants, rules, ticket);
  const digests = { paramsSha256, listRoot, listSize: lines.length, sources: sources.sources, sourcesSha256, seed };
  return utf8(jcs(recordOf(rules, digests, entrants, assigned, ticket))); // §9
}
