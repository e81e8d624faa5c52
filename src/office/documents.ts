/**
 * Moved to `rules-and-list.ts`; this re-export remains only while `src/server/routes/events.ts`
 * still imports `choicesOf` from here. Delete it once that import names `rules-and-list.js`.
 */
export { choicesOf } from './rules-and-list.js';
