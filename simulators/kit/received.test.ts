import { ReceivedLog, ReceivedQuerySchema, type ReceivedRequest } from './received';

const entry = (seq: number): ReceivedRequest => ({
  seq,
  receivedAt: '2026-11-23T09:00:00.000Z',
  method: 'POST',
  path: '/tis/execution-notices',
  endpoint: 'POST /execution-notices',
  query: {},
  headers: {},
  idempotencyKey: `k-${seq}`,
  body: {},
  status: 201,
  response: {},
  durationMs: 1,
  fault: null,
  latencyMs: 0,
  replayed: false,
});

describe('received log', () => {
  it('pages in arrival order although a hanging request is logged after later ones', () => {
    const log = new ReceivedLog();
    // seq 2 hung (a timeout fault) and was logged last
    for (const seq of [1, 3, 4, 2]) log.add(entry(seq));
    const page = (after: number) => log.query(ReceivedQuerySchema.parse({ after, limit: 2 }));
    const first = page(0);
    expect(first.items.map((i) => i.seq)).toEqual([1, 2]);
    const second = page(first.nextAfter);
    expect(second.items.map((i) => i.seq)).toEqual([3, 4]);
    expect(second.hasMore).toBe(false);
  });
});
