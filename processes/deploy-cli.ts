import { getConfig } from '../platform/config';
import { runCli } from '../platform/cli';
import { createCamunda8 } from '../platform/engine-client';
import { createLogger } from '../platform/logger';
import { Pool } from 'pg';
import { deployProcesses, recordDeployment } from './deploy';
import { ensurePostgres } from '../platform/db/ensure-postgres';

/** `npm run deploy`: deploys every diagram and form in processes/ to the configured engine. */
runCli(async () => {
  const cfg = getConfig();
  const zeebe = createCamunda8(cfg).getZeebeGrpcApiClient();
  try {
    const summary = await deployProcesses(zeebe, createLogger('deploy', cfg.logLevel));
    const pg = await ensurePostgres(cfg);
    const pool = new Pool({ connectionString: pg.url, max: 1 });
    try {
      await recordDeployment(pool, summary);
    } finally {
      await pool.end();
    }
    for (const p of summary.processes) console.log(`process ${p.bpmnProcessId} v${p.version} (${p.resourceName})`);
    for (const f of summary.forms) console.log(`form ${f.formId} v${f.version} (${f.resourceName})`);
  } finally {
    await zeebe.close();
  }
});
