import { ConfigError } from './config';
import { UserFacingError } from './errors';

/** Runs a command-line entry point; known problems print as a message with the fix, not as a stack trace. */
export function runCli(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof UserFacingError || err instanceof ConfigError) {
      console.error(`\n✖ ${err.message}\n`);
    } else {
      console.error(err);
    }
    process.exitCode = 1;
  });
}
