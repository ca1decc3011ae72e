// Exit codes and the errors that map onto them. Nothing else calls process.exit.
export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

/** Bad usage or invalid input: exit 2 with the message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A run that cannot go on (nothing to publish, a file that needs consent...): exit 1. */
export class FailedError extends Error {
  override name = 'FailedError';
}

/** The user cancelled (Ctrl-C, Esc): exit 130, nothing written. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'Cancelled. Nothing was written.') {
    super(message);
  }
}
