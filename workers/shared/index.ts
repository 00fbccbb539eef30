import { closeCase } from './close-case';
import { courtNoticeWorkers } from './court-notice';
import { notifyClient, notifyEmployer } from './notify';
import { registerLookupWorkers } from './register-lookup';
import { escalateTask, sendTaskReminder } from './tasks';

/** Workers of the shared call activities and steps (job types `shared.*`). */
export const sharedWorkers = [...registerLookupWorkers, ...courtNoticeWorkers, notifyClient, notifyEmployer, sendTaskReminder, escalateTask, closeCase];
