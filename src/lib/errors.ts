/**
 * The one error class Casebook throws. `code` is stable (tools and tests match on it);
 * `message` names the file, field or input that failed and says how to fix it.
 */
export type CasebookErrorCode =
  | 'USAGE'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'FILE_BINARY'
  | 'FILE_NOT_UTF8'
  | 'FILE_TOO_LARGE'
  | 'FILE_EXISTS'
  | 'FILE_UNWRITABLE'
  | 'INPUT_EMPTY'
  | 'CONTENT_INVALID'
  | 'TAXONOMY_INVALID'
  | 'INDEX_MISSING'
  | 'INDEX_EMBEDDER_MISMATCH'
  | 'INDEX_INCOMPATIBLE'
  | 'INDEX_UNREADABLE'
  | 'INDEX_LOCKED'
  | 'MODEL_UNAVAILABLE'
  | 'API_AUTH'
  | 'API_RATE_LIMIT'
  | 'API_SERVER'
  | 'API_TIMEOUT'
  | 'API_CONNECTION'
  | 'API_OTHER'
  | 'IMPORT_FAILED'
  | 'BUILD_FAILED'
  | 'DRAFT_VERIFY_FAILED';

/** Process exit code for each error code (1 = the input is wrong, 2 = usage, 3+ = environment). */
export const EXIT_CODES: Record<CasebookErrorCode, number> = {
  USAGE: 2,
  FILE_NOT_FOUND: 1,
  FILE_UNREADABLE: 1,
  FILE_BINARY: 1,
  FILE_NOT_UTF8: 1,
  FILE_TOO_LARGE: 1,
  FILE_EXISTS: 1,
  FILE_UNWRITABLE: 1,
  INPUT_EMPTY: 1,
  CONTENT_INVALID: 1,
  TAXONOMY_INVALID: 1,
  INDEX_MISSING: 3,
  INDEX_EMBEDDER_MISMATCH: 3,
  INDEX_INCOMPATIBLE: 3,
  INDEX_UNREADABLE: 3,
  INDEX_LOCKED: 3,
  MODEL_UNAVAILABLE: 3,
  API_AUTH: 4,
  API_RATE_LIMIT: 5,
  API_SERVER: 6,
  API_TIMEOUT: 7,
  API_CONNECTION: 7,
  API_OTHER: 8,
  IMPORT_FAILED: 1,
  BUILD_FAILED: 1,
  /** `casebook draft` wrote the draft, but verify found something missing, invented or a lost dead end. */
  DRAFT_VERIFY_FAILED: 9,
};

/** What each exit code means, for `casebook --help` and the README (70: a bug, not an error code). */
export const EXIT_CODE_SUMMARY =
  '0 ok, 1 bad input or findings, 2 usage error, 3 index or model unavailable, 4 API authentication, ' +
  '5 API rate limit, 6 API server error, 7 API timeout or connection, 8 other API error, ' +
  '9 draft written but verify found problems, 70 internal error (a bug)';

export class CasebookError extends Error {
  readonly code: CasebookErrorCode;
  constructor(code: CasebookErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CasebookError';
    this.code = code;
  }
  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

export function isCasebookError(error: unknown): error is CasebookError {
  return error instanceof CasebookError;
}

/** What an operating-system error code means for the user, and what to do about it. */
const SYSTEM_ERRORS: Record<string, string> = {
  EACCES: 'permission denied. Check its permissions, or point the option at a writable folder',
  EPERM: 'operation not permitted. Check its permissions, or point the option at a writable folder',
  EROFS: 'the file system is read-only. Point the option at a writable folder',
  ENOSPC: 'the disk is full. Free some space and try again',
  EDQUOT: 'the disk quota is used up. Free some space and try again',
  ENOTDIR: 'part of the path is a file, not a folder. Fix the path',
  EISDIR: 'is a folder where a file was expected. Fix the path',
  ENAMETOOLONG: 'the path is too long. Use a shorter path',
  ELOOP: 'too many symbolic links in the path. Fix the link',
  EMFILE: 'too many open files. Raise the limit (ulimit -n) and try again',
  ENFILE: 'too many open files on the system. Try again later',
  EBUSY: 'the file or folder is busy. Try again when it is free',
};

/** The Rust `std::io` wording native modules (LanceDB) use for the same faults. */
const OS_ERROR_WORDING =
  /(Permission denied|Operation not permitted|Read-only file system|No space left on device|Not a directory|Is a directory|Disk quota exceeded) \(os error \d+\)/;

/**
 * An operating-system fault (a read-only or full disk, a file where a folder should be) as a
 * CasebookError naming the path, or null when `error` is not one. These are the environment's
 * faults, not Casebook's bugs, so the CLI reports them in one line (exit 1) instead of a stack.
 */
export function fromSystemError(error: unknown): CasebookError | null {
  if (!(error instanceof Error)) return null;
  const { code, path, dest } = error as NodeJS.ErrnoException & { dest?: string };
  const meaning = code ? SYSTEM_ERRORS[code] : undefined;
  if (meaning && (path || dest))
    return new CasebookError('FILE_UNWRITABLE', `${dest ?? path}: ${meaning}.`, { cause: error });
  const os = OS_ERROR_WORDING.exec(error.message);
  if (os) {
    const at = /\bat (\/\S+?):? /.exec(error.message)?.[1];
    return new CasebookError(
      'FILE_UNWRITABLE',
      `${at ? `${at}: ` : ''}${os[1]?.toLowerCase()}. Check the folder's permissions and free space, or point the option at a writable folder.`,
      { cause: error },
    );
  }
  return null;
}
