import type { PrismaClient } from '../../prisma/generated/client';
import type { TaskNames } from '../inbox/task-names';
import { partnerOverview } from '../monitor/partners';
import { defineRoute } from '../route';
import { z } from '../zod';

/**
 * Partner systems' status for supervisors (docs/outbound.md, "Partner outages"): whether each answers, since when
 * not, and which steps wait for it. National: partners are shared by every department.
 */
const WaitingCall = z.object({
  jobType: z.string(),
  description: z.string().openapi({ description: 'what the step does, in the worker’s words (English)' }),
  step: z
    .string()
    .nullable()
    .openapi({ description: 'the step’s name in its diagram (Latvian); null when no deployed diagram has its topic' }),
  instanceId: z.string(),
  caseId: z.string().nullable(),
  since: z.string(),
  tries: z.number().int(),
  lastError: z.string(),
});
const Partner = z
  .object({
    system: z.string().openapi({ example: 'tis' }),
    name: z.string().openapi({ example: 'TIS (courts)' }),
    state: z.enum(['up', 'unreachable']),
    lastSuccessAt: z.string().nullable(),
    lastFailureAt: z.string().nullable(),
    failingSince: z
      .string()
      .nullable()
      .openapi({ description: 'first failure of the current outage; null while it answers' }),
    failuresInRow: z.number().int(),
    lastError: z.string().nullable(),
    waiting: z.number().int().openapi({ description: 'steps that retry on their own until the partner answers' }),
    waitingCalls: z.array(WaitingCall),
  })
  .openapi('PartnerStatus');

export function partnerRoutes(deps: { prisma: PrismaClient; names: TaskNames }) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/monitor/partners',
      operationId: 'listPartnerStatus',
      tags: ['monitor'],
      access: 'monitor:read',
      summary:
        'Partner systems (TIS, ProIS, registers, e-adrese): reachable or not, since when, steps waiting for them',
      responses: {
        200: {
          description: 'every partner the workers have called, unreachable first',
          schema: z.object({ items: z.array(Partner) }),
        },
      },
      handler: async () => ({
        status: 200,
        body: { items: await partnerOverview(deps.prisma, await deps.names.stepLookup()) },
      }),
    }),
  ];
}
