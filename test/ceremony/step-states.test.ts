/** The step bar marks a step done only when it happened, from the ceremony's real public log. */
import { afterEach, describe, expect, it } from 'vitest';
import { openCeremony } from '../../src/office/ceremony/open-ceremony.js';
import { importDrand } from '../../src/office/ceremony/drand-import.js';
import { commitValue, revealValue } from '../../src/office/ceremony/sealing.js';
import { sealedValue } from '../../src/office/ceremony/simulated.js';
import { startCeremonyDraw } from '../../src/office/ceremony/ceremony-draw.js';
import { revealNext } from '../../src/office/ceremony/reveal.js';
import { drawReps, prepareReps } from '../../src/office/ceremony/reps-draw.js';
import { recordMeeting } from '../../src/office/ceremony/meeting.js';
import { ceremonyLog } from '../../src/office/ceremony/steps.js';
import { apply, emptyModel, stepStates, type Model } from '../../web/ceremony/model.js';
import { testOffice } from '../office/harness.js';
import { afterRound1000, beaconJson, beforeRound1000, frozenEvent, LABELS, VALUES } from './fixtures.js';

/** The screen's model after the whole log, entry by entry as the feed applies them. */
const fold = (entries: readonly Parameters<typeof apply>[1][]): Model => entries.reduce(apply, emptyModel());

const OP = 'operator:operator';
let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('the step bar', () => {
  it('marks done what happened, skipped what was passed over, and the current step', async () => {
    const t = await testOffice(beforeRound1000());
    close = () => t.office.close();
    const { office, clock } = t;
    const id = await frozenEvent(office);
    const states = async () => stepStates(fold(await ceremonyLog(office, id)));

    await openCeremony(office, id, OP);
    await recordMeeting(office, id, { place: '三楼会议室', startedAt: '2020-07-20T09:30' }, OP);
    expect(await states()).toEqual(['current', 'todo', 'todo', 'todo', 'todo', 'todo']);
    // No parent representatives: straight to the sources. The first witness seals.
    const seals = LABELS.map((label, index) => sealedValue(id, index, label, VALUES[index]!));
    await commitValue(office, id, { index: 0, commitment: seals[0]!.commitment, via: 'phone' }, OP);
    expect(await states()).toEqual(['done', 'skipped', 'current', 'todo', 'todo', 'todo']);
    for (const index of [1, 2]) await commitValue(office, id, { index, commitment: seals[index]!.commitment, via: 'phone' }, OP);
    for (const index of [0, 1, 2])
      await revealValue(office, id, { index, value: VALUES[index]!, salt: seals[index]!.salt, via: 'phone' }, OP);
    // Three values of four: the sources step is not done yet.
    expect(await states()).toEqual(['done', 'skipped', 'current', 'todo', 'todo', 'todo']);
    afterRound1000(clock);
    await importDrand(office, id, beaconJson(), 'paste', OP);
    await startCeremonyDraw(office, id, OP);
    expect(await states()).toEqual(['done', 'skipped', 'done', 'current', 'todo', 'todo']);
    await revealNext(office, id, OP);
    expect(await states()).toEqual(['done', 'skipped', 'done', 'done', 'current', 'todo']);
    await revealNext(office, id, OP);
    expect(await states()).toEqual(['done', 'skipped', 'done', 'done', 'current', 'todo']);
    await revealNext(office, id, OP);
    expect(await states()).toEqual(['done', 'skipped', 'done', 'done', 'done', 'done']);
  });

  it('marks the representatives done once drawn', async () => {
    const t = await testOffice(beforeRound1000());
    close = () => t.office.close();
    const id = await frozenEvent(t.office);
    await openCeremony(t.office, id, OP);
    await recordMeeting(t.office, id, { place: '三楼会议室', startedAt: '2020-07-20T09:30' }, OP);
    await prepareReps(t.office, id, { unit: 'TML' }, OP);
    const fold1 = stepStates(fold(await ceremonyLog(t.office, id)));
    expect(fold1).toEqual(['done', 'current', 'todo', 'todo', 'todo', 'todo']);
    await drawReps(t.office, id, 'TML', '4 2 6 1 3', OP);
    const seal = sealedValue(id, 0, LABELS[0], VALUES[0]);
    await commitValue(t.office, id, { index: 0, commitment: seal.commitment, via: 'phone' }, OP);
    expect(stepStates(fold(await ceremonyLog(t.office, id)))).toEqual(['done', 'done', 'current', 'todo', 'todo', 'todo']);
  });
});
