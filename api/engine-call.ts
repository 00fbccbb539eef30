import { EngineError } from '../platform/engine-rest';
import { HttpProblem, PROBLEM_TYPES } from './problem';

export interface KnownEngineAnswer {
  /** The status to answer with; the engine's by default (e.g. a task gone in a race is a conflict for the user). */
  status?: number;
  title: string;
  /** What happened and what the user should do, in plain words. */
  detail: string;
}

const TYPES: Record<number, string> = { 400: PROBLEM_TYPES.engineRejected, 404: PROBLEM_TYPES.notFound, 409: PROBLEM_TYPES.conflict };

/**
 * Runs an engine call and turns the engine answers the route understands (typically 404 and 409) into
 * problems that say what they mean for this resource. Other engine errors keep their generic mapping
 * (middleware/problems.ts); the engine's own words go to the log either way.
 */
export async function engineCall<T>(call: () => Promise<T>, known: Partial<Record<number, KnownEngineAnswer>>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const answer = err instanceof EngineError ? known[err.status] : undefined;
    if (!answer || !(err instanceof EngineError)) throw err;
    const status = answer.status ?? err.status;
    throw new HttpProblem(status, answer.title, answer.detail, { type: TYPES[status] ?? PROBLEM_TYPES.badRequest, cause: err });
  }
}
