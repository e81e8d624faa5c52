/**
 * How much one import takes. A city's list is some hundred thousand rows; the limits are far above
 * that and far below what would exhaust the bureau's computer.
 */
export interface ImportLimits {
  /** The file as uploaded or read. */
  maxFileBytes: number;
  /** An .xlsx once unpacked (its XML). */
  maxUnpackedBytes: number;
  /** Data rows (after the header) that hold anything. */
  maxRows: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 200 * 2 ** 20,
  maxUnpackedBytes: 2 * 2 ** 30,
  maxRows: 1_000_000,
};
