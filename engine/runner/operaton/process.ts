import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { appendFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StackConfig } from '../../../platform/config';
import { UserFacingError } from '../../../platform/errors';
import { findJava, type Jdk } from '../jdk';
import { commandLine, isAlive, logTail, sleep, terminateGroup } from '../os-process';
import { isFree, whoListens } from '../ports';
import { appSourcesHash, ensureAppJar, ensureExtracted, extractedDir } from './app-jar';
import { engineCredentials } from './credentials';
import { engineEnv, nodePort, nodeUrl } from './env';
import { engineHealth } from './health';
import { runJavaOptions, startupCacheFile, startupCacheKind } from './java-options';
import { ensureEngineSchema } from './schema';
import { startCacheTraining, stopCacheTraining, type CacheTraining } from './startup-cache';

export interface OperatonHandle {
  node: number;
  pid: number;
  port: number;
  /** Base URL of this node (without /engine-rest). */
  url: string;
  /** True when this node of the stack was already running, and is reused. */
  reused: boolean;
  /** A reused node runs a build of engine/app older than its sources: restart it to get the changes. */
  outdated?: boolean;
  logFile: string;
  /** Whether the JVM started with the start-up cache (AOT cache or CDS archive); undefined when reused. */
  startupCache?: 'used' | 'none';
  /** A training run writing the start-up cache, started after this node became ready. */
  cacheTraining?: CacheTraining;
  /** Stops this node (SIGTERM to its process group, SIGKILL after 30 s). */
  stop(): Promise<void>;
}

export interface StartOperatonOptions {
  /** Which node of the stack: own port (cfg.operaton.port + node), pid file and log. Default 0. */
  node?: number;
  /** The database with the schema `engine`; defaults to cfg.database.url (pass ensurePostgres()'s URL). */
  databaseUrl?: string;
  /** Receives one status line at a time while the app is built and the engine starts. */
  onProgress?: (status: string) => void;
  timeoutMs?: number;
  /**
   * When there is no start-up cache for this jar and JDK yet: write it in the `background` after the node is
   * ready (default: this start is not slowed, the next is faster), `before` the start (a training run of
   * ~10–20 s, then a fast start), or `off`.
   */
  startupCache?: 'background' | 'before' | 'off';
}

const STARTUP_TIMEOUT_MS = 180_000;
const POLL_MS = 300;

export const pidFile = (cfg: StackConfig, node = 0) => path.join(cfg.cacheDir, cfg.stack, `operaton-${node}.pid`);
export const engineLogFile = (cfg: StackConfig, node = 0) => path.join(cfg.logDir, `operaton-${node}.log`);

/**
 * Starts engine node `node` of this stack, or reuses the one its pid file names, and waits until it answers
 * `GET /engine-rest/version`. On the way: builds the engine app if its sources changed, extracts it, creates
 * the schema `engine` in the database, and uses the start-up cache when there is one. The JVM runs detached
 * in its own process group (it outlives this process; `npm start` stops it on Ctrl-C) with its output
 * appended to the node's log.
 */
export async function startEngine(cfg: StackConfig, opts: StartOperatonOptions = {}): Promise<OperatonHandle> {
  const node = opts.node ?? 0;
  const onProgress = opts.onProgress ?? (() => undefined);
  const timeoutMs = opts.timeoutMs ?? STARTUP_TIMEOUT_MS;
  if (cfg.operaton.external) {
    throw new UserFacingError(
      `The engine nodes are run elsewhere (PLUSFLOW_ENGINE_URLS=${cfg.operaton.nodes.map((n) => n.url).join(',')}); this runner does not start them.`,
      'Unset PLUSFLOW_ENGINE_URLS to let PLUS Flow run the engine here.',
    );
  }
  const port = nodePort(cfg, node);
  const url = nodeUrl(cfg, node);
  const logFile = engineLogFile(cfg, node);
  const base = { node, port, url, logFile, stop: () => stopEngine(cfg, { node }).then(() => undefined) };

  const running = await runningPid(cfg, node);
  if (running) {
    // Ready, or still starting (another command started it a moment ago): either way it is ours to use.
    await waitUntilReady(cfg, node, {
      pid: running,
      started: Date.now(),
      timeoutMs,
      onProgress,
      logFile,
      logOffset: 0,
    });
    const hash = await appSourcesHash().catch(() => undefined);
    const outdated = hash !== undefined && commandLine(running)?.includes(`plusflow-engine-${hash}`) === false;
    return { ...base, pid: running, reused: true, outdated };
  }
  await rm(pidFile(cfg, node), { force: true });
  await assertPortFree(cfg, node);

  const jdk = findJava();
  const app = await ensureAppJar(cfg, { jdk, onProgress: (s) => onProgress(`building the engine app (${s})`) });
  onProgress('extracting the engine app');
  const thinJar = await ensureExtracted(cfg, app, jdk);
  const databaseUrl = opts.databaseUrl ?? cfg.database.url;
  onProgress('creating the schema engine if missing');
  await ensureEngineSchema(databaseUrl);
  const env = childEnv(engineEnv(cfg, node, engineCredentials(cfg), databaseUrl));

  const cacheFile = startupCacheFile(path.dirname(thinJar), jdk);
  const mode = opts.startupCache ?? 'background';
  if (!existsSync(cacheFile) && mode === 'before') {
    const what = startupCacheKind(jdk) === 'aot' ? 'AOT cache' : 'CDS archive';
    const training = await startCacheTraining(cfg, { jdk, thinJar, cacheFile, env, javaOpts: cfg.operaton.javaOpts });
    const since = Date.now();
    while (training && isAlive(training.pid)) {
      onProgress(
        `${Math.round((Date.now() - since) / 1000)} s, writing the ${what} (one training run per build and JDK; log ${training.logFile})`,
      );
      await sleep(1_000);
    }
  }
  const useCache = existsSync(cacheFile);

  await mkdir(cfg.logDir, { recursive: true });
  await mkdir(path.dirname(pidFile(cfg, node)), { recursive: true });
  // The log is appended to across starts; the marker's offset lets a failure show only this start's lines.
  const logOffset = await stat(logFile).then(
    (s) => s.size,
    () => 0,
  );
  const args = [...runJavaOptions(jdk, cfg.operaton.javaOpts, useCache ? cacheFile : undefined), '-jar', thinJar];
  await appendFile(
    logFile,
    `\n==== ${new Date().toISOString()} PLUS Flow starts engine node ${node} (Operaton, ${path.basename(app.jar)}) on port ${port}, Java ${jdk.version}: ${args.join(' ')} ====\n`,
  );
  const fd = openSync(logFile, 'a');
  const child = spawn(path.join(jdk.home, 'bin', 'java'), args, {
    cwd: path.dirname(thinJar),
    detached: true, // own process group: stopEngine signals the whole group, Ctrl-C in a terminal does not reach it
    stdio: ['ignore', fd, fd],
    env,
  });
  closeSync(fd);
  const pid = child.pid;
  if (!pid) throw new UserFacingError('The engine process could not be started.', `See ${logFile}.`);
  child.unref();
  await writeFile(pidFile(cfg, node), `${pid}\n`);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `code ${code}`));

  try {
    await waitUntilReady(cfg, node, {
      pid,
      started: Date.now(),
      timeoutMs,
      onProgress,
      logFile,
      logOffset,
      exited: () => exited,
    });
  } catch (err) {
    await stopEngine(cfg, { node, graceMs: 10_000 });
    throw err;
  }
  const cacheTraining =
    !useCache && mode === 'background'
      ? await startCacheTraining(cfg, { jdk, thinJar, cacheFile, env, javaOpts: cfg.operaton.javaOpts })
      : undefined;
  return { ...base, pid, reused: false, startupCache: useCache ? 'used' : 'none', cacheTraining };
}

/**
 * Starts nodes 0 … count-1 on the one database. Node 0 first and alone (on an empty schema it creates the
 * engine's tables, which two nodes must not do at once), the others after it; the start-up cache is trained
 * once all are ready, so it never competes with a start for the CPU.
 */
export async function startEngines(
  cfg: StackConfig,
  opts: Omit<StartOperatonOptions, 'node'> & { count?: number } = {},
): Promise<OperatonHandle[]> {
  const count = opts.count ?? cfg.operaton.nodes.length;
  const mode = opts.startupCache ?? 'background';
  const perNode = { ...opts, startupCache: mode === 'before' ? ('before' as const) : ('off' as const) };
  const first = await startEngine(cfg, { ...perNode, node: 0 });
  const rest = await Promise.all(
    Array.from({ length: count - 1 }, (_, i) => startEngine(cfg, { ...perNode, node: i + 1 })),
  );
  const handles = [first, ...rest];
  if (mode === 'background' && handles.some((h) => h.startupCache === 'none')) {
    first.cacheTraining = await trainStartupCache(cfg, opts.databaseUrl);
  }
  return handles;
}

/** Starts the training run for the current jar and JDK if there is no cache yet (see startup-cache.ts). */
export async function trainStartupCache(
  cfg: StackConfig,
  databaseUrl = cfg.database.url,
): Promise<CacheTraining | undefined> {
  const jdk = findJava();
  const app = await ensureAppJar(cfg, { jdk });
  const thinJar = await ensureExtracted(cfg, app, jdk);
  const cacheFile = startupCacheFile(path.dirname(thinJar), jdk);
  const env = childEnv(engineEnv(cfg, 0, engineCredentials(cfg), databaseUrl));
  return startCacheTraining(cfg, { jdk, thinJar, cacheFile, env, javaOpts: cfg.operaton.javaOpts });
}

/** Whether a start-up cache exists for the current jar and JDK (for status output). */
export async function startupCacheState(
  cfg: StackConfig,
  jdk: Jdk = findJava(),
): Promise<{ file: string; exists: boolean } | undefined> {
  const app = await ensureAppJar(cfg, { jdk }).catch(() => undefined);
  if (!app) return undefined;
  const file = startupCacheFile(extractedDir(cfg, app.hash), jdk);
  return { file, exists: existsSync(file) };
}

/**
 * The caller's environment without what Spring Boot would bind over the engine's own configuration
 * (SERVER_PORT, SPRING_DATASOURCE_URL, OPERATON_BPM_…), plus the engine's settings.
 */
function childEnv(engine: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(SPRING|SERVER|OPERATON|LOGGING|MANAGEMENT|PLUSFLOW_ENGINE)_/.test(k),
    ),
  );
  return { ...inherited, ...engine };
}

async function assertPortFree(cfg: StackConfig, node: number): Promise<void> {
  const port = nodePort(cfg, node);
  if (await isFree(cfg.operaton.host, port)) return;
  const holder = whoListens(port);
  throw new UserFacingError(
    `Port ${port} (engine node ${node}, Operaton REST) on ${cfg.operaton.host} is already in use${holder ? ` by ${holder}` : ''}.`,
    'Stop that process, or give the engine other ports with PLUSFLOW_ENGINE_PORT (node i listens on PLUSFLOW_ENGINE_PORT + i).',
  );
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

async function waitUntilReady(cfg: StackConfig, node: number, w: WaitOptions): Promise<void> {
  for (;;) {
    const health = await engineHealth(cfg, node, 1_000);
    if (health.ready) return;
    const ended = w.exited?.() ?? (isAlive(w.pid) ? undefined : ((await exitStatus(w)) ?? 'unknown exit status'));
    if (ended) {
      throw new UserFacingError(
        `Engine node ${node} (pid ${w.pid}) exited during start-up (${ended}). Last log lines:\n${await logTail(w.logFile, 25, w.logOffset)}`,
        `See ${w.logFile}. Missing PLUSFLOW_ENGINE_PASSWORD, an unreachable database or a port in use are named there.`,
      );
    }
    const elapsed = Date.now() - w.started;
    if (elapsed > w.timeoutMs) {
      throw new UserFacingError(
        `Engine node ${node} (pid ${w.pid}) did not become ready within ${Math.round(w.timeoutMs / 1000)} s (${health.detail}). Last log lines:\n${await logTail(w.logFile, 25, w.logOffset)}`,
        `See ${w.logFile}; on a slow or busy machine give it more time (timeoutMs) or memory (PLUSFLOW_ENGINE_JAVA_OPTS=-Xmx2g).`,
      );
    }
    w.onProgress(`${Math.round(elapsed / 1000)} s, JVM and engine starting`);
    await sleep(POLL_MS);
  }
}

/**
 * How a child of ours ended, once Node has told us: the process can be gone (reaped) a moment before the child's
 * `exit` event runs, most of all on a busy machine, so wait up to two seconds for it. Undefined for a process we did
 * not spawn.
 */
async function exitStatus(w: WaitOptions): Promise<string | undefined> {
  if (!w.exited) return undefined;
  for (let waited = 0; waited < 2_000 && !w.exited(); waited += 50) await sleep(50);
  return w.exited();
}

/**
 * Stops node `node` of this stack if it runs: SIGTERM to its process group (Spring shuts the engine down:
 * job executor stopped, connections closed), SIGKILL after `graceMs`. Returns false when none was running.
 */
export async function stopEngine(cfg: StackConfig, opts: { node?: number; graceMs?: number } = {}): Promise<boolean> {
  const node = opts.node ?? 0;
  const pid = await runningPid(cfg, node);
  if (!pid) {
    await rm(pidFile(cfg, node), { force: true });
    return false;
  }
  await terminateGroup(pid, opts.graceMs ?? 30_000);
  await rm(pidFile(cfg, node), { force: true });
  return true;
}

/** Stops every node of this stack that has a pid file, and a training run of the start-up cache. Returns the nodes stopped. */
export async function stopEngines(cfg: StackConfig, graceMs = 30_000): Promise<number[]> {
  await stopCacheTraining(cfg);
  const nodes = await pidFileNodes(cfg);
  const stopped = await Promise.all(
    nodes.map(async (node) => ((await stopEngine(cfg, { node, graceMs })) ? node : -1)),
  );
  return stopped.filter((n) => n >= 0);
}

/** Node indexes with a pid file in this stack. */
export async function pidFileNodes(cfg: StackConfig): Promise<number[]> {
  const names = await readdir(path.join(cfg.cacheDir, cfg.stack)).catch(() => [] as string[]);
  return names
    .map((n) => /^operaton-(\d+)\.pid$/.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The pid in the node's pid file, if that process lives and is our engine app (pids get reused). */
export async function runningPid(cfg: StackConfig, node = 0): Promise<number | undefined> {
  const text = await readFile(pidFile(cfg, node), 'utf8').catch(() => '');
  const pid = Number(text.trim());
  if (!(pid > 0) || !isAlive(pid)) return undefined;
  const command = commandLine(pid);
  // Cannot tell (no /proc, no ps): trust the pid file.
  return command === undefined || (command.includes('plusflow-engine') && !command.includes('spring.context.exit'))
    ? pid
    : undefined;
}
