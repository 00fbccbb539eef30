import { spawn, spawnSync } from 'node:child_process';
import { UserFacingError } from '../../platform/errors';
import { findJava } from './jdk';

/** Path of `mvn`, or a clear error: Maven builds the engine app (engine/app). */
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

/**
 * The environment for Maven: JAVA_HOME on a JDK 21+ when there is one, because the engine app is compiled
 * for release 21 (Maven itself would run on the default Java 17, which cannot do that).
 */
export function mavenEnv(): NodeJS.ProcessEnv {
  try {
    return { ...process.env, JAVA_HOME: findJava().home };
  } catch {
    return process.env;
  }
}

/** Maven's common flags: batch mode, no ANSI colours in the output we keep for error messages. */
export const MAVEN_FLAGS = ['-B', '-Dstyle.color=never'];

/** Runs a command, keeping the tail of its output for the error message; `onLine` sees every output line. */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; failure: (output: string) => Error; onLine?: (line: string) => void },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let partial = '';
    const keep = (d: Buffer) => {
      const text = d.toString();
      output = (output + text).slice(-8_000);
      if (!opts.onLine) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) opts.onLine(line);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(opts.failure(relevantLines(output)));
    });
  });
}

const MAVEN_HELP = /^\[ERROR\]\s*($|-> \[Help|\[Help \d|To see the full|Re-run Maven|For more information)/;

/** The end of Maven's output without JVM warnings and download chatter. */
function relevantLines(output: string): string {
  return output
    .split('\n')
    .filter(
      (l) => l.trim() && !/^WARNING: /.test(l) && !/^\[INFO\] Download(ing|ed) from/.test(l) && !MAVEN_HELP.test(l),
    )
    .slice(-15)
    .join('\n');
}
