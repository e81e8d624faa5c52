/** `fairdraw demo`: the 2020 seed case taken to a stage through the bureau's own steps, for training and tests. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FairDrawError } from '../../core/errors.js';
import { DEMO_STAGES, isDemoStage, runDemo } from '../../office/demo/index.js';
import { parseFlags } from '../args.js';
import { actorOf, officeFlags, withOffice } from '../office-context.js';
import type { Output } from '../io.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const STAGE_ZH: Record<(typeof DEMO_STAGES)[number], string> = {
  draft: '草稿',
  published: '已公示',
  frozen: '已冻结',
  drawn: '已摇号',
  results: '已公布结果',
};

export async function demo(argv: string[], io: Output): Promise<number> {
  const { values } = parseFlags(argv, {
    ...officeFlags,
    stage: { type: 'string' },
    applicants: { type: 'string' },
    event: { type: 'string' },
  });
  const stage = (values.stage as string | undefined) ?? 'results';
  if (!isDemoStage(stage)) {
    throw new FairDrawError('demo.stage', `--stage 须为 ${DEMO_STAGES.join('|')}`, `--stage must be one of ${DEMO_STAGES.join('|')}`, {
      field: '--stage',
    });
  }
  let applicants: number | undefined;
  if (values.applicants !== undefined) {
    const text = String(values.applicants);
    applicants = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(applicants) || applicants < 1) {
      throw new FairDrawError('demo.applicants', '--applicants 须为正整数', '--applicants must be a positive whole number', {
        field: '--applicants',
      });
    }
  }
  return withOffice(values, async (office) => {
    const r = await runDemo(office, {
      demoDir: join(root, 'demo'),
      stage,
      applicants,
      eventId: values.event as string | undefined,
      actor: actorOf(values),
    });
    io.out(r.eventId);
    io.err(
      `demo event ${r.eventId}: ${r.applicants} applicants, stage ${r.stage} / 演示批次 ${r.eventId}：${r.applicants} 名报名者，${STAGE_ZH[r.stage]}`,
    );
    return 0;
  });
}
