import { getConfig } from '../../platform/config';
import { runCli } from '../../platform/cli';
import { OPERATON_USAGE, operatonCommand } from './operaton/cli';

/** `npm run engine -- <command>`: the engine on its own, for debugging and for building it ahead of time. */
runCli(async () => {
  const cfg = getConfig();
  const args = process.argv.slice(2);
  // `operaton` was the prefix while two engines lived side by side; it is still accepted.
  await operatonCommand(cfg, args[0] === 'operaton' ? args.slice(1) : args);
});

export const USAGE = OPERATON_USAGE;
