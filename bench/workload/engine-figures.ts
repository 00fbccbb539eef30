import { Pool } from 'pg';
import type { StackConfig } from '../../platform/config';
import { createCamunda8 } from '../../platform/engine-client';

/**
 * Engine-side figures of a run, read from the records the engine exported (zeebe.record): what it completed in a
 * time window, and how long jobs and user tasks waited from creation to completion.
 */
export interface EngineFigures {
  seconds: number;
  processInstancesCompleted: number;
  jobsCompleted: number;
  userTasksCompleted: number;
  instancesPerSec: number;
  jobsPerSec: number;
  userTasksPerSec: number;
  /** JOB CREATED → COMPLETED, by job key (worker pick-up, external calls, retries). */
  jobMs: Percentiles;
  /** USER_TASK CREATED → COMPLETED (projection, the bot finding it, the API completing it). */
  userTaskMs: Percentiles;
}
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: number[]): Percentiles {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.at(-1) ?? 0 };
}

/** Counts records from `from` to `to` + `slackMs` (the engine stamps a record before a client sees its effect); rates per (to − from). */
export async function engineFigures(databaseUrl: string, from: Date, to: Date, bpmnProcessIds?: string[], slackMs = 0): Promise<EngineFigures> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const only = bpmnProcessIds ? `AND bpmn_process_id = ANY($3)` : '';
    const params: unknown[] = [from, new Date(to.getTime() + slackMs), ...(bpmnProcessIds ? [bpmnProcessIds] : [])];
    const count = async (valueType: string, intent: string, extra = '') =>
      Number(
        (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM zeebe.record WHERE value_type = '${valueType}' AND intent = '${intent}' AND record_type = 'EVENT' AND "timestamp" BETWEEN $1 AND $2 ${only} ${extra}`, params)).rows[0]!.n,
      );
    const waits = async (valueType: string) =>
      (
        await pool.query<{ ms: string }>(
          `SELECT (extract(epoch FROM (d."timestamp" - c."timestamp")) * 1000)::bigint::text AS ms
           FROM zeebe.record d JOIN zeebe.record c ON c.key = d.key AND c.partition_id = d.partition_id AND c.value_type = d.value_type AND c.intent = 'CREATED' AND c.record_type = 'EVENT'
           WHERE d.value_type = '${valueType}' AND d.intent = 'COMPLETED' AND d.record_type = 'EVENT' AND d."timestamp" BETWEEN $1 AND $2 ${only.replace('bpmn_process_id', 'd.bpmn_process_id')}`,
          params,
        )
      ).rows.map((r) => Number(r.ms));
    const seconds = (to.getTime() - from.getTime()) / 1000;
    const processInstancesCompleted = await count('PROCESS_INSTANCE', 'ELEMENT_COMPLETED', `AND value->>'bpmnElementType' = 'PROCESS'`);
    const jobsCompleted = await count('JOB', 'COMPLETED');
    const userTasksCompleted = await count('USER_TASK', 'COMPLETED');
    return {
      seconds,
      processInstancesCompleted,
      jobsCompleted,
      userTasksCompleted,
      instancesPerSec: processInstancesCompleted / seconds,
      jobsPerSec: jobsCompleted / seconds,
      userTasksPerSec: userTasksCompleted / seconds,
      jobMs: percentiles(await waits('JOB')),
      userTaskMs: percentiles(await waits('USER_TASK')),
    };
  } finally {
    await pool.end();
  }
}

const NOOP_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_bench_noop" targetNamespace="https://plusflow.vpd.gov.lv/bench">
  <bpmn:process id="bench-noop" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Noop"><bpmn:extensionElements><zeebe:taskDefinition type="bench.noop" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="End"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Noop" />
    <bpmn:sequenceFlow id="f2" sourceRef="Noop" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * The raw engine's throughput on this machine, same run: a process with one service task whose worker completes
 * at once (job streaming, as the product's workers use), `instances` instances created `concurrency` at a time.
 * The exporter and the rest of the stack stay up, as they would in production; nothing else is asked of them.
 */
export async function noopThroughput(cfg: StackConfig, databaseUrl: string, instances: number, concurrency: number, log: (l: string) => void): Promise<EngineFigures> {
  const camunda = createCamunda8(cfg);
  const zeebe = camunda.getZeebeGrpcApiClient();
  try {
    await zeebe.deployResource({ name: 'bench-noop.bpmn', process: Buffer.from(NOOP_BPMN) });
    let done = 0;
    const stream = await zeebe.streamJobs({ type: 'bench.noop', worker: 'bench-noop', timeout: 30_000, tenantIds: ['<default>'], taskHandler: async (job) => {
      const ack = await job.complete();
      done++;
      return ack;
    } });
    const from = new Date();
    let started = 0;
    const starter = async () => {
      while (started < instances) {
        started++;
        await zeebe.createProcessInstance({ bpmnProcessId: 'bench-noop', variables: {} });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, starter));
    let lastLog = Date.now();
    while (done < instances) {
      await new Promise((r) => setTimeout(r, 50));
      if (Date.now() - lastLog > 5_000) {
        lastLog = Date.now();
        log(`  no-op: ${done}/${instances}`);
      }
    }
    const to = new Date();
    stream.close();
    // Let the exporter write the last records before counting them.
    await new Promise((r) => setTimeout(r, 2_000));
    return await engineFigures(databaseUrl, from, to, ['bench-noop'], 1_000);
  } finally {
    await zeebe.close();
  }
}
