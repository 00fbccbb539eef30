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
