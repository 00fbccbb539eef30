/** The health model of the API: one result per component the API depends on. */

/** degraded: the stack works, but a partner system does not answer (work waits and retries); never a reason to restart. */
export type HealthStatus = 'up' | 'degraded' | 'down';

export interface HealthResult {
  status: HealthStatus;
  /** In words: a version when up, the reason when down. */
  detail?: string;
  latencyMs: number;
}

/** One function per component; each must settle (use `timed`) and never throw. */
export interface HealthChecks {
  engine(): Promise<HealthResult>;
  database(): Promise<HealthResult>;
  workers(): Promise<HealthResult>;
  /** Partner systems as the workers see them: up or degraded, never down (an outage elsewhere is not ours). */
  partners?(): Promise<HealthResult>;
}

export type ComponentName = Exclude<keyof HealthChecks, 'partners'>;
export const COMPONENTS: readonly ComponentName[] = ['engine', 'database', 'workers'];

export interface HealthReport {
  status: HealthStatus;
  checks: Record<ComponentName, HealthResult> & { partners?: HealthResult };
}

/**
 * Runs a check with a deadline and measures it. A check that throws or does not settle in time is reported
 * down with the reason, so one hanging component never hangs /health.
 */
export async function timed(
  check: () => Promise<Omit<HealthResult, 'latencyMs'>>,
  timeoutMs = 3_000,
): Promise<HealthResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ...result, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { status: 'down', detail: describeError(err), latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/** Asks every component at once. A check that breaks its contract (throws) counts as down. */
export async function checkAll(checks: HealthChecks): Promise<HealthReport> {
  const results = await Promise.all(
    COMPONENTS.map((name) =>
      checks[name]().catch((err: unknown): HealthResult => ({
        status: 'down',
        detail: describeError(err),
        latencyMs: 0,
      })),
    ),
  );
  const checksByName: HealthReport['checks'] = Object.fromEntries(
    COMPONENTS.map((name, i) => [name, results[i]!]),
  ) as Record<ComponentName, HealthResult>;
  const status: HealthStatus = results.every((r) => r.status === 'up') ? 'up' : 'down';
  if (!checks.partners) return { status, checks: checksByName };
  // A partner check that fails or hangs is unknown partner status: degraded, not down.
  const partners = await checks
    .partners()
    .catch((err: unknown): HealthResult => ({ status: 'degraded', detail: describeError(err), latencyMs: 0 }));
  checksByName.partners = partners.status === 'down' ? { ...partners, status: 'degraded' } : partners;
  return {
    status: status === 'up' && checksByName.partners.status !== 'up' ? 'degraded' : status,
    checks: checksByName,
  };
}

/** An error in words. Node reports a refused connection to a name with several addresses as an AggregateError without message. */
export function describeError(err: unknown): string {
  const e = (err ?? {}) as { message?: unknown; code?: unknown; name?: unknown; errors?: unknown };
  if (!e.message && Array.isArray(e.errors))
    return [...new Set(e.errors.map(describeError))].join('; ') || 'unknown error';
  for (const v of [e.message, e.code, e.name]) if (typeof v === 'string' && v) return v;
  return String(err);
}
