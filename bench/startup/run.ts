import path from 'node:path';
import { parseArgs } from 'node:util';
import { getConfig } from '../../platform/config';
import { withIsolatedConfig } from '../lib/isolated-stack';
import { ensureDistribution, ensureExporterJar, startEngine } from '../../engine/runner';
import { startStack } from '../../scripts/stack';
import { Progress } from '../../scripts/progress';
import { machineFacts } from '../lib/machine';
import { fmt, log, median, round, writeResult } from '../lib/report';

/**
 * `npm run bench -- startup`: how long the whole stack takes to come up from cold (empty engine data, empty
 * database: migrations, demo data, engine, deployment, simulators, workers, API), next to how long the engine
 * alone takes from cold, measured in the same run, alternating, --runs times (default 3), medians reported.
 * "Cold" means no running process and no data; the downloaded Camunda distribution and the built exporter jar
 * are reused (they are fetched once per machine, and their time is a network figure, not a start-up one).
 * Everything runs on its own ports, cache directory and scratch database; nothing of the dev or test stack is
 * touched. Options: --runs N, --tmp.
 */
export async function runStartupBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string', default: '3' }, tmp: { type: 'boolean', default: false } } });
  const runs = Math.max(1, Number(values.runs) || 1);
  const base = getConfig();

  log('preparing: Camunda distribution and exporter jar (reused, not timed)');
  await ensureDistribution(base, () => undefined);
  await ensureExporterJar(base);

  const engineMs: number[] = [];
  const stackMs: number[] = [];
  const stepMs: Record<string, number[]> = {};
  for (let run = 1; run <= runs; run++) {
    engineMs.push(await coldEngine());
    log(`run ${run}/${runs}: engine alone ${fmt(engineMs.at(-1)!)} ms`);
    const stack = await coldStack();
    stackMs.push(stack.ms);
    for (const [step, ms] of Object.entries(stack.steps)) (stepMs[step] ??= []).push(ms);
    log(`run ${run}/${runs}: whole stack ${fmt(stack.ms)} ms`);
  }

  const engine = median(engineMs);
  const whole = median(stackMs);
  const steps = Object.fromEntries(Object.entries(stepMs).map(([k, v]) => [k, round(median(v))]));
  log('');
  log(`engine alone, cold:  median ${fmt(engine)} ms   (runs: ${engineMs.map(fmt).join(', ')})`);
  log(`whole stack, cold:   median ${fmt(whole)} ms   (runs: ${stackMs.map(fmt).join(', ')})`);
  log(`ratio stack / engine: ${round(whole / engine)}×`);
  log('median per step of the stack:');
  for (const [k, v] of Object.entries(steps)) log(`  ${k.padEnd(32)} ${fmt(v)} ms`);
  const result = {
    timestamp: new Date().toISOString(),
    machine: machineFacts(),
    runs,
    engineMs,
    stackMs,
    medianEngineMs: engine,
    medianStackMs: whole,
    ratio: round(whole / engine),
    medianStepMs: steps,
  };
  const file = writeResult('startup', result, values.tmp);
  log(`result: ${path.relative(process.cwd(), file)}`);
}

async function coldEngine(): Promise<number> {
  return withIsolatedConfig({ name: 'startup' }, async (cfg) => {
    const started = performance.now();
    const engine = await startEngine(cfg, { databaseUrl: cfg.database.url });
    const ms = performance.now() - started;
    await engine.stop();
    return ms;
  });
}

async function coldStack(): Promise<{ ms: number; steps: Record<string, number> }> {
  return withIsolatedConfig({ name: 'startup' }, async (cfg) => {
    const progress = new TimingProgress();
    const started = performance.now();
    const stack = await startStack(cfg, { seedDemoData: true, progress });
    const ms = performance.now() - started;
    await stack.stop();
    return { ms, steps: progress.steps };
  });
}

/** The stack's own progress lines, with each step's duration kept for the report. */
class TimingProgress extends Progress {
  readonly steps: Record<string, number> = {};

  override async step<T>(title: string, work: (update: (status: string) => void) => Promise<T>, done?: (result: T) => string): Promise<T> {
    const started = performance.now();
    const result = await super.step(title, work, done);
    // Deployment titles carry versions; keep the step name only.
    this.steps[title.split(' — ')[0]!] = performance.now() - started;
    return result;
  }
}
