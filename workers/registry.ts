import type { AnyJobWorker } from './framework/definition';
import { communityServiceWorkers } from './community-service';
import { platformSmokeWorkers } from './platform-smoke';
import { sharedWorkers } from './shared';

/**
 * Every job worker of PLUS Flow. Each process keeps its workers in `workers/<process>/` and exports them
 * as one list; the host registers all of them.
 */
export const ALL_WORKERS: readonly AnyJobWorker[] = [...platformSmokeWorkers, ...communityServiceWorkers, ...sharedWorkers];
