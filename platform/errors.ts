/**
 * Errors that a person must act on. `fix` says what to do. Command-line entry points print
 * `problem` and `fix` and exit non-zero, never a stack trace (see platform/cli.ts).
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem}\n  How to fix: ${fix}`);
  }
}

/**
 * fetch() reports a refused connection as TypeError('fetch failed') with the reason in `cause`. Duck-typed:
 * errors from Node's fetch may come from another realm (jest), where `instanceof Error` is false.
 */
export function describeFetchError(err: unknown): string {
  const e = (err ?? {}) as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found (${code})`;
  if (typeof e.cause?.message === 'string' && e.cause.message) return e.cause.message;
  return typeof e.message === 'string' && e.message ? e.message : String(err);
}
