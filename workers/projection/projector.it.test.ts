import pino from 'pino';
import { Pool } from 'pg';
import { loadConfig } from '../../platform/config';
import { migrate } from '../../prisma/migrate';
import { scratchDatabase } from '../../test/support/scratch-db';
import { Projector } from './projector';

/**
 * The projector against real PostgreSQL with records shaped like the exporter's: user task lifecycle in one
 * batch, exactly-once application across runs, and a record it cannot take skipped into projection_error
 * without stopping the records after it.
 */
const serverUrl = process.env.DATABASE_URL ?? loadConfig(process.env).database.url;
let db: { url: string; drop(): Promise<void> };
let pool: Pool;

// The exporter's table, as engine/exporter creates it.
const DDL = `CREATE SCHEMA IF NOT EXISTS zeebe;
CREATE TABLE zeebe.record (partition_id int NOT NULL, position bigint NOT NULL, key bigint NOT NULL, record_type text NOT NULL,
  value_type text NOT NULL, intent text NOT NULL, "timestamp" timestamptz NOT NULL, process_instance_key bigint,
  bpmn_process_id text, element_id text, value jsonb NOT NULL, exported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (partition_id, position));`;

const task = (key: string, over: Record<string, unknown> = {}) => ({
  userTaskKey: key, processInstanceKey: 2251799813685249, processDefinitionKey: 2251799813685248, bpmnProcessId: 'p',
  processDefinitionVersion: 1, elementId: 'Review', elementInstanceKey: 2251799813685250, formKey: -1, assignee: '',
  candidateGroupsList: ['officer.riga-centre'], candidateUsersList: [], dueDate: '2026-11-24T23:27:39.213Z[Etc/UTC]', followUpDate: '', priority: 50, ...over,
});

async function record(position: number, key: string, intent: string, value: object): Promise<void> {
  await pool.query(
    `INSERT INTO zeebe.record (partition_id, position, key, record_type, value_type, intent, "timestamp", process_instance_key, element_id, value)
     VALUES (1, $1, $2, 'EVENT', 'USER_TASK', $3, now(), 2251799813685249, 'Review', $4)`,
    [position, key, intent, JSON.stringify(value)],
  );
}

beforeAll(async () => {
  db = await scratchDatabase(serverUrl, 'plusflow_projector');
  await migrate(db.url);
  pool = new Pool({ connectionString: db.url, max: 3 });
  await pool.query(DDL);
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

describe('projector', () => {
  it('applies a task created and completed in one batch, keeps exact 64-bit keys, and applies nothing twice', async () => {
    await record(10, '2251799813685301', 'CREATED', task('2251799813685301'));
    await record(11, '2251799813685301', 'ASSIGNED', task('2251799813685301', { assignee: 'ilze.berzina' }));
    await record(12, '2251799813685301', 'COMPLETED', task('2251799813685301', { assignee: 'ilze.berzina' }));
    const projector = new Projector(pool, pino({ level: 'silent' }), { partitions: [1] });
    await projector.start();
    await projector.drain();
    const { rows } = await pool.query(`SELECT user_task_key::text AS key, assignee, state, candidate_groups, due_date, created_at <= completed_at AS ordered FROM user_task`);
    expect(rows).toEqual([
      { key: '2251799813685301', assignee: 'ilze.berzina', state: 'COMPLETED', candidate_groups: ['officer.riga-centre'], due_date: new Date('2026-11-24T23:27:39.213Z'), ordered: true },
    ]);
    await projector.drain();
    const cursor = await pool.query(`SELECT position::text FROM projection_cursor`);
    expect(cursor.rows).toEqual([{ position: '12' }]);
    await projector.stop();
  });

  it('skips a record it cannot take into projection_error and goes on with the next', async () => {
    await record(20, '2251799813685401', 'CREATED', task('2251799813685401', { dueDate: 'next Tuesday' }));
    await record(21, '2251799813685402', 'CREATED', task('2251799813685402'));
    const projector = new Projector(pool, pino({ level: 'silent' }), { partitions: [1] });
    await projector.start();
    await projector.drain();
    const tasks = await pool.query(`SELECT user_task_key::text AS key FROM user_task WHERE user_task_key IN (2251799813685401, 2251799813685402)`);
    expect(tasks.rows).toEqual([{ key: '2251799813685402' }]);
    const errors = await pool.query(`SELECT position::text, error FROM projection_error`);
    expect(errors.rows).toEqual([{ position: '20', error: expect.stringContaining('next Tuesday') }]);
    expect(projector.health().lastError).toBeUndefined();
    await projector.stop();
  });

  it('survives its connections being cut (PostgreSQL restarting): steps down, reconnects, projects what came since', async () => {
    const own = new Pool({ connectionString: db.url, max: 3, application_name: 'projector-cut-test' });
    own.on('error', () => undefined); // as workers/main.ts does
    const projector = new Projector(own, pino({ level: 'silent' }), { partitions: [1], pollMs: 50 });
    await projector.start();
    await projector.drain();
    expect(projector.health().active).toBe(true);
    // What a restart does to every session: terminated by the administrator (57P01).
    const cut = await pool.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'projector-cut-test'`);
    expect(cut.rows.length).toBeGreaterThan(0);
    await record(30, '2251799813685501', 'CREATED', task('2251799813685501'));
    const deadline = Date.now() + 10_000;
    let rows: unknown[] = [];
    while (Date.now() < deadline) {
      rows = (await pool.query(`SELECT user_task_key::text AS key FROM user_task WHERE user_task_key = 2251799813685501`)).rows;
      if (rows.length && projector.health().active) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(rows).toEqual([{ key: '2251799813685501' }]);
    expect(projector.health().active).toBe(true);
    // It holds the lock again (on a new connection): a second worker host cannot project at the same time.
    const locks = await pool.query(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND a.application_name = 'projector-cut-test'`);
    expect(locks.rows[0].n).toBe(1);
    await projector.stop();
    await own.end();
  });

  it('leaves nothing behind on its connection when stopped: a later restart of PostgreSQL is only the pool\'s business', async () => {
    const own = new Pool({ connectionString: db.url, max: 3, application_name: 'projector-stopped-test' });
    own.on('error', () => undefined);
    const projector = new Projector(own, pino({ level: 'silent' }), { partitions: [1], pollMs: 50 });
    await projector.start();
    await projector.drain();
    await projector.stop();
    // Its listening connection now idles in the pool; the restart sends it 57P01 and then ends it (two 'error's).
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const cut = await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'projector-stopped-test'`);
      expect(cut.rows.length).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
    expect((await own.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await own.end();
  });
});
