import { loadConfig } from '../platform/config';
import { startStack, type StackHandle } from '../scripts/stack';

/**
 * Starts the test stack once per jest run: real PostgreSQL (database plusflow_test), the real Camunda
 * engine on shifted ports (see platform/config.ts), deployed processes, worker host and API. Tests read
 * the effective settings from the environment this sets.
 */
export default async function globalSetup(): Promise<void> {
  process.env.PLUSFLOW_STACK = 'test';
  const cfg = loadConfig(process.env);
  console.log('\nStarting the test stack (real engine and PostgreSQL)…');
  const stack = await startStack(cfg, { seedDemoData: true });
  process.env.DATABASE_URL = stack.databaseUrl;
  (globalThis as { __PLUSFLOW_STACK__?: StackHandle }).__PLUSFLOW_STACK__ = stack;
}
