/**
 * The seed case taken to its results as an audited event: the notary's key registered before the
 * freeze, the witness values sealed and revealed through the ceremony, the official draw, the
 * results and a notary co-signature — for the audit and bundle tests.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { checkpointMessage } from '../../src/core/audit.js';
import { toHex } from '../../src/core/bytes.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { drawByCeremony } from '../../src/office/ceremony/simulated.js';
import { publishResults } from '../../src/office/offers.js';
import { registerNotaryKey } from '../../src/office/notary-key.js';
import { cosignCheckpoint } from '../../src/office/cosign.js';
import type { Office } from '../../src/office/ports.js';
import { sample } from './harness.js';
import { createSeedCase, SEED_WITNESSES } from './seed-case.js';
import { dropAllTriggers } from '../db-triggers.js';

export const EVENT = 'zlj2020';
export const NOTARY_SECRET = new Uint8Array(32).fill(9);
export const NOTARY_KEY = toHex(ed25519.getPublicKey(NOTARY_SECRET));

/** The notary's co-signature on checkpoint `seq` under `secret`. */
export async function notaryCosign(office: Office, seq: number, secret = NOTARY_SECRET): Promise<void> {
  const cp = (await office.store.repos.audit.checkpoints(EVENT)).find((c) => c.seq === seq)!;
  await cosignCheckpoint(
    office,
    {
      event: EVENT,
      seq,
      signer: '李公证员',
      role: 'notary',
      publicKey: toHex(ed25519.getPublicKey(secret)),
      signature: toHex(ed25519.sign(checkpointMessage(cp.event, cp.seq, cp.hash), secret)),
    },
    'supervisor:li',
  );
}

export async function auditedEvent(office: Office, stage: 'frozen' | 'results' = 'results'): Promise<void> {
  await createSeedCase(office, EVENT);
  await importApplicants(office, EVENT, sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
  await registerNotaryKey(office, { event: EVENT, publicKey: NOTARY_KEY, name: '李公证员' }, 'supervisor:li');
  await publishEvent(office, EVENT, 'operator');
  await freezeEvent(office, EVENT, 'operator');
  if (stage === 'frozen') return;
  // The ceremony as the hall runs it: every witness seals, then all reveal, then the draw.
  await drawByCeremony(office, EVENT, SEED_WITNESSES, 'operator');
  await publishResults(office, EVENT, 'operator');
  const last = (await office.store.repos.audit.checkpoints(EVENT)).pop()!;
  await notaryCosign(office, last.seq);
}

/** Drops every trigger of the database: what an operator with the database file can do. */
export async function dropTriggers(office: Office): Promise<void> {
  await dropAllTriggers(office.store.db);
}
