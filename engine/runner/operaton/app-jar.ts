import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT, type StackConfig } from '../../../platform/config';
import { UserFacingError } from '../../../platform/errors';
import { findJava, type Jdk } from '../jdk';
import { MAVEN_FLAGS, requireMaven, run } from '../maven';

/** The engine application's Maven project (Spring Boot + Operaton). */
export const APP_DIR = path.join(REPO_ROOT, 'engine', 'app');
export const JAR_NAME = 'plusflow-engine.jar';

export interface AppJar {
  /** The Spring Boot fat jar, `<cacheDir>/engine-app/plusflow-engine-<hash>.jar`. */
  jar: string;
  /** SHA-256 (12 hex digits) of engine/app/pom.xml and engine/app/src. */
  hash: string;
  /** True when this call ran Maven. */
  built: boolean;
}

export interface EnsureAppJarOptions {
  /** Receives status lines while Maven runs: its current phase and the elapsed seconds. */
  onProgress?: (status: string) => void;
  /** JDK that compiles (the app is built for release 21); found by findJava() when not given. */
  jdk?: Jdk;
  /** Defaults to engine/app. */
  appDir?: string;
}

export const appCacheDir = (cfg: StackConfig) => path.join(cfg.cacheDir, 'engine-app');
export const appJarPath = (cfg: StackConfig, hash: string) =>
  path.join(appCacheDir(cfg), `plusflow-engine-${hash}.jar`);
/** The jar extracted for start-up speed (see java-options.ts), and the home of its start-up caches. */
export const extractedDir = (cfg: StackConfig, hash: string) => path.join(appCacheDir(cfg), `plusflow-engine-${hash}`);

/**
 * Builds the engine app when its sources changed and returns the jar. The hash of the sources is in the
 * jar's name, so unchanged sources are never rebuilt and a running engine never sees its jar replaced.
 * Maven builds into a private directory that is removed afterwards (two stacks may build at once); the jar is
 * copied beside its final name and renamed, so a reader sees either no jar or the whole jar.
 */
export async function ensureAppJar(cfg: StackConfig, opts: EnsureAppJarOptions = {}): Promise<AppJar> {
  const appDir = opts.appDir ?? APP_DIR;
  const hash = await appSourcesHash(appDir);
  const jar = appJarPath(cfg, hash);
  if (existsSync(jar)) {
    // The jar's mtime is its last use, which pruneOldBuilds goes by.
    const now = new Date();
    await utimes(jar, now, now).catch(() => undefined);
    return { jar, hash, built: false };
  }

  const jdk = opts.jdk ?? findJava();
  const mvn = requireMavenForApp();
  const buildDir = path.join(appCacheDir(cfg), `.build-${process.pid}-${hash}`);
  await mkdir(appCacheDir(cfg), { recursive: true });
  const started = Date.now();
  let phase = 'starting Maven';
  const report = () => opts.onProgress?.(`${Math.round((Date.now() - started) / 1000)} s, ${phase}`);
  const ticker = setInterval(report, 1_000);
  report();
  try {
    // Not -q: the mojo lines are our progress; `run` keeps only the relevant tail for errors.
    await run(
      mvn,
      [...MAVEN_FLAGS, '-DskipTests', '-f', path.join(appDir, 'pom.xml'), `-Dengine.buildDir=${buildDir}`, 'package'],
      {
        env: { ...process.env, JAVA_HOME: jdk.home },
        onLine: (line) => {
          const next = mavenPhase(line);
          if (next && next !== phase) {
            phase = next;
            report();
          }
        },
        failure: (output) =>
          new UserFacingError(
            `Building the engine app (engine/app) with Maven on Java ${jdk.version} failed. Maven's last lines:\n${indent(mavenErrors(output))}`,
            'Fix engine/app (see the compiler output above); if a dependency could not be downloaded, check the network or the ' +
              'Maven settings (~/.m2/settings.xml), then start again. To see the whole build: ' +
              `JAVA_HOME=${jdk.home} mvn -B -f engine/app/pom.xml -DskipTests package`,
          ),
      },
    );
    const built = path.join(buildDir, JAR_NAME);
    if (!existsSync(built)) {
      throw new UserFacingError(
        `Maven finished but left no ${JAR_NAME} in ${buildDir}.`,
        'Check <finalName> and <directory> in engine/app/pom.xml.',
      );
    }
    const partial = `${jar}.${process.pid}.tmp`;
    await copyFile(built, partial);
    await rename(partial, jar);
  } finally {
    clearInterval(ticker);
    await rm(buildDir, { recursive: true, force: true });
  }
  await pruneOldBuilds(cfg, hash);
  return { jar, hash, built: true };
}

/** Builds unused for this long are removed when a new one is made (each is ~230 MB with its extraction and caches). */
export const PRUNE_AFTER_MS = 3 * 24 * 3600_000;

/**
 * Removes other builds (jar, extracted directory, start-up caches) whose jar was last used more than
 * PRUNE_AFTER_MS ago: every change of engine/app makes a new one. A build in use by a running engine was
 * touched when it started, so only engines running for days on an outdated build could lose theirs.
 */
export async function pruneOldBuilds(cfg: StackConfig, keepHash: string, now = Date.now()): Promise<string[]> {
  const dir = appCacheDir(cfg);
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const hash = /^plusflow-engine-([0-9a-f]{12})\.jar$/.exec(name)?.[1];
    if (!hash || hash === keepHash) continue;
    const lastUse = await stat(path.join(dir, name)).then(
      (s) => s.mtimeMs,
      () => now,
    );
    if (now - lastUse < PRUNE_AFTER_MS) continue;
    await rm(extractedDir(cfg, hash), { recursive: true, force: true });
    await rm(path.join(dir, name), { force: true });
    removed.push(hash);
  }
  return removed;
}

/** `mvn`, or a UserFacingError that says what it is needed for and how to install it. */
export function requireMavenForApp(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return requireMaven(env);
  } catch (err) {
    if (!(err instanceof UserFacingError)) throw err;
    throw new UserFacingError(
      'Apache Maven (`mvn`) is not installed or not on the PATH; it builds the engine app (engine/app) on first start.',
      'Install Maven 3.8+ (Debian/Ubuntu: `apt-get install maven`; macOS: `brew install maven`) and start again.',
    );
  }
}

/**
 * Extracts the jar (`java -Djarmode=tools -jar app.jar extract`): a thin jar plus lib/*.jar. Java's
 * start-up caches (AOT cache, CDS) only hold classes loaded from plain jars on the class path, not
 * from the fat jar's nested jars, and the extracted layout alone starts faster (figures in java-options.ts).
 * Extracted into a temporary directory and renamed, so a half-extracted directory is never used.
 */
export async function ensureExtracted(cfg: StackConfig, app: Pick<AppJar, 'jar' | 'hash'>, jdk: Jdk): Promise<string> {
  const dir = extractedDir(cfg, app.hash);
  const thinJar = path.join(dir, JAR_NAME);
  if (existsSync(thinJar)) return thinJar;
  const tmp = `${dir}.${process.pid}.tmp`;
  await rm(tmp, { recursive: true, force: true });
  const out = spawnSync(
    path.join(jdk.home, 'bin', 'java'),
    ['-Djarmode=tools', '-jar', app.jar, 'extract', '--destination', tmp],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const thinTmp = path.join(tmp, path.basename(app.jar));
  if (out.status !== 0 || !existsSync(thinTmp)) {
    await rm(tmp, { recursive: true, force: true });
    throw new UserFacingError(
      `Extracting the engine app ${app.jar} failed:\n${indent(`${out.stderr ?? ''}${out.stdout ?? ''}${out.error ? String(out.error) : ''}`.trim().split('\n').slice(-10).join('\n'))}`,
      `Delete ${appCacheDir(cfg)} and start again (the app is rebuilt).`,
    );
  }
  // The thin jar keeps the fat jar's name; give it the stable one that the start-up caches refer to.
  await rename(thinTmp, path.join(tmp, JAR_NAME));
  try {
    await rename(tmp, dir);
  } catch (err) {
    // Another process extracted the same jar meanwhile: use theirs.
    await rm(tmp, { recursive: true, force: true });
    if (!existsSync(thinJar)) throw err;
  }
  return thinJar;
}

/** SHA-256 (12 hex digits) over pom.xml and every file under src/, with their relative paths. */
export async function appSourcesHash(dir = APP_DIR): Promise<string> {
  const files = [path.join(dir, 'pom.xml'), ...(await listFiles(path.join(dir, 'src')))].sort();
  const h = createHash('sha256');
  for (const f of files)
    h.update(path.relative(dir, f))
      .update('\0')
      .update(await readFile(f))
      .update('\0');
  return h.digest('hex').slice(0, 12);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * What Maven is doing, from one line of its batch output: `[INFO] --- compiler:3.14.0:compile (default-compile) @ …`
 * → "compiler:compile"; dependency downloads → "downloading dependencies". Undefined for other lines.
 */
export function mavenPhase(line: string): string | undefined {
  const mojo = /^\[INFO\] --- (?:[\w.-]+:)?([\w.-]+):[\w.-]+:([\w.-]+)/.exec(line);
  if (mojo) return `Maven ${(mojo[1] as string).replace(/^maven-/, '').replace(/-(maven-)?plugin$/, '')}:${mojo[2]}`;
  if (/^\[INFO\] Download(ing|ed) from/.test(line) || /^Download(ing|ed) from/.test(line))
    return 'Maven downloading dependencies';
  if (/^\[INFO\] Scanning for projects/.test(line)) return 'Maven reading the project';
  return undefined;
}

/** Maven's [ERROR] lines (each once, without colour codes) when there are any, else the tail as it is. */
export function mavenErrors(output: string): string {
  const lines = output
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
  const errors = [...new Set(lines.filter((l) => l.startsWith('[ERROR]') && l.trim() !== '[ERROR]'))];
  return (errors.length ? errors : lines).join('\n');
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
