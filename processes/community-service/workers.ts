import { workStepWorkers } from '../../workers/work-steps';
import { processModule } from './process';

/** The job workers of this process: the work steps it shares with the other work process, under its own id. */
export const jobWorkers = workStepWorkers(processModule.id);
