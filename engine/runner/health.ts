import type { StackConfig } from '../../platform/config';

export interface EngineHealth {
  /** The readiness probe answers 200 and partition 1 has a healthy leader. */
  ready: boolean;
  /** GET /v2/topology as the gateway answered it, when it did. */
  topology?: unknown;
  /** Why the engine could not be asked: connection refused, timeout, an HTTP error status. */
  error?: string;
  /** Why it is not ready, in words (set whenever ready is false). */
  detail?: string;
  /** The gateway's version, from the topology. */
  version?: string;
}

interface Topology {
  gatewayVersion?: string;
  brokers?: { partitions?: { partitionId: number; role: string; health: string }[] }[];
}

/**
 * Asks the engine whether it can take work: the management readiness probe, then the gateway's topology
 * for a healthy leader of partition 1. Short timeouts: this runs in polling loops and health endpoints.
 */
export async function engineHealth(cfg: StackConfig, timeoutMs = 2_000): Promise<EngineHealth> {
  const probe = `${cfg.engine.managementAddress}/actuator/health/readiness`;
  let readiness: Response;
  try {
    readiness = await fetch(probe, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    return unreachable(err);
  }
  if (readiness.status !== 200) {
    return { ready: false, detail: `readiness probe answered ${readiness.status}`, error: `GET ${probe}: HTTP ${readiness.status}` };
  }
  const url = `${cfg.engine.restAddress}/v2/topology`;
  let topology: Topology;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return { ready: false, detail: `topology answered ${res.status}`, error: `GET ${url}: HTTP ${res.status}` };
    topology = (await res.json()) as Topology;
  } catch (err) {
    return unreachable(err);
  }
  const partitions = (topology.brokers ?? []).flatMap((b) => b.partitions ?? []);
  const leader = partitions.find((p) => p.partitionId === 1 && p.role === 'leader' && p.health === 'healthy');
  const base = { topology, version: topology.gatewayVersion };
  return leader ? { ready: true, ...base } : { ready: false, detail: 'partition 1 has no healthy leader yet', ...base };
}

function unreachable(err: unknown): EngineHealth {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof Error && err.name === 'TimeoutError') return { ready: false, detail: 'not answering (timeout)', error: message };
  // fetch() reports a refused connection as TypeError('fetch failed') with the reason in `cause`.
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : undefined;
  return { ready: false, detail: 'not answering yet', error: cause ?? message };
}
