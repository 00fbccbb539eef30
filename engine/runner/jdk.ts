import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../../platform/errors';

/** Camunda 8.6–8.9 run on Java 21 to 25 (8.9 certifies 25; 8.6.0 was checked on Temurin 25 here). */
export const MIN_JAVA = 21;
export const MAX_TESTED_JAVA = 25;

export interface Jdk {
  home: string;
  major: number;
  version: string;
  source: 'JAVA_HOME' | 'system';
}

const SYSTEM_JVM_DIRS = ['/usr/lib/jvm', '/usr/java', '/opt/java', '/Library/Java/JavaVirtualMachines'];

/**
 * Finds a JDK that can run the engine: JAVA_HOME first, then the system's JVM directories. The default
 * `java` on the PATH is not trusted: on these machines it is Java 17, which the engine refuses.
 */
export function findJava(opts: { env?: NodeJS.ProcessEnv; systemDirs?: string[]; minMajor?: number } = {}): Jdk {
  const env = opts.env ?? process.env;
  const min = opts.minMajor ?? MIN_JAVA;
  const candidates: Jdk[] = [];
  if (env.JAVA_HOME) {
    const jdk = inspect(env.JAVA_HOME, 'JAVA_HOME');
    if (jdk && jdk.major >= min) return jdk;
    if (jdk) candidates.push(jdk);
  }
  for (const dir of opts.systemDirs ?? SYSTEM_JVM_DIRS) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const home = path.join(dir, name);
      const jdk = inspect(existsSync(path.join(home, 'Contents', 'Home')) ? path.join(home, 'Contents', 'Home') : home, 'system');
      if (jdk && !candidates.some((c) => c.home === jdk.home || sameVersionDir(c, jdk))) candidates.push(jdk);
    }
  }
  // Prefer the newest tested major (21–25), then anything newer.
  const fitting = candidates.filter((c) => c.major >= min).sort((a, b) => rank(b) - rank(a));
  if (fitting[0]) return fitting[0];
  const found = candidates.length
    ? candidates.map((c) => `    ${c.home} — Java ${c.version}${c.source === 'JAVA_HOME' ? ' (JAVA_HOME)' : ''}`).join('\n')
    : '    none';
  throw new UserFacingError(
    `No Java ${min} or newer found for the Camunda engine. JDKs found:\n${found}`,
    `Install a JDK ${min}–${MAX_TESTED_JAVA} (e.g. Temurin 21 or 25, or Debian's openjdk-21-jdk) under /usr/lib/jvm, or set JAVA_HOME to one.`,
  );
}

function rank(j: Jdk): number {
  return j.major <= MAX_TESTED_JAVA ? 1000 + j.major : j.major;
}

function sameVersionDir(a: Jdk, b: Jdk): boolean {
  // Debian ships symlinked aliases (java-17-openjdk-amd64 and java-1.17.0-openjdk-amd64) for one JDK.
  return a.version === b.version && a.source === b.source;
}

/** Reads the JDK's `release` file, or asks `bin/java -version` when there is none. */
export function inspect(home: string, source: Jdk['source']): Jdk | undefined {
  const java = path.join(home, 'bin', 'java');
  if (!existsSync(java)) return undefined;
  let version: string | undefined;
  const release = path.join(home, 'release');
  if (existsSync(release)) version = /^JAVA_VERSION="([^"]+)"/m.exec(readFileSync(release, 'utf8'))?.[1];
  if (!version) {
    const out = spawnSync(java, ['-version'], { encoding: 'utf8', timeout: 10_000 });
    version = /version "([^"]+)"/.exec(`${out.stderr}${out.stdout}`)?.[1];
  }
  if (!version) return undefined;
  return { home, version, major: majorOf(version), source };
}

export function majorOf(version: string): number {
  const [first, second] = version.split(/[.+_-]/);
  const n = Number(first);
  return n === 1 ? Number(second) : n;
}
