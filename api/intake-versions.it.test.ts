import { Client } from 'pg';
import { loadConfig } from '../platform/config';
import { waitFor } from '../test/support/wait';
import { generateMessage } from '../scenarios/messages';
import { signIn, type StaffSession } from '../platform/staff-sign-in';

/**
 * Issue 18 through the real API of the test stack: a message sent again under the same messageId with other content
 * is a new version (kept, diffed, reprocessed), a supervisor corrects a quarantined message's fields (original kept,
 * every change audited), two reprocess calls at the same moment (one 200, one 409, one audit entry), and a ruling
 * sent again under another messageId says which case it was linked to.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const api = cfg.api.publicUrl;
const sim = `http://127.0.0.1:${cfg.simulators.port}`;
const db = new Client({ connectionString: process.env.DATABASE_URL ?? cfg.database.url });
// Unique per run: rulings are unique by id in a database that outlives one run.
const run = Date.now() % 1_000_000;

interface Msg {
  id: number;
  messageId: string;
  status: string;
  issues: string[];
  version: number;
  duplicateCount: number;
  caseId: number | null;
  caseLink: string | null;
}
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> });
let supervisor: StaffSession;
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
const message = (messageId: string, until: (m: Msg) => boolean = () => true) =>
  waitFor(`message ${messageId}`, async () => {
    const page = await json(await supervisor.fetch('/api/intake/messages?system=TIS&pageSize=200'));
    return (page.body.items as Msg[]).find((m) => m.messageId === messageId && until(m));
  });
const audits = async (action: string, id: number) =>
  (
    await db.query<{ actor: string; details: Record<string, unknown> }>(
      'SELECT actor, details FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id',
      [action, String(id)],
    )
  ).rows;

beforeAll(async () => {
  await db.connect();
  supervisor = await signIn(api, 'inese.zarina');
});
afterAll(() => db.end());

describe('intake: versions, corrections, one reprocess', () => {
  it('keeps a corrected resend under the same messageId as version 2, shows the difference, and reprocesses it', async () => {
    const good = generateMessage('tis', { seed: run + 1, measure: 'FORCED_WORK', hours: 40 });
    const bad = { ...good, person: { ...(good.person as object), personalCode: '1'.repeat(32) } };
    const messageId = `tis-correction-${run}`;
    await inject(bad, `?raw=1&messageId=${messageId}`);
    const first = await message(messageId);
    expect(first.status).toBe('QUARANTINED');
    // Only what is wrong: the form, not also a check digit.
    expect(first.issues.filter((i) => i.includes('personalCode'))).toEqual([
      'MALFORMED person.personalCode: must be a personal code written as DDMMYY-NNNNN',
    ]);

    // The same content again is a duplicate; the corrected content is not.
    await inject(bad, `?raw=1&messageId=${messageId}`);
    await message(messageId, (m) => m.duplicateCount === 1);
    await inject(good, `?messageId=${messageId}`);
    const second = await message(messageId, (m) => m.version === 2);
    expect(second).toMatchObject({ status: 'QUARANTINED', duplicateCount: 1 });
    expect(second.issues[0]).toMatch(/^NEW_VERSION sent again as version 2 with other person\.personalCode/);

    const versions = await json(await supervisor.fetch(`/api/intake/messages/${second.id}/versions`));
    const items = versions.body.items as {
      version: number;
      origin: string;
      payload: { person: { personalCode: string } };
      changes: { path: string; before: unknown; after: unknown }[];
    }[];
    expect(items.map((v) => [v.version, v.origin])).toEqual([
      [1, 'RECEIVED'],
      [2, 'RECEIVED'],
    ]);
    expect(items[0]!.payload.person.personalCode).toBe('1'.repeat(32));
    expect(items[1]!.changes).toEqual([
      {
        path: 'person.personalCode',
        before: '1'.repeat(32),
        after: (good.person as { personalCode: string }).personalCode,
      },
    ]);

    const done = await json(await post(`/api/intake/messages/${second.id}/reprocess`));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'REPROCESSED',
      version: 2,
      caseLink: 'OPENED',
      caseId: expect.any(Number),
    });
    expect(await audits('intake.new-version', second.id)).toEqual([
      expect.objectContaining({
        actor: 'system:intake',
        details: expect.objectContaining({ version: 2, changes: ['person.personalCode'] }),
      }),
    ]);
    expect(await audits('intake.reprocessed', second.id)).toEqual([
      expect.objectContaining({ actor: 'inese.zarina', details: { outcome: 'CASE_OPENED', version: 2 } }),
    ]);
  });

  it('lets a supervisor correct a field (original kept, change audited); of two reprocess calls at once one wins, the other gets 409', async () => {
    const ruling = generateMessage('tis', {
      seed: run + 2,
      measure: 'FORCED_WORK',
      hours: 60,
      municipality: 'Nekurienes novads',
    });
    const { messageId } = await inject(ruling);
    const m = await message(messageId, (x) => x.status === 'QUARANTINED');
    expect(m.issues[0]).toContain('UNKNOWN_MUNICIPALITY');

    const refused = await json(
      await post(`/api/intake/messages/${m.id}/corrections`, {
        fields: [{ path: 'person', value: 'x' }],
        note: 'Iedzīvotāju reģistrā pārbaudīts',
      }),
    );
    expect(refused.status).toBe(422);
    const corrected = await json(
      await post(`/api/intake/messages/${m.id}/corrections`, {
        fields: [{ path: 'person.municipality', value: 'Ogres novads' }],
        note: 'Iedzīvotāju reģistrā pārbaudīts',
      }),
    );
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      version: 2,
      status: 'QUARANTINED',
      payload: { person: { municipality: 'Ogres novads' } },
    });
    expect(await audits('intake.corrected', m.id)).toEqual([
      expect.objectContaining({
        actor: 'inese.zarina',
        details: expect.objectContaining({
          version: 2,
          path: 'person.municipality',
          before: 'Nekurienes novads',
          after: 'Ogres novads',
        }),
      }),
    ]);
    const versions = (await json(await supervisor.fetch(`/api/intake/messages/${m.id}/versions`))).body.items as {
      origin: string;
      createdBy: string;
      payload: { person: { municipality: string } };
    }[];
    expect(versions.map((v) => [v.origin, v.createdBy, v.payload.person.municipality])).toEqual([
      ['RECEIVED', 'system:intake', 'Nekurienes novads'],
      ['CORRECTED', 'inese.zarina', 'Ogres novads'],
    ]);

    const [a, b] = await Promise.all([
      post(`/api/intake/messages/${m.id}/reprocess`),
      post(`/api/intake/messages/${m.id}/reprocess`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await audits('intake.reprocessed', m.id)).toHaveLength(1);
    const { rows: cases } = await db.query('SELECT id FROM ruling WHERE inbound_message_id = $1', [m.id]);
    expect(cases).toHaveLength(1);
    // Corrections are for quarantined messages only.
    expect(
      (
        await post(`/api/intake/messages/${m.id}/corrections`, {
          fields: [{ path: 'person.municipality', value: 'Rīga' }],
          note: 'Vēlreiz pārbaudīts reģistrā',
        })
      ).status,
    ).toBe(409);
  });

  it('says a ruling sent again under another messageId was linked to its case', async () => {
    const ruling = generateMessage('tis', {
      seed: run + 3,
      measure: 'FORCED_WORK',
      hours: 50,
      municipality: 'Ogres novads',
    });
    const first = await inject(ruling);
    const second = await inject(ruling);
    const opened = await message(first.messageId, (x) => x.status !== 'QUARANTINED' || x.issues.length > 0);
    const linked = await message(second.messageId, (x) => x.status !== 'QUARANTINED' || x.issues.length > 0);
    expect(opened).toMatchObject({ status: 'ACCEPTED', caseLink: 'OPENED' });
    expect(linked).toMatchObject({ status: 'ACCEPTED', caseLink: 'SAME_RULING', caseId: opened.caseId });
  });
});
