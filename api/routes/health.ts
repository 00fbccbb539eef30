import { z } from '../zod';
import { checkAll, COMPONENTS, type HealthChecks } from '../health';
import { HttpProblem, PROBLEM_TYPES, ProblemSchema } from '../problem';
import { defineRoute } from '../route';

const Check = z
  .object({
    status: z.enum(['up', 'degraded', 'down']),
    detail: z.string().optional().openapi({ example: 'Operaton 1.0.3, 1 of 1 nodes up' }),
    latencyMs: z.number().int().nonnegative(),
  })
  .openapi('HealthCheck');
const Checks = z.object({
  engine: Check,
  database: Check,
  workers: Check,
  partners: Check.optional().openapi({
    description:
      'partner systems (TIS, ProIS, registers, e-adrese) as the workers see them: up or degraded, never down',
  }),
});
const Healthy = z.object({ status: z.enum(['up', 'degraded']), checks: Checks }).openapi('Health');
const Unhealthy = ProblemSchema.extend({ checks: Checks }).openapi('HealthProblem', {
  description: 'A problem document (application/problem+json) with the result of every check in `checks`',
});

const NAMES = { engine: 'engine', database: 'database', workers: 'worker host' } as const;

/** GET /health (readiness of the whole stack, as the API sees it) and GET /health/live (the process answers). */
export function healthRoutes(checks: HealthChecks) {
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      access: 'public',
      summary: 'Health of the components the API needs: engine, database, workers',
      description:
        '200 when every component is up, or `degraded` when only a partner system does not answer (steps wait and retry; restarting PLUS would not help). Otherwise 503 with a problem document that names what is down; `checks` has every result.',
      tags: ['operations'],
      responses: {
        200: {
          description: 'every component is up (status up), or only partner systems are not (status degraded)',
          schema: Healthy,
        },
        503: { description: 'a component is down', schema: Unhealthy },
      },
      handler: async () => {
        const report = await checkAll(checks);
        if (report.status !== 'down') return { status: 200, body: { status: report.status, checks: report.checks } };
        const down = COMPONENTS.filter((c) => report.checks[c].status === 'down').map(
          (c) => `${NAMES[c]} (${report.checks[c].detail ?? 'no detail'})`,
        );
        throw new HttpProblem(
          503,
          'Not every component is up',
          `Down: ${down.join('; ')}. Start the missing components (npm start) or see their logs.`,
          {
            type: PROBLEM_TYPES.unhealthy,
            extensions: { checks: report.checks },
            headers: { 'Retry-After': '10' },
          },
        );
      },
    }),
    defineRoute({
      method: 'get',
      path: '/health/live',
      operationId: 'getLiveness',
      access: 'public',
      summary: 'Liveness: the API process answers (does not ask other components)',
      tags: ['operations'],
      responses: { 200: { description: 'alive', schema: z.object({ status: z.literal('up') }) } },
      handler: async () => ({ status: 200, body: { status: 'up' } }),
    }),
  ];
}
