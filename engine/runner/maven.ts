import { spawn, spawnSync } from 'node:child_process';
import { UserFacingError } from '../../platform/errors';

/** Path of `mvn`, or a clear error: Maven fetches the engine and builds its exporter. */
export function requireMaven(env: NodeJS.ProcessEnv = process.env): string {
  const found = spawnSync('/bin/sh', ['-c', 'command -v mvn'], { encoding: 'utf8', env });
  const mvn = (found.stdout ?? '').trim();
  if (found.status !== 0 || !mvn) {
    throw new UserFacingError(
      'Apache Maven (`mvn`) is not installed or not on the PATH; it is needed to fetch the Camunda engine and build its exporter.',
      'Install Maven 3.8+ (Debian/Ubuntu: `apt-get install maven`; macOS: `brew install maven`) and run `npm start` again.',
    );
  }
  return mvn;
}

/** Runs a command, keeping the tail of its output for the error message. */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; failure: (output: string) => Error },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer) => {
      output = (output + d.toString()).slice(-4_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else {
        const lines = output.split('\n').filter((l) => !/^WARNING: /.test(l) && l.trim()).slice(-15).join('\n');
        reject(opts.failure(lines));
      }
    });
  });
}
