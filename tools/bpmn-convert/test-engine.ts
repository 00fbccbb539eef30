import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

/**
 * One real Operaton engine (engine/app) for the converter's integration test: the jar built once per source hash
 * into .cache/bpmn-convert/, a scratch database with the engine schema and the read-model tables the app writes,
 * a free port, HTTP Basic for a service account. Private to this folder; the stack's engine runner is not used.
 */
const ROOT = path.resolve(__dirname, '../..');
const APP = path.join(ROOT, 'engine/app');
const CACHE = path.join(ROOT, '.cache/bpmn-convert');
const JDK = process.env.PLUSFLOW_TEST_JDK ?? '/usr/lib/jvm/temurin-25-jdk-amd64';
const PG = process.env.PLUSFLOW_BPMN_CONVERT_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestEngine {
  url: string;
  logFile: string;
  database: string;
  /** An engine REST call (path after /engine-rest); throws with the engine's answer on a non-2xx status. */
  rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (name === 'target') return [];
    return statSync(p).isDirectory() ? sources(p) : [p];
  });
}

export function engineJar(): string {
  const hash = createHash('sha256');
  for (const f of sources(APP).sort()) hash.update(path.relative(APP, f)).update(readFileSync(f));
  const dir = path.join(CACHE, `engine-${hash.digest('hex').slice(0, 16)}`);
  const jar = path.join(dir, 'plusflow-engine.jar');
  if (existsSync(jar)) return jar;
  const buildDir = path.join(CACHE, `engine-build-${randomBytes(4).toString('hex')}`);
  const r = spawnSync('mvn', ['-B', '-q', '-f', path.join(APP, 'pom.xml'), '-DskipTests', `-Dengine.buildDir=${buildDir}`, 'package'], {
    env: { ...process.env, JAVA_HOME: JDK },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`engine app build failed:\n${`${r.stdout}\n${r.stderr}`.split('\n').slice(-40).join('\n')}`);
  mkdirSync(dir, { recursive: true });
  renameSync(path.join(buildDir, 'plusflow-engine.jar'), jar);
  rmSync(buildDir, { recursive: true, force: true });
  // Jars of earlier sources (70 MB each) that nobody has used for a day go.
  for (const old of readdirSync(CACHE).filter((n) => /^engine-[0-9a-f]{16}$/.test(n) && path.join(CACHE, n) !== dir)) {
    if (Date.now() - statSync(path.join(CACHE, old)).mtimeMs > 86_400_000) rmSync(path.join(CACHE, old), { recursive: true, force: true });
  }
  return jar;
}

const READ_MODEL_DDL = `
create table department (id serial primary key, code text unique);
create table user_task (user_task_key text primary key, process_instance_key text not null, process_definition_key text, bpmn_process_id text not null, process_definition_version int, element_id text, element_instance_key text, task_name text, assignee text, candidate_groups text[] not null default '{}', candidate_users text[] not null default '{}', due_date timestamptz(3), follow_up_date timestamptz(3), priority int not null default 50, state text not null, created_at timestamptz(3) not null, completed_at timestamptz(3), updated_at timestamptz(3) not null, root_process_instance_key text, department_id int);
create table process_instance (process_instance_key text primary key, process_definition_key text, bpmn_process_id text not null, process_definition_version int, parent_process_instance_key text, root_process_instance_key text, business_key text, state text not null, started_at timestamptz(3) not null, ended_at timestamptz(3), updated_at timestamptz(3) not null);
create table incident (incident_key text primary key, process_instance_key text not null, root_process_instance_key text, bpmn_process_id text, element_id text, job_key text, error_type text, error_message text not null, state text not null, created_at timestamptz(3) not null, resolved_at timestamptz(3));
`;

async function sql(database: string, fn: (c: Client) => Promise<unknown>): Promise<void> {
  const url = new URL(PG);
  url.pathname = `/${database}`;
  const c = new Client({ connectionString: url.toString() });
  c.on('error', () => undefined);
  await c.connect();
  try {
    await fn(c);
  } finally {
    await c.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startTestEngine(opts: { readyTimeoutMs?: number } = {}): Promise<TestEngine> {
  const jar = engineJar();
  const database = `bpmn_convert_it_${randomBytes(4).toString('hex')}`;
  await sql('postgres', (c) => c.query(`CREATE DATABASE "${database}"`));
  const drop = (): Promise<void> => sql('postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).catch(() => undefined);
  await sql(database, async (c) => {
    await c.query('CREATE SCHEMA engine');
    await c.query(READ_MODEL_DDL);
  });
  const pg = new URL(PG);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  mkdirSync(path.join(CACHE, 'logs'), { recursive: true });
  const logFile = path.join(CACHE, 'logs', `${database}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(path.join(JDK, 'bin/java'), ['-XX:TieredStopAtLevel=1', '-jar', jar], {
    env: {
      ...process.env,
      PLUSFLOW_ENGINE_JDBC_URL: `jdbc:postgresql://${pg.hostname}:${pg.port || 5432}/${database}?currentSchema=engine`,
      PLUSFLOW_ENGINE_DB_USER: decodeURIComponent(pg.username || 'postgres'),
      PLUSFLOW_ENGINE_DB_PASSWORD: decodeURIComponent(pg.password),
      PLUSFLOW_ENGINE_PORT: String(port),
      PLUSFLOW_ENGINE_USER: 'svc',
      PLUSFLOW_ENGINE_PASSWORD: password,
      PLUSFLOW_ENGINE_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const auth = `Basic ${Buffer.from(`svc:${password}`).toString('base64')}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    await drop();
  };
  const rest = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const init: RequestInit = { method, headers: { authorization: auth } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(`${url}/engine-rest${p}`, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${text.slice(0, 3000)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 240_000);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the engine exited with ${child.exitCode}; log: ${logFile}`);
      const ok = await fetch(`${url}/engine-rest/engine`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the engine was not ready in time; log: ${logFile}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, logFile, database, rest, stop };
}
