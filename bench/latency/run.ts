import path from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import type { StackConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { signIn } from '../../platform/staff-sign-in';
import { createWorkflowFromConfig, type WorkflowEngine } from '../../workflow';
import { withIsolatedStack } from '../lib/isolated-stack';
import { machineFacts } from '../lib/machine';
import { log, progressEvery, round, writeResult } from '../lib/report';
import { linearProcess } from '../lib/bench-process';
import { percentile as pct } from '../lib/stats';

/**
 * `npm run bench -- latency`, on a stack of its own with two engine nodes on one database:
 *
 * 1. `createdToInboxMs`: a user task from its creation in the engine to its appearance in the inbox API. Instances
 *    of platform-smoke (one external task, then a user task for officer.riga-centre) are started one after another,
 *    and an officer's inbox (GET /api/tasks, signed in through the OpenID flow) is polled every --poll-ms until the
 *    task is listed. The start is the engine's own creation time of the task (`user_task.created_at`, written by
 *    the engine in its transaction; same machine, same clock). The reference, polled alongside at the same
 *    interval: a bare indexed SQL select of the same task in the read model (`createdToSqlMs`), i.e. when the
 *    engine's transaction made it visible at all.
 * 2. `createdToWorkerMs`: an external task from its creation to a worker's handler holding it locked. A one-task
 *    process is started alternately through node A and node B, while one worker (a job source of the workflow
 *    port, long-polling both nodes) is subscribed to its topic. The creation time is the engine's start time of the
 *    task's activity instance, from its history (through the port); the lock time is when the handler is called.
 *
 * Options: --tasks N (100), --pickups N (100), --poll-ms N (5), --tmp.
 */
const PICKUP_BPMN = linearProcess('bench-pickup', [
  '<bpmn:serviceTask id="Pickup" camunda:type="external" camunda:topic="bench.pickup" />',
]);

const ENGINE_NODES = 2;
const summary = (xs: number[]) => ({
  p50: round(pct(xs, 0.5)),
  p95: round(pct(xs, 0.95)),
  max: round(xs.length ? Math.max(...xs) : 0),
  n: xs.length,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runLatencyBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tasks: { type: 'string', default: '100' },
      pickups: { type: 'string', default: '100' },
      'poll-ms': { type: 'string', default: '5' },
      tmp: { type: 'boolean', default: false },
    },
  });
  const tasks = Number(values.tasks);
  const pickups = Number(values.pickups);
  const pollMs = Number(values['poll-ms']);
  log(`starting an isolated stack with ${ENGINE_NODES} engine nodes`);
  await withIsolatedStack({ name: 'latency', engineNodes: ENGINE_NODES }, async (stack, cfg) => {
    const { engine } = createWorkflowFromConfig(cfg);

    // ---- 1. user task → inbox ----
    const pool = new Pool({ connectionString: stack.databaseUrl, max: 2 });
    const officer = await signIn(cfg.api.publicUrl, 'ilze.berzina');
    const toInbox: number[] = [];
    const toSql: number[] = [];
    const fromCall: number[] = [];
    log(`user tasks: ${tasks} instances of platform-smoke, inbox API and bare SQL polled every ${pollMs} ms`);
    const tick = progressEvery(tasks, 'user tasks');
    for (let i = 0; i < tasks; i++) {
      const called = Date.now();
      const { instanceId } = await engine.startProcess('platform-smoke', {
        businessKey: `latency-${i}`,
        variables: { candidateGroup: 'officer.riga-centre', receiptNote: `latency ${i}` },
      });
      const until = Date.now() + 30_000;
      // Both pollers run side by side on the same task; each notes when it first sees it.
      const sqlSeen = (async () => {
        while (Date.now() < until) {
          const { rows } = await pool.query<{ key: string; created: Date }>(
            `SELECT user_task_key AS key, created_at AS created FROM user_task WHERE process_instance_key = $1 AND state = 'CREATED'`,
            [instanceId],
          );
          if (rows[0]) return { at: Date.now(), key: rows[0].key, created: rows[0].created.getTime() };
          await sleep(pollMs);
        }
        throw new Error(`the task of instance ${instanceId} did not reach the read model within 30 s`);
      })();
      const apiSeen = (async () => {
        while (Date.now() < until) {
          const page = (await (
            await officer.fetch('/api/tasks?scope=group&taskType=ReviewReceipt&sort=created&order=desc&pageSize=10')
          ).json()) as { items: { processInstanceKey: string }[] };
          if (page.items.some((t) => t.processInstanceKey === instanceId)) return Date.now();
          await sleep(pollMs);
        }
        throw new Error(`the task of instance ${instanceId} did not reach the inbox within 30 s`);
      })();
      const [sql, apiAt] = await Promise.all([sqlSeen, apiSeen]);
      toInbox.push(apiAt - sql.created);
      toSql.push(sql.at - sql.created);
      fromCall.push(apiAt - called);
      // Complete it so the inbox stays one page long.
      const res = await officer.fetch(`/api/tasks/${encodeURIComponent(sql.key)}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ variables: { confirmed: true, comment: 'latency' } }),
      });
      if (!res.ok) throw new Error(`completing task ${sql.key}: ${res.status} ${await res.text()}`);
      tick(i + 1);
    }
    await pool.end();

    // ---- 2. external task → worker, instances started through either node ----
    const pickup = await workerPickup(cfg, engine, pickups);

    const result = {
      bench: 'latency',
      timestamp: new Date().toISOString(),
      machine: machineFacts(),
      engine: { product: 'Operaton', nodes: ENGINE_NODES },
      tasks,
      pickups,
      pollMs,
      createdToInboxMs: summary(toInbox),
      /** Reference: a bare indexed select of the same task in user_task, polled alongside at the same interval. */
      createdToSqlMs: summary(toSql),
      ratioInboxToSql: {
        p50: round(pct(toInbox, 0.5) / Math.max(1, pct(toSql, 0.5))),
        p95: round(pct(toInbox, 0.95) / Math.max(1, pct(toSql, 0.95))),
      },
      startCallToInboxMs: summary(fromCall),
      createdToWorkerMs: { ...summary(pickup.all), byStartNode: pickup.byNode },
    };
    log('');
    log(
      `user task created in the engine → listed by GET /api/tasks: p50 ${result.createdToInboxMs.p50} ms, p95 ${result.createdToInboxMs.p95} ms, max ${result.createdToInboxMs.max} ms (${tasks} tasks, polled every ${pollMs} ms)`,
    );
    log(
      `reference, the same task by a bare indexed SQL select:    p50 ${result.createdToSqlMs.p50} ms, p95 ${result.createdToSqlMs.p95} ms, max ${result.createdToSqlMs.max} ms → inbox/SQL p50 ${result.ratioInboxToSql.p50}×, p95 ${result.ratioInboxToSql.p95}×`,
    );
    log(
      `from the start call (instance start + external task + user task): p50 ${result.startCallToInboxMs.p50} ms, p95 ${result.startCallToInboxMs.p95} ms`,
    );
    log(
      `external task created → locked by a worker (${ENGINE_NODES} nodes, started alternately through each): p50 ${result.createdToWorkerMs.p50} ms, p95 ${result.createdToWorkerMs.p95} ms, max ${result.createdToWorkerMs.max} ms`,
    );
    for (const [node, s] of Object.entries(pickup.byNode))
      log(`  started through ${node}: p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms (${s.n})`);
    const file = writeResult('latency', result, values.tmp);
    log(`result: ${path.relative(process.cwd(), file)}`);
  });
}

/**
 * One worker (a job source over every node) subscribed to bench.pickup; instances of bench-pickup started one at a
 * time, alternately through node A and node B only, each after the worker has had the previous one.
 */
async function workerPickup(
  cfg: StackConfig,
  engine: WorkflowEngine,
  count: number,
): Promise<{ all: number[]; byNode: Record<string, ReturnType<typeof summary>> }> {
  await engine.deploy('bench-pickup', [{ name: 'bench-pickup.bpmn', content: PICKUP_BPMN }]);
  const nodes = cfg.operaton.nodes.map((n) => ({
    label: `node ${n.index} (${n.url})`,
    engine: createWorkflowFromConfig({ ...cfg, operaton: { ...cfg.operaton, nodes: [n] } }).engine,
  }));
  const worker = createWorkflowFromConfig(cfg).jobSource({
    workerId: `bench-pickup-${process.pid}`,
    maxJobs: 4,
    log: createLogger('bench-pickup', 'warn'),
  });
  const lockedAt = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  worker.start([{ topic: 'bench.pickup', lockMs: 30_000 }], async (job) => {
    lockedAt.set(job.instanceId, Date.now());
    waiting.get(job.instanceId)?.();
    return { kind: 'complete', variables: {} };
  });
  const started: { instanceId: string; node: string }[] = [];
  log(
    `external tasks: ${count} instances of a one-task process, started alternately through ${nodes.map((n) => n.label).join(' and ')}`,
  );
  const tick = progressEvery(count, 'external tasks');
  try {
    // Let the worker's first long polls reach both nodes.
    await sleep(1_000);
    for (let i = 0; i < count; i++) {
      const node = nodes[i % nodes.length]!;
      const { instanceId } = await node.engine.startProcess('bench-pickup', { businessKey: `pickup-${i}` });
      if (!lockedAt.has(instanceId)) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () =>
              reject(
                new Error(
                  `the external task of ${instanceId} (started through ${node.label}) reached no worker within 60 s`,
                ),
              ),
            60_000,
          );
          waiting.set(instanceId, () => {
            clearTimeout(timer);
            resolve();
          });
          if (lockedAt.has(instanceId)) waiting.get(instanceId)!();
        });
      }
      waiting.delete(instanceId);
      started.push({ instanceId, node: node.label });
      tick(i + 1);
      // The worker's poll goes back to waiting before the next start.
      await sleep(100);
    }
  } finally {
    await worker.stop(10_000);
  }
  const all: number[] = [];
  const perNode: Record<string, number[]> = {};
  for (const s of started) {
    const created = (await engine.instanceHistory(s.instanceId)).find((a) => a.elementId === 'Pickup');
    if (!created) throw new Error(`no history of the external task of ${s.instanceId}`);
    const ms = lockedAt.get(s.instanceId)! - Date.parse(created.startedAt);
    all.push(ms);
    (perNode[s.node] ??= []).push(ms);
  }
  return { all, byNode: Object.fromEntries(Object.entries(perNode).map(([k, v]) => [k, summary(v)])) };
}
