/** `fairdraw prove --list … --id ID` and `fairdraw check-proof --root … --size … --proof … --line …`. */
import { fromHex, fromUtf8, utf8 } from '../../core/bytes.js';
import { FairDrawError } from '../../core/errors.js';
import { readStrictJson, isObject } from '../../core/encoding.js';
import { listLines } from '../../core/list.js';
import { MerkleTree, verifyInclusion, type InclusionProof } from '../../core/merkle.js';
import { parseFlags, required } from '../args.js';
import { readInput, type Output } from '../io.js';

export function prove(argv: string[], io: Output): number {
  const { values } = parseFlags(argv, { list: { type: 'string' }, id: { type: 'string' } });
  const listPath = required(values, 'list');
  const id = required(values, 'id');
  const lines = listLines(readInput(listPath));
  const index = lines.findIndex((l, i) => {
    let rec: { id?: unknown };
    try {
      rec = JSON.parse(fromUtf8(l)) as { id?: unknown };
    } catch {
      throw new FairDrawError('json.syntax', '该行不是有效的 JSON', 'the line is not valid JSON', { file: listPath, line: i + 1 });
    }
    return rec.id === id;
  });
  if (index < 0)
    throw new FairDrawError('proof.no-id', `名单中没有报名号 ${id}`, `the list has no applicant ${id}`, { file: listPath, field: '--id' });
  const tree = MerkleTree.fromEntries(lines);
  const proof = tree.prove(index);
  io.out(JSON.stringify({ id, line: fromUtf8(lines[index]!), root: Buffer.from(tree.root()).toString('hex'), ...proof }, null, 2));
  return 0;
}

export function checkProof(argv: string[], io: Output): number {
  const { values } = parseFlags(argv, {
    root: { type: 'string' },
    size: { type: 'string' },
    proof: { type: 'string' },
    line: { type: 'string' },
  });
  const root = fromHex(required(values, 'root'), 32);
  if (!root)
    throw new FairDrawError('proof.root', '--root 必须是 64 位小写十六进制', '--root must be 64 lowercase hex digits', { field: '--root' });
  const sizeText = required(values, 'size');
  if (!/^[1-9][0-9]*$/.test(sizeText))
    throw new FairDrawError('proof.size', '--size 必须是正整数', '--size must be a positive integer', { field: '--size' });
  const proofPath = required(values, 'proof');
  const doc = readStrictJson(readInput(proofPath), { file: proofPath });
  if (!isObject(doc) || typeof doc.index !== 'number' || !Array.isArray(doc.path) || !doc.path.every((h) => typeof h === 'string')) {
    throw new FairDrawError('proof.shape', '证明文件必须含有 index 和 path', 'the proof must have "index" and "path"', { file: proofPath });
  }
  const proof: InclusionProof = { index: doc.index, size: Number(sizeText), path: doc.path as string[] };
  const ok = verifyInclusion(utf8(required(values, 'line')), proof, root);
  if (ok) {
    io.out('valid');
    io.out(
      `line ${proof.index + 1} of ${proof.size} is in the list with this root / 该行确在此根哈希对应的名单中（第${proof.index + 1}行，共${proof.size}行）`,
    );
    return 0;
  }
  io.out('invalid: the proof does not lead to this root / 无效：此证明不能推出该根哈希');
  return 1;
}
