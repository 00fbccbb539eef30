import { checkSchedule, generateSchedule, type ScheduleSuccess } from '../../domain/work-schedule';
import { noProgress, progressEvery } from '../lib/report';
import type { BenchClient } from './population';

export interface Generated {
  client: BenchClient;
  result: ScheduleSuccess;
}

export interface GenerationRun {
  ok: Generated[];
  failures: { id: number; reason: string }[];
  /** Schedules per warning code. */
  warnings: Record<string, number>;
  ms: number;
}

/** Generates every client's schedule; only this loop is timed. */
export function generateAll(clients: readonly BenchClient[], showProgress: boolean): GenerationRun {
  const ok: Generated[] = [];
  const failures: { id: number; reason: string }[] = [];
  const warnings: Record<string, number> = {};
  const progress = showProgress ? progressEvery(clients.length, 'generating') : noProgress;
  const t0 = performance.now();
  for (let i = 0; i < clients.length; i++) {
    const client = clients[i]!;
    const result = generateSchedule(client.input);
    if (result.ok) ok.push({ client, result });
    else failures.push({ id: client.id, reason: `${result.reason}: ${result.message}` });
    for (const w of result.warnings) warnings[w.code] = (warnings[w.code] ?? 0) + 1;
    progress(i + 1);
  }
  return { ok, failures, warnings, ms: performance.now() - t0 };
}

/** Every schedule must add up to the client's hours and pass the independent rule check. */
export function verifyAll(generated: readonly Generated[]) {
  const t0 = performance.now();
  let sumMismatches = 0;
  let violations = 0;
  for (const { client, result } of generated) {
    const sum = result.sessions.reduce((a, s) => a + s.hours * 2, 0) / 2;
    if (sum !== client.input.totalHours) sumMismatches++;
    violations += checkSchedule(client.input, result.sessions).length;
  }
  return { sumMismatches, violations, ms: performance.now() - t0 };
}

/** Identifies a run's output, to show that repeated runs produce the same schedules. */
export function fingerprint(generated: readonly Generated[]): string {
  let h = 0;
  for (const { client, result } of generated) {
    for (const s of result.sessions) {
      for (const ch of `${client.id}${s.date}${s.start}${s.hours}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
    }
  }
  return `${generated.length}:${h}`;
}
