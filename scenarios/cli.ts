import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config';
import { runCli } from '../platform/cli';
import { ensurePostgres } from '../platform/db/ensure-postgres';
import { UserFacingError } from '../platform/errors';
import { scenarioFiles } from '../processes/registry';
import { loadScenario, ScenarioRunner } from './runner';

/**
 * `npm run scenario -- <file.yaml> [more files] [--stack dev|test]`: plays scenarios against the running stack
 * (`npm start` for dev) and prints a pass/fail report per step; exit code 1 when any scenario fails.
 */
runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { stack: { type: 'string', default: process.env.PLUSFLOW_STACK ?? 'dev' } },
  });
  if (!positionals.length)
    throw new UserFacingError(
      'Name at least one scenario file.',
      `e.g. npm run scenario -- ${scenarioFiles()[0] ?? 'processes/<module>/scenarios/<scenario>.yaml'}`,
    );
  const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: values.stack });
  const health = await fetch(`${cfg.api.publicUrl}/health`).catch(() => undefined);
  if (!health)
    throw new UserFacingError(
      `No PLUS Flow ${cfg.stack} stack answers at ${cfg.api.publicUrl}.`,
      cfg.stack === 'dev' ? 'Start it with `npm start` in another terminal.' : 'Start the test stack first.',
    );
  const pg = await ensurePostgres(cfg);
  const runner = new ScenarioRunner(cfg, pg.url, (line) => console.log(line));
  let failed = 0;
  try {
    for (const file of positionals) {
      const result = await runner.run(loadScenario(path.resolve(file)));
      const total = result.steps.reduce((s, x) => s + x.ms, 0);
      console.log(
        `${result.ok ? 'PASS' : 'FAIL'} ${result.name} — ${result.steps.filter((s) => s.ok).length}/${result.steps.length} steps, ${(total / 1000).toFixed(1)} s${result.error ? `\n     ${result.error}` : ''}\n`,
      );
      if (!result.ok) failed++;
    }
  } finally {
    await runner.close();
  }
  console.log(`${positionals.length - failed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
});
