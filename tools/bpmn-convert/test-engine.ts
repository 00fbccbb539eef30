import { startEngineCluster } from '../../test/support/operaton';

/**
 * One real Operaton engine node (engine/app) for the converter's integration test, started by the shared test
 * helper (test/support/operaton.ts: jar built per source hash, scratch database with the engine schema and the
 * read-model tables, free port, service account), plus a REST call with HTTP Basic.
 */
export interface TestEngine {
  url: string;
  logFile: string;
  database: string;
  /** An engine REST call (path after /engine-rest); throws with the engine's answer on a non-2xx status. */
  rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startTestEngine(opts: { readyTimeoutMs?: number } = {}): Promise<TestEngine> {
  const cluster = await startEngineCluster(1, opts);
  const node = cluster.nodes[0];
  if (!node) throw new Error('the engine cluster started no node');
  const auth = `Basic ${Buffer.from(`${cluster.user}:${cluster.password}`).toString('base64')}`;
  const rest = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { authorization: auth };
    const init: RequestInit = { method, headers };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${node.url}/engine-rest${p}`, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${text.slice(0, 3000)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { url: node.url, logFile: node.logFile, database: cluster.database, rest, stop: () => cluster.stop() };
}
