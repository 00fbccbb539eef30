import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EAddressClient } from '../../integrations/e-adrese/client';
import { IevpClient } from '../../integrations/ievp/client';
import { ProisClient } from '../../integrations/prois/client';
import { TisClient } from '../../integrations/tis/client';
import { VdeavkClient } from '../../integrations/vdeavk/client';
import { ViisClient } from '../../integrations/viis/client';
import { createEAddressSimulator } from '../../simulators/e-adrese';
import { createIevpSimulator } from '../../simulators/ievp';
import type { Simulator } from '../../simulators/kit/app';
import { startSimulator, type RunningSimulator } from '../../simulators/kit/testing';
import { createProisSimulator } from '../../simulators/prois';
import { createTisSimulator } from '../../simulators/tis';
import { createVdeavkSimulator } from '../../simulators/vdeavk';
import { createViisSimulator } from '../../simulators/viis';

/**
 * Contract tests: each product client (integrations/<system>/) and each simulator (simulators/<system>/) is checked
 * on its own against the same recorded messages in test/contracts/<system>/<exchange>/. The two sides share no
 * code, so a mistake in either reading of the contract fails here. `*.json` are messages both must accept,
 * `rejected/*.json` messages both must refuse, `*.answer.json` the receiving system's recorded answer.
 *
 * The product side runs its real client against a replay of the recording (the client's fetch is given the
 * recorded answer; nothing of the simulator is involved); the simulator side gets the recording over HTTP.
 */
const DIR = __dirname;
const NOW = new Date('2026-03-02T09:00:00Z');
const KEY = { idempotencyKey: 'contract-test' };

function samples(system: string, exchange: string, kind: 'accepted' | 'rejected'): [string, unknown][] {
  const dir = path.join(DIR, system, exchange, ...(kind === 'rejected' ? ['rejected'] : []));
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.answer.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown]);
}

function answer(system: string, exchange: string): unknown {
  const dir = path.join(DIR, system, exchange);
  const file = readdirSync(dir).find((f) => f.endsWith('.answer.json'));
  if (!file) throw new Error(`no recorded answer in ${dir}`);
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown;
}

/** A fetch that answers every call with the recorded body and keeps what was sent. */
function replay(status: number, body: unknown): { fetch: typeof fetch; sent: unknown[] } {
  const sent: unknown[] = [];
  const fake = (async (_url: string | URL | Request, init?: RequestInit) => {
    if (typeof init?.body === 'string') sent.push(JSON.parse(init.body));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetch: fake, sent };
}
const BASE = 'http://recorded.invalid/system';

/** A fresh simulator per test; `post` sends a recording as it is, with the headers the system requires. */
async function withSimulator<T>(create: (o: { now: () => Date }) => Simulator, run: (sim: RunningSimulator, post: (p: string, body: unknown) => Promise<{ status: number; body: unknown }>) => Promise<T>): Promise<T> {
  const sim = await startSimulator(create({ now: () => NOW }));
  const post = async (p: string, body: unknown) => {
    const res = await fetch(`${sim.baseUrl}${p}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'idempotency-key': `contract-${Math.random()}` } });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  try {
    return await run(sim, post);
  } finally {
    await sim.stop();
  }
}

const outboxSystems = [
  { system: 'tis', simulator: createTisSimulator, client: (fetchImpl: typeof fetch) => new TisClient({ baseUrl: BASE, fetch: fetchImpl }) },
  { system: 'prois', simulator: createProisSimulator, client: (fetchImpl: typeof fetch) => new ProisClient({ baseUrl: BASE, fetch: fetchImpl }) },
  { system: 'ievp', simulator: createIevpSimulator, client: (fetchImpl: typeof fetch) => new IevpClient({ baseUrl: BASE, fetch: fetchImpl }) },
];

const page = (payload: unknown) => ({
  messages: [{ cursor: 1, messageId: 'M-1', messageType: (payload as { messageType?: string }).messageType ?? 'UNKNOWN', publishedAt: NOW.toISOString(), payload }],
  nextCursor: 1,
  hasMore: false,
});

describe.each(outboxSystems)('$system outbox', ({ system, simulator, client }) => {
  const accepted = samples(system, 'outbox', 'accepted');
  const rejected = samples(system, 'outbox', 'rejected');

  it('has recorded messages of both kinds', () => {
    expect(accepted.length).toBeGreaterThan(0);
    expect(rejected.length).toBeGreaterThan(0);
  });

  it.each(accepted)('the product client takes %s as it is', async (_f, message) => {
    const { items } = await client(replay(200, page(message)).fetch).poll(0);
    expect(items[0]).toMatchObject({ ok: true, message });
  });

  it.each(rejected)('the product client quarantines %s', async (_f, message) => {
    const { items } = await client(replay(200, page(message)).fetch).poll(0);
    expect(items[0]).toMatchObject({ ok: false, raw: message });
  });

  it.each(accepted)('the simulator publishes %s as it is', (_f, message) =>
    withSimulator(simulator, async (sim) => {
      const r = await sim.admin.call('POST', '/inject', message);
      expect(r.status).toBe(201);
      const served = (await (await fetch(`${sim.baseUrl}/outbox?after=0`)).json()) as { messages: { payload: unknown }[] };
      expect(served.messages.map((m) => m.payload)).toEqual([message]);
    }),
  );

  it.each(rejected)('the simulator refuses to publish %s', (_f, message) =>
    withSimulator(simulator, async (sim) => {
      const r = await sim.admin.call('POST', '/inject', message);
      expect(r.status).toBe(422);
    }),
  );
});

const noticeSystems = [
  { system: 'tis', simulator: createTisSimulator, client: (fetchImpl: typeof fetch) => new TisClient({ baseUrl: BASE, fetch: fetchImpl }), decision: 'ruling-for-execution.json' },
  { system: 'prois', simulator: createProisSimulator, client: (fetchImpl: typeof fetch) => new ProisClient({ baseUrl: BASE, fetch: fetchImpl }), decision: 'penal-order.json' },
];

describe.each(noticeSystems)('$system execution notices', ({ system, simulator, client, decision }) => {
  const accepted = samples(system, 'execution-notices', 'accepted');
  const rejected = samples(system, 'execution-notices', 'rejected');
  const receipt = answer(system, 'execution-notices');
  // The notices are about the recorded decision, which the simulated system must know first.
  const known = JSON.parse(readFileSync(path.join(DIR, system, 'outbox', decision), 'utf8')) as unknown;

  it('has recorded notices', () => expect(accepted.length).toBeGreaterThan(0));

  it.each(accepted)('the product client sends %s as recorded and reads the recorded receipt', async (_f, notice) => {
    const r = replay(201, receipt);
    await expect(client(r.fetch).sendExecutionNotice(notice as never, KEY)).resolves.toEqual(receipt);
    expect(r.sent).toEqual([notice]);
  });

  it.each(rejected)('the product client refuses to send %s', async (_f, notice) => {
    const r = replay(201, receipt);
    await expect(client(r.fetch).sendExecutionNotice(notice as never, KEY)).rejects.toThrow(/breaks the contract/);
    expect(r.sent).toEqual([]);
  });

  it.each(accepted)('the simulator registers %s and answers like the recorded receipt', (_f, notice) =>
    withSimulator(simulator, async (sim, post) => {
      await sim.admin.inject(known);
      const r = await post('/execution-notices', notice);
      expect(r.status).toBe(201);
      expect(Object.keys(r.body as object).sort()).toEqual(Object.keys(receipt as object).sort());
      expect(r.body).toMatchObject({ noticeId: (notice as { noticeId: string }).noticeId, status: 'REGISTERED' });
    }),
  );

  it.each(rejected)('the simulator refuses %s', (_f, notice) =>
    withSimulator(simulator, async (sim, post) => {
      await sim.admin.inject(known);
      expect((await post('/execution-notices', notice)).status).toBe(422);
    }),
  );
});

describe('e-adrese messages', () => {
  const accepted = samples('e-adrese', 'messages', 'accepted');
  const rejected = samples('e-adrese', 'messages', 'rejected');
  const receipt = answer('e-adrese', 'messages');
  const client = (fetchImpl: typeof fetch) => new EAddressClient({ baseUrl: BASE, fetch: fetchImpl });

  it.each(accepted)('the product client sends %s as recorded and reads the recorded receipt', async (_f, message) => {
    const r = replay(201, receipt);
    await expect(client(r.fetch).sendMessage(message as never, KEY)).resolves.toEqual(receipt);
    expect(r.sent).toEqual([message]);
  });

  it.each(rejected)('the product client refuses to send %s', async (_f, message) => {
    const r = replay(201, receipt);
    await expect(client(r.fetch).sendMessage(message as never, KEY)).rejects.toThrow(/breaks the contract/);
    expect(r.sent).toEqual([]);
  });

  it.each(accepted)('the simulator delivers %s and answers like the recorded receipt', (_f, message) =>
    withSimulator(createEAddressSimulator, async (sim, post) => {
      // The recipient has an active e-address (whether one has is the simulated register's data, not the contract).
      const { recipient } = message as { recipient: { personalCode?: string; registrationNumber?: string } };
      await sim.admin.call('PUT', `/accounts/${recipient.personalCode ?? recipient.registrationNumber}`, { active: true });
      const r = await post('/messages', message);
      expect(r.status).toBe(201);
      expect(Object.keys(r.body as object).sort()).toEqual(Object.keys(receipt as object).sort());
      expect(r.body).toMatchObject({ status: 'DELIVERED', reference: (message as { reference?: string }).reference ?? null });
    }),
  );

  it.each(rejected)('the simulator refuses %s', (_f, message) =>
    withSimulator(createEAddressSimulator, async (_sim, post) => {
      expect((await post('/messages', message)).status).toBe(422);
    }),
  );
});

/** Look-ups: the recording is the register's answer about one person. */
const lookups = [
  {
    system: 'viis',
    exchange: 'education',
    simulator: createViisSimulator,
    read: (fetchImpl: typeof fetch, code: string) => new ViisClient({ baseUrl: BASE, fetch: fetchImpl }).getEducation(code),
    record: (a: Record<string, unknown>) => ({ documents: a.documents, enrolment: a.enrolment }),
  },
  {
    system: 'vdeavk',
    exchange: 'disability',
    simulator: createVdeavkSimulator,
    read: (fetchImpl: typeof fetch, code: string) => new VdeavkClient({ baseUrl: BASE, fetch: fetchImpl }).getDisability(code),
    record: (a: Record<string, unknown>) => ({ disability: a.disability }),
  },
];

describe.each(lookups)('$system look-up', ({ system, exchange, simulator, read, record }) => {
  const accepted = samples(system, exchange, 'accepted') as [string, Record<string, unknown> & { personalCode: string }][];
  const rejected = samples(system, exchange, 'rejected') as [string, Record<string, unknown> & { personalCode: string }][];

  it('has recorded answers of both kinds', () => {
    expect(accepted.length).toBeGreaterThan(0);
    expect(rejected.length).toBeGreaterThan(0);
  });

  it.each(accepted)('the product client reads %s as it is', async (_f, a) => {
    await expect(read(replay(200, a).fetch, a.personalCode)).resolves.toEqual(a);
  });

  it.each(rejected)('the product client refuses %s as a contract breach', async (_f, a) => {
    await expect(read(replay(200, a).fetch, a.personalCode)).rejects.toThrow(/breaks the contract/);
  });

  it.each(accepted)('the simulator, holding the record of %s, answers exactly so', (_f, a) =>
    withSimulator(simulator, async (sim) => {
      const put = await sim.admin.call('PUT', `/persons/${a.personalCode}/${exchange}`, record(a));
      expect(put.status).toBe(200);
      const res = await fetch(`${sim.baseUrl}/persons/${a.personalCode}/${exchange}`);
      expect(await res.json()).toEqual(a);
    }),
  );

  it.each(rejected)('the simulator refuses to hold the record of %s', (_f, a) =>
    withSimulator(simulator, async (sim) => {
      const put = await sim.admin.call('PUT', `/persons/${a.personalCode}/${exchange}`, record(a));
      expect(put.status).toBe(422);
    }),
  );
});
