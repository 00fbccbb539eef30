import type { StackConfig } from '../platform/config';
import { EAddressClient, ProisClient, TisClient, VdeavkClient, ViisClient, systemUrl } from '../integrations';
import type { WorkflowEngine } from '../workflow/port';
import type { CallObserver } from '../integrations/common/http';

/**
 * What job handlers reach besides the database: one typed client per external system, the workflow engine
 * (user-task changes, message publication) and a clock. Built once per worker host; tests build their own
 * (pointing at the simulators of the test stack).
 */
export interface WorkerServices {
  tis: TisClient;
  prois: ProisClient;
  viis: ViisClient;
  vdeavk: VdeavkClient;
  eAddress: EAddressClient;
  engine: WorkflowEngine;
  /** Today and now for business dates (schedules, notices); one place to shift in tests. */
  now: () => Date;
}

export function createWorkerServices(
  cfg: StackConfig,
  engine: WorkflowEngine,
  overrides: Partial<WorkerServices> = {},
  observer?: CallObserver,
): WorkerServices {
  const root = cfg.integrations.baseUrl;
  // Every client reports whether its system answers (partner status for the monitor and /health).
  const o = observer ? { observer } : {};
  return {
    tis: new TisClient({ baseUrl: systemUrl(root, 'tis'), ...o }),
    prois: new ProisClient({ baseUrl: systemUrl(root, 'prois'), ...o }),
    viis: new ViisClient({ baseUrl: systemUrl(root, 'viis'), ...o }),
    vdeavk: new VdeavkClient({ baseUrl: systemUrl(root, 'vdeavk'), ...o }),
    eAddress: new EAddressClient({ baseUrl: systemUrl(root, 'e-adrese'), ...o }),
    engine,
    now: () => new Date(),
    ...overrides,
  };
}
