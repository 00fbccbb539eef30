import { z } from '../zod';
import type { EngineRestClient } from '../engine-rest';
import { defineRoute } from '../route';

const TaskKey = z.string().regex(/^\d{1,20}$/, 'a task key is a number of up to 20 digits').openapi({ example: '2251799813685263' });
const Problem = z
  .object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), instance: z.string().optional(), requestId: z.string().optional() })
  .openapi('Problem');

// Authentication and authorisation (issue 5) plug in here: the task routes will be wrapped by the
// session middleware and the role + department scope check, in one place, before any handler runs.
export function taskRoutes(engine: EngineRestClient) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/tasks/:taskKey/complete',
      summary: 'Complete a user task with the variables from its form',
      tags: ['tasks'],
      params: z.object({ taskKey: TaskKey }),
      body: z.object({ variables: z.record(z.string(), z.unknown()).default({}) }).openapi('CompleteTask'),
      responses: {
        204: { description: 'completed; the process moves on' },
        404: { description: 'the task no longer exists (already completed or cancelled)', schema: Problem },
        409: { description: 'the task changed meanwhile', schema: Problem },
        422: { description: 'invalid request', schema: Problem },
        503: { description: 'the engine is not reachable', schema: Problem },
      },
      handler: async ({ params, body }) => {
        await engine.completeUserTask(params.taskKey, body.variables);
        return { status: 204 };
      },
    }),
  ];
}
