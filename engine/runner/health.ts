import type { StackConfig } from '../../platform/config';

export interface EngineHealth {
  ready: boolean;
  /** Why it is not ready, in words. */
  detail?: string;
  version?: string;
}

interface Topology {
  gatewayVersion?: string;
  brokers?: { partitions?: { partitionId: number; role: string; health: string }[] }[];
}

/** Ready = the management readiness probe answers 200 and every partition has a healthy leader. */
export async function engineHealth(cfg: StackConfig, timeoutMs = 2_000): Promise<EngineHealth> {
  try {
    const readiness = await fetch(`${cfg.engine.managementAddress}/actuator/health/readiness`, { signal: AbortSignal.timeout(timeoutMs) });
    if (readiness.status !== 200) return { ready: false, detail: `readiness probe answered ${readiness.status}` };
    const res = await fetch(`${cfg.engine.restAddress}/v2/topology`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return { ready: false, detail: `topology answered ${res.status}` };
    const topology = (await res.json()) as Topology;
    const partitions = (topology.brokers ?? []).flatMap((b) => b.partitions ?? []);
    const leaders = partitions.filter((p) => p.role === 'leader' && p.health === 'healthy');
    if (leaders.length === 0) return { ready: false, detail: 'no healthy partition leader yet', version: topology.gatewayVersion };
    return { ready: true, version: topology.gatewayVersion };
  } catch (err) {
    const refused = err instanceof TypeError && /fetch failed/.test(err.message);
    return { ready: false, detail: refused ? 'not answering yet' : err instanceof Error ? err.message : String(err) };
  }
}
