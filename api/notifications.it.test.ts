import { Client } from 'pg';
import { loadConfig } from '../platform/config';
import { signIn, type StaffSession } from '../platform/staff-sign-in';
import { generateMessage } from '../scenarios/messages';
import { waitFor } from '../test/support/wait';

/**
 * A notification the dispatcher gave up on, through the real test stack: the officer finds it in the client file,
 * sends it again (the worker host's dispatcher delivers it to the e-adrese simulator) or records that it reached the
 * client another way; another department can do neither; a second action on the same notification is refused.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const db = new Client({ connectionString: process.env.DATABASE_URL ?? cfg.database.url });
const sims = `http://127.0.0.1:${cfg.simulators.port}`;

interface View {
  id: number;
  status: string;
  channel: string;
  reason: string | null;
  caseNumber: string | null;
  resends: number;
  deliveryNote: string | null;
  handledBy: string | null;
}
interface Page {
  items: View[];
  total: number;
}

let clientId: number;
let caseId: number;
let caseNumber: string;
let personalCode: string;
let officer: StaffSession;
let outsider: StaffSession;

/** A notification as the dispatcher leaves it after e-adrese refused it for good, queued two days ago. */
async function failedNotification(key: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO notification (case_id, recipient_type, recipient, notification_type, channel, subject, body, idempotency_key, status, external_id, created_at)
     VALUES ($1, 'CLIENT', $2, 'WORK_SCHEDULE', 'E_ADDRESS', 'Darba grafiks', 'Jūsu darba grafiks ir pievienots.', $3, 'FAILED', 'error: e-adrese rejected the request (400)', now() - interval '2 days')
     RETURNING id`,
    [caseId, personalCode, `notifications-it:${process.pid}:${Date.now()}:${key}`],
  );
  return rows[0]!.id;
}

beforeAll(async () => {
  await db.connect();
  const ruling = generateMessage('tis', {
    seed: 6262,
    measure: 'FORCED_WORK',
    hours: 40,
    municipality: 'Jelgavas novads',
  }) as { person: { personalCode: string } };
  personalCode = ruling.person.personalCode;
  const res = await fetch(`${sims}/tis/_admin/inject`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ruling),
  });
  expect(res.status).toBe(201);
  const row = await waitFor(
    'the case of the new ruling',
    async () => {
      const { rows } = await db.query<{
        client_id: number;
        case_id: number;
        case_number: string;
        department_id: number;
      }>(
        `SELECT cl.id AS client_id, c.id AS case_id, c.case_number, c.department_id FROM "case" c JOIN client cl ON cl.id = c.client_id WHERE cl.personal_code = $1`,
        [personalCode],
      );
      return rows[0];
    },
    60_000,
  );
  ({ client_id: clientId, case_id: caseId, case_number: caseNumber } = row);
  const staff = await db.query<{ inside: string; outside: string }>(
    `SELECT (SELECT u.username FROM app_user u JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id WHERE r.code = 'officer' AND u.active AND u.department_id = $1 ORDER BY u.id LIMIT 1) AS inside,
            (SELECT u.username FROM app_user u JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id WHERE r.code = 'officer' AND u.active AND u.department_id <> $1 ORDER BY u.id LIMIT 1) AS outside`,
    [row.department_id],
  );
  [officer, outsider] = await Promise.all([
    signIn(cfg.api.publicUrl, staff.rows[0]!.inside),
    signIn(cfg.api.publicUrl, staff.rows[0]!.outside),
  ]);
  // The cause is mended: the client's e-address is active.
  const account = await fetch(`${sims}/e-adrese/_admin/accounts/${personalCode}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ active: true }),
  });
  expect(account.status).toBe(200);
}, 90_000);
afterAll(async () => {
  await Promise.all([officer?.signOut(), outsider?.signOut()]);
  await db.end();
});

const post = (s: StaffSession, path: string, body?: unknown) =>
  s.fetch(path, {
    method: 'POST',
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });

describe('undelivered notifications', () => {
  it('lists a failed notification in the client file with its reason, and only for the client’s department', async () => {
    const id = await failedNotification('listed');
    const page = (await (await officer.fetch(`/api/clients/${clientId}/notifications?status=FAILED`)).json()) as Page;
    expect(page.items).toContainEqual(
      expect.objectContaining({ id, status: 'FAILED', caseNumber, reason: 'e-adrese rejected the request (400)' }),
    );
    expect((await officer.fetch(`/api/clients/${clientId}/notifications?status=LOST`)).status).toBe(422);
    expect((await outsider.fetch(`/api/clients/${clientId}/notifications`)).status).toBe(403);
    const refused = await post(outsider, `/api/notifications/${id}/resend`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toContain('officers of that department');
  });

  it('sends it again: the dispatcher delivers it to e-adrese with a new window, and a second resend is refused', async () => {
    const id = await failedNotification('resend');
    const res = await post(officer, `/api/notifications/${id}/resend`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: 'PENDING', resends: 1, handledBy: officer.username });
    const sent = await waitFor(
      'the notification delivered by the worker host',
      async () => {
        const { rows } = await db.query<{ status: string; channel: string; external_id: string | null }>(
          'SELECT status, channel, external_id FROM notification WHERE id = $1',
          [id],
        );
        return rows[0]!.status === 'PENDING' ? undefined : rows[0];
      },
      30_000,
    );
    expect(sent).toMatchObject({ status: 'SENT', channel: 'E_ADDRESS' });
    const inbox = (await (await fetch(`${sims}/e-adrese/_admin/messages`)).json()) as {
      messages: { reference: string | null; receipt: { messageId: string } }[];
    };
    expect(inbox.messages.filter((m) => m.reference === `PLUS-N-${id}`).map((m) => m.receipt.messageId)).toEqual([
      sent.external_id,
    ]);
    const again = await post(officer, `/api/notifications/${id}/resend`);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toContain('delivered meanwhile');
    const audit = await db.query('SELECT actor, action FROM audit_log WHERE entity_type = $1 AND entity_id = $2', [
      'notification',
      String(id),
    ]);
    expect(audit.rows).toEqual([{ actor: officer.username, action: 'notification.resent' }]);
  });

  it('records a delivery another way, refusing a note that does not say how', async () => {
    const id = await failedNotification('otherwise');
    const bad = await post(officer, `/api/notifications/${id}/delivered-otherwise`, {
      channel: 'IN_PERSON',
      note: 'ok',
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('must say how and when it was delivered');
    expect(
      (
        await post(officer, `/api/notifications/${id}/delivered-otherwise`, {
          channel: 'PIGEON',
          note: 'Izsniegts klātienē 23.11.',
        })
      ).status,
    ).toBe(422);
    const ok = await post(officer, `/api/notifications/${id}/delivered-otherwise`, {
      channel: 'IN_PERSON',
      note: 'Izsniegts klientam klātienē 23.11., parakstījās.',
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      id,
      status: 'SENT',
      channel: 'IN_PERSON',
      deliveryNote: 'Izsniegts klientam klātienē 23.11., parakstījās.',
      handledBy: officer.username,
    });
    const left = (await (await officer.fetch(`/api/clients/${clientId}/notifications?status=FAILED`)).json()) as Page;
    expect(left.items.map((n) => n.id)).not.toContain(id);
    const audit = await db.query<{ details: { channel: string; previousChannel: string } }>(
      'SELECT details FROM audit_log WHERE entity_type = $1 AND entity_id = $2 AND action = $3',
      ['notification', String(id), 'notification.delivered-otherwise'],
    );
    expect(audit.rows).toEqual([
      { details: expect.objectContaining({ channel: 'IN_PERSON', previousChannel: 'E_ADDRESS' }) },
    ]);
  });
});
