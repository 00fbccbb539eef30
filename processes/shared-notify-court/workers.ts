import { courtNoticeWorkers } from '../../workers/shared';

/** The job workers of the notice to court or prosecutor (prepare, send to TIS or ProIS, record delivery). */
export const jobWorkers = courtNoticeWorkers;
