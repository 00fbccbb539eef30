import { signIn } from '../../platform/staff-sign-in';
import { Pool } from 'pg';
import { loadConfig } from '../../platform/config';
import { createCamunda8 } from '../../platform/engine-client';
import { waitFor } from '../support/wait';

/**
 * The foundation end to end, with nothing mocked: a process deployed to the real Camunda engine runs a
 * service task handled by the real worker host (which writes to PostgreSQL), then a Camunda user task that
 * shows up in the task projection and is completed through our API; the instance must complete and the
 * worker's write must have happened exactly once.
 */
const cfg = loadConfig(process.env);
const pool = new Pool({ connectionString: process.env.DATABASE_URL ?? cfg.database.url, max: 2 });
const camunda = createCamunda8(cfg);
const zeebe = camunda.getZeebeGrpcApiClient();

afterAll(async () => {
  await zeebe.close();
  await pool.end();
});

async function one<T extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<T | undefined> {
  const { rows } = await pool.query<T>(sql, params);
  return rows[0];
}

describe('platform smoke process', () => {
  it('runs worker, user task via API and completes with exactly one database write', async () => {
    const created = await zeebe.createProcessInstance({
      bpmnProcessId: 'platform-smoke',
      variables: { candidateGroup: 'officer.riga-centre', receiptNote: 'e2e' },
    });
    const pik = created.processInstanceKey;

    const task = await waitFor('the user task in the projection', () =>
      one<{ key: string; candidate_groups: string[]; due_date: Date | null; element_id: string }>(
        `SELECT user_task_key::text AS key, candidate_groups, due_date, element_id FROM user_task
         WHERE process_instance_key = $1 AND state = 'CREATED'`,
        [pik],
      ),
    );
    expect(task.element_id).toBe('ReviewReceipt');
    expect(task.candidate_groups).toEqual(['officer.riga-centre']);
    expect(task.due_date).not.toBeNull();

    // An officer of the group the task is offered to completes it through the API, signed in as staff do.
    const officer = await signIn(cfg.api.publicUrl, 'ilze.berzina');
    const complete = () =>
      officer.fetch(`/api/tasks/${task.key}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ variables: { confirmed: true, comment: 'Viss kārtībā' } }),
      });
    const res = await complete();
    expect(res.status).toBe(204);

    const instance = await waitFor('the instance to complete', () =>
      one<{ state: string }>(`SELECT state FROM process_instance WHERE process_instance_key = $1 AND state <> 'ACTIVE'`, [pik]),
    );
    expect(instance.state).toBe('COMPLETED');
    const done = await one<{ state: string }>('SELECT state FROM user_task WHERE user_task_key = $1', [task.key]);
    expect(done?.state).toBe('COMPLETED');

    // Completing again is refused with a problem document that says what happened.
    const again = await complete();
    expect([404, 409]).toContain(again.status);
    expect(again.headers.get('content-type')).toContain('application/problem+json');

    const writes = await one<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit_log WHERE action = 'platform-smoke.receipt-recorded' AND entity_id = $1`,
      [pik],
    );
    expect(writes?.n).toBe('1');
    const effects = await one<{ n: string }>('SELECT count(*)::text AS n FROM job_effect WHERE process_instance_key = $1', [pik]);
    expect(effects?.n).toBe('1');
  });
});
