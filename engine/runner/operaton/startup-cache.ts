import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { appendFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StackConfig } from '../../../platform/config';
import type { Jdk } from '../jdk';
import { commandLine, isAlive, sleep, terminateGroup } from '../os-process';
import { TRAINING_ARGS, startupCacheKind, trainingJavaOptions } from './java-options';

export interface CacheTraining {
  /** Process group of the training run (a shell around the JVM). */
  pid: number;
  file: string;
  logFile: string;
  /** Waits until the run has ended (polling: the run is detached and unref'd): true when the cache file now exists. */
  wait(): Promise<boolean>;
}

export interface TrainingInput {
  jdk: Jdk;
  /** The extracted jar the engine runs; the cache is valid only for this class path. */
  thinJar: string;
  cacheFile: string;
  /** The engine's environment (database, credentials); the port is replaced by any free one. */
  env: NodeJS.ProcessEnv;
  javaOpts: string;
}

export const trainingLogFile = (cfg: StackConfig) => path.join(cfg.logDir, 'operaton-startup-cache.log');
const trainingPidFile = (cfg: StackConfig) => path.join(cfg.cacheDir, cfg.stack, 'operaton-startup-cache.pid');

/**
 * Writes the start-up cache of this jar and JDK with a training run: the app boots once against the stack's
 * database (on any free port, without a job executor) and exits when its context is refreshed; the JVM then
 * writes the cache. Runs detached, so it may outlive this process; a shell renames the file into place only
 * when the run succeeded, so a broken run never leaves a cache behind. One run per cache file at a time
 * (a lock file beside it). Undefined when the cache exists or another run is writing it.
 */
export async function startCacheTraining(cfg: StackConfig, t: TrainingInput): Promise<CacheTraining | undefined> {
  if (existsSync(t.cacheFile)) return undefined;
  const lock = `${t.cacheFile}.lock`;
  if (!(await takeLock(lock))) return undefined;
  await removeLeftovers(t.cacheFile);
  const tmp = `${t.cacheFile}.${process.pid}.tmp`;
  const logFile = trainingLogFile(cfg);
  await mkdir(path.dirname(logFile), { recursive: true });
  await appendFile(
    logFile,
    `\n==== ${new Date().toISOString()} training run for ${path.basename(t.cacheFile)} (${startupCacheKind(t.jdk)}) ====\n`,
  );
  const fd = openSync(logFile, 'a');
  // $1 temporary file, $2 cache file, $3 lock; then the java command line.
  const script =
    'tmp=$1; out=$2; lock=$3; shift 3; "$@" && [ -s "$tmp" ] && mv -f "$tmp" "$out"; s=$?; rm -f "$tmp" "$tmp.config" "$lock"; exit $s';
  const java = path.join(t.jdk.home, 'bin', 'java');
  const child = spawn(
    '/bin/sh',
    [
      '-c',
      script,
      'plusflow-startup-cache',
      tmp,
      t.cacheFile,
      lock,
      java,
      ...trainingJavaOptions(t.jdk, t.javaOpts, tmp),
      '-jar',
      t.thinJar,
      ...TRAINING_ARGS,
    ],
    {
      cwd: path.dirname(t.thinJar),
      detached: true,
      stdio: ['ignore', fd, fd],
      env: { ...t.env, PLUSFLOW_ENGINE_PORT: '0' },
    },
  );
  closeSync(fd);
  if (!child.pid) {
    await rm(lock, { force: true });
    return undefined;
  }
  const pid = child.pid;
  await writeFile(lock, `${pid}\n`);
  await mkdir(path.dirname(trainingPidFile(cfg)), { recursive: true });
  await writeFile(trainingPidFile(cfg), `${pid}\n`);
  child.unref();
  const wait = async () => {
    while (isAlive(pid)) await sleep(500);
    return existsSync(t.cacheFile);
  };
  return { pid, file: t.cacheFile, logFile, wait };
}

/** Ends this stack's training run, if one runs. */
export async function stopCacheTraining(cfg: StackConfig): Promise<boolean> {
  const pid = Number((await readFile(trainingPidFile(cfg), 'utf8').catch(() => '')).trim());
  await rm(trainingPidFile(cfg), { force: true });
  if (!(pid > 0) || !isAlive(pid) || !isTraining(pid)) return false;
  await terminateGroup(pid, 10_000);
  return true;
}

function isTraining(pid: number): boolean {
  return commandLine(pid)?.includes('spring.context.exit') ?? false;
}

/** Temporary files of killed runs for this cache file (up to ~90 MB each); only called while holding its lock. */
async function removeLeftovers(cacheFile: string): Promise<void> {
  const dir = path.dirname(cacheFile);
  const prefix = `${path.basename(cacheFile)}.`;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith(prefix) && name.includes('.tmp')) await rm(path.join(dir, name), { force: true });
  }
}

/** Creates the lock file; a lock whose run has died is taken over. */
async function takeLock(lock: string): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, 'starting\n', { flag: 'wx' });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (pid > 0 && isAlive(pid) && isTraining(pid)) return false;
      // "starting": another process is between taking the lock and spawning; leave it, unless that was long ago.
      const age =
        Date.now() -
        (await stat(lock).then(
          (s) => s.mtimeMs,
          () => 0,
        ));
      if (Number.isNaN(pid) && age < 60_000) return false;
      await rm(lock, { force: true });
    }
  }
  return false;
}
