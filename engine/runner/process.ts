import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { appendFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StackConfig } from '../../platform/config';
import { UserFacingError } from '../../platform/errors';
import { distributionDir } from './distribution';
import { writeEngineConfig } from './engine-config';
import { ensureExporterJar } from './exporter-jar';
import { engineHealth, type EngineHealth } from './health';
import { findJava, type Jdk } from './jdk';
import { commandLine, isAlive, logTail, sleep, terminateGroup } from './os-process';
import { assertPortsFree } from './ports';

export { isAlive, logTail } from './os-process';

export interface EngineHandle {
  pid: number;
  /** True when an engine of this stack was already running, and is reused. */
  reused: boolean;
  logFile: string;
  /** Stops the engine (SIGTERM to its process group, SIGKILL after 30 s). */
  stop(): Promise<void>;
}

export interface StartEngineOptions {
  /** The database the exporter writes to; defaults to cfg.database.url. */
  databaseUrl?: string;
  /** Receives one status line at a time (elapsed seconds and phase) while the engine starts. */
  onProgress?: (status: string) => void;
  timeoutMs?: number;
}

const STARTUP_TIMEOUT_MS = 180_000;
const POLL_MS = 500;

export const pidFile = (cfg: StackConfig) => path.join(cfg.cacheDir, cfg.stack, 'engine.pid');
export const engineLogFile = (cfg: StackConfig) => path.join(cfg.logDir, 'engine.log');

/**
 * Starts the engine of this stack, or reuses the one its pid file names, and waits until it is ready:
 * readiness probe up and a healthy leader of partition 1. The JVM runs detached in its own process group
 * (it outlives this process, so `npm start` can be restarted quickly), with its output appended to the
 * stack's engine.log.
 */
export async function startEngine(cfg: StackConfig, opts: StartEngineOptions = {}): Promise<EngineHandle> {
  const onProgress = opts.onProgress ?? (() => undefined);
  const timeoutMs = opts.timeoutMs ?? STARTUP_TIMEOUT_MS;
  const logFile = engineLogFile(cfg);
  const handle = (pid: number, reused: boolean): EngineHandle => ({ pid, reused, logFile, stop: () => stopEngine(cfg).then(() => undefined) });

  const running = await runningPid(cfg);
  if (running) {
    // Ready, or still starting (another command started it a moment ago): either way it is ours to use.
    await waitUntilReady(cfg, { pid: running, started: Date.now(), timeoutMs, onProgress, logFile, logOffset: 0 });
    return handle(running, true);
  }
  await rm(pidFile(cfg), { force: true });

  const e = cfg.engine;
  await assertPortsFree(e.host, [
    { name: 'engine gRPC', port: e.grpcPort },
    { name: 'engine REST', port: e.restPort },
    { name: 'engine management', port: e.managementPort },
    { name: 'engine command API', port: e.commandPort },
    { name: 'engine internal API', port: e.internalPort },
  ]);
  const install = distributionDir(cfg);
  if (!existsSync(path.join(install, 'bin', 'broker'))) {
    throw new UserFacingError(`Camunda ${e.version} is not installed in ${install}.`, 'Run `npm run engine -- fetch` (npm start does it for you).');
  }
  const jdk = findJava();
  onProgress('building the exporter if its sources changed');
  const jar = await ensureExporterJar(cfg);
  const configFile = await writeEngineConfig(cfg, opts.databaseUrl ?? cfg.database.url, jar);

  await mkdir(cfg.logDir, { recursive: true });
  await mkdir(e.dataDir, { recursive: true });
  // The log is appended to across starts; the marker's offset lets a failure show only this start's lines.
  const logOffset = await stat(logFile).then((s) => s.size, () => 0);
  await appendFile(logFile, `\n==== ${new Date().toISOString()} PLUS Flow starts Camunda ${e.version} on Java ${jdk.version} (${jdk.home}) ====\n`);
  const fd = openSync(logFile, 'a');
  const child = spawn(path.join(install, 'bin', 'broker'), [], {
    cwd: install,
    detached: true, // own process group: stopEngine signals the whole group, Ctrl-C in a terminal does not reach it
    stdio: ['ignore', fd, fd],
    env: {
      ...process.env,
      JAVA_HOME: jdk.home,
      JAVA_OPTS: javaOpts(e.javaOpts, jdk),
      // Layered over the distribution's configuration (see engine-config.ts for why it is not replaced).
      SPRING_CONFIG_ADDITIONAL_LOCATION: `file:${configFile}`,
    },
  });
  closeSync(fd);
  const pid = child.pid;
  if (!pid) throw new UserFacingError('The engine process could not be started.', `See ${logFile}.`);
  child.unref();
  await writeFile(pidFile(cfg), `${pid}\n`);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `code ${code}`));

  try {
    await waitUntilReady(cfg, { pid, started: Date.now(), timeoutMs, onProgress, logFile, logOffset, exited: () => exited });
  } catch (err) {
    await stopEngine(cfg, 10_000);
    throw err;
  }
  return handle(pid, false);
}

/** JDK 24+ warns about RocksDB's native access and Netty's Unsafe use; these flags allow both quietly. */
export function javaOpts(configured: string, jdk: Pick<Jdk, 'major'>): string {
  const opts = [configured.trim()];
  if (jdk.major >= 24) opts.push('--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow');
  return opts.filter(Boolean).join(' ');
}

interface WaitOptions {
  pid: number;
  started: number;
  timeoutMs: number;
  onProgress: (status: string) => void;
  logFile: string;
  logOffset: number;
  /** For a process we spawned: how it ended, once it has. */
  exited?: () => string | undefined;
}

async function waitUntilReady(cfg: StackConfig, w: WaitOptions): Promise<void> {
  for (;;) {
    const health = await engineHealth(cfg, 1_000);
    if (health.ready) return;
    const ended = w.exited?.() ?? (isAlive(w.pid) ? undefined : 'unknown exit status');
    if (ended) {
      throw new UserFacingError(
        `The engine (pid ${w.pid}) exited during start-up (${ended}). Last log lines:\n${await logTail(w.logFile, 20, w.logOffset)}`,
        `See ${w.logFile}.`,
      );
    }
    const elapsed = Date.now() - w.started;
    if (elapsed > w.timeoutMs) {
      throw new UserFacingError(
        `The engine (pid ${w.pid}) did not become ready within ${Math.round(w.timeoutMs / 1000)} s (${health.detail}). Last log lines:\n${await logTail(w.logFile, 20, w.logOffset)}`,
        `See ${w.logFile}; on a slow machine give it more memory with CAMUNDA_JAVA_OPTS=-Xmx2g.`,
      );
    }
    w.onProgress(`${Math.round(elapsed / 1000)} s, ${phase(health)}`);
    await sleep(POLL_MS);
  }
}

function phase(health: EngineHealth): string {
  if (health.detail?.startsWith('not answering')) return 'JVM and Spring starting';
  if (health.detail?.startsWith('readiness')) return `broker starting (${health.detail})`;
  return health.detail ?? 'starting';
}

/**
 * Stops the engine of this stack if it runs: SIGTERM to its process group (Zeebe then closes its log and
 * RocksDB cleanly), SIGKILL after `graceMs`. Returns false when none was running.
 */
export async function stopEngine(cfg: StackConfig, graceMs = 30_000): Promise<boolean> {
  const pid = await runningPid(cfg);
  if (!pid) {
    await rm(pidFile(cfg), { force: true });
    return false;
  }
  await terminateGroup(pid, graceMs);
  await rm(pidFile(cfg), { force: true });
  return true;
}

/** The pid in the stack's pid file, if that process lives and is a Camunda broker (pids get reused). */
export async function runningPid(cfg: StackConfig): Promise<number | undefined> {
  const text = await readFile(pidFile(cfg), 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return pid > 0 && isAlive(pid) && looksLikeBroker(pid) ? pid : undefined;
}

function looksLikeBroker(pid: number): boolean {
  const command = commandLine(pid);
  if (command === undefined) return true; // cannot tell: trust the pid file
  return command.includes('io.camunda.application.StandaloneBroker') || command.includes('bin/broker');
}

