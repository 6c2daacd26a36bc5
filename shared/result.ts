// Errors cross every boundary (IPC, WebSocket, worker) as data: thrown errors lose their type on the way.

export type ErrorCode =
  | 'bad-input' // schema validation failed
  | 'unknown-method'
  | 'not-found'
  | 'conflict' // e.g. duplicate name, target exists
  | 'forbidden' // path outside the allowed roots, missing token
  | 'needs-confirmation' // a safety rail: the caller must confirm explicitly
  | 'io' // the filesystem or a device said no
  | 'remote' // ssh / remote host failure
  | 'corrupt' // repository or image damaged
  | 'cancelled'
  | 'internal';

export interface TidemarkError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: TidemarkError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** An Error that carries a code, so services can throw and the transport can turn it into data. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

export function toTidemarkError(e: unknown): TidemarkError {
  if (e instanceof CodedError) return e.details === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, details: e.details };
  if (e && typeof e === 'object' && 'code' in e && 'message' in e && typeof (e as { message: unknown }).message === 'string') {
    const sys = e as { code: unknown; message: string };
    // Node system errors (ENOENT, EACCES, ENOSPC, …) are I/O problems the user can act on.
    if (typeof sys.code === 'string' && /^E[A-Z]+$/.test(sys.code)) return { code: 'io', message: sys.message };
  }
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}
