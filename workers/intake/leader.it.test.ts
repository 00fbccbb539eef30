import pino from 'pino';
import { loadConfig } from '../../platform/config';
import { createPool } from '../../platform/db/pool';
import { createPrisma } from '../../platform/db/prisma';
import { AdvisoryLeader } from '../../platform/db/advisory-leader';
import { createWorkflowFromConfig } from '../../workflow';
import { IevpClient, ProisClient, systemUrl, TisClient } from '../../integrations';
import type { IntakeSystem } from '../../domain/intake/classify';
import { INTAKE_LOCK_ID, IntakePoller, type OutboxSource } from './poller';

/**
 * A second worker host beside the test stack's own: its intake stands by while the running host holds the intake
 * lock, so it reads no outbox and starts no case (two sweeps could each start a case the other is starting).
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const url = process.env.DATABASE_URL ?? cfg.database.url;

it('stands by while another worker host runs intake: no outbox read, no sweep', async () => {
  const prisma = createPrisma(url);
  const pool = createPool({ connectionString: url, max: 2, application_name: 'intake-leader-test' });
  const leader = new AdvisoryLeader(pool, INTAKE_LOCK_ID, pino({ level: 'silent' }));
  const root = cfg.integrations.baseUrl;
  const reads: IntakeSystem[] = [];
  // The real clients of the simulators, counting what this host reads.
  const counted = (system: IntakeSystem, source: OutboxSource): OutboxSource => ({
    poll: (after, opts) => {
      reads.push(system);
      return source.poll(after, opts);
    },
  });
  const poller = new IntakePoller({
    prisma,
    engine: createWorkflowFromConfig(cfg).engine,
    sources: {
      TIS: counted('TIS', new TisClient({ baseUrl: systemUrl(root, 'tis') })),
      PROIS: counted('PROIS', new ProisClient({ baseUrl: systemUrl(root, 'prois') })),
      IEVP: counted('IEVP', new IevpClient({ baseUrl: systemUrl(root, 'ievp') })),
    },
    log: pino({ level: 'silent' }),
    intervalMs: 1_000,
    leader,
  });
  try {
    // The stack's worker host took the lock when it started.
    const health = (await (await fetch(`http://127.0.0.1:${cfg.workers.metricsPort}/health`)).json()) as {
      intake: { leader: boolean };
    };
    expect(health.intake).toEqual({ leader: true });
    await poller.pollAll();
    await poller.pollAll();
    expect(reads).toEqual([]);
    expect(poller.health()).toEqual({ leader: false });
  } finally {
    await leader.stop();
    await prisma.$disconnect();
    await pool.end();
  }
});
