import { getConfig } from '../platform/config';
import { runCli } from '../platform/cli';
import { Progress } from './progress';
import { redactUrl } from '../platform/db/ensure-postgres';
import { startStack } from './stack';
import { cockpitUrl, credentialsFile, restUrl } from '../engine/runner/operaton';
import { scenarioFiles } from '../processes/registry';

/**
 * `npm start`: the whole PLUS Flow stack on this machine, with demo data. Ctrl-C stops everything,
 * including the engine's JVM and an embedded PostgreSQL, so nothing is left running.
 */
runCli(async () => {
  const cfg = getConfig();
  const t0 = Date.now();
  console.log(`\nPLUS Flow — starting the ${cfg.stack} stack (logs: ${cfg.logDir})\n`);
  const stack = await startStack(cfg, {
    seedDemoData: true,
    progress: new Progress(),
    onServiceCrash: (c) =>
      console.error(
        `\n${c.name} stopped unexpectedly (${c.signal ?? `exit code ${c.code}`}); ` +
          (c.restarted
            ? 'it was started again and is running.'
            : `starting it again failed: ${c.restartError ?? 'PLUS Flow is stopping'}.`) +
          `\nIts last lines:\n${c.logTail}\nWhole log: ${c.logFile}${c.restarted ? '' : '\nStop with Ctrl-C and run npm start again.'}\n`,
      ),
  });

  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`
PLUS Flow is running (ready in ${seconds} s).

  Web UI              ${cfg.api.publicUrl}/   (sign in as e.g. ilze.berzina, officer, or inese.zarina, department head; password: ${cfg.identity.demoPassword})
  API docs            ${cfg.api.publicUrl}/api/docs
  Health              ${cfg.api.publicUrl}/health
  Metrics             ${cfg.api.publicUrl}/metrics  ·  workers http://127.0.0.1:${cfg.workers.metricsPort}/metrics
  Engine (Operaton)   ${cfg.operaton.nodes.map((n) => restUrl(n.url)).join(', ')}  (service account ${cfg.operaton.user})
  Engine cockpit      ${cockpitUrl(cfg.operaton.nodes[0]!.url)}  (administrator ${cfg.operaton.adminUser}; passwords: ${cfg.operaton.adminPassword ? 'from the environment' : credentialsFile(cfg)})
  Simulators          http://127.0.0.1:${cfg.simulators.port}/  (TIS, ProIS, IeVP IS, VIIS, IIS VDEĀVK, e-adrese; admin API: docs/simulators.md)
  Database            ${redactUrl(stack.databaseUrl)}
  Logs                ${cfg.logDir}/{operaton-0,simulators,workers,identity,api}.log

  Demo cases          decisions from TIS, ProIS and IeVP IS are taken in at start: ${cfg.api.publicUrl}/api/intake/messages
  Play a scenario     npm run scenario -- ${scenarioFiles()[0] ?? 'processes/<module>/scenarios/<scenario>.yaml'}

Press Ctrl-C to stop everything.
`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping PLUS Flow (in-flight jobs finish first)…`);
    await stack.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
  // Keep the event loop alive while the services run.
  setInterval(() => undefined, 1 << 30);
});
