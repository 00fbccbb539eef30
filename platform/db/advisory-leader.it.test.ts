import pino from 'pino';
import { Pool } from 'pg';
import { loadConfig } from '../config';
import { scratchDatabase } from '../../test/support/scratch-db';
import { waitFor } from '../../test/support/wait';
import { AdvisoryLeader } from './advisory-leader';

/**
 * Two worker hosts competing for one job on a real PostgreSQL (a scratch database): one leads, the other stands by
 * and takes over when the leader's connection is cut, as a PostgreSQL restart or a dead host's sessions would be.
 */
const log = pino({ level: 'silent' });
const LOCK = 4_711_900;
let db: { url: string; drop(): Promise<void> };
let admin: Pool;

beforeAll(async () => {
  db = await scratchDatabase(process.env.DATABASE_URL ?? loadConfig().database.url, 'plusflow_leader');
  admin = new Pool({ connectionString: db.url, max: 2 });
});
afterAll(async () => {
  await admin.end();
  await db.drop();
});

const host = (name: string) => {
  const pool = new Pool({ connectionString: db.url, max: 2, application_name: name });
  pool.on('error', () => undefined); // as platform/db/pool.ts does
  return { pool, leader: new AdvisoryLeader(pool, LOCK, log) };
};
const cut = (name: string) =>
  admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [name]);

it('lets one host lead; the other takes over when the leader’s connection is lost, and after the leader stops', async () => {
  const a = host('leader-test-a');
  const b = host('leader-test-b');
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);
  process.on('uncaughtException', onUncaught);
  try {
    // Both ask at once, a twice in a row (a tick while its first attempt is still connecting): exactly one leads,
    // and a's two asks share one attempt and one connection.
    const [a1, a2, b1] = await Promise.all([a.leader.tryAcquire(), a.leader.tryAcquire(), b.leader.tryAcquire()]);
    expect(a1).toBe(a2);
    expect(a1).toBe(!b1);
    expect(a.pool.totalCount).toBe(1);
    const [lead, standby] = a1 ? [a, b] : [b, a];
    const leadName = a1 ? 'leader-test-a' : 'leader-test-b';
    const standbyName = a1 ? 'leader-test-b' : 'leader-test-a';

    await cut(leadName);
    await waitFor(
      'the leader to notice it lost its connection',
      async () => (lead.leader.held ? undefined : true),
      5_000,
      20,
    );
    // The server frees the lock once the terminated backend has exited: the standby gets it within moments.
    await waitFor(
      'the standby to take the lead',
      async () => ((await standby.leader.tryAcquire()) ? true : undefined),
      5_000,
      20,
    );
    expect(await lead.leader.tryAcquire()).toBe(false);

    await standby.leader.stop();
    expect(standby.leader.held).toBe(false);
    expect(await standby.leader.tryAcquire()).toBe(false); // stopped for good
    expect(await lead.leader.tryAcquire()).toBe(true);

    // The stopped one's released connection idles in its pool: its loss is the pool's business, not the leader's.
    await cut(standbyName);
    await new Promise((r) => setTimeout(r, 200));
    expect(uncaught).toEqual([]);
    expect(lead.leader.held).toBe(true);
  } finally {
    process.off('uncaughtException', onUncaught);
    await Promise.all([a.leader.stop(), b.leader.stop()]);
    await Promise.all([a.pool.end(), b.pool.end()]);
  }
});
