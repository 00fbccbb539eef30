import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runningPid, startEngine } from '../../engine/runner';
import { REPO_ROOT, type StackConfig } from '../../platform/config';
import { startStack, type StackHandle } from '../../scripts/stack';
import { Progress } from '../../scripts/progress';
import { withIsolatedConfig } from '../lib/isolated-stack';
import { machineFacts } from '../lib/machine';
import { treeRssMb } from '../lib/rss';
import { fmt, log, median, round, writeResult } from '../lib/report';

/**
 * `npm run bench -- startup`: how long the whole stack takes to come up from cold (empty database: migrations, demo
 * data, the Operaton engine creating its tables, process deployment, simulators, workers, identity, API — exactly
 * `startStack` of `npm start`), next to the bare engine start: the engine alone, started by the same runner on an
 * existing schema, until it answers. Alternating in the same run, --runs times (default 3), medians reported.
 * The engine app's build, extraction and start-up cache (AOT cache on JDK 25) are prepared first and not timed:
 * they happen once per machine and engine version, and both sides use them.
 *
 * `stackRssMb`: the resident memory of every process of the stack (engine JVM and every Node service, each with
 * its children) once it has been idle for --idle-s seconds after start, summed; the median over the runs. The
 * PostgreSQL server is not part of it (the stack uses the machine's server). With --compiled (default on, when
 * dist/ exists after `npm run build`), the last run also starts each Node service once from the compiled
 * JavaScript in dist/ instead of through tsx, alone and idle as long, to show what running compiled code would save.
 *
 * Everything runs on its own ports, cache directory and scratch database. Options: --runs N, --idle-s N (15), --tmp.
 */
const SERVICES = ['simulators', 'workers', 'identity', 'api'] as const;

export async function runStartupBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      'idle-s': { type: 'string', default: '15' },
      compiled: { type: 'boolean', default: true },
      tmp: { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Number(values.runs) || 1);
  const idleMs = Number(values['idle-s']) * 1000;

  const engineMs: number[] = [];
  const stackMs: number[] = [];
  const stepMs: Record<string, number[]> = {};
  const rss: Record<string, number>[] = [];
  let compiled: Record<string, { tsxMb: number; compiledMb: number } | { error: string }> | undefined;
  await withIsolatedConfig({ name: 'startup-engine' }, async (engineCfg) => {
    log(
      'preparing (not timed): engine app build, extraction and start-up cache; the engine creates its tables in a scratch database',
    );
    const first = await startEngine(engineCfg, { databaseUrl: engineCfg.database.url, startupCache: 'before' });
    log(`  engine ready (start-up cache ${first.startupCache ?? 'reused'}); stopping it`);
    await first.stop();
    for (let run = 1; run <= runs; run++) {
      const started = performance.now();
      const engine = await startEngine(engineCfg, { databaseUrl: engineCfg.database.url, startupCache: 'off' });
      engineMs.push(performance.now() - started);
      await engine.stop();
      log(`run ${run}/${runs}: engine alone (existing schema) ${fmt(engineMs.at(-1)!)} ms`);

      const stack = await coldStack(idleMs, run === runs && values.compiled);
      stackMs.push(stack.ms);
      rss.push(stack.rss);
      if (stack.compiled) compiled = stack.compiled;
      for (const [step, ms] of Object.entries(stack.steps)) (stepMs[step] ??= []).push(ms);
      log(
        `run ${run}/${runs}: whole stack, cold ${fmt(stack.ms)} ms; idle RSS ${fmt(stack.rss.total!)} MB (${Object.entries(
          stack.rss,
        )
          .filter(([k]) => k !== 'total')
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join(', ')})`,
      );
    }
  });

  const engine = median(engineMs);
  const whole = median(stackMs);
  const steps = Object.fromEntries(Object.entries(stepMs).map(([k, v]) => [k, round(median(v))]));
  const rssMedian = Object.fromEntries(
    Object.keys(rss[0] ?? {}).map((k) => [k, round(median(rss.map((r) => r[k] ?? 0)))]),
  );
  log('');
  log(`engine alone, existing schema: median ${fmt(engine)} ms   (runs: ${engineMs.map(fmt).join(', ')})`);
  log(`whole stack, cold:             median ${fmt(whole)} ms   (runs: ${stackMs.map(fmt).join(', ')})`);
  log(`ratio stack / engine: ${round(whole / engine)}×`);
  log('median per step of the stack:');
  for (const [k, v] of Object.entries(steps)) log(`  ${k.padEnd(32)} ${fmt(v)} ms`);
  log(
    `stack RSS idle after start (median of ${rss.length}): ${fmt(rssMedian.total ?? 0)} MB — ${Object.entries(rssMedian)
      .filter(([k]) => k !== 'total')
      .map(([k, v]) => `${k} ${fmt(v)} MB`)
      .join(', ')}`,
  );
  let compiledSummary: { tsxMb: number; compiledMb: number; savedMb: number } | undefined;
  if (compiled) {
    for (const [k, v] of Object.entries(compiled))
      log(
        'error' in v
          ? `  ${k}: compiled JavaScript not measured: ${v.error}`
          : `  ${k}: tsx ${fmt(v.tsxMb)} MB → compiled JavaScript ${fmt(v.compiledMb)} MB`,
      );
    const ok = Object.values(compiled).filter((v): v is { tsxMb: number; compiledMb: number } => !('error' in v));
    if (ok.length) {
      const tsxMb = round(ok.reduce((s, v) => s + v.tsxMb, 0));
      const compiledMb = round(ok.reduce((s, v) => s + v.compiledMb, 0));
      compiledSummary = { tsxMb, compiledMb, savedMb: round(tsxMb - compiledMb) };
      log(
        `Node services (${ok.length} of ${SERVICES.length}) through tsx ${fmt(tsxMb)} MB, compiled ${fmt(compiledMb)} MB: saves ${fmt(tsxMb - compiledMb)} MB`,
      );
    }
  }
  const result = {
    bench: 'startup',
    timestamp: new Date().toISOString(),
    machine: machineFacts(),
    engine: {
      product: 'Operaton',
      reference: 'the engine alone, same runner, existing schema, start-up cache as npm start uses it',
    },
    runs,
    engineMs,
    stackMs,
    medianEngineMs: engine,
    medianStackMs: whole,
    ratio: round(whole / engine),
    medianStepMs: steps,
    /** Every process of the stack (engine JVM, Node services with their children) idle after start, summed; median of the runs. */
    stackRssMb: rssMedian.total ?? 0,
    stackRssMbByProcess: rssMedian,
    stackRssMbRuns: rss,
    idleSeconds: idleMs / 1000,
    compiledJavaScript: compiled ? { perService: compiled, ...(compiledSummary ?? {}) } : undefined,
  };
  const file = writeResult('startup', result, values.tmp);
  log(`result: ${path.relative(process.cwd(), file)}`);
}

async function coldStack(
  idleMs: number,
  measureCompiled: boolean,
): Promise<{
  ms: number;
  steps: Record<string, number>;
  rss: Record<string, number>;
  compiled?: Record<string, { tsxMb: number; compiledMb: number } | { error: string }>;
}> {
  return withIsolatedConfig({ name: 'startup' }, async (cfg) => {
    const progress = new TimingProgress();
    const started = performance.now();
    const stack = await startStack(cfg, { seedDemoData: true, progress });
    const ms = performance.now() - started;
    try {
      await new Promise((r) => setTimeout(r, idleMs));
      const rss = await stackRss(cfg, stack);
      const compiled = measureCompiled ? await compiledServices(cfg, stack, rss, idleMs) : undefined;
      return { ms, steps: progress.steps, rss, ...(compiled ? { compiled } : {}) };
    } finally {
      await stack.stop();
    }
  });
}

async function stackRss(cfg: StackConfig, stack: StackHandle): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const n of cfg.operaton.nodes) {
    const pid = await runningPid(cfg, n.index);
    out[`engine${cfg.operaton.nodes.length > 1 ? ` ${n.index}` : ''}`] = pid ? round(treeRssMb(pid)) : 0;
  }
  for (const [name, svc] of stack.services) out[name] = svc.child.pid ? round(treeRssMb(svc.child.pid)) : 0;
  out.total = round(Object.values(out).reduce((a, b) => a + b, 0));
  return out;
}

/**
 * Each Node service in turn: the tsx one is stopped, the same service is started from dist/ with plain node and
 * the stack's environment, idle as long, measured and stopped, and the tsx one is started again.
 */
async function compiledServices(
  cfg: StackConfig,
  stack: StackHandle,
  tsxRss: Record<string, number>,
  idleMs: number,
): Promise<Record<string, { tsxMb: number; compiledMb: number } | { error: string }>> {
  const dist = path.join(REPO_ROOT, 'dist');
  const out: Record<string, { tsxMb: number; compiledMb: number } | { error: string }> = {};
  const health: Record<(typeof SERVICES)[number], string> = {
    simulators: `http://127.0.0.1:${cfg.simulators.port}/health`,
    workers: `http://127.0.0.1:${cfg.workers.metricsPort}/health`,
    identity: `http://127.0.0.1:${cfg.identity.port}/health`,
    api: `http://127.0.0.1:${cfg.api.port}/health/live`,
  };
  for (const name of SERVICES) {
    const script = path.join(dist, name, 'main.js');
    if (!existsSync(script)) {
      out[name] = { error: `${path.relative(REPO_ROOT, script)} missing (run npm run build)` };
      continue;
    }
    await stack.services.get(name)?.stop();
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, PLUSFLOW_STACK: cfg.stack, DATABASE_URL: stack.databaseUrl },
      stdio: 'ignore',
    });
    try {
      const deadline = Date.now() + 60_000;
      let up = false;
      while (!up && Date.now() < deadline && child.exitCode === null) {
        up = await fetch(health[name], { signal: AbortSignal.timeout(1_000) }).then(
          (r) => r.ok,
          () => false,
        );
        if (!up) await new Promise((r) => setTimeout(r, 300));
      }
      if (!up) {
        out[name] = {
          error: child.exitCode === null ? 'not healthy within 60 s' : `exited with code ${child.exitCode}`,
        };
        continue;
      }
      await new Promise((r) => setTimeout(r, idleMs));
      out[name] = { tsxMb: tsxRss[name] ?? 0, compiledMb: round(child.pid ? treeRssMb(child.pid) : 0) };
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) =>
        child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r),
      );
      // The tsx one back, so the next service starts beside the whole stack.
      await stack.restartService(name, 'SIGTERM');
    }
    log(`  compiled ${name}: ${JSON.stringify(out[name])}`);
  }
  return out;
}

/** The stack's own progress lines, with each step's duration kept for the report. */
class TimingProgress extends Progress {
  readonly steps: Record<string, number> = {};

  override async step<T>(
    title: string,
    work: (update: (status: string) => void) => Promise<T>,
    done?: (result: T) => string,
  ): Promise<T> {
    const started = performance.now();
    const result = await super.step(title, work, done);
    // Deployment titles carry versions; keep the step name only.
    this.steps[title.split(' — ')[0]!] = performance.now() - started;
    return result;
  }
}
