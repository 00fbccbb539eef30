import type { WorkflowEngine } from '../../workflow/port';

/** The workflow port for handler unit tests: every call is recorded and answers undefined unless given. */
export function fakeWorkflowCalls(
  over: Partial<WorkflowEngine> = {},
): WorkflowEngine & { calls: { method: string; args: unknown[] }[] } {
  const calls: { method: string; args: unknown[] }[] = [];
  return new Proxy({ calls } as unknown as WorkflowEngine & { calls: typeof calls }, {
    get: (target, prop: string) => {
      if (prop === 'calls') return calls;
      if (prop === 'then') return undefined;
      return async (...args: unknown[]) => {
        calls.push({ method: prop, args });
        const impl = (over as Record<string, ((...a: unknown[]) => unknown) | undefined>)[prop];
        return impl ? impl(...args) : undefined;
      };
    },
  });
}
