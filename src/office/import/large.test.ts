import { describe, expect, it } from 'vitest';
import { importApplicantsFile } from './index.js';
import { fakeId, SAMPLE_WINDOW } from './test-support.js';

const N = 100_000;
const UNITS = [
  { id: 'u1', name: '第一小学' },
  { id: 'u2', name: '第二小学' },
  { id: 'u3', name: '第三小学' },
];

/** Applicant i (row i + 2): unique ID number, born inside the window; every 1,000th pair are twins. */
function line(i: number): string[] {
  const birth = new Date(Date.UTC(2013, 8, 1 + (i % 365))).toISOString().slice(0, 10);
  const id = fakeId(birth, Math.floor(i / 365));
  const sex = Math.floor(i / 365) % 2 === 1 ? '男' : '女';
  const twin = i % 1000 === 10 || i % 1000 === 11;
  const k = twin ? 0 : i % 3;
  const choices = [UNITS[k]!.name, UNITS[(k + 1) % 3]!.name, UNITS[(k + 2) % 3]!.name];
  return [
    `学生${i}`,
    sex,
    id,
    birth,
    `家长${i}`,
    '13800000000',
    ...choices,
    String(1 + (twin ? 0 : i % 2)),
    twin ? `T${Math.floor(i / 1000)}` : '',
  ];
}

describe('a file of 100,000 applicants', () => {
  it('is imported completely, with every planted error found and progress reported every 1,000 rows', async () => {
    const rows = Array.from({ length: N }, (_, i) => line(i));
    rows[50_000]![2] = rows[0]![2]!; // row 50,002 repeats row 2's ID number
    rows[50_000]![1] = rows[0]![1]!;
    rows[50_000]![3] = rows[0]![3]!;
    rows[77_775]![6] = '第四小学'; // row 77,777: unknown school
    const text =
      ['姓名,性别,身份证号,出生日期,监护人,联系电话,志愿1,志愿2,志愿3,类别,多胞胎组', ...rows.map((r) => r.join(','))].join('\r\n') +
      '\r\n';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);

    const progress: [number, number][] = [];
    const r = await importApplicantsFile(bytes, 'big.csv', {
      units: UNITS,
      ageWindow: SAMPLE_WINDOW,
      onProgress: (d, t) => progress.push([d, t]),
    });

    expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [50_002, '身份证号', 'idcard.duplicate'],
      [77_777, '志愿1', 'choice.unknown-unit'],
    ]);
    expect(r.errors[0]!.en).toContain('row 2');
    expect(r.applicants).toHaveLength(N - 2);
    expect(progress).toHaveLength(100);
    expect(progress[0]).toEqual([1000, N]);
    expect(progress.at(-1)).toEqual([N, N]);
    expect(progress.every(([d, t], i) => d === (i + 1) * 1000 && t === N)).toBe(true);

    const a = r.applicants.find((x) => x.row === 12_347)!;
    const expected = line(12_345);
    expect(a).toMatchObject({ name: expected[0], idNumber: expected[2], birthDate: expected[3], sex: expected[1] });
    expect(a.choices).toEqual(['u1', 'u2', 'u3'].map((_, j) => UNITS[(12_345 + j) % 3]!.id));
    expect(r.summary.groups).toBe(100);
    expect(r.summary.groupMembers).toBe(200);
    expect(r.summary.perUnit.reduce((s, u) => s + u.firstChoice, 0)).toBe(N - 2);
  });
});
