import { WorkflowError, type WorkflowEngine } from '../../workflow/port';

/**
 * A typed fake of the workflow port for unit tests: every method answers something harmless unless the test
 * overrides it (`fakeWorkflow({ completeTask: … })`). Calls are recorded by name.
 */
export function fakeWorkflow(
  over: Partial<WorkflowEngine> = {},
): WorkflowEngine & { calls: { method: string; args: unknown[] }[] } {
  const calls: { method: string; args: unknown[] }[] = [];
  const base: WorkflowEngine = {
    status: async () => ({
      up: true,
      engine: 'Operaton',
      version: '1.0.3',
      nodes: [{ url: 'http://127.0.0.1:8090', up: true }],
    }),
    deploy: async () => ({ deploymentId: 'd0000000-0000-1000-8000-000000000000', processes: [], forms: [] }),
    startProcess: async () => ({ instanceId: 'a0000000-0000-1000-8000-000000000000' }),
    findInstances: async () => [],
    correlateMessage: async () => ({ correlated: true }),
    cancelInstance: async () => undefined,
    instanceVariables: async () => ({}),
    setInstanceVariables: async () => undefined,
    claimTask: async () => undefined,
    unclaimTask: async () => undefined,
    completeTask: async () => undefined,
    updateTask: async () => undefined,
    taskForm: async () => null,
    taskVariables: async () => ({}),
    retryIncident: async () => undefined,
    activityStatistics: async () => [],
    openActivities: async () => [],
    instanceHistory: async () => [],
    planMigration: async (sourceDefinitionId, targetDefinitionId) => ({
      sourceDefinitionId,
      targetDefinitionId,
      instructions: [],
      problems: [],
    }),
    migrate: async (_plan, ids) => ({ migrated: [...ids], refused: [] }),
  };
  const merged = { ...base, ...over } as Record<string, unknown>;
  const recorded = Object.fromEntries(
    Object.entries(merged).map(([name, fn]) => [
      name,
      typeof fn === 'function'
        ? (...args: unknown[]) => {
            calls.push({ method: name, args });
            return (fn as (...a: unknown[]) => unknown)(...args);
          }
        : fn,
    ]),
  );
  return Object.assign(recorded as unknown as WorkflowEngine, { calls });
}

/** A WorkflowError as the adapter throws it. */
export const workflowError = (kind: WorkflowError['kind'], detail: string, operation = 'engine call') =>
  new WorkflowError(kind, detail, operation);

/** A workflow id (UUID as the engine makes them) whose last digits are `n`, for readable tests. */
export const wid = (n: number | string) => `933e9538-f02e-11f1-b676-${String(n).padStart(12, '0')}`;
