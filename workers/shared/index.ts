import { notifyClient, notifyEmployer } from './notify';
import { escalateTask, sendTaskReminder } from './tasks';

export { closeCase } from './close-case';
export { courtNoticeWorkers } from './court-notice';
export { registerLookupWorkers } from './register-lookup';

/**
 * Steps any diagram may use on its own (job types `shared.*`): notifications, reminders and escalation of user
 * tasks. The steps of the shared call activities are bound by their modules (the workers.ts of each processes/shared-… folder).
 */
export const commonStepWorkers = [notifyClient, notifyEmployer, sendTaskReminder, escalateTask];
