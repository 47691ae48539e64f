/**
 * Every call across a process boundary returns a Result, never a thrown exception:
 * exceptions lose their type and stack when serialised, and the renderer needs a
 * stable `code` to decide what to show.
 */
export type ErrorCode =
  | 'invalid-input' // the arguments failed validation
  | 'unknown-channel'
  | 'forbidden' // wrong sender, wrong origin, bad token
  | 'not-found' // a file, a record
  | 'no-workspace' // a call that needs an open workspace, with none open
  | 'already-open' // the workspace is open in another window or process
  | 'not-a-workspace' // the file is not a Consultation Workbench workspace
  | 'corrupt' // integrity check failed, or the file is truncated
  | 'newer-version' // made by a newer version of the app
  | 'unknown-history' // migration history we do not recognise
  | 'journal-mismatch' // the change journal does not belong to this file
  | 'read-only' // the folder or file cannot be written
  | 'exists' // refusing to overwrite an existing file
  | 'io' // any other file-system failure
  | 'cancelled' // a long job was cancelled
  | 'conflict' // the data changed under you
  | 'unsupported' // not available in this shell (e.g. native dialogs in the browser host)
  | 'bad-file' // an input file that cannot be read
  | 'internal';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** Where the problem is: a field name, a row number, a path. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Thrown inside services; converted to a Result at the boundary. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toShape(): AppErrorShape {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

export function isAppError(e: unknown): e is AppError {
  return (
    e instanceof AppError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AppError')
  );
}
