import type { StackHandle } from '../scripts/stack';

/** Stops everything the set-up started: API, workers, engine (and an embedded PostgreSQL if one was started). */
export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { __PLUSFLOW_STACK__?: StackHandle }).__PLUSFLOW_STACK__;
  await stack?.stop();
}
