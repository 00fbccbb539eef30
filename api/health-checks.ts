import type { Pool } from 'pg';
import type { StackConfig } from '../platform/config';
import type { WorkflowEngine } from '../workflow/port';
import { timed, type HealthChecks } from './health';
import { describeFetchError } from '../platform/errors';
import { partnerName } from '../integrations/common/partners';
import { unreachablePartners } from './monitor/partners';

/**
 * The real checks. The engine through the workflow port the API uses for its work: up when any of its nodes
 * answers (they share one database, so one is enough to work), with its name, version and how many nodes answer;
 * the database with a round trip on the API's own pool; the worker host through its /health.
 */
export function createHealthChecks(cfg: StackConfig, deps: { pool: Pool; workflow: WorkflowEngine }): HealthChecks {
  return {
    engine: () =>
      timed(async () => {
        const s = await deps.workflow.status();
        const name = `${s.engine}${s.version ? ` ${s.version}` : ''}`;
        const upCount = s.nodes.filter((n) => n.up).length;
        const down = s.nodes.filter((n) => !n.up).map((n) => `${n.url}: ${n.error ?? 'no answer'}`);
        if (!s.up)
          return { status: 'down', detail: `${name}: no node answers (${down.join('; ') || 'no nodes configured'})` };
        return {
          status: 'up',
          detail: `${name}, ${upCount} of ${s.nodes.length} nodes up${down.length ? ` (${down.join('; ')})` : ''}`,
        };
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
          return {
            status: 'down',
            detail: `worker host at ${cfg.workers.host}:${cfg.workers.metricsPort} does not answer (${describeFetchError(err)})`,
          };
        }
        const body = (await res.json().catch(() => ({}))) as { jobTypes?: string[]; intake?: { leader?: boolean } };
        if (!res.ok || !body.jobTypes)
          return {
            status: 'down',
            detail: `worker host answered ${res.status}${body.jobTypes ? '' : ' without a status'}`,
          };
        // Only one replica runs intake (advisory lock); the others work jobs all the same.
        const intake = body.intake ? (body.intake.leader ? ', runs intake' : ', intake on standby') : '';
        return { status: 'up', detail: `${body.jobTypes.length} job types${intake}` };
      }),
    partners: () =>
      timed(async () => {
        const down = await unreachablePartners(deps.pool);
        if (down.length === 0) return { status: 'up', detail: 'every partner system answers' };
        const words = down.map(
          (p) =>
            `${partnerName(p.system)} unreachable since ${p.failingSince.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${p.waiting} waiting`,
        );
        return { status: 'degraded', detail: `${words.join('; ')} (steps retry on their own)` };
      }),
  };
}
