/**
 * The one error type of FairDraw: a stable code, a Chinese and an English message, and where the
 * problem is (file, line, field). The CLI and the API render it; they never re-word it. Codes are
 * listed, each with its HTTP status, in error-codes.ts.
 */
import type { ErrorCode } from './error-codes.js';

export type { ErrorCode } from './error-codes.js';
export interface Where {
  /** File name as the user gave it, e.g. `list.jsonl`. */
  file?: string;
  /** 1-based line (list.jsonl) or row (spreadsheets, header = row 1). */
  line?: number;
  /** Field path inside the document, e.g. `choices[0].tier` or `units[1].seats`. */
  field?: string;
}

export class FairDrawError extends Error {
  readonly code: ErrorCode;
  readonly zh: string;
  readonly en: string;
  readonly where: Where;

  constructor(code: ErrorCode, zh: string, en: string, where: Where = {}) {
    super(`${locate(where, 'en')}${en}`);
    this.name = 'FairDrawError';
    this.code = code;
    this.zh = zh;
    this.en = en;
    this.where = where;
  }

  /** The same error, placed in a file (keeps any line and field already known). */
  inFile(file: string): FairDrawError {
    return new FairDrawError(this.code, this.zh, this.en, { ...this.where, file });
  }

  /** One line, English then Chinese, naming file, line and field. */
  describe(): string {
    return `${locate(this.where, 'en')}${this.en} / ${locate(this.where, 'zh')}${this.zh}`;
  }

  toJSON(): { code: ErrorCode; zh: string; en: string; where: Where } {
    return { code: this.code, zh: this.zh, en: this.en, where: this.where };
  }
}

function locate(where: Where, lang: 'en' | 'zh'): string {
  const parts: string[] = [];
  if (where.file !== undefined) parts.push(where.file);
  // Spreadsheets have rows (the header is row 1); text files have lines.
  const row = where.file !== undefined && /\.(xlsx|csv)$/i.test(where.file);
  if (where.line !== undefined) parts.push(lang === 'en' ? `${row ? 'row' : 'line'} ${where.line}` : `第${where.line}行`);
  if (where.field !== undefined) parts.push(lang === 'en' ? `field "${where.field}"` : `字段“${where.field}”`);
  if (parts.length === 0) return '';
  return lang === 'en' ? `${parts.join(', ')}: ` : `${parts.join('，')}：`;
}

/** Shorthand used by validators: throw a located error. */
export function fail(code: ErrorCode, zh: string, en: string, where: Where = {}): never {
  throw new FairDrawError(code, zh, en, where);
}
