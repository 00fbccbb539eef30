import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

/**
 * Real Operaton engine nodes for integration tests, independent of the stack: the engine app (engine/app) built
 * once per source hash into .cache/operaton-test/, a scratch database with the engine schema and the read-model
 * tables the app writes, and N nodes on free ports sharing it. Temporary: the engine runner replaces it.
 */
const ROOT = path.resolve(__dirname, '../..');
const APP = path.join(ROOT, 'engine/app');
const CACHE = path.join(ROOT, '.cache/operaton-test');
const JDK = process.env.PLUSFLOW_TEST_JDK ?? '/usr/lib/jvm/temurin-25-jdk-amd64';
const PG = process.env.PLUSFLOW_OPERATON_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface EngineNode {
  url: string;
  port: number;
  process: ChildProcess;
  logFile: string;
  /** SIGKILL (a crash) or SIGTERM; resolves when the JVM is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface EngineCluster {
  nodes: EngineNode[];
  user: string;
  password: string;
  database: string;
  stop(): Promise<void>;
}

/** The engine jar for the current sources of engine/app, built when they changed (or PLUSFLOW_TEST_ENGINE_JAR). */
export function engineJar(): string {
  // A jar built elsewhere (e.g. to try a change of the engine app).
  if (process.env.PLUSFLOW_TEST_ENGINE_JAR) return process.env.PLUSFLOW_TEST_ENGINE_JAR;
  const hash = createHash('sha256');
  for (const f of files(APP)
    .filter((f) => !f.includes(`${path.sep}target${path.sep}`))
    .sort())
    hash.update(f).update(readFileSync(f));
  const dir = path.join(CACHE, hash.digest('hex').slice(0, 16));
  const jar = path.join(dir, 'plusflow-engine.jar');
  if (existsSync(jar)) return jar;
  const buildDir = path.join(CACHE, `build-${randomBytes(4).toString('hex')}`);
  const r = spawnSync(
    'mvn',
    ['-B', '-q', '-f', path.join(APP, 'pom.xml'), '-DskipTests', `-Dengine.buildDir=${buildDir}`, 'package'],
    {
      env: { ...process.env, JAVA_HOME: JDK },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status !== 0)
    throw new Error(`engine app build failed:\n${`${r.stdout}\n${r.stderr}`.split('\n').slice(-40).join('\n')}`);
  mkdirSync(dir, { recursive: true });
  // Rename is atomic: a concurrent run sees either no jar or a whole one.
  renameSync(path.join(buildDir, 'plusflow-engine.jar'), jar);
  rmSync(buildDir, { recursive: true, force: true });
  return jar;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (name === 'target') return [];
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const READ_MODEL_DDL = `
create table department (id serial primary key, code text unique);
create table user_task (user_task_key text primary key, process_instance_key text not null, process_definition_key text, bpmn_process_id text not null, process_definition_version int, element_id text, element_instance_key text, task_name text, assignee text, candidate_groups text[] not null default '{}', candidate_users text[] not null default '{}', due_date timestamptz(3), follow_up_date timestamptz(3), priority int not null default 50, state text not null, created_at timestamptz(3) not null, completed_at timestamptz(3), updated_at timestamptz(3) not null, root_process_instance_key text, department_id int);
create table process_instance (process_instance_key text primary key, process_definition_key text, bpmn_process_id text not null, process_definition_version int, parent_process_instance_key text, root_process_instance_key text, business_key text, state text not null, started_at timestamptz(3) not null, ended_at timestamptz(3), updated_at timestamptz(3) not null);
create table incident (incident_key text primary key, process_instance_key text not null, root_process_instance_key text, bpmn_process_id text, element_id text, job_key text, error_type text, error_message text not null, state text not null, created_at timestamptz(3) not null, resolved_at timestamptz(3));
`;

async function withAdmin<T>(fn: (c: Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const url = new URL(PG);
  url.pathname = `/${database}`;
  const c = new Client({ connectionString: url.toString() });
  await c.connect();
  try {
    return await fn(c);
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

/** Starts `count` engine nodes on one fresh database; `stop()` ends them and drops the database. */
export async function startEngineCluster(
  count: number,
  opts: { readyTimeoutMs?: number } = {},
): Promise<EngineCluster> {
  const jar = engineJar();
  const database = `plusflow_operaton_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${database}"`));
  await withAdmin(async (c) => {
    await c.query('CREATE SCHEMA engine');
    await c.query(READ_MODEL_DDL);
  }, database);
  const pg = new URL(PG);
  const user = 'svc';
  const password = randomBytes(12).toString('hex');
  const logs = path.join(CACHE, 'logs');
  mkdirSync(logs, { recursive: true });
  const nodes: EngineNode[] = [];
  const cluster: EngineCluster = {
    nodes,
    user,
    password,
    database,
    stop: async () => {
      await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).catch(() => undefined);
    },
  };
  try {
    // One at a time: the first creates the schema, and two JVMs starting at once on 2 cores only slow each other.
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const logFile = path.join(logs, `${database}-node${i}.log`);
      const out = createWriteStream(logFile);
      const child = spawn(path.join(JDK, 'bin/java'), ['-XX:TieredStopAtLevel=1', '-jar', jar], {
        env: {
          ...process.env,
          PLUSFLOW_ENGINE_JDBC_URL: `jdbc:postgresql://${pg.hostname}:${pg.port || 5432}/${database}?currentSchema=engine`,
          PLUSFLOW_ENGINE_DB_USER: decodeURIComponent(pg.username || 'postgres'),
          PLUSFLOW_ENGINE_DB_PASSWORD: decodeURIComponent(pg.password),
          PLUSFLOW_ENGINE_PORT: String(port),
          PLUSFLOW_ENGINE_USER: user,
          PLUSFLOW_ENGINE_PASSWORD: password,
          PLUSFLOW_ENGINE_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.pipe(out);
      child.stderr.pipe(out);
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      nodes.push({
        url: `http://127.0.0.1:${port}`,
        port,
        process: child,
        logFile,
        kill: async (signal = 'SIGKILL') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
      await waitReady(`http://127.0.0.1:${port}`, child, logFile, opts.readyTimeoutMs ?? 240_000);
    }
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}

async function waitReady(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`engine node ${url} exited with ${child.exitCode}; log: ${logFile}\n${tail(logFile)}`);
    const ok = await fetch(`${url}/engine-rest/engine`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`engine node ${url} not ready within ${timeoutMs} ms; log: ${logFile}\n${tail(logFile)}`);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}
