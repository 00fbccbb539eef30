import { WorkflowError, type WorkflowErrorKind } from '../workflow/port';
import { HttpProblem, PROBLEM_TYPES } from './problem';

export interface KnownEngineAnswer {
  /** The status to answer with; by default the kind's (not-found 404, gone and conflict 409, rejected 400). */
  status?: number;
  title: string;
  /** What happened and what the user should do, in plain words. */
  detail: string;
}

const DEFAULT_STATUS: Partial<Record<WorkflowErrorKind, number>> = {
  'not-found': 404,
  gone: 409,
  conflict: 409,
  rejected: 400,
};
const TYPES: Record<number, string> = {
  400: PROBLEM_TYPES.engineRejected,
  404: PROBLEM_TYPES.notFound,
  409: PROBLEM_TYPES.conflict,
  422: PROBLEM_TYPES.engineRejected,
};

/**
 * Runs a workflow call and turns the answers the route understands (typically not-found, gone and conflict) into
 * problems that say what they mean for this resource. Other workflow errors keep their generic mapping
 * (middleware/problems.ts); the engine's own words go to the log either way.
 */
export async function engineCall<T>(
  call: () => Promise<T>,
  known: Partial<Record<WorkflowErrorKind, KnownEngineAnswer>>,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const answer = err instanceof WorkflowError ? known[err.kind] : undefined;
    if (!answer || !(err instanceof WorkflowError)) throw err;
    const status = answer.status ?? DEFAULT_STATUS[err.kind] ?? 502;
    throw new HttpProblem(status, answer.title, answer.detail, {
      type: TYPES[status] ?? PROBLEM_TYPES.badRequest,
      cause: err,
    });
  }
}
