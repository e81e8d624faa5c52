import { describe, expect, it } from 'vitest';
import { maskName, publicAuditDetails, publicStep, refusePersonalNumbers, stripInvisible } from './masking.js';

describe('maskName', () => {
  it('keeps the surname of a two-character name', () => expect(maskName('张三')).toBe('张*'));
  it('keeps surname and last character of a three-character name', () => expect(maskName('张小三')).toBe('张*三'));
  it('stars the middle of a four-character name', () => expect(maskName('张小三丰')).toBe('张**丰'));
  it('keeps a compound surname whole and stars the given name', () => expect(maskName('欧阳小明')).toBe('欧阳**'));
  it('treats a two-character name starting like a compound surname as a plain name', () => expect(maskName('欧阳')).toBe('欧*'));
  it('masks each part of a name with an interpunct', () => expect(maskName('阿依古丽·买买提')).toBe('阿***·买**'));
  it('masks Latin names word by word', () => expect(maskName('Anna Li')).toBe('A*** L*'));
  it('never returns the original name of two or more characters', () => {
    for (const n of ['李四', '王五六', '司马相如', '迪丽热巴·迪力木拉提']) expect(maskName(n)).not.toBe(n);
  });
});

describe('maskName by characters as people see them', () => {
  it('counts a character outside the basic plane or with a combining mark as one', () => {
    expect(maskName('𠮷野')).toBe('𠮷*'); // U+20BB7, two code units
    expect(maskName('李𠀋')).toBe('李*');
    expect(maskName('Zoe\u0301 Li')).toBe('Z** L*');
  });
  it('never shows a name of two or more characters in full, whatever its shape', () => {
    for (const n of ['阿·买', 'A B', 'Li', '𠮷𠮷', '王\u200b五', 'é\u0301a', '欧阳']) {
      const m = maskName(n);
      expect(m, n).not.toBe(n);
      expect(m, n).not.toBe(stripInvisible(n));
      expect(m, n).toContain('*');
    }
  });
  it('masks a single character entirely', () => expect(maskName('李')).toBe('*'));
});

describe('stripInvisible', () => {
  it('removes zero-width and direction characters, keeps variation selectors for rare characters', () => {
    expect(stripInvisible('张\u200b三\u200d\u2060\ufeff\u202e\u00ad')).toBe('张三');
    expect(stripInvisible('\u3164李四')).toBe('李四');
    expect(stripInvisible('葛\u{e0100}')).toBe('葛\u{e0100}');
  });
});

describe('refusePersonalNumbers', () => {
  const refused = (s: string) => {
    try {
      refusePersonalNumbers(s, 'reason');
      return false;
    } catch (e) {
      return (e as { code: string }).code === 'text.personal-data';
    }
  };
  it('refuses ID-card and phone numbers, also with spaces, dashes or full-width digits', () => {
    for (const s of [
      '家长身份证510302201309171706',
      '证件 51030219800101002X',
      '电话 138 1234 5678',
      '联系 13812345678',
      '０８１３－１２３４５６７',
      '+8613812345678',
    ])
      expect(refused(s), s).toBe(true);
  });
  it('accepts reasons with registration numbers, dates and counts', () => {
    for (const s of ['家长书面申请放弃学位', '报名号 7KQ2M9XH3A 放弃', '2026-06-01 书面申请', '第 3 次联系未果'])
      expect(refused(s), s).toBe(false);
  });
});

describe('public ceremony steps and audit details', () => {
  it('mask witnesses, alternates and the people behind values', () => {
    expect(
      publicStep('roster', { slots: [{ index: 0, label: '见证人', witness: '陈明', alternate: '王小红', substituted: false }] }),
    ).toEqual({
      slots: [{ index: 0, label: '见证人', witness: '陈*', alternate: '王*红', substituted: false }],
    });
    expect(publicStep('witness', { name: '陈明', role: '公证员' })).toEqual({ name: '陈*', role: '公证员' });
    expect(publicStep('value', { index: 0, kind: 'witness', label: 'a', value: '1', by: '陈明', via: 'phone' }).by).toBe('陈*');
    expect(publicStep('value', { index: 1, kind: 'public', label: 'b', value: '2', by: 'operator:1a2b3c4d', via: 'keyboard' }).by).toBe(
      'operator:1a2b3c4d',
    );
    expect(publicAuditDetails('ceremony.witness', { name: '陈明', role: '公证员' })).toEqual({ name: '陈*', role: '公证员' });
    expect(publicAuditDetails('unit.add', { id: 'TML', name: '檀木林小学', seats: 30 })).toEqual({
      id: 'TML',
      name: '檀木林小学',
      seats: 30,
    });
    expect(publicAuditDetails('ceremony.link', { index: 0, person: '王小红' })).toEqual({ index: 0, person: '王*红' });
  });
});

describe('who entered a witness value, in public', () => {
  const value = (by: string) => ({ index: 0, kind: 'witness', label: '家长代表（檀木林小学）', value: '4821', by, via: 'phone' }) as const;

  it('shows the slot as the published rules name it, a substitute marked as such', () => {
    expect(publicStep('value', value('家长代表（檀木林小学）')).by).toBe('家长代表（檀木林小学）');
    expect(publicStep('value', value('家长代表（檀木林小学）（替补）')).by).toBe('家长代表（檀木林小学）（替补）');
    expect(publicAuditDetails('ceremony.value', value('家长代表（檀木林小学）（替补）')).by).toBe('家长代表（檀木林小学）（替补）');
  });

  it('masks a person, in the feed and in the log', () => {
    expect(publicStep('value', value('王小明')).by).toBe('王*明');
    expect(publicAuditDetails('ceremony.value', value('王小明')).by).toBe('王*明');
    expect(publicStep('value', { ...value('王小明'), label: '' }).by).toBe('王*明');
  });
});
