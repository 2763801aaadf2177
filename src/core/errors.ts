// Coded errors (after bolt-js errors.ts): adapters map codes to a sentence for the user and log
// the detail; nobody string-matches messages.

export type ErrorCode =
  | 'STORE_UNAVAILABLE'
  | 'STORE_CORRUPT'
  | 'CONFLICT_RETRIES_EXHAUSTED'
  | 'CONFIG_INVALID';

export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class StoreUnavailableError extends CodedError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', message, options);
  }
}

export const isCodedError = (e: unknown): e is CodedError => e instanceof CodedError;

/** What a user is told for an error we did not expect; the detail goes to the log only. */
export function userSentenceFor(error: unknown): string {
  if (isCodedError(error) && error.code === 'STORE_UNAVAILABLE') {
    // Not "nothing was saved": a commit whose reply was lost with the connection may have landed.
    return 'Dealroom cannot reach its database right now, so this may not have been saved. Please check and try again in a moment.';
  }
  if (isCodedError(error) && error.code === 'CONFLICT_RETRIES_EXHAUSTED') {
    return 'This deal is very busy right now and your change did not go through; nothing was saved. Please try again.';
  }
  return 'Something went wrong on our side and nothing was saved. Please try again; if it keeps happening, tell your admin.';
}
