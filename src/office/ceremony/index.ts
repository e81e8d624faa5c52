/**
 * The ceremony's use cases, for the server, the command line and the demo. The official draw of an
 * event that declares witnesses happens only through these (docs/ceremony-protocol.md):
 *
 *   openCeremony → recordMeeting / addWitness (place, time, roster) → commitValue (each witness,
 *   phone or hall) → enterValue (public numbers) → revealValue (each witness) | replaceValue (the
 *   published rule, after the deadline or for an absent witness) → importDrand (after its round) →
 *   startCeremonyDraw → revealNext (unit by unit).
 */
export { openCeremony } from './open-ceremony.js';
export { addWitness, recordMeeting, recordRecording } from './meeting.js';
export { setRoster, substituteWitness } from './roster.js';
export {
  commitValue,
  commitValueIn,
  revealValue,
  revealValueIn,
  replaceValue,
  sealingState,
  sealingStateOf,
  sealingRuleOf,
  normaliseSalt,
  type CommitInput,
  type CommitOutcome,
  type RevealInput,
  type RevealOutcome as SealedRevealOutcome,
  type ReplaceInput,
  type SealingPhase,
  type SealingRule,
  type SealingState,
} from './sealing.js';
export { enterValue } from './enter-value.js';
export { importDrand, parseBeacon } from './drand-import.js';
export { issueWitnessLink, witnessLinkView, commitByLink, revealByLink, submitByLink } from './witness-links.js';
export { confirmingStaff } from './confirm.js';
export { startCeremonyDraw } from './ceremony-draw.js';
export { revealNext } from './reveal.js';
export { ceremonyView } from './ceremony-view.js';
export { sealedValue, drawByCeremony } from './simulated.js';
