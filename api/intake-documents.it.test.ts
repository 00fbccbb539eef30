import { Client } from 'pg';
import { loadConfig } from '../platform/config';
import { waitFor } from '../test/support/wait';
import { generateMessage } from '../scenarios/messages';
import { signIn, type StaffSession } from '../platform/staff-sign-in';

/**
 * The supervisor's quarantine and the case documents through the real API of the test stack: messages injected
 * into the TIS simulator's outbox, read by intake, listed, reprocessed, dismissed; a case's start document
 * listed and downloaded as PDF.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const api = cfg.api.publicUrl;
const sim = `http://127.0.0.1:${cfg.simulators.port}`;
const db = new Client({ connectionString: process.env.DATABASE_URL ?? cfg.database.url });

const json = async (res: Response) => ({
  status: res.status,
  type: res.headers.get('content-type'),
  body: (await res.json()) as Record<string, unknown>,
});
let supervisor: StaffSession;
const get = (path: string, as: StaffSession = supervisor) => as.fetch(path);
const post = (path: string, body?: unknown) =>
  supervisor.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const inject = async (message: unknown, query = '') => {
  const res = await fetch(`${sim}/tis/_admin/inject${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { messageId: string };
};
const quarantined = async (messageId: string) =>
  waitFor(`message ${messageId} in the quarantine list`, async () => {
    const page = await json(await get('/api/intake/messages?status=QUARANTINED&system=TIS&pageSize=200'));
    return (page.body.items as { id: number; messageId: string; issues: string[] }[]).find(
      (m) => m.messageId === messageId,
    );
  });

beforeAll(async () => {
  await db.connect();
  supervisor = await signIn(api, 'inese.zarina');
});
afterAll(() => db.end());

describe('intake quarantine API', () => {
  it('lists a malformed message with its reasons, refuses to reprocess it, and dismisses it with a reason', async () => {
    const { messageId } = await inject(
      { messageType: 'RULING_FOR_EXECUTION', rulingId: 'BROKEN-1' },
      '?raw=1&messageId=api-malformed-1',
    );
    const m = await quarantined(messageId);
    expect(m.issues.some((i) => i.startsWith('MALFORMED'))).toBe(true);

    const detail = await json(await get(`/api/intake/messages/${m.id}`));
    expect(detail.body).toMatchObject({ id: m.id, status: 'QUARANTINED', payload: { rulingId: 'BROKEN-1' } });

    const again = await json(await post(`/api/intake/messages/${m.id}/reprocess`));
    expect(again.status).toBe(422);
    expect(again.type).toContain('application/problem+json');
    expect(String(again.body.detail)).toContain('still cannot be accepted');

    const tooShort = await json(await post(`/api/intake/messages/${m.id}/dismiss`, { reason: 'short' }));
    expect(tooShort.status).toBe(422);
    expect(tooShort.body.errors).toEqual([expect.objectContaining({ in: 'body', path: 'reason' })]);
    const dismissed = await json(
      await post(`/api/intake/messages/${m.id}/dismiss`, { reason: 'Testa ziņojums, TIS to atsauca' }),
    );
    expect(dismissed.body).toMatchObject({
      status: 'DISMISSED',
      resolvedBy: 'inese.zarina',
      resolutionNote: 'Testa ziņojums, TIS to atsauca',
    });
    expect((await post(`/api/intake/messages/${m.id}/dismiss`, { reason: 'Testa ziņojums, otrreiz' })).status).toBe(
      409,
    );

    // Only supervisors and administrators manage intake; changes need the CSRF token.
    const officer = await signIn(api, 'ilze.berzina');
    expect((await get('/api/intake/messages', officer)).status).toBe(403);
    expect((await fetch(`${api}/api/intake/messages`)).status).toBe(401);
    const noCsrf = await fetch(`${api}/api/intake/messages/${m.id}/reprocess`, {
      method: 'POST',
      headers: { cookie: supervisor.cookieHeader() },
    });
    expect(noCsrf.status).toBe(403);
    expect(String(((await noCsrf.json()) as { detail: string }).detail)).toContain('X-CSRF-Token');
    const forged = await fetch(`${api}/api/intake/messages/${m.id}/reprocess`, {
      method: 'POST',
      headers: { cookie: `plusflow_session=${'x'.repeat(43)}` },
    });
    expect(forged.status).toBe(401);
  });

  it('reprocesses a quarantined decision once its cause is fixed: the case opens and its process starts', async () => {
    const ruling = generateMessage('tis', {
      seed: 9001,
      measure: 'FORCED_WORK',
      hours: 60,
      municipality: 'Nekurienes novads',
    });
    const { messageId } = await inject(ruling);
    const m = await quarantined(messageId);
    expect(m.issues[0]).toContain('UNKNOWN_MUNICIPALITY');
    // The fix: the person's municipality is corrected in the stored message (as a supervisor would after
    // checking the population register), then the message is reprocessed.
    await db.query(
      `UPDATE inbound_message SET payload = jsonb_set(payload, '{person,municipality}', '"Ogres novads"') WHERE id = $1`,
      [m.id],
    );
    const done = await json(await post(`/api/intake/messages/${m.id}/reprocess`));
    expect(done.body).toMatchObject({ status: 'REPROCESSED', resolvedBy: 'inese.zarina' });
    const caseRow = await waitFor('the reprocessed case to start', async () => {
      const { rows } = await db.query<{ id: number; key: string | null }>(
        'SELECT id, process_instance_key AS key FROM "case" WHERE id = $1',
        [done.body.caseId],
      );
      return rows[0]?.key ? rows[0] : undefined;
    });

    // Documents are read by staff of the case's department; everyone else is refused.
    const { rows: staff } = await db.query<{ officer: string; outsider: string }>(
      `SELECT (SELECT u.username FROM app_user u JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id WHERE r.code = 'officer' AND u.department_id = c.department_id ORDER BY u.id LIMIT 1) AS officer,
              (SELECT u.username FROM app_user u JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id WHERE r.code = 'officer' AND u.department_id <> c.department_id ORDER BY u.id LIMIT 1) AS outsider
       FROM "case" c WHERE c.id = $1`,
      [caseRow.id],
    );
    const officer = await signIn(api, staff[0]!.officer);
    const outsider = await signIn(api, staff[0]!.outsider);
    const docs = await waitFor('the start document', async () => {
      const page = await json(await get(`/api/cases/${caseRow.id}/documents?kind=EXECUTION_START`, officer));
      return (page.body.items as { id: number; fileName: string }[])[0];
    });
    expect((await get(`/api/cases/${caseRow.id}/documents`, outsider)).status).toBe(403);
    expect((await get(`/api/documents/${docs.id}/content`, outsider)).status).toBe(403);
    expect((await fetch(`${api}/api/documents/${docs.id}/content`)).status).toBe(401);
    const pdf = await get(`/api/documents/${docs.id}/content`, officer);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(docs.fileName);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const { rows: audit } = await db.query('SELECT actor FROM audit_log WHERE action = $1 AND entity_id = $2', [
      'document.viewed',
      String(docs.id),
    ]);
    expect(audit.map((a: { actor: string }) => a.actor)).toContain(staff[0]!.officer);
    const missing = await json(await get('/api/documents/99999999/content', officer));
    expect(missing.status).toBe(404);
    expect(String(missing.body.detail)).toContain('99999999');
  });
});
