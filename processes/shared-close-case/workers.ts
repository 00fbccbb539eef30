import { closeCase } from '../../workers/shared';

/** The job worker of case closure. */
export const jobWorkers = [closeCase];
