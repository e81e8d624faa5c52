/** The public bundle's check: `verifyBundle` and the shapes of its report. */
export { verifyBundle } from './verify-bundle.js';
export type { BundleInput, BundleProgress, BundleReport, Difference, Step, StepId, Text } from './types.js';
