import pino from 'pino';
import { loadConfig } from '../../platform/config';
import { createPrisma } from '../../platform/db/prisma';
import { createPrng } from '../../platform/prng';
import { EAddressClient } from '../../integrations';
import { personalCodeFor } from '../../simulators/data/personal-codes';
import { createEAddressSimulator } from '../../simulators/e-adrese';
import { startSimulator, type RunningSimulator } from '../../simulators/kit/testing';
import { migrate } from '../../prisma/migrate';
import { scratchDatabase } from '../../test/support/scratch-db';
import { NotificationDispatcher, RETRY_FOR_MS } from './dispatcher';
import { sendAgain } from './follow-up';

/**
 * The notification dispatcher against a real database (a scratch one: the test stack's own dispatcher would
 * deliver rows queued in its database) and the e-adrese simulator, in-process.
 */
let db: { url: string; drop(): Promise<void> };
let prisma: ReturnType<typeof createPrisma>;
beforeAll(async () => {
  db = await scratchDatabase(process.env.DATABASE_URL ?? loadConfig().database.url, 'plusflow_dispatch');
  await migrate(db.url);
  prisma = createPrisma(db.url);
});
afterAll(async () => {
  await prisma.$disconnect();
  await db.drop();
});
let sim: RunningSimulator;
let dispatcher: NotificationDispatcher;
const run = `${process.pid}-${Date.now()}`;
const person = (i: number) => personalCodeFor(createPrng(i), new Date(Date.UTC(1990, 0, 1 + i)), 0);

beforeEach(async () => {
  sim = await startSimulator(createEAddressSimulator());
  dispatcher = new NotificationDispatcher({
    prisma,
    eAddress: new EAddressClient({ baseUrl: sim.baseUrl, timeoutMs: 500 }),
    log: pino({ level: 'silent' }),
    backoffBaseMs: 1,
  });
});
afterEach(() => sim.stop());

const queue = (recipient: string, key: string) =>
  prisma.notification.create({
    data: {
      recipientType: 'CLIENT',
      recipient,
      notificationType: 'WARNING',
      channel: 'E_ADDRESS',
      subject: 'Brīdinājums',
      body: 'Jums izteikts brīdinājums.',
      idempotencyKey: `${run}:${key}`,
      status: 'PENDING',
    },
  });
const sendUntilSettled = async (id: number) => {
  for (let i = 0; i < 200; i++) {
    await dispatcher.deliverPending();
    const n = await prisma.notification.findUniqueOrThrow({ where: { id } });
    if (n.status !== 'PENDING') return n;
    await new Promise((r) => setTimeout(r, 5));
  }
  return prisma.notification.findUniqueOrThrow({ where: { id } });
};

describe('notification dispatcher', () => {
  it('sends by post when the client has no active e-address, instead of failing the notification', async () => {
    const code = person(1);
    await sim.admin.call('PUT', `/accounts/${code}`, { active: false });
    const n = await sendUntilSettled((await queue(code, 'inactive')).id);
    expect(n).toMatchObject({ status: 'SENT', channel: 'POST', externalId: 'post: no active e-address' });
    expect((await sim.admin.call<{ messages: unknown[] }>('GET', '/messages')).body.messages).toHaveLength(0);
  });

  it('keeps retrying while e-adrese fails, and delivers once when it is back', async () => {
    const code = person(2);
    await sim.admin.call('PUT', `/accounts/${code}`, { active: true });
    await sim.admin.call('PUT', '/faults', { errorRate: 1, errorStatus: 503 });
    const { id } = await queue(code, 'flaky');
    // Far more rounds than the old limit of five attempts: still waiting, not FAILED.
    for (let i = 0; i < 12; i++) {
      await dispatcher.deliverPending();
      await new Promise((r) => setTimeout(r, 40));
    }
    expect((await prisma.notification.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING');
    expect(
      (await sim.admin.call<{ injected: { error: number } }>('GET', '/faults')).body.injected.error,
    ).toBeGreaterThan(5);
    await sim.admin.call('DELETE', '/faults');
    const n = await sendUntilSettled(id);
    expect(n).toMatchObject({ status: 'SENT', channel: 'E_ADDRESS' });
    expect((await sim.admin.call<{ messages: unknown[] }>('GET', '/messages')).body.messages).toHaveLength(1);
  });

  it('sends a FAILED notification again when an officer asks: a new day of retries, and a key of its own', async () => {
    const code = person(3);
    await sim.admin.call('PUT', `/accounts/${code}`, { active: true });
    await sim.admin.setFaults({ errorRate: 1, errorStatus: 400 });
    const { id } = await queue(code, 'resend');
    expect(await sendUntilSettled(id)).toMatchObject({
      status: 'FAILED',
      externalId: expect.stringMatching(/^error: .*400/),
    });
    // Queued two days ago: without its own retry window a transient failure would fail it again at once.
    await prisma.notification.update({ where: { id }, data: { createdAt: new Date(Date.now() - 2 * RETRY_FOR_MS) } });
    await sim.admin.setFaults({ errorRate: 1, errorStatus: 503 });
    const again = await sendAgain(prisma, id, { username: 'ilze.berzina' });
    expect(again).toMatchObject({ status: 'PENDING', resends: 1, handledBy: 'ilze.berzina' });
    for (let i = 0; i < 6; i++) {
      await dispatcher.deliverPending();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await prisma.notification.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING');
    await sim.admin.clearFaults();
    expect(await sendUntilSettled(id)).toMatchObject({ status: 'SENT', channel: 'E_ADDRESS' });
    const sent = (await sim.admin.received({ endpoint: 'POST /messages' })).items.filter((r) => r.status === 201);
    expect(sent.map((r) => r.idempotencyKey)).toEqual([`notification:${run}:resend:resend-1`]);
    await expect(sendAgain(prisma, id, { username: 'ilze.berzina' })).rejects.toThrow(
      'the notification is SENT, not FAILED',
    );
    const audit = await prisma.auditLog.findMany({ where: { entityType: 'notification', entityId: String(id) } });
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'ilze.berzina',
        action: 'notification.resent',
        details: { previousError: expect.stringMatching(/^error: /) },
      }),
    ]);
  });

  it('fails at once on a permanent refusal, with the reason', async () => {
    const { id } = await queue('not-a-code', 'invalid');
    const n = await sendUntilSettled(id);
    expect(n.status).toBe('FAILED');
    expect(n.externalId).toMatch(/^error: /);
  });
});
