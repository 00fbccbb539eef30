import { spawn } from 'node:child_process';
import type { StackConfig } from '../../../platform/config';
import { ensurePostgres } from '../../../platform/db/ensure-postgres';
import { UserFacingError } from '../../../platform/errors';
import { Progress } from '../../../scripts/progress';
import { findJava } from '../jdk';
import { isAlive, logTail } from '../os-process';
import { ensureAppJar, ensureExtracted } from './app-jar';
import { credentialsFile, engineCredentials } from './credentials';
import { nodeUrl } from './env';
import { engineHealth } from './health';
import {
  engineLogFile,
  pidFileNodes,
  runningPid,
  startEngine,
  startupCacheState,
  stopEngines,
  type OperatonHandle,
} from './process';
import { trainingLogFile } from './startup-cache';

export const OPERATON_USAGE =
  'npm run engine -- build | start [--nodes N] [--detach] | stop | status | logs [node] [-f]';

/** `npm run engine -- <command>`: the Operaton engine app on its own. */
export async function operatonCommand(cfg: StackConfig, [command = 'status', ...args]: string[]): Promise<void> {
  switch (command) {
    case 'build':
      return build(cfg);
    case 'start':
      return start(cfg, args);
    case 'stop': {
      const stopped = await stopEngines(cfg);
      console.log(
        stopped.length
          ? `Engine node(s) ${stopped.join(', ')} stopped.`
          : `No Operaton engine node of the ${cfg.stack} stack was running.`,
      );
      return;
    }
    case 'status':
      return status(cfg);
    case 'logs':
      return logs(cfg, args);
    default:
      throw new UserFacingError(`Unknown engine command "${command}".`, `Use ${OPERATON_USAGE}.`);
  }
}

async function build(cfg: StackConfig): Promise<void> {
  const progress = new Progress();
  const jdk = findJava();
  const app = await progress.step(
    'Engine app',
    (u) => ensureAppJar(cfg, { jdk, onProgress: u }),
    (a) => `${a.jar}${a.built ? '' : ' (sources unchanged, not rebuilt)'}`,
  );
  await progress.step(
    'Extracted for start-up speed',
    () => ensureExtracted(cfg, app, jdk),
    (j) => j,
  );
}

async function start(cfg: StackConfig, args: string[]): Promise<void> {
  const nodesArg = args.indexOf('--nodes');
  const count = nodesArg >= 0 ? Number(args[nodesArg + 1]) : cfg.operaton.nodes.length;
  if (!Number.isInteger(count) || count < 1 || count > 8)
    throw new UserFacingError(
      `--nodes ${args[nodesArg + 1] ?? ''} is not a number from 1 to 8.`,
      `Use ${OPERATON_USAGE}.`,
    );
  const detach = args.includes('--detach');
  const progress = new Progress();
  // This also creates the database (or runs an embedded PostgreSQL) if needed.
  const pg = await progress.step(
    'PostgreSQL',
    (u) => ensurePostgres(cfg, { onProgress: u }),
    (p) => (p.embedded ? 'embedded server' : 'reachable'),
  );
  const handles: OperatonHandle[] = [];
  for (let node = 0; node < count; node++) {
    // One after the other: node 0 creates the engine's tables on an empty schema; the cache is trained after the last.
    const h = await progress.step(
      `Engine node ${node}`,
      (u) =>
        startEngine(cfg, {
          node,
          databaseUrl: pg.url,
          onProgress: u,
          startupCache: node === count - 1 ? 'background' : 'off',
        }),
      (e) =>
        e.reused
          ? `already running (pid ${e.pid})${e.outdated ? '; it runs an older build of engine/app: `npm run engine -- operaton stop` and start again to get the changes' : ''}`
          : `pid ${e.pid}, ${e.url}${e.startupCache === 'used' ? ', start-up cache used' : ''}`,
    );
    handles.push(h);
  }
  const creds = engineCredentials(cfg);
  const training = handles.find((h) => h.cacheTraining)?.cacheTraining;
  console.log(
    [
      `Operaton ready: ${handles.map((h) => `${h.url}/engine-rest`).join(', ')}`,
      `  Cockpit: ${handles[0]?.url}/operaton/app/cockpit/default/ (administrator ${creds.adminUser})`,
      `  Service account ${creds.user}; passwords ${creds.source === 'environment' ? 'from the environment' : `in ${credentialsFile(cfg)}`}`,
      `  Logs: ${handles.map((h) => h.logFile).join(', ')}`,
      ...(training
        ? [`  Writing the start-up cache in the background for faster next starts (log: ${training.logFile}).`]
        : []),
    ].join('\n'),
  );
  const started = handles.filter((h) => !h.reused);
  if (detach || started.length === 0) {
    if (started.length === 0) console.log(`The ${cfg.stack} engine was already running; it keeps running.`);
    console.log('Stop it with `npm run engine -- operaton stop`.');
    return;
  }
  console.log('Ctrl-C stops the nodes started now.');
  await new Promise<void>((resolve, reject) => {
    const watch = setInterval(() => {
      const dead = started.find((h) => !isAlive(h.pid));
      if (!dead) return;
      clearInterval(watch);
      void logTail(dead.logFile).then((tail) =>
        reject(
          new UserFacingError(
            `Engine node ${dead.node} (pid ${dead.pid}) exited. Last log lines:\n${tail}`,
            `See ${dead.logFile}.`,
          ),
        ),
      );
    }, 2_000);
    const stop = () => {
      clearInterval(watch);
      console.log('\nStopping the engine…');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }).finally(async () => {
    await Promise.all(started.map((h) => h.stop()));
    await pg.stop();
  });
  console.log('Engine stopped.');
}

async function status(cfg: StackConfig): Promise<void> {
  const indexes = [...new Set([...cfg.operaton.nodes.map((n) => n.index), ...(await pidFileNodes(cfg))])].sort(
    (a, b) => a - b,
  );
  const nodes = await Promise.all(
    indexes.map(async (node) => ({
      node,
      url: nodeUrl(cfg, node),
      pid: (await runningPid(cfg, node)) ?? null,
      ...(await engineHealth(cfg, node)),
      log: engineLogFile(cfg, node),
    })),
  );
  const cache = await startupCacheState(cfg).catch(() => undefined);
  console.log(
    JSON.stringify(
      {
        stack: cfg.stack,
        nodes,
        startupCache: cache ?? null,
        credentials: cfg.operaton.password ? 'environment' : credentialsFile(cfg),
        trainingLog: trainingLogFile(cfg),
      },
      null,
      2,
    ),
  );
}

async function logs(cfg: StackConfig, args: string[]): Promise<void> {
  const follow = args.includes('-f') || args.includes('--follow');
  const node = Number(args.find((a) => /^\d+$/.test(a)) ?? 0);
  const file = engineLogFile(cfg, node);
  if (!follow) {
    console.log(await logTail(file, 60));
    return;
  }
  await new Promise<void>((resolve) =>
    spawn('tail', ['-n', '60', '-F', file], { stdio: 'inherit' }).on('close', () => resolve()),
  );
}
