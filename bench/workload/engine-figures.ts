import { Pool } from 'pg';
import { createLogger } from '../../platform/logger';
import type { JobSource, Workflow, WorkflowEngine } from '../../workflow';
import { percentile } from '../lib/stats';

/**
 * Engine-side figures of a run: what the engine completed in a time window, and how long external tasks and user
 * tasks took from creation to completion. Process instances and user tasks come from the read models the engine
 * writes in its own transactions (process_instance, user_task); external tasks from the engine's history through
 * the workflow port (the activity instances of the service tasks, which are all external tasks here): there is
 * no read model of them.
 */
export interface EngineFigures {
  seconds: number;
  processInstancesCompleted: number;
  /** External tasks completed (service-task activity instances that ended, not cancelled). */
  jobsCompleted: number;
  userTasksCompleted: number;
  instancesPerSec: number;
  jobsPerSec: number;
  userTasksPerSec: number;
  /** External task created → completed (its activity instance's start → end: worker pick-up, external calls, retries). */
  jobMs: Percentiles;
  /** User task created → completed (the bot finding it through the read model, the API completing it). */
  userTaskMs: Percentiles;
}
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: number[]): Percentiles {
  const at = (q: number) => percentile(values, q);
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: values.length ? values.reduce((m, v) => Math.max(m, v), -Infinity) : 0,
  };
}

/**
 * Counts what ended between `from` and `to` + `slackMs` for the given processes (and the processes they call);
 * rates per (to − from). External tasks are read from the history of the top-level instances started in the window.
 */
export async function engineFigures(
  databaseUrl: string,
  engine: WorkflowEngine,
  from: Date,
  to: Date,
  processIds: readonly string[],
  opts: { slackMs?: number; maxRoots?: number } = {},
): Promise<EngineFigures> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const until = new Date(to.getTime() + (opts.slackMs ?? 0));
  try {
    // Instances of the processes and of everything they called: the tree of each top-level instance in the list.
    const instances = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM process_instance p LEFT JOIN process_instance r ON r.process_instance_key = p.root_process_instance_key
       WHERE p.state = 'COMPLETED' AND p.ended_at BETWEEN $1 AND $2 AND COALESCE(r.bpmn_process_id, p.bpmn_process_id) = ANY($3)`,
      [from, until, processIds],
    );
    const userTasks = await pool.query<{ ms: string }>(
      `SELECT (extract(epoch FROM (t.completed_at - t.created_at)) * 1000)::bigint::text AS ms
       FROM user_task t LEFT JOIN process_instance r ON r.process_instance_key = t.root_process_instance_key
       WHERE t.state = 'COMPLETED' AND t.completed_at BETWEEN $1 AND $2 AND COALESCE(r.bpmn_process_id, t.bpmn_process_id) = ANY($3)`,
      [from, until, processIds],
    );
    const roots = await pool.query<{ id: string }>(
      `SELECT process_instance_key AS id FROM process_instance
       WHERE parent_process_instance_key IS NULL AND bpmn_process_id = ANY($3) AND started_at <= $2 AND (ended_at IS NULL OR ended_at >= $1)
       ORDER BY started_at LIMIT $4`,
      [from, until, processIds, opts.maxRoots ?? 100_000],
    );
    const jobMs: number[] = [];
    for (const { id } of roots.rows) {
      for (const a of await engine.instanceHistory(id)) {
        if (a.elementType !== 'serviceTask' || !a.endedAt || a.canceled) continue;
        const ended = Date.parse(a.endedAt);
        if (ended < from.getTime() || ended > until.getTime()) continue;
        jobMs.push(ended - Date.parse(a.startedAt));
      }
    }
    const seconds = (to.getTime() - from.getTime()) / 1000;
    const processInstancesCompleted = Number(instances.rows[0]!.n);
    const userTaskMs = userTasks.rows.map((r) => Number(r.ms));
    return {
      seconds,
      processInstancesCompleted,
      jobsCompleted: jobMs.length,
      userTasksCompleted: userTaskMs.length,
      instancesPerSec: processInstancesCompleted / seconds,
      jobsPerSec: jobMs.length / seconds,
      userTasksPerSec: userTaskMs.length / seconds,
      jobMs: percentiles(jobMs),
      userTaskMs: percentiles(userTaskMs),
    };
  } finally {
    await pool.end();
  }
}

/** The no-op reference process: five external tasks in a row, as ENGINE.md §10 measured the bare engine. */
export const NOOP_TASKS = 5;
const NOOP_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_bench_noop" targetNamespace="https://plusflow.vpd.gov.lv/bench">
  <bpmn:process id="bench-noop" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="Start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
${Array.from({ length: NOOP_TASKS }, (_, i) => `    <bpmn:serviceTask id="Noop${i + 1}" camunda:type="external" camunda:topic="bench.noop"><bpmn:incoming>f${i}</bpmn:incoming><bpmn:outgoing>f${i + 1}</bpmn:outgoing></bpmn:serviceTask>`).join('\n')}
    <bpmn:endEvent id="End"><bpmn:incoming>f${NOOP_TASKS}</bpmn:incoming></bpmn:endEvent>
${Array.from({ length: NOOP_TASKS + 1 }, (_, i) => `    <bpmn:sequenceFlow id="f${i}" sourceRef="${i === 0 ? 'Start' : `Noop${i}`}" targetRef="${i === NOOP_TASKS ? 'End' : `Noop${i + 1}`}" />`).join('\n')}
  </bpmn:process>
</bpmn:definitions>`;

/**
 * The raw engine's throughput on this machine, same run, as ENGINE.md §10 measured it: a process of five external
 * tasks in a row, `instances` instances started `starters` at a time, and `workers` no-op workers (job sources of
 * the workflow port, up to 20 tasks each, long polling) completing every task at once. The rest of the stack stays
 * up, as it would in production; nothing else is asked of it. Instances completed are counted from the read model.
 */
export async function noopThroughput(
  workflow: Workflow,
  databaseUrl: string,
  instances: number,
  opts: { starters?: number; workers?: number; log: (l: string) => void },
): Promise<EngineFigures> {
  const { engine } = workflow;
  await engine.deploy('bench-noop', [{ name: 'bench-noop.bpmn', content: NOOP_BPMN }]);
  const logger = createLogger('bench-noop', 'warn');
  let done = 0;
  const sources: JobSource[] = Array.from({ length: opts.workers ?? 4 }, (_, i) =>
    workflow.jobSource({ workerId: `bench-noop-${i}-${process.pid}`, maxJobs: 20, log: logger }),
  );
  for (const source of sources) {
    source.start(
      [{ topic: 'bench.noop', lockMs: 30_000 }],
      async () => ({ kind: 'complete', variables: {} }),
      (_job, _outcome, report) => {
        if (report === 'reported') done++;
      },
    );
  }
  try {
    const from = new Date();
    let started = 0;
    const starter = async () => {
      while (started < instances) {
        const n = started++;
        await engine.startProcess('bench-noop', { businessKey: `noop-${n}` });
      }
    };
    await Promise.all(Array.from({ length: opts.starters ?? 4 }, starter));
    let lastLog = Date.now();
    const deadline = Date.now() + 15 * 60_000;
    while (done < instances * NOOP_TASKS && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      if (Date.now() - lastLog > 5_000) {
        lastLog = Date.now();
        opts.log(`  no-op: ${done}/${instances * NOOP_TASKS} external tasks`);
      }
    }
    const to = new Date();
    // History of the first 100 instances is enough for the task latencies.
    return await engineFigures(databaseUrl, engine, from, to, ['bench-noop'], { slackMs: 1_000, maxRoots: 100 }).then(
      (f) => ({
        ...f,
        // Every no-op task was reported by our workers; the history sample above only gives the latencies.
        jobsCompleted: done,
        jobsPerSec: done / f.seconds,
      }),
    );
  } finally {
    await Promise.all(sources.map((s) => s.stop(5_000)));
  }
}
