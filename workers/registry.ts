import type { AnyJobWorker } from './framework/definition';
import { moduleFiles } from '../processes/registry';
import { commonStepWorkers } from './shared';

/**
 * Every job worker of PLUS Flow: the common steps any diagram may use (workers/shared) and the workers of each
 * process module (`processes/<id>/workers.ts` exports `jobWorkers`), found by folder like the modules themselves.
 */
export function loadWorkers(): AnyJobWorker[] {
  const all: AnyJobWorker[] = [...commonStepWorkers];
  for (const file of moduleFiles('workers')) {
    // Discovery by folder: a static import here would name every process.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { jobWorkers } = require(file) as { jobWorkers?: readonly AnyJobWorker[] };
    if (!jobWorkers) throw new Error(`${file}: a module's workers.ts must export jobWorkers`);
    all.push(...jobWorkers);
  }
  const seen = new Set<string>();
  for (const w of all) {
    if (seen.has(w.type)) throw new Error(`job type ${w.type} has two workers`);
    seen.add(w.type);
  }
  return all;
}

export const ALL_WORKERS: readonly AnyJobWorker[] = loadWorkers();
