import type { Pool } from 'pg';
import type { StackConfig } from '../platform/config';
import { describeFetchError, EngineError, type EngineRestClient } from '../platform/engine-rest';
import { timed, type HealthChecks } from './health';

/**
 * The real checks. The engine is asked through the same REST gateway the API uses for its work (topology:
 * every partition needs a healthy leader); the database with a round trip on the API's own pool; the
 * worker host through its /health.
 */
export function createHealthChecks(cfg: StackConfig, deps: { pool: Pool; engineRest: EngineRestClient }): HealthChecks {
  return {
    engine: () =>
      timed(async () => {
        try {
          const t = await deps.engineRest.topology();
          const partitions = t.brokers.flatMap((b) => b.partitions);
          const missing: number[] = [];
          for (let id = 1; id <= t.partitionsCount; id++) {
            if (!partitions.some((p) => p.partitionId === id && p.role === 'leader' && p.health === 'healthy')) missing.push(id);
          }
          if (missing.length > 0) return { status: 'down', detail: `no healthy leader yet for partition ${missing.join(', ')}` };
          return { status: 'up', detail: `Camunda ${t.gatewayVersion}` };
        } catch (err) {
          if (err instanceof EngineError) {
            const where = `REST gateway ${cfg.engine.restAddress}`;
            if (err.status === 503) return { status: 'down', detail: `${where} does not answer (${describeFetchError(err.cause)})` };
            if (err.status === 504) return { status: 'down', detail: `${where} does not answer in time` };
            return { status: 'down', detail: `${where} answered ${err.status} ${err.title}` };
          }
          throw err;
        }
      }),
    database: () =>
      timed(async () => {
        const r = await deps.pool.query<{ version: string }>("SELECT current_setting('server_version') AS version");
        return { status: 'up', detail: `PostgreSQL ${r.rows[0]?.version ?? ''}`.trim() };
      }),
    workers: () =>
      timed(async () => {
        const url = `http://${cfg.workers.host}:${cfg.workers.metricsPort}/health`;
        let res: Response;
        try {
          res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        } catch (err) {
          return { status: 'down', detail: `worker host at ${cfg.workers.host}:${cfg.workers.metricsPort} does not answer (${describeFetchError(err)})` };
        }
        const body = (await res.json().catch(() => ({}))) as { jobTypes?: string[]; projector?: { active?: boolean; lastError?: string } };
        // A replica whose projector is on standby answers 503 but works its jobs: that is up.
        if (body.projector?.lastError) return { status: 'down', detail: `projector: ${body.projector.lastError}` };
        if (!body.jobTypes) return { status: 'down', detail: `worker host answered ${res.status} without a status` };
        const projector = body.projector?.active ? 'projector active' : 'projector on standby';
        return { status: 'up', detail: `${body.jobTypes.length} job types, ${projector}` };
      }),
  };
}
