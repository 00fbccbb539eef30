/** Reads GET /health: 200 with every check when all is up, 503 problem+json with `checks` otherwise. */

export type Component = 'engine' | 'database' | 'workers';
export const COMPONENTS: readonly Component[] = ['engine', 'database', 'workers'];

export interface Check {
  status: 'up' | 'down';
  detail?: string;
  latencyMs: number;
}

export type HealthView =
  | { kind: 'up' | 'down'; checks: Record<Component, Check>; at: Date }
  /** The server answered, but not with checks (e.g. a problem from a proxy): its words, if any. */
  | { kind: 'failed'; message?: string; at: Date }
  /** No answer at all. */
  | { kind: 'unreachable'; at: Date };

function isCheck(v: unknown): v is Check {
  const c = v as Partial<Check> | null;
  return !!c && (c.status === 'up' || c.status === 'down') && typeof c.latencyMs === 'number';
}

function hasChecks(v: unknown): v is { checks: Record<Component, Check> } {
  const checks = (v as { checks?: Record<string, unknown> } | null)?.checks;
  return !!checks && COMPONENTS.every((c) => isCheck(checks[c]));
}

export async function loadHealth(timeoutMs = 8_000): Promise<HealthView> {
  const at = new Date();
  let res: Response;
  try {
    res = await fetch('/health', {
      headers: { accept: 'application/json, application/problem+json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return { kind: 'unreachable', at };
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (hasChecks(body)) return { kind: res.ok ? 'up' : 'down', checks: body.checks, at };
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  return { kind: 'failed', ...(typeof detail === 'string' ? { message: detail } : {}), at };
}
