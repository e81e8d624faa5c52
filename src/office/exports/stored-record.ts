/**
 * The official record as stored, checked before anything is built on it: its text must hash to the
 * digest stored beside it and to the one the audit log fixed when it was drawn. A damaged record is
 * refused with a message, never parsed into a half-right export or offer.
 */
import { FairDrawError } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import { toHex, utf8 } from '../../core/bytes.js';
import type { Repos } from '../../store/index.js';
import type { DrawRow } from '../../store/repositories/draws.repository.js';

export interface StoredRecord {
  units: { id: string; seats: number; admitted: string[]; waitlist: string[] }[];
  applicants: { id: string; tickets: Record<string, string> }[];
}

function damaged(eventId: string, why: string, zh: string): FairDrawError {
  return new FairDrawError(
    'store.record-damaged',
    `库中批次 ${eventId} 的正式摇号结果已损坏（${zh}），未据此做任何操作、未写出任何文件。请运行 fairdraw audit verify，并从备份恢复`,
    `the stored official record of event ${eventId} is damaged (${why}); nothing was done with it and no file was written. Run fairdraw audit verify and restore a backup`,
    { field: 'record' },
  );
}

/** The official draw of `eventId` and its parsed record, or a refusal when it is missing or damaged. */
export async function checkedOfficialRecord(repos: Repos, eventId: string): Promise<{ draw: DrawRow; record: StoredRecord }> {
  const draw = await repos.draws.official(eventId);
  if (!draw) throw new FairDrawError('export.no-draw', '没有正式摇号结果', 'there is no official draw', { field: 'event' });
  const digest = toHex(sha256(utf8(draw.record_text)));
  if (digest !== draw.record_sha256) throw damaged(eventId, 'its text does not match its stored hash', '内容与库中哈希不符');
  const entry = (await repos.audit.list(eventId)).find((e) => e.action === 'draw.official');
  const logged = (entry?.details as { recordSha256?: unknown } | undefined)?.recordSha256;
  if (entry && logged !== digest) throw damaged(eventId, 'it does not match the hash the audit log fixed', '与审计日志记录的哈希不符');
  let record: StoredRecord;
  try {
    record = JSON.parse(draw.record_text) as StoredRecord;
  } catch {
    throw damaged(eventId, 'it is not valid JSON', '不是有效的 JSON');
  }
  if (!Array.isArray(record?.units) || !Array.isArray(record?.applicants))
    throw damaged(eventId, 'it lacks its units or applicants', '缺少单元或报名者');
  return { draw, record };
}
