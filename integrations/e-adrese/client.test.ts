import { personalCodeFor } from '../../simulators/data/personal-codes';
import { createEAddressSimulator } from '../../simulators/e-adrese';
import { createPrng } from '../../platform/prng';
import { startSimulator, type RunningSimulator } from '../../simulators/kit/testing';
import { PermanentIntegrationError, TransientIntegrationError } from '../common/errors';
import { EAddressClient } from './client';
import type { EAddressMessage } from './schema';

const NOW = new Date('2026-03-02T09:00:00Z');
let sim: RunningSimulator;
let ea: EAddressClient;

beforeEach(async () => {
  sim = await startSimulator(createEAddressSimulator({ now: () => NOW }));
  ea = new EAddressClient({ baseUrl: sim.baseUrl, timeoutMs: 30_000 }); // generous: a busy machine must not fail the test
});
afterEach(() => sim.stop());

const client = personalCodeFor(createPrng(3), new Date(Date.UTC(1992, 8, 17)), 0);
const message = (personalCode: string): EAddressMessage => ({
  recipient: { kind: 'PERSON', personalCode },
  subject: 'Atbilde uz Jūsu iesniegumu',
  body: 'Valsts probācijas dienests ir izskatījis Jūsu iesniegumu par darba grafika maiņu.',
  attachments: [
    {
      fileName: 'atbilde.edoc',
      mediaType: 'application/vnd.etsi.asic-e+zip',
      sizeBytes: 48_213,
      sha256: 'a'.repeat(64),
    },
  ],
  reference: 'case-123',
});

describe('e-adrese client against the e-adrese simulator', () => {
  it('says institutions are always reachable and residents only when active', async () => {
    await expect(ea.getAccount('90000038578')).resolves.toMatchObject({
      kind: 'INSTITUTION',
      active: true,
      address: '_DEFAULT@90000038578',
    });
    await sim.admin.call('PUT', `/accounts/${client}`, { active: false });
    await expect(ea.getAccount(client)).resolves.toMatchObject({ kind: 'PERSON', active: false, address: null });
    await expect(ea.getAccount('nobody')).rejects.toMatchObject({ code: 'INVALID_IDENTIFIER' });
  });

  it('delivers to an active e-address once per Idempotency-Key, and tracks reading', async () => {
    await sim.admin.call('PUT', `/accounts/${client}`, { active: true });
    const receipt = await ea.sendMessage(message(client), { idempotencyKey: 'notify-1' });
    expect(receipt).toMatchObject({
      status: 'DELIVERED',
      recipientAddress: `_PRIVATE@${client.replace('-', '')}`,
      reference: 'case-123',
      readAt: null,
    });
    await expect(ea.sendMessage(message(client), { idempotencyKey: 'notify-1' })).resolves.toEqual(receipt);
    expect((await sim.admin.call<{ messages: unknown[] }>('GET', '/messages')).body.messages).toHaveLength(1);
    await sim.admin.call('POST', `/messages/${receipt.messageId}/read`);
    await expect(ea.getMessage(receipt.messageId)).resolves.toMatchObject({ readAt: NOW.toISOString() });
    await expect(ea.getMessage('00000000-0000-0000-0000-000000000000')).resolves.toBeNull();
  });

  it('refuses a recipient without an active e-address as a permanent error (send by post)', async () => {
    await sim.admin.call('PUT', `/accounts/${client}`, { active: false });
    const err = await ea.sendMessage(message(client), { idempotencyKey: 'notify-2' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentIntegrationError);
    expect(err).toMatchObject({ code: 'RECIPIENT_NOT_ACTIVE', status: 422 });
  });

  it('refuses messages to a mailbox that refuses them as a permanent error, until it is restored', async () => {
    await sim.admin.call('PUT', `/accounts/${client}`, { active: true, refuse: true });
    await expect(ea.getAccount(client)).resolves.toMatchObject({ active: true });
    const err = await ea.sendMessage(message(client), { idempotencyKey: 'notify-refused' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentIntegrationError);
    expect(err).toMatchObject({ code: 'RECIPIENT_REFUSES', status: 403 });
    await sim.admin.call('PUT', `/accounts/${client}`, { active: true });
    // A new request (an officer's resend carries a new key) is delivered; the refused key keeps its answer.
    await expect(ea.sendMessage(message(client), { idempotencyKey: 'notify-refused:resend-1' })).resolves.toMatchObject(
      { status: 'DELIVERED' },
    );
    await expect(ea.sendMessage(message(client), { idempotencyKey: 'notify-refused' })).rejects.toMatchObject({
      code: 'RECIPIENT_REFUSES',
    });
  });

  it('reports injected faults and timeouts as transient', async () => {
    await sim.admin.call('PUT', `/accounts/${client}`, { active: true });
    await sim.admin.setFaults({ errorRate: 1, errorStatus: 429 });
    await expect(ea.sendMessage(message(client), { idempotencyKey: 'notify-3' })).rejects.toMatchObject({
      reason: 'throttled',
    });
    await sim.admin.setFaults({ timeoutRate: 1, timeoutMs: 10_000 });
    const err = await ea
      .sendMessage(message(client), { idempotencyKey: 'notify-3', timeoutMs: 150 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientIntegrationError);
    expect(err).toMatchObject({ reason: 'timeout' });
    await sim.admin.clearFaults();
    await expect(ea.sendMessage(message(client), { idempotencyKey: 'notify-3' })).resolves.toMatchObject({
      status: 'DELIVERED',
    });
  });
});
