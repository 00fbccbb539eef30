import { createHash } from 'node:crypto';

/**
 * Idempotency-Key handling as real idempotent APIs do it (IETF draft "The Idempotency-Key HTTP Header Field"):
 *  - first request with a key: processed, its answer stored;
 *  - same key, same request again: the stored answer is replayed (and counted as a duplicate);
 *  - same key while the first is still being processed: 409 IDEMPOTENCY_KEY_IN_USE (retry shortly);
 *  - same key, different request: 422 IDEMPOTENCY_KEY_REUSED (a client bug).
 * Answers of the handler are stored, 2xx and 4xx alike; 5xx and injected faults are not, so a retry runs again.
 */

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface Entry {
  fingerprint: string;
  endpoint: string;
  firstSeenAt: string;
  response: StoredResponse | null; // null while in progress
  duplicates: number;
}

export type Claim =
  | { kind: 'new'; complete(response: StoredResponse): void; abandon(): void }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in-progress' }
  | { kind: 'mismatch'; endpoint: string; firstSeenAt: string };

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  duplicates = 0;
  conflicts = 0;

  /** Synchronous look-up and claim: two concurrent requests with one key can never both be processed. */
  claim(key: string, endpoint: string, fingerprint: string, now: Date): Claim {
    const existing = this.entries.get(key);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        this.conflicts++;
        return { kind: 'mismatch', endpoint: existing.endpoint, firstSeenAt: existing.firstSeenAt };
      }
      existing.duplicates++;
      this.duplicates++;
      return existing.response ? { kind: 'replay', response: existing.response } : { kind: 'in-progress' };
    }
    const entry: Entry = { fingerprint, endpoint, firstSeenAt: now.toISOString(), response: null, duplicates: 0 };
    this.entries.set(key, entry);
    return {
      kind: 'new',
      complete: (response) => {
        entry.response = response;
      },
      abandon: () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    };
  }

  /** Keys seen more than once, with how often they repeated. */
  duplicatesByKey(limit = 100): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, e] of this.entries) {
      if (e.duplicates > 0 && Object.keys(out).length < limit) out[key] = e.duplicates;
    }
    return out;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.duplicates = 0;
    this.conflicts = 0;
  }

  snapshot(): unknown {
    return {
      entries: [...this.entries].filter(([, e]) => e.response !== null),
      duplicates: this.duplicates,
      conflicts: this.conflicts,
    };
  }

  restore(data: unknown): void {
    const d = data as { entries?: [string, Entry][]; duplicates?: number; conflicts?: number } | undefined;
    this.clear();
    for (const [k, e] of d?.entries ?? []) this.entries.set(k, e);
    this.duplicates = d?.duplicates ?? 0;
    this.conflicts = d?.conflicts ?? 0;
  }
}

/** Method, path and body with keys sorted: the same request serialised differently is still the same. */
export function fingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${stableJson(body)}`)
    .digest('hex');
}

export function stableJson(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
