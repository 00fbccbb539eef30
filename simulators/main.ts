import path from 'node:path';
import { parseArgs } from 'node:util';
import { getConfig } from '../platform/config';
import { runCli } from '../platform/cli';
import { createLogger } from '../platform/logger';
import { createAllSimulators } from './index';
import { loadSnapshot, saveSnapshot } from './kit/snapshot';
import { serveSimulators } from './kit/server';

/**
 * `npm run simulators [-- --snapshot <file>]`: every external-system simulator on 127.0.0.1:SIMULATORS_PORT
 * (4000; 4100 in the test stack), each under its prefix (/tis, /prois, /ievp, /viis, /vdeavk, /e-adrese),
 * GET /health for the orchestrator. Outboxes start empty. With --snapshot the state is restored at start and
 * saved every 10 s and at shutdown. Ctrl-C / SIGTERM stops gracefully (held requests are cut after 5 s).
 */
runCli(async () => {
  const cfg = getConfig();
  const log = createLogger('simulators', cfg.logLevel);
  const { values } = parseArgs({ options: { snapshot: { type: 'string' } } });
  const snapshotFile = values.snapshot ? path.resolve(values.snapshot) : undefined;

  const simulators = createAllSimulators({ logger: log });
  if (snapshotFile) {
    const restored = loadSnapshot(snapshotFile, simulators);
    log.info(
      { snapshotFile, restored },
      restored.length ? 'simulator state restored' : 'no snapshot yet: starting empty',
    );
  }
  const served = await serveSimulators(simulators, { port: cfg.simulators.port, log });
  log.info({ url: served.url, systems: simulators.map((s) => `${served.url}${s.prefix}`) }, 'simulators listening');

  const save = () => {
    if (!snapshotFile) return;
    try {
      saveSnapshot(snapshotFile, simulators);
    } catch (err) {
      log.warn({ err, snapshotFile }, 'could not save the simulator snapshot');
    }
  };
  const timer = snapshotFile ? setInterval(save, 10_000) : undefined;
  timer?.unref();

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'simulators shutting down');
    clearInterval(timer);
    void served.stop(5_000).then(() => {
      save();
      log.info('simulators stopped');
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
});
