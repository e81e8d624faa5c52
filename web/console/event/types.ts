/** The event as the server sends it (the office's own type, so the two cannot drift apart). */
export type { EventOverview as Overview } from '../../../src/api/staff.js';
import type { EventOverview as Overview } from '../../../src/api/staff.js';

export interface TabProps {
  ev: Overview;
  reload: () => Promise<void>;
}
