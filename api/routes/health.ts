import { z } from '../zod';
import { defineRoute } from '../route';

export type HealthStatus = 'up' | 'down';
export interface HealthResult {
  status: HealthStatus;
  detail?: string;
  latencyMs: number;
}
export interface HealthChecks {
  engine(): Promise<HealthResult>;
  database(): Promise<HealthResult>;
  workers(): Promise<HealthResult>;
}

const Check = z.object({ status: z.enum(['up', 'down']), detail: z.string().optional(), latencyMs: z.number() });
const Health = z.object({ status: z.enum(['up', 'down']), checks: z.object({ engine: Check, database: Check, workers: Check }) }).openapi('Health');

/** Runs a check with a deadline; a check that throws or hangs is reported down with the reason. */
export async function timed(check: () => Promise<Omit<HealthResult, 'latencyMs'>>, timeoutMs = 3_000): Promise<HealthResult> {
  const started = Date.now();
  try {
    const result = await Promise.race([
      check(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { ...result, latencyMs: Date.now() - started };
  } catch (err) {
    return { status: 'down', detail: err instanceof Error ? err.message : String(err), latencyMs: Date.now() - started };
  }
}

export function healthRoutes(checks: HealthChecks) {
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      summary: 'Health of the stack: engine, database, workers',
      tags: ['operations'],
      responses: { 200: { description: 'all up', schema: Health }, 503: { description: 'something is down', schema: Health } },
      handler: async () => {
        const [engine, database, workers] = await Promise.all([checks.engine(), checks.database(), checks.workers()]);
        const up = [engine, database, workers].every((c) => c.status === 'up');
        return { status: up ? 200 : 503, body: { status: up ? 'up' : 'down', checks: { engine, database, workers } } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/health/live',
      summary: 'Liveness: the API process answers',
      tags: ['operations'],
      responses: { 200: { description: 'alive', schema: z.object({ status: z.literal('up') }) } },
      handler: async () => ({ status: 200, body: { status: 'up' } }),
    }),
  ];
}
