import { registerLookupWorkers } from '../../workers/shared';

/** The job workers of the register look-up (job types `shared.lookup-*`, `shared.save-register-extracts`). */
export const jobWorkers = registerLookupWorkers;
