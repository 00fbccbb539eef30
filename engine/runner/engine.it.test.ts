import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT, loadConfig, type StackConfig } from '../../platform/config';
import { ensureDistribution } from './distribution';
import { engineHealth } from './health';
import { isAlive, pidFile, startEngine, stopEngine, type EngineHandle } from './process';

/**
 * The engine runner and the PostgreSQL exporter against a real broker and a real PostgreSQL: start the
 * engine, deploy and run a process over REST, see its records arrive in zeebe.record, stop the engine.
 *
 * Isolation from a developer's or the test suite's own engine: ports shifted by 200 (the benchmarks use 300), and a private cache
 * directory (pid file, config, engine data, logs) whose `camunda/` links to the repository's cache, so the
 * downloaded distribution and the built exporter jar are reused.
 */
const SERVER_URL = process.env.ENGINE_IT_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'plusflow_enginetest';
const PROCESS_ID = 'engine_it_process';

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="engine-it" targetNamespace="http://plusflow.vpd.lv/test">
  <bpmn:process id="${PROCESS_ID}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>to_end</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="to_end" sourceRef="start" targetRef="end"/>
    <bpmn:endEvent id="end"><bpmn:incoming>to_end</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>
`;

interface RecordRow {
  value_type: string;
  intent: string;
  bpmn_process_id: string | null;
  element_id: string | null;
  value: { bpmnElementType?: string; processInstanceKey?: number };
}

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function recreateDatabase(): Promise<void> {
  await withClient(SERVER_URL, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DATABASE}`);
  });
}

async function rest<T>(cfg: StackConfig, method: string, route: string, body: string | FormData, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${cfg.engine.restAddress}${route}`, { method, body, headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: HTTP ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function createInstance(cfg: StackConfig): Promise<{ key: number; createdAt: number }> {
  const created = await rest<{ processInstanceKey: number }>(
    cfg,
    'POST',
    '/v2/process-instances',
    JSON.stringify({ processDefinitionId: PROCESS_ID, variables: { caseId: 'C-1' } }),
    { 'content-type': 'application/json' },
  );
  return { key: created.processInstanceKey, createdAt: Date.now() };
}

/** Polls zeebe.record until the instance's process element is completed; returns its PROCESS_INSTANCE rows. */
async function waitForCompletedInstance(db: Client, processInstanceKey: number, timeoutMs = 10_000): Promise<RecordRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<RecordRow>(
      `SELECT value_type, intent, bpmn_process_id, element_id, value
         FROM zeebe.record WHERE process_instance_key = $1 AND value_type = 'PROCESS_INSTANCE' ORDER BY position`,
      [processInstanceKey],
    );
    if (rows.some((r) => r.element_id === PROCESS_ID && r.intent === 'ELEMENT_COMPLETED')) return rows;
    if (Date.now() > deadline) throw new Error(`no completed PROCESS_INSTANCE records for ${processInstanceKey} after ${timeoutMs} ms: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('engine runner and PostgreSQL exporter (real engine)', () => {
  let cacheDir: string;
  let cfg: StackConfig;
  let engine: EngineHandle | undefined;
  let db: Client;
  const notifications: string[] = [];

  beforeAll(async () => {
    await recreateDatabase();
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'plusflow-engine-it-'));
    const sharedCamunda = path.join(REPO_ROOT, '.cache', 'camunda');
    await mkdir(sharedCamunda, { recursive: true });
    symlinkSync(sharedCamunda, path.join(cacheDir, 'camunda'));
    cfg = loadConfig({ PLUSFLOW_STACK: 'test', PLUSFLOW_CACHE_DIR: cacheDir, CAMUNDA_PORT_OFFSET: '200', DATABASE_URL: databaseUrl(DATABASE), LOG_LEVEL: 'warn' });
    await ensureDistribution(cfg);
    db = new Client({ connectionString: cfg.database.url });
    await db.connect();
    db.on('notification', (n) => notifications.push(n.payload ?? ''));
    await db.query('LISTEN zeebe_record');
  }, 600_000);

  afterAll(async () => {
    await db?.end();
    await stopEngine(cfg).catch(() => undefined);
    await withClient(SERVER_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`)).catch(() => undefined);
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true }); // the link, not the shared distribution
  }, 60_000);

  it('starts the engine on the shifted ports and reuses it on a second start', async () => {
    const started = Date.now();
    const progress: string[] = [];
    engine = await startEngine(cfg, { onProgress: (s) => progress.push(s) });
    console.log(`engine ready after ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${engine.pid}); last progress: ${progress.at(-1)}`);
    expect(engine.reused).toBe(false);
    expect(isAlive(engine.pid)).toBe(true);
    expect(progress.some((p) => /^\d+ s, /.test(p))).toBe(true);
    const health = await engineHealth(cfg);
    expect(health).toMatchObject({ ready: true, version: cfg.engine.version });

    const again = await startEngine(cfg);
    expect(again).toMatchObject({ pid: engine.pid, reused: true });

    // Our exporter is the only one: nothing from the distribution's configuration (Elasticsearch) is active.
    const exporters = (await (await fetch(`${cfg.engine.managementAddress}/actuator/exporters`)).json()) as { exporterId: string; status: string }[];
    expect(exporters).toEqual([{ exporterId: 'plusflow', status: 'ENABLED' }]);
  }, 240_000);

  it('exports the records of a deployed and completed process instance to zeebe.record', async () => {
    const form = new FormData();
    form.append('resources', new Blob([BPMN], { type: 'application/xml' }), 'engine-it.bpmn');
    const deployment = await rest<{ deployments: { processDefinition?: { processDefinitionId: string } }[] }>(cfg, 'POST', '/v2/deployments', form);
    expect(deployment.deployments[0]?.processDefinition?.processDefinitionId).toBe(PROCESS_ID);

    const { key, createdAt } = await createInstance(cfg);
    const rows = await waitForCompletedInstance(db, key);
    console.log(`records of instance ${key} in PostgreSQL ${Date.now() - createdAt} ms after its creation`);

    expect(rows.every((r) => r.bpmn_process_id === PROCESS_ID && r.value.processInstanceKey === key)).toBe(true);
    const processEvents = rows.filter((r) => r.element_id === PROCESS_ID).map((r) => r.intent);
    expect(processEvents).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(rows.some((r) => r.element_id === 'end' && r.value.bpmnElementType === 'END_EVENT')).toBe(true);

    // Only events of the configured value types: no commands, no rejections.
    const types = await db.query<{ record_type: string; value_type: string }>('SELECT DISTINCT record_type, value_type FROM zeebe.record');
    expect(new Set(types.rows.map((r) => r.record_type))).toEqual(new Set(['EVENT']));
    expect(types.rows.map((r) => r.value_type)).toEqual(expect.arrayContaining(['DEPLOYMENT', 'PROCESS', 'PROCESS_INSTANCE', 'VARIABLE']));

    // Intake's search for a case's instance by its caseId variable is served by the partial index, not a scan.
    await db.query('ANALYZE zeebe.record');
    await db.query('SET enable_seqscan = off');
    const plan = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT process_instance_key FROM zeebe.record WHERE value_type = 'VARIABLE' AND intent = 'CREATED' AND value->>'name' = 'caseId' AND value->>'value' = '"42"'`,
    );
    await db.query('RESET enable_seqscan');
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('record_case_id_variable_idx');

    // A NUL character in message variables must not block the export (jsonb rejects \u0000): it becomes U+FFFD.
    await rest(cfg, 'POST', '/v2/messages/publication', JSON.stringify({ name: 'engine-it', correlationKey: 'nul', variables: { note: 'a\u0000b' } }), {
      'content-type': 'application/json',
    });
    const deadline = Date.now() + 10_000;
    let note: string | undefined;
    while (note === undefined && Date.now() < deadline) {
      const m = await db.query<{ note: string }>(`SELECT value->'variables'->>'note' AS note FROM zeebe.record WHERE value_type = 'MESSAGE' AND value->>'name' = 'engine-it'`);
      note = m.rows[0]?.note;
      if (note === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(note).toBe('a\ufffdb');

    // Every commit notifies "partition:position" of its last record.
    await new Promise((r) => setTimeout(r, 100));
    const maxPosition = (await db.query<{ max: string }>('SELECT max(position)::text AS max FROM zeebe.record')).rows[0]?.max;
    expect(notifications).toContain(`1:${maxPosition}`);
  }, 60_000);

  it('reconnects when PostgreSQL drops the exporter connection, without losing records', async () => {
    const killed = await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'plusflow-exporter' AND datname = $1`, [DATABASE]);
    expect(killed.rowCount).toBeGreaterThan(0);
    const { key } = await createInstance(cfg);
    await waitForCompletedInstance(db, key);
    // No gaps: positions of exported records only ever grow, and duplicates were ignored by the key.
    const dupes = await db.query('SELECT partition_id, position FROM zeebe.record GROUP BY 1, 2 HAVING count(*) > 1');
    expect(dupes.rowCount).toBe(0);
  }, 60_000);

  it('after a restart on the same data, re-delivered records are ignored and new ones arrive', async () => {
    const before = await db.query<{ n: string; max: string }>('SELECT count(*)::text AS n, max(position)::text AS max FROM zeebe.record');
    expect(await stopEngine(cfg)).toBe(true);
    engine = await startEngine(cfg);
    expect(engine.reused).toBe(false);
    const { key } = await createInstance(cfg);
    await waitForCompletedInstance(db, key);
    const after = await db.query<{ n: string; distinct: string }>('SELECT count(*)::text AS n, count(DISTINCT (partition_id, position))::text AS distinct FROM zeebe.record');
    expect(after.rows[0]?.n).toBe(after.rows[0]?.distinct);
    const old = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM zeebe.record WHERE position <= $1', [before.rows[0]?.max]);
    expect(old.rows[0]?.n).toBe(before.rows[0]?.n);
  }, 240_000);

  it('stops the engine: the process group is gone and the pid file removed', async () => {
    const pid = engine?.pid;
    expect(pid).toBeDefined();
    const started = Date.now();
    expect(await stopEngine(cfg)).toBe(true);
    console.log(`engine stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(isAlive(pid as number)).toBe(false);
    expect(existsSync(pidFile(cfg))).toBe(false);
    expect(await stopEngine(cfg)).toBe(false);
  }, 60_000);
});
