/**
 * The public bundle (公开包) checked as a whole, as §10 and §15 describe, plus the audit log: the
 * rules hash, the list root, the sources (and any drand signature), the seed, every ticket, every
 * unit's admitted list and waitlist, the record's exact bytes, the digests the signed log fixed,
 * and the log's chain and checkpoint signatures. Pure and synchronous, so the browser verifier
 * runs it unchanged in a Web Worker (no WebCrypto: hashes and signatures come from @noble).
 *
 * Each check is a `Step` that passed, failed with the first difference, was refused (an input the
 * contract refuses, §11) or was skipped (it needs something that is missing or refused). Each step
 * lives in its own file of this folder; this one puts them in order.
 */
import { checkAuditChain } from './audit-chain.js';
import { headOf, notaryOf, readAudit } from './audit-file.js';
import { drawSteps, leniently } from './draw-steps.js';
import { checkOrganiserKey } from './organiser-key.js';
import { stepList } from './outcome.js';
import { clock, progressBar } from './progress.js';
import { checkPublished } from './published.js';
import { recompute } from './recompute.js';
import { sealedStep } from './sealed-step.js';
import { AUDIT_STEPS, type BundleInput, type BundleProgress, type BundleReport } from './types.js';

/**
 * Checks a public bundle. Everything is computed first (with progress), then compared with the
 * published record: when the record is byte for byte the recomputed one — the usual case — no
 * field needs to be read from it at all, which keeps a city-sized check within seconds.
 * @example const report = verifyBundle({ rules, list, sources, record, audit }, (p) => bar(p.fraction));
 */
export function verifyBundle(files: BundleInput, onProgress?: BundleProgress): BundleReport {
  const t0 = clock();
  const bar = progressBar(onProgress);

  // 1. Compute: the inputs (§2–§4), the seed (§5) and the draw (§6–§9).
  const c = recompute(files, bar);

  // 2. Compare. The published record is read leniently, only to locate differences; the verdict
  // on its bytes (step "record") uses the strict reader of §1.4.
  const out = stepList(clock);
  drawSteps(files, c, c.identical ? undefined : leniently(files.record), out);

  // 3. The audit log: the digests it fixed, the organiser's key, the chain, the sealed values.
  bar.at('published', 0);
  const audit = readAudit(files.audit);
  if (!files.audit) {
    const why = {
      status: 'skipped' as const,
      message: { zh: '未提供 audit.json，未检查审计日志', en: 'no audit.json given; the audit log was not checked' },
    };
    for (const id of AUDIT_STEPS) out.add(id, 0, () => why);
  } else {
    const r = c.rules.value;
    const src = c.sources?.value;
    out.add('published', 0, () => checkPublished(audit.file, r, c.list?.value, src, c.recordSha256, files.sources));
    bar.finish('published');
    out.add('organiser', 0, () => checkOrganiserKey(audit.file, files.organiserPub));
    out.add('audit', 0, () => checkAuditChain(audit));
    out.add('sealed', 0, () => sealedStep(audit.file, r, src));
  }

  const steps = out.steps;
  const firstFailure = steps.find((s) => s.status === 'failed' || s.status === 'refused');
  onProgress?.({ step: 'audit', fraction: 1 });
  return {
    valid: !firstFailure && !steps.some((s) => s.status === 'skipped' && !AUDIT_STEPS.includes(s.id)),
    audited: steps.some((s) => s.id === 'audit' && s.status === 'passed'),
    steps,
    firstFailure,
    organiserPublicKey: audit.file?.organiserPublicKey,
    notaryKey: notaryOf(audit.file),
    head: headOf(audit.file),
    applicants: c.list?.value?.size,
    units: c.rules.value?.rules.units.length,
    ms: Math.round(clock() - t0),
  };
}
