import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '../../platform/config';
import { generateMessage } from '../../scenarios/messages';
import { waitFor } from '../../test/support/wait';

/**
 * A court's decision on conversion that arrived while the engine was away is held in quarantine with
 * ENGINE_UNAVAILABLE (poller.ts afterCommit); once the engine answers, the test stack's own intake passes it to the
 * case by itself. npm run chaos found a converted case waiting for ever for a supervisor. The held row is written
 * here as afterCommit writes it (stopping the shared engine would disturb every other test).
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const sim = `http://127.0.0.1:${cfg.simulators.port}`;
const db = new Client({ connectionString: process.env.DATABASE_URL ?? cfg.database.url });

beforeAll(() => db.connect());
afterAll(() => db.end());

/** A court ruling through the TIS simulator's outbox, read by intake: the case it opened. */
async function openCase(seed: number): Promise<{
  caseId: number;
  ruling: { rulingId: string; court: string; caseNumber: string; person: { personalCode: string } };
}> {
  const ruling = generateMessage('tis', { seed, measure: 'FORCED_WORK', hours: 40, municipality: 'Ogres novads' }) as {
    rulingId: string;
    court: string;
    caseNumber: string;
    person: { personalCode: string };
  };
  const res = await fetch(`${sim}/tis/_admin/inject`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ruling),
  });
  expect(res.status).toBe(201);
  const { messageId } = (await res.json()) as { messageId: string };
  const caseId = await waitFor(`a case opened from ${messageId}`, async () => {
    const { rows } = await db.query<{ case_id: number | null }>(
      `SELECT case_id FROM inbound_message WHERE system = 'TIS' AND message_id = $1 AND status = 'ACCEPTED'`,
      [messageId],
    );
    return rows[0]?.case_id ?? undefined;
  });
  return { caseId, ruling };
}

/** The row afterCommit leaves when publishing the decision to the engine failed (or, with `issue`, another quarantine). */
async function hold(
  decision: Record<string, unknown>,
  caseId: number | null,
  issue = `ENGINE_UNAVAILABLE the decision could not be passed to case ${caseId} (fetch failed); reprocess it`,
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO inbound_message (system, message_id, message_type, cursor, published_at, payload, status, issues, case_id)
     VALUES ('TIS', $1, 'CONVERSION_DECISION', 0, now(), $2, 'QUARANTINED', $3, $4) RETURNING id`,
    [`held-${randomUUID()}`, JSON.stringify(decision), [issue], caseId],
  );
  return rows[0]!.id;
}

const decisionFor = (r: Awaited<ReturnType<typeof openCase>>['ruling'], rulingId = r.rulingId) => ({
  messageType: 'CONVERSION_DECISION',
  decisionId: `LEM-held-${randomUUID().slice(0, 8)}`,
  rulingId,
  court: r.court,
  caseNumber: r.caseNumber,
  decisionDate: new Date().toISOString().slice(0, 10),
  personalCode: r.person.personalCode,
  decision: 'CONVERTED',
  replacement: 'brīvības atņemšana uz 7 dienām',
});

it('passes a held decision on to its case once the engine answers; neither one it cannot act on nor decisions waiting for a supervisor hold it up', async () => {
  const { caseId, ruling } = await openCase(9301);
  // Older than the held ones: more decisions waiting for a supervisor than intake looks at in one round.
  for (let i = 0; i < 25; i++)
    await hold(
      decisionFor(ruling, `NO-SUCH-RULING-${randomUUID().slice(0, 8)}`),
      null,
      'UNKNOWN_RULING rulingId: PLUS has no case for this TIS ruling',
    );
  // First in line: a decision for a ruling PLUS has no case for. It must not hold up the good one behind it.
  const orphan = await hold(decisionFor(ruling, `NO-SUCH-RULING-${randomUUID().slice(0, 8)}`), null);
  const held = await hold(decisionFor(ruling), caseId);

  const passedOn = await waitFor(
    'the held decision passed on by intake',
    async () => {
      const { rows } = await db.query<{
        status: string;
        resolved_by: string;
        resolution_note: string;
        case_id: number;
      }>(`SELECT status, resolved_by, resolution_note, case_id FROM inbound_message WHERE id = $1`, [held]);
      return rows[0]?.status === 'REPROCESSED' ? rows[0] : undefined;
    },
    30_000,
  );
  expect(passedOn).toEqual({
    status: 'REPROCESSED',
    resolved_by: 'system:intake',
    resolution_note: 'passed on once the engine answered again',
    case_id: caseId,
  });

  // The case has it (kept until its instance takes it), under the id that makes a second publication a no-op.
  const published = await waitFor('the decision published to the case', async () => {
    const { rows } = await db.query<{
      name: string;
      business_key: string;
      variables: { conversionDecision: { decision: string } };
    }>(`SELECT name, business_key, variables FROM workflow_message WHERE message_id = $1`, [`inbound-${held}`]);
    return rows[0];
  });
  expect(published).toMatchObject({
    name: 'sentence-conversion-decided',
    business_key: String(caseId),
    variables: { conversionDecision: { decision: 'CONVERTED' } },
  });

  // The orphan is a supervisor's now, with today's reason instead of a retry every round.
  const { rows } = await db.query<{ status: string; issues: string[] }>(
    `SELECT status, issues FROM inbound_message WHERE id = $1`,
    [orphan],
  );
  expect(rows[0]!.status).toBe('QUARANTINED');
  expect(rows[0]!.issues).toEqual([expect.stringMatching(/^UNKNOWN_RULING /)]);
});
