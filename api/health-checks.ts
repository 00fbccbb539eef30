import type { Pool } from 'pg';
import type { StackConfig } from '../platform/config';
import { engineHealth } from '../engine/runner/health';
import { timed, type HealthChecks } from './routes/health';

/** The real checks: engine topology, a database round trip, and the worker host's own /health. */
export function createHealthChecks(cfg: StackConfig, pool: Pool): HealthChecks {
  return {
    engine: () =>
      timed(async () => {
        const h = await engineHealth(cfg);
        return h.ready ? { status: 'up', detail: `Camunda ${h.version ?? ''}`.trim() } : { status: 'down', detail: h.detail ?? 'not ready' };
      }),
    database: () =>
      timed(async () => {
        await pool.query('SELECT 1');
        return { status: 'up' };
      }),
    workers: () =>
      timed(async () => {
        const res = await fetch(`http://${cfg.workers.host}:${cfg.workers.metricsPort}/health`, { signal: AbortSignal.timeout(2_000) });
        const body = (await res.json()) as { status?: string; jobTypes?: string[]; projector?: { lastError?: string } };
        return res.ok
          ? { status: 'up', detail: `job types: ${body.jobTypes?.length ?? 0}` }
          : { status: 'down', detail: body.projector?.lastError ?? `worker host answered ${res.status}` };
      }),
  };
}
