import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../../platform/errors';

/** The engine app (Spring Boot 3.5, Operaton 1.0.3) is compiled for Java 21; JDKs up to 25 are tested. */
export const MIN_JAVA = 21;
export const MAX_TESTED_JAVA = 25;

export interface Jdk {
  home: string;
  major: number;
  version: string;
  source: 'JAVA_HOME' | 'system';
}

export interface FindJavaOptions {
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Directories holding one JDK per subdirectory; defaults to the usual Linux and macOS places. */
  systemDirs?: string[];
}

const SYSTEM_JVM_DIRS = ['/usr/lib/jvm', '/usr/java', '/opt/java', '/Library/Java/JavaVirtualMachines'];

/**
 * Finds a JDK that can run the engine: JAVA_HOME when it is in the supported range, else the newest
 * supported JDK in the system's JVM directories, else the newest one that is at least `minMajor`. The
 * default `java` on the PATH is not consulted: on these machines it is Java 17, which the engine refuses.
 */
export function findJava(minMajor = MIN_JAVA, opts: FindJavaOptions = {}): Jdk {
  const env = opts.env ?? process.env;
  const candidates: Jdk[] = [];
  const unusable: string[] = [];
  if (env.JAVA_HOME) {
    const jdk = inspect(env.JAVA_HOME, 'JAVA_HOME');
    // An explicit choice in the supported range wins, even over a newer system JDK.
    if (jdk && jdk.major >= minMajor && jdk.major <= MAX_TESTED_JAVA) return jdk;
    if (jdk) candidates.push(jdk);
    else unusable.push(`    ${env.JAVA_HOME} (JAVA_HOME) — no bin/java or unknown version`);
  }
  for (const home of systemJdkHomes(opts.systemDirs ?? SYSTEM_JVM_DIRS)) {
    const jdk = inspect(home, 'system');
    // Debian links one JDK under several names (java-17-openjdk-amd64, java-1.17.0-openjdk-amd64).
    if (jdk && !candidates.some((c) => sameDir(c.home, jdk.home))) candidates.push(jdk);
  }
  const fitting = candidates.filter((c) => c.major >= minMajor).sort((a, b) => rank(b) - rank(a));
  if (fitting[0]) return fitting[0];
  const found = [
    ...candidates.map((c) => `    ${c.home} — Java ${c.version}${c.source === 'JAVA_HOME' ? ' (JAVA_HOME)' : ''}`),
    ...unusable,
  ];
  throw new UserFacingError(
    `No Java ${minMajor} or newer found for the Camunda engine. JDKs found:\n${found.length ? found.join('\n') : '    none'}`,
    `Install a JDK ${minMajor}–${MAX_TESTED_JAVA} (Debian/Ubuntu: \`apt-get install openjdk-21-jdk-headless\`, or Temurin 21/25 from adoptium.net) ` +
      'under /usr/lib/jvm, or set JAVA_HOME to one.',
  );
}

/** Tested majors (up to 25) first, newest first; untested newer majors only after them. */
function rank(j: Jdk): number {
  return j.major <= MAX_TESTED_JAVA ? 1000 + j.major : j.major;
}

function systemJdkHomes(dirs: string[]): string[] {
  const homes: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const home = path.join(dir, name);
      // macOS bundles keep the JDK under Contents/Home.
      const macHome = path.join(home, 'Contents', 'Home');
      homes.push(existsSync(macHome) ? macHome : home);
    }
  }
  return homes;
}

function sameDir(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return a === b;
  }
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
    version = /version "([^"]+)"/.exec(`${out.stderr ?? ''}${out.stdout ?? ''}`)?.[1];
  }
  if (!version) return undefined;
  const major = majorOf(version);
  return Number.isFinite(major) ? { home, version, major, source } : undefined;
}

/** "1.8.0_392" → 8, "17.0.15" → 17, "25" → 25, "21+35" → 21. */
export function majorOf(version: string): number {
  const [first, second] = version.split(/[.+_-]/);
  const n = Number(first);
  return n === 1 ? Number(second) : n;
}
