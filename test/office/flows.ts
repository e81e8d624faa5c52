/** A data directory taken through the whole flow in this process (fast), for tests that then use the command. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOffice } from '../../src/app.js';
import { databaseFor } from '../pg-cluster.js';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { runDraw } from '../../src/office/run-draw.js';
import { publishResults } from '../../src/office/offers.js';
import type { Office } from '../../src/office/ports.js';
import { syntheticCsv } from './synthetic.js';

export interface Rec {
  units: { id: string; admitted: string[]; waitlist: string[] }[];
}

/** Event `id`: unit A with 2 seats and `applicants` applicants, through results (or `upTo` an earlier step). */
export async function runFlow(
  office: Office,
  id = 'e1',
  applicants = 4,
  upTo: 'imported' | 'published' | 'frozen' | 'drawn' | 'results' = 'results',
): Promise<Rec | undefined> {
  await createEvent(
    office,
    {
      id,
      title: '测试批次',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      declaredSources: [{ kind: 'public', label: '公证员' }],
    },
    'op',
  );
  await addUnit(office, { event: id, id: 'A', name: '甲小学', seats: 2 }, 'op');
  await importApplicants(
    office,
    id,
    syntheticCsv(Array.from({ length: applicants }, () => ({ name: '', choices: ['甲小学'] }))),
    'list.csv',
    'op',
  );
  if (upTo === 'imported') return undefined;
  await publishEvent(office, id, 'op');
  if (upTo === 'published') return undefined;
  await freezeEvent(office, id, 'op');
  if (upTo === 'frozen') return undefined;
  const d = await runDraw(office, id, [{ label: '公证员', value: '123456' }], 'op');
  if (upTo === 'drawn') return JSON.parse(d.draw.record_text) as Rec;
  await publishResults(office, id, 'op');
  return JSON.parse(d.draw.record_text) as Rec;
}

/** A new data directory with event e1 through results. */
export async function resultsPublished(): Promise<{ data: string; rec: Rec }> {
  const data = join(mkdtempSync(join(tmpdir(), 'fairdraw-flow-')), 'data');
  const office = await openOffice({ dataDir: data, database: databaseFor(data) });
  try {
    return { data, rec: (await runFlow(office))! };
  } finally {
    await office.close();
  }
}
