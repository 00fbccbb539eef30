import path from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { runningPid } from '../../engine/runner';
import { createWorkflowFromConfig } from '../../workflow';
import { withIsolatedStack } from '../lib/isolated-stack';
import { machineFacts } from '../lib/machine';
import { log, round, writeResult } from '../lib/report';
import { linearProcess } from '../lib/bench-process';
import { percentile as pct } from '../lib/stats';

/**
 * `npm run bench -- failover`: how soon the timers of an engine node that dies are fired by the other node.
 *
 * On a stack of its own with two engine nodes on one database, --timers instances (default 300) of a process
 * "timer due at T0 → user task" are started through both nodes, T0 a few seconds ahead. Both job executors take
 * the due timers in batches and lock them (lock time PLUSFLOW_ENGINE_JOB_LOCK_MS, 30 s by default; the engine's
 * own default is 5 minutes). --kill-after-ms (default 1500) after T0, node 0 is ended with SIGKILL: the timers it had
 * locked but not yet fired stay locked until their lock expires, and node 1 fires them then. The user task's
 * creation time in the read model (the engine's clock, the same machine) is when each timer fired.
 *
 * Reported: every timer's delay after T0 (p50, p95, max), how many fired more than half a lock time after the kill (the
 * ones taken over from the killed node), and that each instance has exactly one user task (nothing fired twice, nothing lost).
 * Options: --timers N (300), --lead-s N (at least 10; more when starting instances is slow), --kill-after-ms N (1500), --tmp.
 */
const BPMN = linearProcess('bench-failover', [
  `<bpmn:intermediateCatchEvent id="Due"><bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">\${due}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`,
  '<bpmn:userTask id="AfterTimer" camunda:candidateGroups="bench-failover" />',
]);

/** Instances started at once. */
const LANES = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runFailoverBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      timers: { type: 'string', default: '300' },
      'lead-s': { type: 'string', default: '10' },
      'kill-after-ms': { type: 'string', default: '1500' },
      tmp: { type: 'boolean', default: false },
    },
  });
  const timers = Number(values.timers);
  const killAfterMs = Number(values['kill-after-ms']);
  log('starting an isolated stack with 2 engine nodes');
  await withIsolatedStack({ name: 'failover', engineNodes: 2 }, async (stack, cfg) => {
    const nodes = cfg.operaton.nodes.map(
      (n) => createWorkflowFromConfig({ ...cfg, operaton: { ...cfg.operaton, nodes: [n] } }).engine,
    );
    await nodes[0]!.deploy('bench-failover', [{ name: 'bench-failover.bpmn', content: BPMN }]);
    const lockMs = Number(process.env.PLUSFLOW_ENGINE_JOB_LOCK_MS ?? 30_000);
    // The timers must all be waiting before they are due: time ten starts first and leave twice the room needed.
    const trialStarted = Date.now();
    for (let i = 0; i < 10; i++)
      await nodes[i % 2]!.startProcess('bench-failover', {
        businessKey: `failover-trial-${i}`,
        variables: { due: new Date(Date.now() + 3_600_000).toISOString() },
      });
    const perStartMs = (Date.now() - trialStarted) / 10;
    const leadMs = Math.max(Number(values['lead-s']) * 1000, (perStartMs * timers * 2) / LANES + 5_000);
    const t0 = Date.now() + leadMs;
    const due = new Date(t0).toISOString();
    log(
      `starting ${timers} instances (${LANES} at a time, through both nodes), timers due at ${due} (in ${round(leadMs / 1000)} s)`,
    );
    const instances: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        for (let i = next++; i < timers; i = next++) {
          const { instanceId } = await nodes[i % 2]!.startProcess('bench-failover', {
            businessKey: `failover-${i}`,
            variables: { due },
          });
          instances.push(instanceId);
        }
      }),
    );
    if (Date.now() > t0 - 500)
      throw new Error(
        `starting the instances took past the timers' due time; use a larger --lead-s than ${values['lead-s']}`,
      );
    const pid = await runningPid(cfg, 0);
    if (!pid) throw new Error('engine node 0 is not running');
    await sleep(t0 + killAfterMs - Date.now());
    process.kill(-pid, 'SIGKILL');
    const killedAt = Date.now();
    log(
      `SIGKILL engine node 0 (pid ${pid}) ${killedAt - t0} ms after the timers were due; waiting for node 1 to fire every timer`,
    );

    const pool = new Pool({ connectionString: stack.databaseUrl, max: 1 });
    const deadline = Date.now() + lockMs + 120_000;
    let rows: { instance: string; created: Date; n: number }[];
    for (;;) {
      ({ rows } = await pool.query<{ instance: string; created: Date; n: number }>(
        `SELECT process_instance_key AS instance, min(created_at) AS created, count(*)::int AS n FROM user_task
         WHERE bpmn_process_id = 'bench-failover' AND process_instance_key = ANY($1) GROUP BY process_instance_key`,
        [instances],
      ));
      if (rows.length === timers || Date.now() > deadline) break;
      await sleep(250);
    }
    await pool.end();
    const delays = rows.map((r) => r.created.getTime() - t0);
    // Fired more than half a lock time after the kill: it waited for the dead node's lock to expire.
    const late = delays.filter((d) => d + t0 > killedAt + lockMs / 2);
    const result = {
      bench: 'failover',
      timestamp: new Date().toISOString(),
      machine: machineFacts(),
      engine: { product: 'Operaton', nodes: 2, jobLockMs: lockMs },
      timers,
      killedMsAfterDue: killedAt - t0,
      fired: rows.length,
      lost: timers - rows.length,
      firedTwice: rows.filter((r) => r.n > 1).length,
      delayAfterDueMs: {
        p50: round(pct(delays, 0.5)),
        p95: round(pct(delays, 0.95)),
        max: round(delays.length ? Math.max(...delays) : 0),
      },
      /** Timers fired more than half a lock time after the kill: those the killed node had locked. */
      takenOver: {
        count: late.length,
        minMs: late.length ? Math.min(...late) : null,
        maxMs: late.length ? Math.max(...late) : null,
      },
    };
    log('');
    log(
      `${result.fired}/${timers} timers fired (${result.lost} lost, ${result.firedTwice} fired twice); delay after due p50 ${result.delayAfterDueMs.p50} ms, p95 ${result.delayAfterDueMs.p95} ms, max ${result.delayAfterDueMs.max} ms`,
    );
    log(
      late.length
        ? `${late.length} timers locked by the killed node fired ${round(result.takenOver.minMs! / 1000)}–${round(result.takenOver.maxMs! / 1000)} s after due (job lock ${lockMs / 1000} s)`
        : `no timer was held by the killed node when it died (every timer fired within ${lockMs / 2000} s of the kill); try more --timers or another --kill-after-ms`,
    );
    const file = writeResult('failover', result, values.tmp);
    log(`result: ${path.relative(process.cwd(), file)}`);
    if (result.lost || result.firedTwice) process.exitCode = 1;
  });
}
