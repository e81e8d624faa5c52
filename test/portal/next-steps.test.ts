/** 下一步 on the family page: the sentences follow the result, and a setting not entered leaves no blank. */
import { describe, expect, it } from 'vitest';
import { nextSteps } from '../../web/portal/next-steps.js';
import type { ApplicantPage, NextSteps } from '../../src/api/public.js';

type R = NonNullable<ApplicantPage['result']>;
const choice = (unit: string, outcome: R['choices'][number]['outcome'], waitlistPosition: number | null) => ({
  unit,
  unitName: unit === 'TML' ? '檀木林小学' : '东兴寺小学',
  tier: 1,
  seats: 30,
  applicants: 80,
  ticket: '00',
  rank: 1,
  outcome,
  waitlistPosition,
});

function page(nextSteps: NextSteps, result: Partial<R> | null): ApplicantPage {
  return {
    event: { id: 'E', title: 'T', status: 'results' },
    regNo: 'A1',
    name: '张*',
    choices: [],
    group: null,
    receipt: { line: '', listRoot: '', version: 1, proof: { index: 0, size: 1, path: [] } },
    nextSteps,
    result: result && {
      seed: '00',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      entrant: { kind: 'applicant', name: 'A1' },
      assigned: null,
      choices: [],
      offer: null,
      ...result,
    },
  } as ApplicantPage;
}

const ALL = {
  confirmBy: '2020-08-20T17:00',
  reportDate: '2020-08-28',
  reportPlace: '学校教务处',
  reportDocuments: '户口簿',
  contactPhone: '0813-2205678',
};

describe('what to do next', () => {
  it('an offered place: confirm by the deadline, report on the date at the place with the documents', () => {
    const p = page(ALL, {
      assigned: { unit: 'TML', unitName: '檀木林小学' },
      offer: { unit: 'TML', unitName: '檀木林小学', status: 'offered', origin: 'draw' },
    });
    expect(nextSteps(p, 'zh')).toEqual({
      kind: 'confirm',
      lines: [
        '请在 2020-08-20 17:00 前确认是否接受 檀木林小学 的学位；逾期未确认的，视为放弃。',
        '请于 2020-08-28 到 学校教务处报到。',
        '报到时请携带：户口簿',
        '如有疑问，请拨打咨询电话 0813-2205678。',
      ],
    });
    expect(nextSteps(p, 'en').lines[0]).toBe(
      'Confirm whether you accept the place at 檀木林小学 by 2020-08-20 17:00; without a confirmation by then the place is given up.',
    );
  });

  it('leaves out what was not entered, never a blank', () => {
    const p = page({ reportDate: '2020-08-28' }, { assigned: { unit: 'TML', unitName: '檀木林小学' } });
    const { lines } = nextSteps(p, 'zh');
    expect(lines).toEqual(['请按招生部门的通知确认是否接受 檀木林小学 的学位。', '请于 2020-08-28 到 檀木林小学报到。']);
    expect(lines.join('')).not.toMatch(/undefined|：$|电话 。/);
  });

  it('a waitlisted family: its number, the school, how and from when it is told', () => {
    const p = page(ALL, {
      choices: [choice('TML', 'waitlist', 7)],
      offer: { unit: 'TML', unitName: '檀木林小学', status: 'waiting', origin: 'draw' },
    });
    const n = nextSteps(p, 'zh');
    expect(n.kind).toBe('waitlist');
    expect(n.lines[0]).toMatch(/^你是 檀木林小学 候补第 7 位。/);
    expect(n.lines).toContain('递补从 2020-08-20 17:00（录取确认截止）之后开始。');
  });

  it('not admitted: the other way to a place and the phone; nothing before results', () => {
    const n = nextSteps(page(ALL, { choices: [choice('TML', 'waitlist', null)] }), 'zh');
    expect(n.kind).toBe('other');
    expect(n.lines[1]).toBe('如有疑问，请拨打咨询电话 0813-2205678。');
    expect(nextSteps(page(ALL, null), 'zh')).toEqual({ kind: 'none', lines: [] });
  });
});
