import type { AnyJobWorker } from '../framework/definition';
import {
  endPlacement,
  generateDocuments,
  issueWarning,
  openExecution,
  recordControlContact,
  recordHours,
  recordInspectionAct,
  startExecution,
} from './execution';
import { checkHoursReport, recordBreachReview } from './hours-check';
import { generateScheduleWorker, replanScheduleWorker } from './schedule';
import { proposeWorkPlaces, recordAppointment, releaseWorkPlace, reserveWorkPlace } from './work-places';
import type { WorkStep } from './work-step';

/**
 * The steps of the two work processes, community service and minors' public work (contract:
 * docs/processes/community-service.md). Each process module binds them under its own id, so this library names
 * no process: `workStepWorkers('<process id>')` in processes/<id>/workers.ts.
 */
export const WORK_STEPS: readonly WorkStep[] = [
  openExecution,
  proposeWorkPlaces,
  reserveWorkPlace,
  releaseWorkPlace,
  recordAppointment,
  generateScheduleWorker,
  generateDocuments,
  startExecution,
  checkHoursReport,
  recordHours,
  recordBreachReview,
  issueWarning,
  replanScheduleWorker,
  recordControlContact,
  recordInspectionAct,
  endPlacement,
];

export function workStepWorkers(processId: string): AnyJobWorker[] {
  return WORK_STEPS.map((s) => s.forProcess(processId));
}
