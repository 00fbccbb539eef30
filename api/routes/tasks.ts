import { z } from '../zod';
import { engineCall } from '../engine-call';
import type { EngineRestClient } from '../../platform/engine-rest';
import { ProblemSchema } from '../problem';
import { defineRoute } from '../route';

/** Engine keys are 64-bit integers; they stay strings (a JavaScript number would round them). */
export const EngineKey = z
  .string()
  .regex(/^\d{1,19}$/, 'must be an engine key: a whole number of up to 19 digits')
  .openapi({ description: '64-bit engine key, always as a string', example: '2251799813685263' });

const CompleteTaskBody = z
  .strictObject({
    variables: z.record(z.string(), z.unknown()).openapi({
      description: 'Process variables from the task form; they are merged into the process instance.',
      example: { decision: 'approved' },
    }),
  })
  .openapi('CompleteTask');

/** User-task routes. Authentication and authorisation are applied to this router in app.ts (see AUTH there). */
export function taskRoutes(engineRest: EngineRestClient) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/tasks/:taskKey/complete',
      operationId: 'completeTask',
      summary: 'Complete a user task with the variables from its form',
      description: 'The process moves on to its next step. Completing a task twice, or one someone else is completing, is refused.',
      tags: ['tasks'],
      params: z.object({ taskKey: EngineKey }),
      body: CompleteTaskBody,
      responses: {
        204: { description: 'completed; the process moves on' },
        404: { description: 'the task no longer exists (completed or cancelled)', schema: ProblemSchema },
        409: { description: 'the task is being completed or changed by someone else', schema: ProblemSchema },
        502: { description: 'the engine failed or refused the API', schema: ProblemSchema },
        503: { description: 'the engine is not reachable; nothing was changed', schema: ProblemSchema },
        504: { description: 'the engine did not answer in time; the task may or may not be completed', schema: ProblemSchema },
      },
      handler: async ({ params, body }) => {
        await engineCall(() => engineRest.completeUserTask(params.taskKey, body.variables), {
          404: {
            title: 'Task not found',
            detail: 'The task no longer exists: it was already completed or cancelled. Reload the inbox.',
          },
          409: {
            title: 'Task is being changed',
            detail: 'The task was already completed or is being completed by someone else. Reload the inbox.',
          },
        });
        return { status: 204 };
      },
    }),
  ];
}
