import type { AnyJobWorker, JobWorkerDefinition } from '../framework/definition';
import { defineJobWorker } from '../framework/definition';

/**
 * Community service and minors' public work share their steps (docs/processes/community-service.md §4): one
 * handler serves `community-service.<step>` and `minors-public-work.<step>`. The handler tells them apart by
 * `ctx.bpmnProcessId` or the `limitsProfile` input where the rules differ (age limits, legal representative).
 */
export const WORK_PROCESSES = ['community-service', 'minors-public-work'] as const;
export type WorkProcess = (typeof WORK_PROCESSES)[number];

export function isMinorsProcess(bpmnProcessId: string): boolean {
  return bpmnProcessId === 'minors-public-work';
}

/** The same step registered for both processes. */
export function forBothWorkProcesses<In, Out extends Record<string, unknown>>(
  step: string,
  def: Omit<JobWorkerDefinition<In, Out>, 'type'>,
): AnyJobWorker[] {
  return WORK_PROCESSES.map((p) => defineJobWorker<In, Out>({ ...def, type: `${p}.${step}` }));
}
