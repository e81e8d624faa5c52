/**
 * 会议记录: who witnessed the draw (name and role), when and where it took place, and afterwards the
 * SHA-256 of the audio/video recording. All go into the audit log (`ceremony.witness`,
 * `ceremony.meeting`, `ceremony.recording`) for the draw's documents; the room sees them too.
 */
import { FairDrawError } from '../../core/errors.js';
import { checkText } from '../../core/encoding.js';
import { logAction, logMilestone } from '../audit-trail.js';
import { loadEvent } from '../load-event.js';
import { maskName } from '../masking.js';
import type { Actor, Office } from '../ports.js';
import { appendStep } from './steps.js';
import { WITNESS_ROLES, type WitnessRole } from './log-types.js';

const ACT = { zh: '记录摇号现场', en: 'record the ceremony' };

function text(v: string, field: string, max: number, what: { zh: string; en: string }): string {
  const s = v.normalize('NFC').trim();
  if (!s) throw new FairDrawError('ceremony.field', `${what.zh}不能为空`, `${what.en} must not be empty`, { field });
  checkText(s, { field });
  if ([...s].length > max)
    throw new FairDrawError('ceremony.field', `${what.zh}过长（最多 ${max} 个字）`, `${what.en} is too long (${max} at most)`, { field });
  return s;
}

/** ISO 8601 local or zoned date-time, e.g. 2026-06-01T09:30 or 2026-06-01T09:30:00+08:00. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

export async function recordMeeting(
  office: Office,
  eventId: string,
  input: { place: string; startedAt: string },
  actor: Actor,
): Promise<void> {
  const place = text(input.place, 'place', 200, { zh: '地点', en: 'the place' });
  if (!DATE_TIME.test(input.startedAt) || Number.isNaN(Date.parse(input.startedAt))) {
    throw new FairDrawError('ceremony.time', '时间格式应为 YYYY-MM-DDTHH:MM', 'the time must be YYYY-MM-DDTHH:MM', { field: 'startedAt' });
  }
  await office.store.tx(async (repos) => {
    await loadEvent(repos, eventId, ['frozen', 'drawn', 'results'], ACT);
    await logAction(repos, office, eventId, actor, 'ceremony.meeting', { place, startedAt: input.startedAt });
    await appendStep(repos, office, eventId, 'meeting', { place, startedAt: input.startedAt });
  });
}

export async function addWitness(office: Office, eventId: string, input: { name: string; role: string }, actor: Actor): Promise<void> {
  const name = text(input.name, 'name', 40, { zh: '姓名', en: 'the name' });
  if (!(WITNESS_ROLES as readonly string[]).includes(input.role)) {
    throw new FairDrawError(
      'ceremony.role',
      `身份须为：${WITNESS_ROLES.join('、')}`,
      `the role must be one of ${WITNESS_ROLES.join(', ')}`,
      {
        field: 'role',
      },
    );
  }
  const role = input.role as WitnessRole;
  await office.store.tx(async (repos) => {
    await loadEvent(repos, eventId, ['frozen', 'drawn', 'results'], ACT);
    await logAction(repos, office, eventId, actor, 'ceremony.witness', { name, role });
    // Officials attend in their public capacity; a parent is shown masked, like every family.
    await appendStep(repos, office, eventId, 'witness', { name: role === '家长代表' ? maskName(name) : name, role });
  });
}

export async function recordRecording(
  office: Office,
  eventId: string,
  input: { fileName: string; sha256: string; size: number },
  actor: Actor,
): Promise<void> {
  const fileName = text(input.fileName, 'fileName', 255, { zh: '文件名', en: 'the file name' });
  const sha256 = input.sha256.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new FairDrawError('ceremony.sha256', 'SHA-256 须为 64 位十六进制', 'the SHA-256 must be 64 hex digits', { field: 'sha256' });
  }
  if (!Number.isSafeInteger(input.size) || input.size < 0) {
    throw new FairDrawError('ceremony.size', '文件大小须为非负整数（字节）', 'the size must be a whole number of bytes', { field: 'size' });
  }
  await office.store.tx(async (repos) => {
    const ceremony = await repos.ceremony.get(eventId);
    await loadEvent(repos, eventId);
    if (!ceremony || (ceremony.phase !== 'drawn' && ceremony.phase !== 'closed' && ceremony.phase !== 'halted')) {
      throw new FairDrawError('ceremony.phase', '录音录像的哈希在摇号之后登记', 'the recording is registered after the draw', {
        field: 'ceremony',
      });
    }
    const details = { fileName, sha256, size: input.size };
    await logMilestone(repos, office, eventId, actor, 'ceremony.recording', details);
    await appendStep(repos, office, eventId, 'recording', details);
  });
}
