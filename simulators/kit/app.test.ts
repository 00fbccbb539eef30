import request from 'supertest';
import { z } from 'zod';
import { createSimulatorApp, type Simulator } from './app';
import { Outbox } from './outbox';
import { SimProblem } from './problem';
import { route } from './route';
import { startSimulator } from './testing';

const NOW = new Date('2026-03-02T09:00:00Z');
const OrderSchema = z.object({ item: z.string(), qty: z.number().int().min(1) }).strict();
const PingSchema = z.discriminatedUnion('messageType', [
  z.object({ messageType: z.literal('PING'), id: z.string().min(1) }),
]);

/** A toy system: POST /orders counts how often its handler really ran. */
function toy(): { sim: Simulator; runs: () => number; hold: () => () => void } {
  let runs = 0;
  let gate: Promise<void> | null = null;
  const sim = createSimulatorApp(
    'toy',
    [
      route({
        method: 'POST',
        path: '/orders',
        body: OrderSchema,
        handle: async (req) => {
          runs++;
          if (gate) await gate;
          if (req.body.item === 'forbidden')
            throw new SimProblem(422, 'FORBIDDEN_ITEM', 'Forbidden item', 'Not sold here.');
          if (req.body.item === 'crash') return { status: 500, body: { detail: 'handler failed' } };
          return { status: 201, body: { orderId: `O-${runs}`, ...req.body } };
        },
      }),
      route({ method: 'GET', path: '/orders/:id', handle: (req) => ({ status: 200, body: { id: req.params.id } }) }),
    ],
    {
      now: () => NOW,
      inbound: {
        schema: PingSchema,
        outbox: new Outbox(),
        generate: (rng) => ({ messageType: 'PING' as const, id: `P-${rng.int(1, 999)}` }),
      },
    },
  );
  return {
    sim,
    runs: () => runs,
    hold: () => {
      let release = () => undefined as void;
      gate = new Promise<void>((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

const order = { item: 'galds', qty: 2 };

describe('simulator kit: Idempotency-Key', () => {
  it('answers a repeated key with the first answer, runs the handler once and counts the duplicate', async () => {
    const { sim, runs } = toy();
    const http = request(sim.app.callback());
    const first = await http.post('/toy/orders').set('Idempotency-Key', 'k-1').send(order);
    const second = await http.post('/toy/orders').set('Idempotency-Key', 'k-1').send({ qty: 2, item: 'galds' }); // same request, keys reordered
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(runs()).toBe(1);

    const stats = (await http.get('/toy/_admin/stats')).body;
    expect(stats.idempotency).toMatchObject({ keys: 1, duplicates: 1, duplicatesByKey: { 'k-1': 1 } });
    const received = (await http.get('/toy/_admin/received').query({ idempotencyKey: 'k-1' })).body;
    expect(received.items.map((r: { replayed: boolean }) => r.replayed)).toEqual([false, true]);
    expect(received.items[0].headers['idempotency-key']).toBe('k-1');
  });

  it('refuses a key reused for a different request and a POST without key', async () => {
    const { sim, runs } = toy();
    const http = request(sim.app.callback());
    await http.post('/toy/orders').set('Idempotency-Key', 'k-2').send(order).expect(201);
    const reused = await http
      .post('/toy/orders')
      .set('Idempotency-Key', 'k-2')
      .send({ ...order, qty: 3 });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const missing = await http.post('/toy/orders').send(order);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('IDEMPOTENCY_KEY_MISSING');
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(runs()).toBe(1);
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_USE while the first request with the key is still running', async () => {
    const { sim, runs, hold } = toy();
    const http = request(sim.app.callback());
    const release = hold();
    const first = http
      .post('/toy/orders')
      .set('Idempotency-Key', 'k-3')
      .send(order)
      .then((r) => r);
    await new Promise((r) => setTimeout(r, 50));
    const concurrent = await http.post('/toy/orders').set('Idempotency-Key', 'k-3').send(order);
    expect(concurrent.status).toBe(409);
    expect(concurrent.body.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    expect(concurrent.headers['retry-after']).toBe('1');
    release();
    expect((await first).status).toBe(201);
    expect(runs()).toBe(1);
  });

  it('replays the handler’s 4xx answers but lets a 5xx run again', async () => {
    const { sim, runs } = toy();
    const http = request(sim.app.callback());
    const refused = await http.post('/toy/orders').set('Idempotency-Key', 'k-4').send({ item: 'forbidden', qty: 1 });
    const again = await http.post('/toy/orders').set('Idempotency-Key', 'k-4').send({ item: 'forbidden', qty: 1 });
    expect([refused.status, again.status]).toEqual([422, 422]);
    expect(again.body).toEqual(refused.body);
    expect(runs()).toBe(1);
    await http.post('/toy/orders').set('Idempotency-Key', 'k-5').send({ item: 'crash', qty: 1 }).expect(500);
    await http.post('/toy/orders').set('Idempotency-Key', 'k-5').send({ item: 'crash', qty: 1 }).expect(500);
    expect(runs()).toBe(3);
  });

  it('validates the body before claiming the key', async () => {
    const { sim } = toy();
    const http = request(sim.app.callback());
    const bad = await http.post('/toy/orders').set('Idempotency-Key', 'k-6').send({ item: 'galds', qty: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'VALIDATION', errors: [{ path: 'qty' }] });
    await http.post('/toy/orders').set('Idempotency-Key', 'k-6').send(order).expect(201);
  });
});

describe('simulator kit: faults and the received log', () => {
  it('answers injected errors without processing, never faults the admin API, and records everything', async () => {
    const { sim, runs } = toy();
    const http = request(sim.app.callback());
    await http.put('/toy/_admin/faults').send({ errorRate: 1, errorStatus: 503, seed: 4 }).expect(200);
    const failed = await http.post('/toy/orders').set('Idempotency-Key', 'k-7').send(order);
    expect(failed.status).toBe(503);
    expect(failed.body.code).toBe('INJECTED_FAULT');
    expect(failed.headers['retry-after']).toBe('1');
    expect(runs()).toBe(0);
    await http.get('/toy/_admin/stats').expect(200);

    await http.delete('/toy/_admin/faults').expect(200);
    await http.post('/toy/orders').set('Idempotency-Key', 'k-7').send(order).expect(201); // the fault claimed nothing
    const stats = (await http.get('/toy/_admin/stats')).body;
    expect(stats.faults.injected.error).toBe(1);
    expect(stats.endpoints['POST /orders']).toEqual({ requests: 2, byStatus: { '201': 1, '503': 1 } });
    const faulted = (await http.get('/toy/_admin/received').query({ fault: 'error' })).body;
    expect(faulted.items).toHaveLength(1);
    expect(faulted.items[0]).toMatchObject({ status: 503, fault: 'error', endpoint: 'POST /orders', body: order });
  });

  it('rejects an invalid fault configuration', async () => {
    const { sim } = toy();
    const r = await request(sim.app.callback()).put('/toy/_admin/faults').send({ errorRate: 2 });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe('errorRate');
  });

  it('pages and filters what it received, and forgets on DELETE', async () => {
    const { sim } = toy();
    const http = request(sim.app.callback());
    for (let i = 0; i < 5; i++) await http.get(`/toy/orders/${i}`);
    await http.post('/toy/orders').set('Idempotency-Key', 'k-8').send(order);
    await http.get('/toy/nowhere');
    const page1 = (await http.get('/toy/_admin/received').query({ method: 'GET', limit: 2 })).body;
    expect(page1).toMatchObject({ total: 6, hasMore: true });
    expect(page1.items.map((r: { path: string }) => r.path)).toEqual(['/toy/orders/0', '/toy/orders/1']);
    const page2 = (await http.get('/toy/_admin/received').query({ method: 'GET', limit: 10, after: page1.nextAfter }))
      .body;
    expect(page2.items).toHaveLength(4);
    expect(page2.items.at(-1)).toMatchObject({ path: '/toy/nowhere', endpoint: null, status: 404 });
    expect((await http.get('/toy/_admin/received').query({ endpoint: 'POST /orders' })).body.total).toBe(1);
    expect((await http.delete('/toy/_admin/received')).body).toEqual({ cleared: 7 });
    expect((await http.get('/toy/_admin/received')).body.total).toBe(0);
  });

  it('answers unknown routes and methods with problem documents', async () => {
    const { sim } = toy();
    const http = request(sim.app.callback());
    const missing = await http.get('/toy/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const method = await http.delete('/toy/orders');
    expect(method.status).toBe(405);
    const malformed = await http
      .post('/toy/orders')
      .set('Idempotency-Key', 'k-9')
      .set('Content-Type', 'application/json')
      .send('{"item":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');
  });
});

describe('simulator kit: timeouts', () => {
  it('holds a request until the client gives up, without processing it', async () => {
    const { sim, runs } = toy();
    const running = await startSimulator(sim);
    try {
      await running.admin.setFaults({ timeoutRate: 1, timeoutMs: 10_000 });
      const started = Date.now();
      const attempt = fetch(`${running.baseUrl}/orders`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-10' },
        body: JSON.stringify(order),
        signal: AbortSignal.timeout(150),
      });
      await expect(attempt).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(Date.now() - started).toBeLessThan(2_000);
      await waitFor(async () => (await running.admin.received({ fault: 'timeout' })).total === 1);
      expect(runs()).toBe(0);
    } finally {
      await running.stop();
    }
  });

  it('with timeoutAfterProcessing, processes, loses the answer, and replays it to the retry', async () => {
    const { sim, runs } = toy();
    const running = await startSimulator(sim);
    try {
      await running.admin.setFaults({ timeoutRate: 1, timeoutMs: 10_000, timeoutAfterProcessing: true });
      const send = (signal?: AbortSignal) =>
        fetch(`${running.baseUrl}/orders`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-11' },
          body: JSON.stringify(order),
          ...(signal ? { signal } : {}),
        });
      await expect(send(AbortSignal.timeout(150))).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(runs()).toBe(1);
      await running.admin.clearFaults();
      const retry = await send();
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await retry.json()).toEqual({ orderId: 'O-1', ...order });
      expect(runs()).toBe(1);
    } finally {
      await running.stop();
    }
  });
});

describe('simulator kit: outbox', () => {
  it('validates injected messages unless raw=1', async () => {
    const { sim } = toy();
    const http = request(sim.app.callback());
    const bad = await http.post('/toy/_admin/inject').send({ messageType: 'PING' });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toMatch(/id/);
    const raw = await http.post('/toy/_admin/inject?raw=1').send({ messageType: 'PING' });
    expect(raw.status).toBe(201);
    expect(raw.body).toMatchObject({ cursor: 1, valid: false, messageType: 'PING' });
    const good = await http
      .post('/toy/_admin/inject?messageId=m-77')
      .send({ messageType: 'PING', id: 'A', extra: 'dropped' });
    expect(good.body).toMatchObject({ cursor: 2, valid: true, messageId: 'm-77' });
    const page = (await http.get('/toy/outbox')).body;
    expect(page.messages.map((m: { payload: unknown }) => m.payload)).toEqual([
      { messageType: 'PING' },
      { messageType: 'PING', id: 'A' },
    ]);
  });

  it('serves messages after a cursor in pages, and again when asked from an older cursor', async () => {
    const { sim } = toy();
    const http = request(sim.app.callback());
    for (const id of ['a', 'b', 'c'])
      await http.post('/toy/_admin/inject').send({ messageType: 'PING', id }).expect(201);
    const p1 = (await http.get('/toy/outbox').query({ after: 0, limit: 2 })).body;
    expect(p1.messages.map((m: { cursor: number }) => m.cursor)).toEqual([1, 2]);
    expect(p1).toMatchObject({ nextCursor: 2, hasMore: true });
    const p2 = (await http.get('/toy/outbox').query({ after: p1.nextCursor })).body;
    expect(p2.messages.map((m: { payload: { id: string } }) => m.payload.id)).toEqual(['c']);
    expect(p2).toMatchObject({ nextCursor: 3, hasMore: false });
    expect((await http.get('/toy/outbox').query({ after: 3 })).body).toEqual({
      messages: [],
      nextCursor: 3,
      hasMore: false,
    });
    const again = (await http.get('/toy/outbox').query({ after: 0 })).body;
    expect(again.messages.map((m: { messageId: string }) => m.messageId)).toEqual(
      [...p1.messages, ...p2.messages].map((m: { messageId: string }) => m.messageId),
    );
    expect((await http.get('/toy/outbox').query({ after: 'x' })).status).toBe(400);
  });

  it('redelivers on request: the same messageId at a new cursor', async () => {
    const { sim } = toy();
    const http = request(sim.app.callback());
    const first = (await http.post('/toy/_admin/inject').send({ messageType: 'PING', id: 'a' })).body;
    await http.post('/toy/_admin/inject').send({ messageType: 'PING', id: 'b' });
    const r = await http.post('/toy/_admin/redeliver').send({ messageIds: [first.messageId] });
    expect(r.body.redelivered).toEqual([expect.objectContaining({ cursor: 3, messageId: first.messageId, copyOf: 1 })]);
    const page = (await http.get('/toy/outbox').query({ after: 2 })).body;
    expect(page.messages).toEqual([
      expect.objectContaining({ cursor: 3, messageId: first.messageId, payload: { messageType: 'PING', id: 'a' } }),
    ]);
  });

  it('delivers a message twice under duplicateDeliveryRate, the copy later with a new cursor', async () => {
    const { sim } = toy();
    const http = request(sim.app.callback());
    await http.put('/toy/_admin/faults').send({ duplicateDeliveryRate: 1 });
    await http.post('/toy/_admin/inject').send({ messageType: 'PING', id: 'a' });
    const p1 = (await http.get('/toy/outbox').query({ after: 0 })).body;
    expect(p1).toMatchObject({ nextCursor: 1, hasMore: true });
    const p2 = (await http.get('/toy/outbox').query({ after: 1 })).body;
    expect(p2.messages).toHaveLength(1);
    expect(p2.messages[0].messageId).toBe(p1.messages[0].messageId);
    expect(p2.messages[0].cursor).toBe(2);
    expect((await http.get('/toy/outbox').query({ after: 2 })).body.messages).toHaveLength(0); // copies are not copied again
    expect((await http.get('/toy/_admin/stats')).body.faults.injected.duplicateDelivery).toBe(1);
  });

  it('generates valid messages reproducibly from a seed', async () => {
    const { sim } = toy();
    const http = request(sim.app.callback());
    const a = (await http.post('/toy/_admin/generate').send({ count: 3, seed: 12 })).body.injected.map(
      (m: { message: unknown }) => m.message,
    );
    const b = (await http.post('/toy/_admin/generate').send({ count: 3, seed: 12 })).body.injected.map(
      (m: { message: unknown }) => m.message,
    );
    expect(a).toEqual(b);
    expect((await http.get('/toy/outbox')).body.messages).toHaveLength(6);
  });
});

describe('simulator kit: reset and snapshot', () => {
  it('resets everything and restores a snapshot into a fresh simulator', async () => {
    const { sim } = toy();
    const http = request(sim.app.callback());
    await http.post('/toy/orders').set('Idempotency-Key', 'k-12').send(order).expect(201);
    await http.post('/toy/_admin/inject').send({ messageType: 'PING', id: 'a' });
    await http.put('/toy/_admin/faults').send({ errorRate: 0.5, seed: 3 });
    const snap = JSON.parse(JSON.stringify(sim.snapshot())) as unknown;

    const { sim: copy, runs } = toy();
    copy.restore(snap);
    const http2 = request(copy.app.callback());
    expect((await http2.get('/toy/_admin/faults')).body.config).toMatchObject({ errorRate: 0.5, seed: 3 });
    await http2.delete('/toy/_admin/faults');
    const replay = await http2.post('/toy/orders').set('Idempotency-Key', 'k-12').send(order);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(runs()).toBe(0);
    expect((await http2.get('/toy/outbox')).body.messages).toHaveLength(1);

    await http.post('/toy/_admin/reset').expect(200);
    const stats = (await http.get('/toy/_admin/stats')).body;
    expect(stats).toMatchObject({
      received: 0,
      idempotency: { keys: 0 },
      outbox: { messages: 0 },
      faults: { config: { errorRate: 0 } },
    });
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
