/**
 * The sealed values checked from the public log (see ../commitment.ts for the protocol): every
 * witness source of `sources.json` was committed once, by a `ceremony.commit` entry, and then
 * either revealed by a `ceremony.reveal` that opens the commitment with the very value that stands
 * in `sources.json`, or replaced (`ceremony.replace`) with that value as the published rules say.
 * Every commitment precedes the first reveal (by seq); with a drand source, every commitment and
 * every reveal is dated before the round's time, so nobody who revealed (or did not) knew the beacon.
 *
 * Pure: it reads the log's entries and the parsed inputs, so the CLI, the browser and the tests run
 * the same code.
 */
import { COMMIT_ACTION, REPLACE_ACTION, REVEAL_ACTION, commitmentOf } from '../commitment.js';
import { drandRoundTime } from '../drand.js';
import type { AuditEntry } from '../audit.js';
import type { DeclaredSource } from '../rules.js';
import type { Source } from '../sources.js';

export type SealedCheck =
  { ok: true; committed: number; revealed: number; replaced: number } | { ok: false; path: string; en: string; zh: string };

interface Slot {
  index?: unknown;
  label?: unknown;
  commitment?: unknown;
  value?: unknown;
  salt?: unknown;
}

const where = (e: AuditEntry): string => `entries[${e.seq - 1}]`;

/**
 * @param drawId the rules' drawId (bound into every commitment)
 * @param declared the rules' declaredSources
 * @param sources the values of sources.json, in declared order
 * @param entries the audit log's entries, in order
 */
export function checkSealed(
  drawId: string,
  declared: readonly DeclaredSource[],
  sources: readonly Source[],
  entries: readonly AuditEntry[],
): SealedCheck {
  const bad = (path: string, en: string, zh: string): SealedCheck => ({ ok: false, path, en, zh });
  const commits = new Map<number, AuditEntry>();
  const opened = new Map<number, AuditEntry>();
  const protocol = entries.filter((e) => e.action === COMMIT_ACTION || e.action === REVEAL_ACTION || e.action === REPLACE_ACTION);
  let firstOpen: AuditEntry | undefined;
  for (const e of protocol) {
    const d = (e.details ?? {}) as Slot;
    const i = d.index;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= declared.length || declared[i]!.kind !== 'witness') {
      return bad(
        `${where(e)}.details.index`,
        `entry ${e.seq} (${e.action}) names no declared witness source`,
        `第 ${e.seq} 条（${e.action}）未指向已声明的见证人来源`,
      );
    }
    const label = (declared[i] as { label: string }).label;
    if (d.label !== label) {
      return bad(
        `${where(e)}.details.label`,
        `entry ${e.seq} names source ${i + 1} "${String(d.label)}", declared "${label}"`,
        `第 ${e.seq} 条的来源名称“${String(d.label)}”与声明的“${label}”不符`,
      );
    }
    if (e.action === COMMIT_ACTION) {
      if (commits.has(i))
        return bad(
          `${where(e)}`,
          `source ${i + 1} (${label}) is committed twice (entries ${commits.get(i)!.seq} and ${e.seq})`,
          `来源 ${i + 1}（${label}）被承诺了两次（第 ${commits.get(i)!.seq} 条和第 ${e.seq} 条）`,
        );
      if (firstOpen)
        return bad(
          `${where(e)}`,
          `entry ${e.seq} commits source ${i + 1} (${label}) after a value was revealed (entry ${firstOpen.seq})`,
          `第 ${e.seq} 条在已有数值揭示（第 ${firstOpen.seq} 条）之后才承诺来源 ${i + 1}（${label}）`,
        );
      if (typeof d.commitment !== 'string' || !/^[0-9a-f]{64}$/.test(d.commitment))
        return bad(`${where(e)}.details.commitment`, `entry ${e.seq} holds no commitment`, `第 ${e.seq} 条没有有效的承诺值`);
      commits.set(i, e);
    } else {
      firstOpen ??= e;
      if (opened.has(i))
        return bad(
          `${where(e)}`,
          `source ${i + 1} (${label}) is revealed or replaced twice (entries ${opened.get(i)!.seq} and ${e.seq})`,
          `来源 ${i + 1}（${label}）被揭示或替换了两次（第 ${opened.get(i)!.seq} 条和第 ${e.seq} 条）`,
        );
      if (!commits.has(i))
        return bad(
          `${where(e)}`,
          `entry ${e.seq} opens source ${i + 1} (${label}), which was not committed before`,
          `第 ${e.seq} 条揭示的来源 ${i + 1}（${label}）此前未承诺`,
        );
      opened.set(i, e);
    }
  }

  let revealed = 0;
  let replaced = 0;
  for (let i = 0; i < declared.length; i++) {
    const dec = declared[i]!;
    if (dec.kind !== 'witness') continue;
    const label = dec.label;
    const src = sources[i];
    const value = src && src.kind === 'witness' ? src.value : undefined;
    const c = commits.get(i);
    if (!c)
      return bad(
        `sources[${i}]`,
        `the witness value ${i + 1} (${label}) was never committed in the log`,
        `见证人数值 ${i + 1}（${label}）在日志中没有承诺记录`,
      );
    const o = opened.get(i);
    if (!o)
      return bad(
        `sources[${i}]`,
        `the witness value ${i + 1} (${label}) was never revealed or replaced in the log`,
        `见证人数值 ${i + 1}（${label}）在日志中没有揭示或替换记录`,
      );
    const d = (o.details ?? {}) as Slot;
    if (d.value !== value) {
      return bad(
        `sources[${i}].value`,
        `sources.json holds "${String(value)}" for ${label}; the log (entry ${o.seq}) holds "${String(d.value)}"`,
        `sources.json 中 ${label} 的数值“${String(value)}”与日志第 ${o.seq} 条的“${String(d.value)}”不符`,
      );
    }
    if (o.action === REVEAL_ACTION) {
      const commitment = (c.details as Slot).commitment as string;
      const opening =
        typeof d.salt === 'string' ? commitmentOf({ drawId, index: i, label, value: String(value), salt: d.salt }) : undefined;
      if (opening !== commitment) {
        return bad(
          `${where(o)}.details`,
          `the value and salt revealed in entry ${o.seq} do not open the commitment of entry ${c.seq} (${label})`,
          `第 ${o.seq} 条揭示的数值和盐值与第 ${c.seq} 条的承诺不符（${label}）`,
        );
      }
      revealed++;
    } else replaced++;
  }

  const rounds = declared.filter((s): s is Extract<DeclaredSource, { kind: 'drand' }> => s.kind === 'drand');
  if (rounds.length > 0) {
    const first = Math.min(...rounds.map((r) => r.round));
    const deadline = drandRoundTime(first) * 1000;
    for (const e of protocol) {
      if (e.action === REPLACE_ACTION) continue;
      const t = Date.parse(e.at);
      if (!(t < deadline)) {
        const at = `Unix ${deadline / 1000}`;
        return bad(
          `${where(e)}.at`,
          `entry ${e.seq} (${e.action}) at ${e.at} is not before drand round ${first} (${at})`,
          `第 ${e.seq} 条（${e.action}）的时间 ${e.at} 不早于 drand 第 ${first} 轮的产生时间（${at}）`,
        );
      }
    }
  }
  return { ok: true, committed: commits.size, revealed, replaced };
}
