import { spawn } from 'node:child_process';
import { getConfig, type StackConfig } from '../../platform/config';
import { runCli } from '../../platform/cli';
import { ensurePostgres } from '../../platform/db/ensure-postgres';
import { UserFacingError } from '../../platform/errors';
import { Progress } from '../../scripts/progress';
import { ensureDistribution } from './distribution';
import { ensureExporterJar } from './exporter-jar';
import { engineHealth } from './health';
import { OPERATON_USAGE, operatonCommand } from './operaton/cli';
import { engineLogFile, isAlive, logTail, runningPid, startEngine, stopEngine } from './process';

const USAGE = `npm run engine -- fetch | start | stop | status | logs [-f], or ${OPERATON_USAGE}`;

/** `npm run engine -- <command>`: the engine on its own, for debugging and for fetching it ahead of time. */
runCli(async () => {
  const cfg = getConfig();
  const [command = 'status', ...args] = process.argv.slice(2);
  switch (command) {
    case 'fetch':
      return fetchEngine(cfg);
    case 'start':
      return startInForeground(cfg);
    case 'stop':
      console.log((await stopEngine(cfg)) ? 'Engine stopped.' : `No engine of the ${cfg.stack} stack was running.`);
      return;
    case 'status':
      return printStatus(cfg);
    case 'logs':
      return printLogs(cfg, args.includes('-f') || args.includes('--follow'));
    case 'operaton':
      // The Operaton engine app (engine/app), beside the Camunda 8 engine until the stack switches to it.
      return operatonCommand(cfg, args);
    default:
      throw new UserFacingError(`Unknown engine command "${command}".`, `Use ${USAGE}.`);
  }
});

async function fetchEngine(cfg: StackConfig): Promise<void> {
  const progress = new Progress();
  await progress.step(`Camunda ${cfg.engine.version}`, (u) => ensureDistribution(cfg, u), (d) => d);
  await progress.step('Engine exporter', () => ensureExporterJar(cfg), (j) => j);
}

/** Starts the engine and keeps it until Ctrl-C; an engine that was already running is left alone. */
async function startInForeground(cfg: StackConfig): Promise<void> {
  const progress = new Progress();
  await progress.step(`Camunda ${cfg.engine.version}`, (u) => ensureDistribution(cfg, u), (d) => d);
  // The exporter needs its database; this also creates it (or runs an embedded PostgreSQL) if needed.
  const pg = await progress.step('PostgreSQL', (u) => ensurePostgres(cfg, { onProgress: u }), (p) => (p.embedded ? 'embedded server' : 'reachable'));
  const engine = await progress.step(
    'Engine',
    (u) => startEngine(cfg, { databaseUrl: pg.url, onProgress: u }),
    (e) => (e.reused ? `already running (pid ${e.pid})` : `pid ${e.pid}`),
  );
  if (engine.reused) {
    console.log(`The ${cfg.stack} engine was already running; it keeps running. Stop it with \`npm run engine -- stop\`.`);
    return;
  }
  console.log(`Engine ready: gRPC ${cfg.engine.grpcAddress}, REST ${cfg.engine.restAddress}/v2. Log: ${engine.logFile}. Ctrl-C stops it.`);
  await new Promise<void>((resolve, reject) => {
    const watch = setInterval(() => {
      if (isAlive(engine.pid)) return;
      clearInterval(watch);
      void logTail(engine.logFile).then((tail) =>
        reject(new UserFacingError(`The engine (pid ${engine.pid}) exited. Last log lines:\n${tail}`, `See ${engine.logFile}.`)),
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
    await engine.stop();
    await pg.stop();
  });
  console.log('Engine stopped.');
}

async function printStatus(cfg: StackConfig): Promise<void> {
  const pid = await runningPid(cfg);
  const { topology: _topology, ...health } = await engineHealth(cfg);
  const e = cfg.engine;
  const ports = { grpc: e.grpcPort, rest: e.restPort, management: e.managementPort, command: e.commandPort, internal: e.internalPort };
  console.log(JSON.stringify({ stack: cfg.stack, version: e.version, pid: pid ?? null, ...health, ports, log: engineLogFile(cfg) }, null, 2));
}

async function printLogs(cfg: StackConfig, follow: boolean): Promise<void> {
  const file = engineLogFile(cfg);
  if (!follow) {
    console.log(await logTail(file, 60));
    return;
  }
  await new Promise<void>((resolve) => spawn('tail', ['-n', '60', '-F', file], { stdio: 'inherit' }).on('close', () => resolve()));
}
