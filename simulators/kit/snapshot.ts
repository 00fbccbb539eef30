import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Simulator } from './app';

/**
 * Optional persistence: the state of all simulators in one JSON file, so a restarted demo stack keeps its
 * outboxes, received requests and idempotency keys. Written atomically (temp file + rename).
 */
export function saveSnapshot(file: string, simulators: Simulator[]): void {
  const data = {
    savedAt: new Date().toISOString(),
    simulators: Object.fromEntries(simulators.map((s) => [s.system, s.snapshot()])),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, file);
}

/** Restores the systems found in the file; returns their names. A missing file is a fresh start. */
export function loadSnapshot(file: string, simulators: Simulator[]): string[] {
  if (!existsSync(file)) return [];
  const data = JSON.parse(readFileSync(file, 'utf8')) as { simulators?: Record<string, unknown> };
  const restored: string[] = [];
  for (const sim of simulators) {
    const state = data.simulators?.[sim.system];
    if (state === undefined) continue;
    sim.restore(state);
    restored.push(sim.system);
  }
  return restored;
}
