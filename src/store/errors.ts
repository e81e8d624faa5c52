/**
 * SQLite's failures as a person meets them: a busy database (another member of staff or the server
 * is writing), a damaged file, a full disk, a file that cannot be read or written. Every one becomes
 * a FairDrawError naming the database file; constraint and trigger errors pass through unchanged.
 */
import { FairDrawError } from '../core/errors.js';

/** How long a writer waits for another one before giving up (FAIRDRAW_BUSY_TIMEOUT_MS, default 5 s). */
export function busyTimeoutMs(): number {
  const v = Number(process.env.FAIRDRAW_BUSY_TIMEOUT_MS);
  return Number.isInteger(v) && v >= 0 ? v : 5000;
}

export function busyError(file: string): FairDrawError {
  const s = Math.round(busyTimeoutMs() / 100) / 10;
  return new FairDrawError(
    'store.busy',
    `数据库正忙：另一位工作人员或服务器正在写入，已等待 ${s} 秒仍未完成。没有做任何更改，请稍后重试`,
    `the database is busy: another member of staff or the server is writing, and it did not finish within ${s} s. Nothing was changed; try again in a moment`,
    { file },
  );
}

export function corruptError(file: string, detail: string): FairDrawError {
  return new FairDrawError(
    'store.corrupt',
    `数据库文件已损坏或不完整（${detail}）。请勿继续使用，请用 fairdraw restore 从备份恢复到新的数据目录`,
    `the database file is damaged or incomplete (${detail}). Do not keep using it; restore a backup into a new data directory with fairdraw restore`,
    { file },
  );
}

/** The SQLite error as a FairDrawError when it is about the file itself; otherwise `e` unchanged. */
export function storeError(e: unknown, file: string): unknown {
  if (e instanceof FairDrawError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return e;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return busyError(file);
  if (code === 'SQLITE_CONSTRAINT_TRIGGER' && (e as Error).message.startsWith('import:')) return importInProgress();
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return corruptError(file, (e as Error).message);
  if (code === 'SQLITE_FULL')
    return new FairDrawError(
      'store.full',
      '磁盘已满，数据库无法写入。没有做任何更改；请腾出空间后重试',
      'the disk is full and the database cannot be written. Nothing was changed; free some space and try again',
      { file },
    );
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM')
    return new FairDrawError(
      'store.io',
      `无法读写数据库文件（${code}）。请检查文件与数据目录的权限和磁盘`,
      `cannot read or write the database file (${code}). Check the permissions of the file and the data directory, and the disk`,
      { file },
    );
  return e;
}

/** The event's applicant list is being stored by an import (0014-import-parts). */
export function importInProgress(): FairDrawError {
  return new FairDrawError(
    'import.in-progress',
    '该批次正在导入报名名单，名单还没有完整存入：请等导入完成后再操作（如导入中断，重新导入一次即可）',
    'an applicant list is being imported into this event and is not yet stored whole: wait for the import to finish (if it was cut short, import the file again)',
    { field: 'applicants' },
  );
}
