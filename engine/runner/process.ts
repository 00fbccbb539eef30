import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StackConfig } from '../../platform/config';
import { UserFacingError } from '../../platform/errors';
import { distributionDir } from './distribution';
import { writeEngineConfig } from './engine-config';
import { ensureExporterJar } from './exporter-jar';
import { engineHealth } from './health';
import { findJava } from './jdk';
import { assertPortsFree } from './ports';

export interface EngineHandle {
  pid: number;
  /** True when an engine of this stack was already running and healthy, and is reused. */
  reused: boolean;
  logFile: string;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 180_000;

export const pidFile = (cfg: StackConfig) => path.join(cfg.cacheDir, cfg.stack, 'engine.pid');
export const engineLogFile = (cfg: StackConfig) => path.join(cfg.logDir, 'engine.log');

/**
 * Starts the engine of this stack (or reuses a healthy one started earlier) and waits until it is ready:
 * readiness probe up and a healthy partition leader. The JVM runs in its own process group with its
 * output in the stack's engine.log; `stop()` ends it with SIGTERM (Zeebe then closes cleanly).
 */
export async function startEngine(
  cfg: StackConfig,
  opts: { databaseUrl: string; onProgress?: (status: string) => void },
): Promise<EngineHandle> {
  const onProgress = opts.onProgress ?? (() => undefined);
  const logFile = engineLogFile(cfg);
  const running = await runningPid(cfg);
  if (running && (await engineHealth(cfg)).ready) {
    return { pid: running, reused: true, logFile, stop: () => stopEngine(cfg).then(() => undefined) };
  }

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
  const jar = await ensureExporterJar(cfg);
  const configFile = await writeEngineConfig(cfg, opts.databaseUrl, jar);

  await mkdir(cfg.logDir, { recursive: true });
  await mkdir(e.dataDir, { recursive: true });
  const fd = openSync(logFile, 'a');
  const javaOpts = [e.javaOpts];
  // JDK 24+ warns about RocksDB's native access and Netty's Unsafe use; these flags allow both quietly.
  if (jdk.major >= 24) javaOpts.push('--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow');
  // The broker ignores Spring command-line arguments, so the configuration file comes in through the
  // environment; it is layered over the distribution's defaults and wins where both set a value.
  const child = spawn(path.join(install, 'bin', 'broker'), [], {
    cwd: install,
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, JAVA_HOME: jdk.home, JAVA_OPTS: javaOpts.join(' '), SPRING_CONFIG_ADDITIONAL_LOCATION: `file:${configFile}` },
  });
  closeSync(fd);
  const pid = child.pid;
  if (!pid) throw new UserFacingError('The engine process could not be started.', `See ${logFile}.`);
  child.unref();
  await writeFile(pidFile(cfg), String(pid));
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));

  const started = Date.now();
  for (;;) {
    const health = await engineHealth(cfg);
    if (health.ready) break;
    if (exitCode !== undefined) {
      await rm(pidFile(cfg), { force: true });
      throw new UserFacingError(`The engine exited during start-up (code ${exitCode}). Last log lines:\n${await logTail(logFile)}`, `See ${logFile}.`);
    }
    const elapsed = Date.now() - started;
    if (elapsed > STARTUP_TIMEOUT_MS) {
      await stopEngine(cfg);
      throw new UserFacingError(
        `The engine did not become ready within ${STARTUP_TIMEOUT_MS / 1000} s (${health.detail}). Last log lines:\n${await logTail(logFile)}`,
        `See ${logFile}; on a slow machine raise the memory with CAMUNDA_JAVA_OPTS=-Xmx2g.`,
      );
    }
    onProgress(`${Math.round(elapsed / 1000)} s, ${health.detail ?? 'starting'}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { pid, reused: false, logFile, stop: () => stopEngine(cfg).then(() => undefined) };
}

/** Stops the engine of this stack if it runs: SIGTERM to its process group, SIGKILL after 30 s. */
export async function stopEngine(cfg: StackConfig, graceMs = 30_000): Promise<boolean> {
  const pid = await runningPid(cfg);
  if (!pid) {
    await rm(pidFile(cfg), { force: true });
    return false;
  }
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(pid)) signalGroup(pid, 'SIGKILL');
  while (alive(pid)) await new Promise((r) => setTimeout(r, 100));
  await rm(pidFile(cfg), { force: true });
  return true;
}

export async function runningPid(cfg: StackConfig): Promise<number | undefined> {
  const text = await readFile(pidFile(cfg), 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return pid > 0 && alive(pid) ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export async function logTail(file: string, lines = 20): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
}
