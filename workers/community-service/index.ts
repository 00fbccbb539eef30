import { endPlacement, generateDocuments, issueWarning, openExecution, recordControlContact, recordHours, recordInspectionAct, startExecution } from './execution';
import { checkHoursReport, recordBreachReview } from './hours-check';
import { generateScheduleWorker, replanScheduleWorker } from './schedule';
import { proposeWorkPlaces, recordAppointment, releaseWorkPlace, reserveWorkPlace } from './work-places';

/**
 * Workers of community service and minors' public work (job types `community-service.*` and
 * `minors-public-work.*`, the same handler for both). Diagrams: processes/community-service,
 * processes/minors-public-work; contract: docs/processes/community-service.md.
 */
export const communityServiceWorkers = [
  ...openExecution,
  ...proposeWorkPlaces,
  ...reserveWorkPlace,
  ...releaseWorkPlace,
  ...recordAppointment,
  ...generateScheduleWorker,
  ...generateDocuments,
  ...startExecution,
  ...checkHoursReport,
  ...recordHours,
  ...recordBreachReview,
  ...issueWarning,
  ...replanScheduleWorker,
  ...recordControlContact,
  ...recordInspectionAct,
  ...endPlacement,
];
