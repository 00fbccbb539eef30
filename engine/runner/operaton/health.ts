import type { StackConfig } from '../../../platform/config';
import { nodeUrl } from './env';

export interface OperatonHealth {
  ready: boolean;
  /** Operaton's version, e.g. 1.0.3, once the engine answers. */
  version?: string;
  detail: string;
}

/** Readiness of one engine node: `GET /engine-rest/version`, which the app leaves open for probes. */
export async function engineHealth(cfg: StackConfig, node = 0, timeoutMs = 2_000): Promise<OperatonHealth> {
  const url = `${nodeUrl(cfg, node)}/engine-rest/version`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return { ready: false, detail: `${url} answered HTTP ${res.status}` };
    const body = (await res.json()) as { version?: unknown };
    if (typeof body.version !== 'string') return { ready: false, detail: `${url} answered without a version` };
    return { ready: true, version: body.version, detail: `Operaton ${body.version}` };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err instanceof Error ? err.name : String(err));
    return { ready: false, detail: `not answering at ${url} (${cause})` };
  }
}
