import { getConfig } from '../platform/config';
import { runCli } from '../platform/cli';
import { createLogger } from '../platform/logger';
import { Pool } from 'pg';
import { deployProcesses, recordDeployment } from './deploy';
import { ensurePostgres } from '../platform/db/ensure-postgres';
import { createWorkflowFromConfig } from '../workflow';

/** `npm run deploy`: deploys every process module in processes/ to the configured engine. */
runCli(async () => {
  const cfg = getConfig();
  const { engine } = createWorkflowFromConfig(cfg);
  const summary = await deployProcesses(engine, createLogger('deploy', cfg.logLevel));
  const pg = await ensurePostgres(cfg);
  const pool = new Pool({ connectionString: pg.url, max: 1 });
  try {
    await recordDeployment(pool, summary.modules);
  } finally {
    await pool.end();
  }
  for (const m of summary.modules) {
    if (!m.processes.length && !m.forms.length) console.log(`${m.module}: unchanged`);
    for (const p of m.processes)
      console.log(`${m.module}: process ${p.bpmnProcessId} v${p.version} (${p.resourceName})`);
    for (const f of m.forms) console.log(`${m.module}: form ${f.formId} (${f.resourceName})`);
  }
});
