import type { AnyJobWorker, JobWorkerDefinition } from '../framework/definition';
import { defineJobWorker } from '../framework/definition';

/**
 * Community service and minors' public work share their steps (docs/processes/community-service.md §4): one
 * handler serves the step in every process module that binds it (`<process>.<step>`, processes/<id>/workers.ts).
 * The handler tells the processes apart by the `limitsProfile` input where the rules differ (age limits, legal
 * representative), never by the process id.
 */
export interface WorkStep {
  step: string;
  /** The step's worker for one process: job type `<processId>.<step>`. */
  forProcess: (processId: string) => AnyJobWorker;
}

export function workStep<In, Out extends Record<string, unknown>>(
  step: string,
  def: Omit<JobWorkerDefinition<In, Out>, 'type'>,
): WorkStep {
  return { step, forProcess: (processId) => defineJobWorker<In, Out>({ ...def, type: `${processId}.${step}` }) };
}
