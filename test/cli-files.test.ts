/** The `fairdraw` command on contract files: draw, verify, prove, check-proof, and refusals. */
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseNames, specDir } from './spec-files.js';
import { fairdraw } from './cli-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'fairdraw-cli-'));
const vec = (name: string, f: string): string => join(specDir, 'vectors', name, f);
/** `--rules … --list … --sources …` of a contract vector. */
const inputs = (name: string): string[] => [
  '--rules',
  vec(name, 'rules.json'),
  '--list',
  vec(name, 'list.jsonl'),
  '--sources',
  vec(name, 'sources.json'),
];
const rej = (name: string, f: string): string => join(specDir, 'reject', name, f);

function canonical(path: string): string {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  delete doc.extra;
  return JSON.stringify(doc);
}

describe('fairdraw draw', () => {
  for (const name of caseNames('vectors')) {
    it(`writes the record of ${name} and a per-unit summary`, () => {
      const out = join(tmp, `${name}.json`);
      const r = fairdraw(['draw', ...inputs(name), '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // Exactly JCS(record), no trailing newline: equal bytes once `extra` is dropped (there is none).
      const expected = readFileSync(vec(name, 'record.json'), 'utf8');
      expect(canonical(out)).toBe(canonical(vec(name, 'record.json')));
      expect(readFileSync(out, 'utf8').endsWith('}')).toBe(true);
      if (!expected.includes('"extra"')) expect(readFileSync(out, 'utf8')).toBe(expected);
      expect(r.stdout).toMatch(/seats 学位/);
    });
  }

  for (const name of caseNames('reject')) {
    it(`refuses reject/${name} with exit 2 and writes nothing`, () => {
      const out = join(tmp, `rej-${name}.json`);
      const r = fairdraw([
        'draw',
        '--rules',
        rej(name, 'rules.json'),
        '--list',
        rej(name, 'list.jsonl'),
        '--sources',
        rej(name, 'sources.json'),
        '--out',
        out,
      ]);
      expect(r.code).toBe(2);
      expect(existsSync(out)).toBe(false);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: .*(rules\.json|list\.jsonl|sources\.json).* \/ .*[\u4e00-\u9fff]/);
    });
  }

  it('names a missing file and exits 2', () => {
    const r = fairdraw([
      'draw',
      '--rules',
      join(tmp, 'nope.json'),
      '--list',
      vec('tiny', 'list.jsonl'),
      '--sources',
      vec('tiny', 'sources.json'),
      '--out',
      join(tmp, 'x.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.json');
    expect(r.stderr).toContain('file not found');
    expect(r.stderr).toContain('找不到文件');
  });

  it('names malformed JSON and exits 2', () => {
    const bad = join(tmp, 'bad-rules.json');
    writeFileSync(bad, '{"spec": "fairdraw/v1",');
    const r = fairdraw([
      'draw',
      '--rules',
      bad,
      '--list',
      vec('tiny', 'list.jsonl'),
      '--sources',
      vec('tiny', 'sources.json'),
      '--out',
      join(tmp, 'y.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-rules\.json.*malformed JSON/);
    expect(existsSync(join(tmp, 'y.json'))).toBe(false);
  });

  it('refuses an unknown flag with exit 2', () => {
    const r = fairdraw(['draw', '--colour', 'red']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--colour/);
    expect(r.stderr).toMatch(/命令行参数/);
  });

  it('refuses an unknown command with exit 2', () => {
    const r = fairdraw(['shuffle']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command shuffle/);
  });
});

describe('fairdraw verify', () => {
  const args = (name: string, record: string): string[] => ['verify', ...inputs(name), '--record', record];
  let record: Record<string, unknown> & { seed: string; units: { admitted: string[] }[]; listRoot: string };
  beforeAll(() => {
    record = JSON.parse(readFileSync(vec('seed-case', 'record.json'), 'utf8')) as typeof record;
  });

  it('says valid and exits 0 for the published record', () => {
    const r = fairdraw(args('seed-case', vec('seed-case', 'record.json')));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('valid');
  });

  it('mentions the verified drand signature for a drand draw', () => {
    const name = caseNames('vectors').find((n) => readFileSync(vec(n, 'sources.json'), 'utf8').includes('drand'));
    expect(name).toBeDefined();
    const r = fairdraw(args(name!, vec(name!, 'record.json')));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('drand BLS signature verified');
  });

  it('exits 1 and names a swapped admitted id', () => {
    const copy = structuredClone(record);
    const a = copy.units[1]!.admitted;
    [a[2], a[5]] = [a[5]!, a[2]!];
    const path = join(tmp, 'swapped.json');
    writeFileSync(path, JSON.stringify(copy));
    const r = fairdraw(args('seed-case', path));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('units[1].admitted[2]');
    expect(r.stdout).toContain(`expected "${record.units[1]!.admitted[2]}"`);
  });

  it('says valid with --reference: the readable implementation gives the same record', () => {
    const r = fairdraw([...args('seed-case', vec('seed-case', 'record.json')), '--reference']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('valid');
    expect(r.stdout).toContain('reference implementation');
  });

  it('exits 1 with --reference and names a swapped admitted id', () => {
    const copy = structuredClone(record);
    const a = copy.units[0]!.admitted;
    [a[0], a[1]] = [a[1]!, a[0]!];
    const path = join(tmp, 'swapped-ref.json');
    writeFileSync(path, JSON.stringify(copy));
    const r = fairdraw([...args('seed-case', path), '--reference']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('units[0].admitted[0]');
    expect(r.stdout).toContain('无效');
  });

  it('exits 1 and names a wrong seed', () => {
    const copy = { ...record, seed: '0'.repeat(64) };
    const path = join(tmp, 'seed.json');
    writeFileSync(path, JSON.stringify(copy));
    const r = fairdraw(args('seed-case', path));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/differs at seed/);
  });
});

describe('fairdraw prove and check-proof', () => {
  const list = vec('seed-case', 'list.jsonl');
  const lines = readFileSync(list, 'utf8').trimEnd().split('\n');
  const root = (JSON.parse(readFileSync(vec('seed-case', 'record.json'), 'utf8')) as { listRoot: string }).listRoot;

  it('proves a line against the published root', () => {
    const line = lines[17]!;
    const id = (JSON.parse(line) as { id: string }).id;
    const r = fairdraw(['prove', '--list', list, '--id', id]);
    expect(r.code).toBe(0);
    const proof = JSON.parse(r.stdout) as { index: number; size: number; root: string; line: string };
    expect(proof.index).toBe(17);
    expect(proof.size).toBe(lines.length);
    expect(proof.root).toBe(root);
    expect(proof.line).toBe(line);
    const file = join(tmp, 'proof.json');
    writeFileSync(file, r.stdout);
    const ok = fairdraw(['check-proof', '--root', root, '--size', String(lines.length), '--proof', file, '--line', line]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.split('\n')[0]).toBe('valid');
    const otherLine = lines[18]!;
    const bad = fairdraw(['check-proof', '--root', root, '--size', String(lines.length), '--proof', file, '--line', otherLine]);
    expect(bad.code).toBe(1);
    const tampered = JSON.parse(r.stdout) as { path: string[] };
    tampered.path[0] = tampered.path[0]!.replace(/^./, (c) => (c === 'f' ? 'e' : 'f'));
    writeFileSync(join(tmp, 'proof-bad.json'), JSON.stringify(tampered));
    const flipped = fairdraw([
      'check-proof',
      '--root',
      root,
      '--size',
      String(lines.length),
      '--proof',
      join(tmp, 'proof-bad.json'),
      '--line',
      line,
    ]);
    expect(flipped.code).toBe(1);
  });

  it('refuses an unknown id with exit 2', () => {
    const r = fairdraw(['prove', '--list', list, '--id', 'NOPE']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/NOPE/);
  });
});
