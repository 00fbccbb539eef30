import { Client } from 'pg';
import { loadConfig, type StackConfig } from '../platform/config';
import { stopEngines } from '../engine/runner/operaton';
import { startStack, type StackHandle } from '../scripts/stack';

/**
 * Starts the test stack once per jest run: real PostgreSQL (database plusflow_test), the real Operaton engine
 * on shifted ports (see platform/config.ts), deployed processes, simulators, worker host and API. Every run
 * starts from nothing: the engine keeps its state in the test database (schema engine), which is recreated.
 */
export default async function globalSetup(): Promise<void> {
  process.env.PLUSFLOW_STACK = 'test';
  const cfg = loadConfig(process.env);
  console.log('\nStarting the test stack (real engine and PostgreSQL) from a clean state…');
  await resetTestState(cfg);
  const stack = await startStack(cfg, { seedDemoData: true });
  process.env.DATABASE_URL = stack.databaseUrl;
  (globalThis as { __PLUSFLOW_STACK__?: StackHandle }).__PLUSFLOW_STACK__ = stack;
}

async function resetTestState(cfg: StackConfig): Promise<void> {
  await stopEngines(cfg);
  // Only a database whose name says it is for tests is ever dropped.
  if (!/_test$/.test(cfg.database.name)) return;
  const admin = new URL(cfg.database.url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch {
    return; // no server yet: the stack starts an embedded one with an empty database
  }
  try {
    await client.query(`DROP DATABASE IF EXISTS "${cfg.database.name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
