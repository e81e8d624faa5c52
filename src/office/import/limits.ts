import { FairDrawError } from '../../core/errors.js';

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

/** A file over the size limit, refused before it is read. */
export function fileTooLarge(file: string, max: number): FairDrawError {
  const mb = `${Math.round(max / 2 ** 20)} MB`;
  return new FairDrawError(
    'import.file-too-large',
    `文件超过 ${mb}，超出一次导入的上限：请只保留报名名单（删除图片和其他工作表），或分成几个文件导入`,
    `the file is larger than ${mb}, more than one import takes: keep only the applicant list (delete pictures and other sheets), or split it into several files`,
    { file },
  );
}
