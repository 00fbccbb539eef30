import { z } from 'zod';

/**
 * What a simulator received: every request to its business endpoints (not to /_admin), with headers,
 * body, the answer's status and what the kit did (fault, idempotent replay). Tests assert on it, e.g. "TIS
 * got exactly one notice for this case" or "both attempts carried the same Idempotency-Key".
 */
export interface ReceivedRequest {
  /** Order of arrival, from 1; the paging cursor. */
  seq: number;
  receivedAt: string;
  method: string;
  path: string;
  /** Route template relative to the system, e.g. "POST /execution-notices"; null when no route matched. */
  endpoint: string | null;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  idempotencyKey: string | null;
  body: unknown;
  status: number;
  /** The answer sent (or that would have been sent, for a request that hung). */
  response: unknown;
  durationMs: number;
  /** error / timeout: an injected fault answered; null otherwise. */
  fault: 'error' | 'timeout' | null;
  latencyMs: number;
  /** The answer was replayed for a repeated Idempotency-Key. */
  replayed: boolean;
}

export const ReceivedQuerySchema = z.object({
  /** Only entries with seq greater than this (paging). */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  /** Exact endpoint template, e.g. "POST /execution-notices". */
  endpoint: z.string().optional(),
  /** Path prefix, e.g. /tis/execution-notices. */
  path: z.string().optional(),
  idempotencyKey: z.string().optional(),
  status: z.coerce.number().int().optional(),
  fault: z.enum(['error', 'timeout', 'none']).optional(),
  replayed: z.enum(['true', 'false']).optional(),
});
export type ReceivedQuery = z.output<typeof ReceivedQuerySchema>;

/** Bodies are kept in full; headers without credentials (real clients will send them one day). */
const HIDDEN_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

export class ReceivedLog {
  private items: ReceivedRequest[] = [];
  private seq = 0;

  constructor(private readonly max = 10_000) {}

  nextSeq(): number {
    return ++this.seq;
  }

  /**
   * Kept in arrival (seq) order, though a request is added when its answer is done: a hanging one (a timeout
   * fault) finishes after later ones, and paging with `after` must neither repeat nor skip entries.
   */
  add(item: ReceivedRequest): void {
    let i = this.items.length;
    while (i > 0 && this.items[i - 1]!.seq > item.seq) i--;
    this.items.splice(i, 0, item);
    // oldest go first: a long-running demo stack must not grow without bound
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
  }

  query(q: ReceivedQuery): { items: ReceivedRequest[]; total: number; nextAfter: number; hasMore: boolean } {
    const matching = this.items.filter(
      (r) =>
        (!q.method || r.method === q.method) &&
        (!q.endpoint || r.endpoint === q.endpoint) &&
        (!q.path || r.path.startsWith(q.path)) &&
        (!q.idempotencyKey || r.idempotencyKey === q.idempotencyKey) &&
        (q.status === undefined || r.status === q.status) &&
        (!q.fault || (q.fault === 'none' ? r.fault === null : r.fault === q.fault)) &&
        (!q.replayed || r.replayed === (q.replayed === 'true')),
    );
    const after = matching.filter((r) => r.seq > q.after);
    const items = after.slice(0, q.limit);
    return {
      items,
      total: matching.length,
      nextAfter: items.at(-1)?.seq ?? q.after,
      hasMore: after.length > items.length,
    };
  }

  clear(): void {
    this.items = [];
  }

  get size(): number {
    return this.items.length;
  }

  snapshot(): unknown {
    return { items: this.items, seq: this.seq };
  }

  restore(data: unknown): void {
    const d = data as { items?: ReceivedRequest[]; seq?: number } | undefined;
    this.items = d?.items ?? [];
    this.seq = d?.seq ?? 0;
  }
}

export function visibleHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || HIDDEN_HEADERS.has(k)) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
