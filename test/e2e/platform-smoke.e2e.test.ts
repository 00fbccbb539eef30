import { signIn } from '../../platform/staff-sign-in';
import { Pool } from 'pg';
import { loadConfig } from '../../platform/config';
import { createWorkflowFromConfig } from '../../workflow';
import { waitFor } from '../support/wait';

/**
 * The foundation end to end, with nothing mocked: a process deployed to the real Operaton engine runs an
 * external task handled by the real worker host (which writes to PostgreSQL), then a user task that is in the
 * read model at once (written in the engine's transaction) and is completed through our API; the instance must
 * complete and the worker's write must have happened exactly once.
 */
const cfg = loadConfig(process.env);
const pool = new Pool({ connectionString: process.env.DATABASE_URL ?? cfg.database.url, max: 2 });
const { engine } = createWorkflowFromConfig(cfg);

afterAll(async () => {
  await pool.end();
});

async function one<T extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<T | undefined> {
  const { rows } = await pool.query<T>(sql, params);
  return rows[0];
}

describe('platform smoke process', () => {
  it('runs worker, user task via API and completes with exactly one database write', async () => {
    const created = await engine.startProcess('platform-smoke', {
      businessKey: 'smoke-e2e',
      variables: { candidateGroup: 'officer.riga-centre', receiptNote: 'e2e' },
    });
    const pik = created.instanceId;

    const task = await waitFor('the user task in the read model', () =>
      one<{ key: string; candidate_groups: string[]; due_date: Date | null; element_id: string }>(
        `SELECT user_task_key AS key, candidate_groups, due_date, element_id FROM user_task
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
      one<{ state: string }>(
        `SELECT state FROM process_instance WHERE process_instance_key = $1 AND state <> 'ACTIVE'`,
        [pik],
      ),
    );
    expect(instance.state).toBe('COMPLETED');
    const done = await one<{ state: string }>('SELECT state FROM user_task WHERE user_task_key = $1', [task.key]);
    expect(done?.state).toBe('COMPLETED');

    // Completing again is refused with a problem document that says what happened.
    const again = await complete();
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');

    const writes = await one<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit_log WHERE action = 'platform-smoke.receipt-recorded' AND entity_id = $1`,
      [pik],
    );
    expect(writes?.n).toBe('1');
    const effects = await one<{ n: string }>(
      'SELECT count(*)::text AS n FROM job_effect WHERE process_instance_key = $1',
      [pik],
    );
    expect(effects?.n).toBe('1');
  });
});
