/**
 * Outbound notices as the simulators received them, collected while the run goes on (a simulator keeps only
 * its last 10,000 requests), and the duplicates among them: one notice the system acted on more than once.
 */
interface Received {
  seq: number;
  status: number;
  fault: 'error' | 'timeout' | null;
  replayed: boolean;
  response: unknown;
  idempotencyKey: string | null;
  body: Record<string, unknown>;
}

/** What makes two requests the same notice, per simulator and endpoint. */
const SOURCES = [
  {
    system: 'tis',
    endpoint: 'POST /execution-notices',
    identity: (b: Record<string, unknown>) => `${String(b.kind)} ${String(b.rulingId)}`,
  },
  {
    system: 'prois',
    endpoint: 'POST /execution-notices',
    identity: (b: Record<string, unknown>) => `${String(b.kind)} ${String(b.penalOrderId)}`,
  },
  {
    system: 'e-adrese',
    endpoint: 'POST /messages',
    identity: (b: Record<string, unknown>) =>
      JSON.stringify([
        b.recipient,
        b.reference,
        b.subject,
        ((b.attachments as { sha256?: string }[] | undefined) ?? []).map((a) => a.sha256),
      ]),
  },
] as const;

export class NoticeCollector {
  private readonly seen: Record<
    string,
    Map<number, { identity: string; acted: boolean; replayed: boolean; detail: string }>
  > = {};

  constructor(private readonly simulatorsUrl: string) {}

  get items(): Record<string, { identity: string; acted: boolean; replayed: boolean; detail: string }[]> {
    return Object.fromEntries(Object.entries(this.seen).map(([system, m]) => [system, [...m.values()]]));
  }

  /**
   * Reads each log from the start (only the notice endpoint's entries travel) and keeps every entry by its seq:
   * a request that hung is logged only when it ends, after entries that arrived later.
   */
  async collect(): Promise<void> {
    for (const src of SOURCES) {
      const seen = (this.seen[src.system] ??= new Map());
      let after = 0;
      for (;;) {
        const q = new URLSearchParams({ endpoint: src.endpoint, after: String(after), limit: '1000' });
        const res = await fetch(`${this.simulatorsUrl}/${src.system}/_admin/received?${q}`);
        if (!res.ok) throw new Error(`${src.system} received log: ${res.status}`);
        const page = (await res.json()) as { items: Received[]; nextAfter: number; hasMore: boolean };
        for (const it of page.items) {
          // Acted on: registered anew (201), also when the answer was then lost (a timeout after processing keeps
          // the status it would have had). 200 is TIS/ProIS recognising a notice it already has; replays are the
          // Idempotency-Key memory answering a retry: neither registers anything.
          const acted = !it.replayed && it.status === 201;
          seen.set(it.seq, {
            identity: src.identity(it.body ?? {}),
            acted,
            replayed: it.replayed,
            detail: `#${it.seq} ${it.status}${it.fault ? ` ${it.fault}` : ''} key ${it.idempotencyKey}`,
          });
        }
        after = page.nextAfter;
        if (!page.hasMore) break;
      }
    }
  }
}

/** Per simulator: distinct notices acted on, and how many of them were acted on more than once. */
export function duplicateNotices(
  items: NoticeCollector['items'],
): Record<
  string,
  { requests: number; distinct: number; duplicates: number; replayedRetries: number; examples: string[] }
> {
  const out: Record<
    string,
    { requests: number; distinct: number; duplicates: number; replayedRetries: number; examples: string[] }
  > = {};
  for (const [system, list] of Object.entries(items)) {
    const acted = new Map<string, number>();
    for (const it of list) if (it.acted) acted.set(it.identity, (acted.get(it.identity) ?? 0) + 1);
    const dups = [...acted.entries()].filter(([, n]) => n > 1);
    out[system] = {
      requests: list.length,
      distinct: acted.size,
      duplicates: dups.length,
      replayedRetries: list.filter((i) => i.replayed).length,
      examples: dups.slice(0, 5).map(
        ([k, n]) =>
          `${k} × ${n}: ${list
            .filter((i) => i.identity === k)
            .map((i) => i.detail)
            .join(', ')}`,
      ),
    };
  }
  return out;
}
