/** Small, deliberate tamperings of public data, as an attacker in the middle would make them. */
import { jcs, type Json } from '../../src/core/encoding.js';
import type { ApplicantPage } from '../../src/api/public.js';

/** Flips one hex digit of the first hash of a receipt's path (in one page or in a shard). */
export function tamperProof(body: string): string {
  const flip = (p: ApplicantPage): void => {
    const h = p.receipt.proof.path[0]!;
    p.receipt.proof.path[0] = (h[0] === 'a' ? 'b' : 'a') + h.slice(1);
  };
  const doc = JSON.parse(body) as ApplicantPage | { applicants: Record<string, ApplicantPage> };
  if ('applicants' in doc) Object.values(doc.applicants).forEach(flip);
  else flip(doc);
  return JSON.stringify(doc);
}

/** Swaps the third admitted id of the first unit with the first on its waitlist, keeping JCS form. */
export function swapAdmitted(record: string): string {
  const rec = JSON.parse(record) as { units: { admitted: string[]; waitlist: string[] }[] };
  const u = rec.units[0]!;
  [u.admitted[2], u.waitlist[0]] = [u.waitlist[0]!, u.admitted[2]!];
  return jcs(rec as unknown as Json);
}
