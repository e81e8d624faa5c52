/**
 * 报名回执: a family's proof that its application is in the published list — its registration
 * number, its list line and an RFC 6962 inclusion proof against the published listRoot.
 */
import { FairDrawError } from '../core/errors.js';
import { listLines } from '../core/list.js';
import { MerkleTree, type InclusionProof } from '../core/merkle.js';
import { fromUtf8, toHex, utf8 } from '../core/bytes.js';
import type { Repos } from '../store/index.js';

export interface Receipt {
  event: string;
  version: number;
  regNo: string;
  line: string;
  listRoot: string;
  listSize: number;
  proof: InclusionProof;
}

/** All receipts of the latest publication (one Merkle tree, every path from it). */
export async function receiptsOf(repos: Repos, eventId: string): Promise<Receipt[]> {
  const pub = await repos.publications.latest(eventId);
  if (!pub)
    throw new FairDrawError('receipt.unpublished', '该批次尚未公示，没有回执', 'the event is not published yet; there are no receipts', {
      field: 'event',
    });
  const lines = listLines(utf8(pub.list_text));
  const tree = MerkleTree.fromEntries(lines);
  const root = toHex(tree.root());
  return lines.map((l, i) => {
    const line = fromUtf8(l);
    const regNo = (JSON.parse(line) as { id: string }).id;
    return { event: eventId, version: pub.version, regNo, line, listRoot: root, listSize: lines.length, proof: tree.prove(i) };
  });
}

export async function receiptOf(repos: Repos, eventId: string, regNo: string): Promise<Receipt> {
  const r = (await receiptsOf(repos, eventId)).find((x) => x.regNo === regNo);
  if (!r)
    throw new FairDrawError('receipt.missing', `公示名单中没有报名号 ${regNo}`, `the published list has no registration number ${regNo}`, {
      field: 'regNo',
    });
  return r;
}
