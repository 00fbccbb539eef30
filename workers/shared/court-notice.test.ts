import { PermanentIntegrationError, TransientIntegrationError, type TisClient } from '../../integrations';
import { BpmnError } from '../framework/definition';
import { callHandler } from '../framework/testing';
import { memoryDb, memoryJobContext } from '../test-support/memory-prisma';
import { recordNoticeDelivery, sendProisNotice, sendTisNotice } from './court-notice';

/** Sending the prepared execution notice: one registration per notice revision, and the counterpart's refusal mapped. */
const call = {
  system: 'tis',
  operation: 'sendExecutionNotice',
  method: 'POST',
  url: 'http://127.0.0.1/tis/execution-notices',
};
const prepared = {
  id: 5,
  noticeKey: 'case-7:START',
  attempts: 2,
  status: 'PREPARED',
  body: { noticeId: 'VPD-case-7-START', kind: 'START' },
  externalNoticeId: null as string | null,
};

function world(notice = prepared) {
  return memoryDb({ courtNotice: { findUniqueOrThrow: async () => notice, update: async () => ({}) } });
}
function tis(answer: (body: unknown, opts: { idempotencyKey: string }) => Promise<unknown>) {
  const sent: { body: unknown; key: string }[] = [];
  const client = {
    sendExecutionNotice: async (body: unknown, opts: { idempotencyKey: string }) => {
      sent.push({ body, key: opts.idempotencyKey });
      return answer(body, opts);
    },
  } as unknown as TisClient;
  return { client, sent };
}

describe('shared.send-tis-notice / send-prois-notice', () => {
  it('posts the prepared body with the notice key and revision as Idempotency-Key, and keeps the registration number', async () => {
    const db = world();
    const t = tis(async () => ({
      noticeId: 'VPD-case-7-START',
      registrationNumber: 'TIS-PAZ-2026-000042',
      status: 'REGISTERED',
      registeredAt: '2026-03-02T09:00:00.000Z',
    }));
    const out = await callHandler(
      sendTisNotice,
      { noticeId: '5' },
      memoryJobContext(sendTisNotice, db.prisma, { services: { tis: t.client } }),
    );
    expect(out).toEqual({ noticeStatus: 'SENT', externalNoticeId: 'TIS-PAZ-2026-000042' });
    expect(t.sent).toEqual([{ body: prepared.body, key: 'case-7:START#2' }]);
    expect(db.writes).toEqual([
      expect.objectContaining({
        model: 'courtNotice',
        data: { status: 'SENT', externalNoticeId: 'TIS-PAZ-2026-000042', sentAt: new Date('2026-03-02T09:00:00.000Z') },
      }),
    ]);
  });

  it('sends nothing again for a notice already sent (redelivery after the update)', async () => {
    const db = world({ ...prepared, status: 'SENT', externalNoticeId: 'PROIS-PAZ-2026-000007' });
    const p = tis(async () => Promise.reject(new Error('must not be called')));
    const out = await callHandler(
      sendProisNotice,
      { noticeId: 5 },
      memoryJobContext(sendProisNotice, db.prisma, { services: { prois: p.client as never } }),
    );
    expect(out).toEqual({ noticeStatus: 'SENT', externalNoticeId: 'PROIS-PAZ-2026-000007' });
    expect(p.sent).toEqual([]);
    expect(db.writes).toEqual([]);
  });

  it('marks a refused notice REJECTED with the counterpart’s code and reason, and raises NOTICE_REJECTED for the diagram', async () => {
    const db = world();
    const problem = {
      code: 'HOURS_EXCEED_SENTENCE',
      detail: 'Paziņojumā norādīts vairāk stundu, nekā noteikts spriedumā.',
    };
    const t = tis(async () =>
      Promise.reject(
        new PermanentIntegrationError(call, 'rejected', 'answered 422', { status: 422, problem: problem as never }),
      ),
    );
    const err = await callHandler(
      sendTisNotice,
      { noticeId: 5 },
      memoryJobContext(sendTisNotice, db.prisma, { services: { tis: t.client } }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpmnError);
    expect(err).toMatchObject({
      code: 'NOTICE_REJECTED',
      variables: { noticeRejection: { code: 'HOURS_EXCEED_SENTENCE', reason: problem.detail } },
    });
    expect(db.writes).toEqual([
      expect.objectContaining({
        data: { status: 'REJECTED', rejectionCode: 'HOURS_EXCEED_SENTENCE', rejectionReason: problem.detail },
      }),
    ]);
  });

  it('leaves the notice as it was when TIS does not answer, so the engine retries with the same key', async () => {
    const db = world();
    const t = tis(async () =>
      Promise.reject(new TransientIntegrationError(call, 'timeout', 'no answer within 10000 ms')),
    );
    await expect(
      callHandler(
        sendTisNotice,
        { noticeId: 5 },
        memoryJobContext(sendTisNotice, db.prisma, { services: { tis: t.client } }),
      ),
    ).rejects.toBeInstanceOf(TransientIntegrationError);
    expect(db.writes).toEqual([]);
  });
});

describe('shared.record-notice-delivery', () => {
  it('records how the notice reached the court otherwise, on the day given', async () => {
    const db = world();
    const out = await callHandler(
      recordNoticeDelivery,
      {
        noticeId: '5',
        deliveryChannel: 'POST',
        deliveredOn: '2026-03-05T14:00:00+02:00',
        noticeFixNote: 'Nosūtīts ierakstītā vēstulē',
      },
      memoryJobContext(recordNoticeDelivery, db.prisma),
    );
    expect(out).toEqual({ noticeStatus: 'SENT_OTHERWISE' });
    expect(db.writes[0]!.data).toEqual({
      status: 'SENT_OTHERWISE',
      deliveryChannel: 'POST',
      deliveredOn: new Date('2026-03-05T00:00:00Z'),
      deliveryReference: 'Nosūtīts ierakstītā vēstulē',
    });
  });
});
