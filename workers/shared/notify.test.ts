import { PermanentIntegrationError, TransientIntegrationError, type EAddressClient } from '../../integrations';
import { callHandler } from '../framework/testing';
import { memoryDb, memoryJobContext, memoryNotifications } from '../test-support/memory-prisma';
import { notifyClient, notifyEmployer } from './notify';

/** Notifications to the client, a minor's representative and the employer: the channel rules and one notice per job. */
const client = {
  personalCode: '310107-22392',
  firstName: 'Juris',
  lastName: 'Lācis',
  hasEAddress: false,
  legalRepresentative: null as unknown,
};
const call = {
  system: 'e-adrese',
  operation: 'getAccount',
  method: 'GET',
  url: 'http://127.0.0.1/e-adrese/accounts/x',
};

function world(c: { processKind?: string; client?: Partial<typeof client> } = {}) {
  return memoryDb({
    case: {
      findUniqueOrThrow: async () => ({
        id: 7,
        caseNumber: 'PD-2026-0007',
        processKind: c.processKind ?? 'COMMUNITY_SERVICE',
        client: { ...client, ...c.client },
      }),
    },
    hoursEntry: { aggregate: async () => ({ _sum: { hours: 12 } }) },
    placement: {
      findUniqueOrThrow: async () => ({
        workPlace: { employer: { registrationNo: '40003012345' } },
        case: { caseNumber: 'PD-2026-0007' },
      }),
    },
    notification: memoryNotifications(),
  });
}
const eAddress = (answer: () => Promise<{ active: boolean }>) => ({ getAccount: answer }) as unknown as EAddressClient;
const sent = (db: ReturnType<typeof world>) =>
  db.writes
    .filter((w) => w.model === 'notification')
    .map((w) => w.data as { recipientType: string; recipient: string; channel: string; subject: string; body: string });

describe('shared.notify-client', () => {
  it('uses the official e-address when e-adrese says the client has an active one', async () => {
    const db = world();
    const out = await callHandler(
      notifyClient,
      { caseId: '7', notificationType: 'EXECUTION_STARTED' },
      memoryJobContext(notifyClient, db.prisma, { services: { eAddress: eAddress(async () => ({ active: true })) } }),
    );
    expect(out).toEqual({ notificationId: '1', notificationChannel: 'E_ADDRESS' });
    expect(sent(db)).toEqual([
      expect.objectContaining({ recipientType: 'CLIENT', recipient: client.personalCode, channel: 'E_ADDRESS' }),
    ]);
  });

  it.each([
    [true, 'E_ADDRESS'],
    [false, 'PORTAL'],
  ])(
    'falls back to the case record (e-address: %s) when e-adrese does not answer: %s',
    async (hasEAddress, channel) => {
      const db = world({ client: { hasEAddress } });
      const down = eAddress(async () =>
        Promise.reject(new TransientIntegrationError(call, 'network', 'connection refused')),
      );
      const out = await callHandler(
        notifyClient,
        {
          caseId: 7,
          notificationType: 'APPOINTMENT',
          appointment: { at: '2026-03-09T10:00:00+02:00', place: 'Kuldīgas nodaļa' },
        },
        memoryJobContext(notifyClient, db.prisma, { services: { eAddress: down } }),
      );
      expect(out).toMatchObject({ notificationChannel: channel });
    },
  );

  it('lets a permanent e-adrese error fail the job instead of guessing', async () => {
    const db = world();
    const refused = eAddress(async () => Promise.reject(new PermanentIntegrationError(call, 'rejected', 'forbidden')));
    await expect(
      callHandler(
        notifyClient,
        { caseId: 7, notificationType: 'EXECUTION_STARTED' },
        memoryJobContext(notifyClient, db.prisma, { services: { eAddress: refused } }),
      ),
    ).rejects.toBeInstanceOf(PermanentIntegrationError);
    expect(db.writes).toEqual([]);
  });

  it('tells a minor’s legal representative too, by post without an e-address, in Latvian', async () => {
    const db = world({
      processKind: 'MINORS_PUBLIC_WORK',
      client: { legalRepresentative: { firstName: 'Līga', lastName: 'Lāce', relation: 'māte' } },
    });
    await callHandler(
      notifyClient,
      { caseId: 7, notificationType: 'EXECUTION_STARTED', notifyLegalRepresentative: true },
      memoryJobContext(notifyClient, db.prisma, { services: { eAddress: eAddress(async () => ({ active: false })) } }),
    );
    const [toClient, toRep] = sent(db);
    expect(toClient).toMatchObject({ recipientType: 'CLIENT', channel: 'PORTAL' });
    expect(toRep).toMatchObject({
      recipientType: 'LEGAL_REPRESENTATIVE',
      recipient: `${client.personalCode}:representative`,
      channel: 'POST',
      subject: toClient!.subject,
    });
    expect(toRep!.body).toMatch(/^Informējam Jūs kā nepilngadīgā Juris Lācis likumisko pārstāvi\. /);
  });

  it('queues one notice per job however often the job is delivered', async () => {
    const db = world();
    const ctx = memoryJobContext(notifyClient, db.prisma, {
      services: { eAddress: eAddress(async () => ({ active: true })) },
    });
    const first = await callHandler(notifyClient, { caseId: 7, notificationType: 'EXECUTION_COMPLETED' }, ctx);
    const again = await callHandler(notifyClient, { caseId: 7, notificationType: 'EXECUTION_COMPLETED' }, ctx);
    expect(again).toEqual(first);
    expect(sent(db)).toHaveLength(1);
  });
});

describe('shared.notify-employer', () => {
  it('tells the employer by e-address why the hours report was rejected', async () => {
    const db = world();
    const input = {
      caseId: 7,
      placementId: '3',
      notificationType: 'HOURS_REPORT_REJECTED',
      hoursReport: { reportId: 'HR-12', totalHours: 9 },
      hoursDecisionNote: 'Svētdienās nepilngadīgie nestrādā',
    };
    const ctx = memoryJobContext(notifyEmployer, db.prisma);
    await callHandler(notifyEmployer, input, ctx);
    await callHandler(notifyEmployer, input, ctx);
    expect(sent(db)).toEqual([
      expect.objectContaining({
        recipientType: 'EMPLOYER',
        recipient: '40003012345',
        channel: 'E_ADDRESS',
        subject: 'Stundu ziņojums noraidīts (lieta PD-2026-0007)',
        body: expect.stringContaining('HR-12 (9 h) netika apstiprināts. Iemesls: Svētdienās nepilngadīgie nestrādā.'),
      }),
    ]);
  });
});
