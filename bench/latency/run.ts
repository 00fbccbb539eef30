import path from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { EXPORTER_FLUSH } from '../../engine/runner';
import { createEngineRestClient } from '../../platform/engine-rest';
import { signIn } from '../../platform/staff-sign-in';
import { withIsolatedStack } from '../lib/isolated-stack';
import { machineFacts } from '../lib/machine';
import { log, progressEvery, round, writeResult } from '../lib/report';

/**
 * `npm run bench -- latency`: how long a user task takes from its creation in the engine to its appearance in the
 * inbox API, next to the exporter's configured flush interval. A whole stack runs on its own ports and scratch
 * database; instances of the platform-smoke process (one service task, then a user task for officer.riga-centre)
 * are started one after another, and an officer's inbox (GET /api/tasks, signed in) is polled every few
 * milliseconds until the task is listed. The start is the engine's own timestamp of the USER_TASK CREATED record
 * (same machine, same clock). Options: --tasks N (100), --poll-ms N (5), --tmp.
 */
export async function runLatencyBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { tasks: { type: 'string', default: '100' }, 'poll-ms': { type: 'string', default: '5' }, tmp: { type: 'boolean', default: false } } });
  const tasks = Number(values.tasks);
  const pollMs = Number(values['poll-ms']);
  log('starting an isolated stack');
  await withIsolatedStack({ name: 'latency' }, async (stack, cfg) => {
    const pool = new Pool({ connectionString: stack.databaseUrl, max: 2 });
    const engine = createEngineRestClient(cfg.engine);
    const officer = await signIn(cfg.api.publicUrl, 'ilze.berzina');
    const latencies: number[] = [];
    const fromCall: number[] = [];
    const tick = progressEvery(tasks, 'tasks');
    for (let i = 0; i < tasks; i++) {
      const called = Date.now();
      const { processInstanceKey } = await engine.createProcessInstance('platform-smoke', { candidateGroup: 'officer.riga-centre', receiptNote: `latency ${i}` });
      let seenAt = 0;
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, pollMs))) {
        const page = (await (await officer.fetch('/api/tasks?scope=group&taskType=ReviewReceipt&sort=created&order=desc&pageSize=10')).json()) as { items: { processInstanceKey: string }[] };
        if (page.items.some((t) => t.processInstanceKey === processInstanceKey)) {
          seenAt = Date.now();
          break;
        }
      }
      if (!seenAt) throw new Error(`the task of instance ${processInstanceKey} did not reach the inbox within 30 s`);
      const { rows } = await pool.query<{ ms: string }>(
        `SELECT (extract(epoch FROM timestamp) * 1000)::bigint::text AS ms FROM zeebe.record WHERE value_type = 'USER_TASK' AND intent = 'CREATED' AND process_instance_key = $1`,
        [processInstanceKey],
      );
      const created = Number(rows[0]!.ms);
      latencies.push(seenAt - created);
      fromCall.push(seenAt - called);
      // Complete it so the inbox stays one page long.
      const key = (await pool.query<{ k: string }>(`SELECT user_task_key::text AS k FROM user_task WHERE process_instance_key = $1`, [processInstanceKey])).rows[0]!.k;
      await officer.fetch(`/api/tasks/${key}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ variables: { confirmed: true, comment: 'latency' } }) });
      tick(i + 1);
    }
    await pool.end();
    const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
    const result = {
      bench: 'latency',
      timestamp: new Date().toISOString(),
      machine: machineFacts(),
      tasks,
      pollMs,
      exporter: EXPORTER_FLUSH,
      createdToInboxMs: { p50: round(pct(latencies, 0.5)), p95: round(pct(latencies, 0.95)), max: round(Math.max(...latencies)) },
      startCallToInboxMs: { p50: round(pct(fromCall, 0.5)), p95: round(pct(fromCall, 0.95)) },
    };
    log('');
    log(`task created in the engine → listed by GET /api/tasks: p50 ${result.createdToInboxMs.p50} ms, p95 ${result.createdToInboxMs.p95} ms, max ${result.createdToInboxMs.max} ms (${tasks} tasks, polled every ${pollMs} ms)`);
    log(`exporter flush interval: ${EXPORTER_FLUSH.flushIntervalMs} ms (batch ${EXPORTER_FLUSH.batchSize}); ratio p50 / flush interval ${round(result.createdToInboxMs.p50 / EXPORTER_FLUSH.flushIntervalMs)}×`);
    log(`from the start call (instance creation + service task + user task): p50 ${result.startCallToInboxMs.p50} ms, p95 ${result.startCallToInboxMs.p95} ms`);
    const file = writeResult('latency', result, values.tmp);
    log(`result: ${path.relative(process.cwd(), file)}`);
  });
}
