import type { StackConfig } from '../platform/config';

/** An error answer from the engine's REST API, or the engine not answering (status 503). */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(`engine ${status} ${title}: ${detail}`);
  }
}

export interface EngineRestClient {
  topology(): Promise<unknown>;
  completeUserTask(userTaskKey: string, variables: Record<string, unknown>): Promise<void>;
  assignUserTask(userTaskKey: string, assignee: string, allowOverride?: boolean): Promise<void>;
  unassignUserTask(userTaskKey: string): Promise<void>;
}

/**
 * A thin client of the engine's REST API (`/v2`, the same paths on Camunda 8.6 and 8.9). Engine keys are
 * 64-bit and stay strings all the way: a JavaScript number cannot hold them.
 */
export function createEngineRestClient(cfg: StackConfig, timeoutMs = 10_000): EngineRestClient {
  const base = `${cfg.engine.restAddress}/v2`;
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new EngineError(503, 'Engine unavailable', `The workflow engine did not answer (${err instanceof Error ? err.message : String(err)}).`);
    }
    const text = await res.text();
    if (!res.ok) {
      let problem: { title?: string; detail?: string } = {};
      try {
        problem = JSON.parse(text) as typeof problem;
      } catch {
        // not JSON: keep the text
      }
      throw new EngineError(res.status, problem.title ?? res.statusText, problem.detail ?? text);
    }
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
  return {
    topology: () => call('GET', '/topology'),
    completeUserTask: async (key, variables) => void (await call('POST', `/user-tasks/${encodeURIComponent(key)}/completion`, { variables })),
    assignUserTask: async (key, assignee, allowOverride = false) =>
      void (await call('POST', `/user-tasks/${encodeURIComponent(key)}/assignment`, { assignee, allowOverride })),
    unassignUserTask: async (key) => void (await call('DELETE', `/user-tasks/${encodeURIComponent(key)}/assignee`)),
  };
}
