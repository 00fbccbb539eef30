import { getConfig } from '../../platform/config';
import { runCli } from '../../platform/cli';
import { UserFacingError } from '../../platform/errors';
import { Progress } from '../../scripts/progress';
import { ensureDistribution } from './distribution';
import { ensureExporterJar } from './exporter-jar';
import { engineHealth } from './health';
import { engineLogFile, logTail, runningPid, startEngine, stopEngine } from './process';

/** `npm run engine -- fetch|start|stop|status|logs` — the engine on its own, for debugging. */
runCli(async () => {
  const cfg = getConfig();
  const command = process.argv[2] ?? 'status';
  const progress = new Progress();
  switch (command) {
    case 'fetch':
      await progress.step(`Camunda ${cfg.engine.version}`, (u) => ensureDistribution(cfg, u), (d) => d);
      await progress.step('Engine exporter', () => ensureExporterJar(cfg), (j) => j);
      return;
    case 'start': {
      await progress.step(`Camunda ${cfg.engine.version}`, (u) => ensureDistribution(cfg, u), (d) => d);
      const engine = await progress.step('Engine', (u) => startEngine(cfg, { databaseUrl: cfg.database.url, onProgress: u }), (e) =>
        e.reused ? `already running (pid ${e.pid})` : `pid ${e.pid}`,
      );
      console.log(`Engine ready: gRPC ${cfg.engine.grpcAddress}, REST ${cfg.engine.restAddress}/v2. Log: ${engine.logFile}. Ctrl-C stops it.`);
      const stop = () => void engine.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      setInterval(() => undefined, 1 << 30);
      return;
    }
    case 'stop':
      console.log((await stopEngine(cfg)) ? 'Engine stopped.' : 'No engine of this stack was running.');
      return;
    case 'status': {
      const pid = await runningPid(cfg);
      const health = await engineHealth(cfg);
      console.log(JSON.stringify({ stack: cfg.stack, pid: pid ?? null, ...health }, null, 2));
      return;
    }
    case 'logs':
      console.log(await logTail(engineLogFile(cfg), 60));
      return;
    default:
      throw new UserFacingError(`Unknown engine command "${command}".`, 'Use one of: fetch, start, stop, status, logs.');
  }
});
