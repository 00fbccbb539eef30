import type { Simulator } from './app';
import type { FaultConfigInput } from './faults';
import type { ReceivedRequest } from './received';
import { serveSimulators } from './server';

/**
 * Test helpers: a simulator on an ephemeral port and a typed handle on its admin API (the same HTTP API
 * docs/simulators.md describes, so tests exercise what people use).
 */
export interface RunningSimulator {
  /** The system's base URL, e.g. http://127.0.0.1:41234/tis: what a client takes. */
  baseUrl: string;
  admin: SimulatorAdmin;
  stop(): Promise<void>;
}

export async function startSimulator(sim: Simulator): Promise<RunningSimulator> {
  const served = await serveSimulators([sim], { port: 0 });
  const baseUrl = `${served.url}${sim.prefix}`;
  return { baseUrl, admin: new SimulatorAdmin(baseUrl), stop: () => served.stop(200) };
}

export class SimulatorAdmin {
  constructor(private readonly baseUrl: string) {}

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}/_admin${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async setFaults(config: FaultConfigInput): Promise<void> {
    await this.ok('PUT', '/faults', config);
  }

  async clearFaults(): Promise<void> {
    await this.ok('DELETE', '/faults');
  }

  /** Injects an inbound message; `raw` stores it even when it breaks the contract. */
  async inject(
    message: unknown,
    opts: { raw?: boolean; messageId?: string } = {},
  ): Promise<{ cursor: number; messageId: string; valid: boolean }> {
    const q = new URLSearchParams({
      ...(opts.raw ? { raw: '1' } : {}),
      ...(opts.messageId ? { messageId: opts.messageId } : {}),
    }).toString();
    return this.ok('POST', `/inject${q ? `?${q}` : ''}`, message);
  }

  async received(
    query: Record<string, string | number> = {},
  ): Promise<{ items: ReceivedRequest[]; total: number; nextAfter: number; hasMore: boolean }> {
    const q = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return this.ok('GET', `/received${q ? `?${q}` : ''}`);
  }

  async stats(): Promise<{
    idempotency: { duplicates: number; conflicts: number; duplicatesByKey: Record<string, number> };
    endpoints: Record<string, { requests: number; byStatus: Record<string, number> }>;
    faults: { injected: Record<string, number> };
  }> {
    return this.ok('GET', '/stats');
  }

  async reset(): Promise<void> {
    await this.ok('POST', '/reset');
  }

  private async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status >= 300) throw new Error(`admin ${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }
}
