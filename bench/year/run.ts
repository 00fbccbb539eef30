import path from 'node:path';
import { parseArgs } from 'node:util';
import { runningPid } from '../../engine/runner';
import { createWorkflowFromConfig } from '../../workflow';
import { cpuSecondsOf, cpuSecondsOfCommand } from '../lib/cpu';
import { BENCH_PORT_OFFSET, withIsolatedStack } from '../lib/isolated-stack';
import { machineFacts } from '../lib/machine';
import { log, round, writeResult } from '../lib/report';
import { engineFigures, noopThroughput, NOOP_TASKS, percentiles } from '../workload/engine-figures';
import { replayPopulation, yearMix } from '../workload/mix';
import { Replay } from '../workload/replay';

/**
 * `npm run bench -- year`: a national year of VPD's workload replayed in compressed time on a stack of its own
 * (bench/workload/replay.ts), next to the raw engine's throughput measured in the same run: a no-op process of five
 * external tasks in a row with no-op workers (ENGINE.md §10). Options: --scale F (share of the year's clients, default 0.02), --clients N (instead of
 * --scale), --in-flight N (open cases at once, 60), --bot N (parallel task completions, 8), --noop N (no-op
 * instances, 2000), --seed N, --max-minutes N (60), --port-offset N (450; another bench may run beside it on
 * other ports), --tmp.
 */
export async function runYearBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: '0.02' },
      clients: { type: 'string' },
      'in-flight': { type: 'string', default: '60' },
      bot: { type: 'string', default: '8' },
      noop: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '2026' },
      'max-minutes': { type: 'string', default: '60' },
      'port-offset': { type: 'string', default: String(BENCH_PORT_OFFSET) },
      tmp: { type: 'boolean', default: false },
    },
  });
  const mix = yearMix();
  const builtPerYear = mix.filter((m) => m.built).reduce((s, m) => s + m.clientsPerYear, 0);
  const clients = values.clients
    ? Number(values.clients)
    : Math.max(1, Math.round(builtPerYear * Number(values.scale)));
  const specs = replayPopulation(clients, Number(values.seed));

  log('A year of VPD (DOMAIN.md §10.1, scaled to 17,500 clients):');
  for (const m of mix)
    log(
      `  ${m.process.padEnd(24)} ${String(m.clientsPerYear).padStart(6)} clients/year  ${m.built ? 'replayed' : 'SKIPPED: process not built yet'}`,
    );
  const skipped = mix.filter((m) => !m.built);
  log(
    `Replaying ${clients} clients of the built processes (${round((clients / builtPerYear) * 100)} % of their year); skipped: ${skipped.map((m) => m.process).join(', ')} (${skipped.reduce((s, m) => s + m.clientsPerYear, 0)} clients/year).`,
  );
  log(
    `  ${specs.filter((s) => s.process === 'minors-public-work').length} minors' public work, ${specs.filter((s) => s.process === 'community-service').length} community service (${specs.filter((s) => s.system === 'prois').length} from prosecutors, ${specs.filter((s) => !s.complies).length} who stop coming and are converted), ${specs.reduce((s, c) => s + c.hours, 0)} hours`,
  );

  const portOffset = Number(values['port-offset']);
  log(`Starting a stack of its own (ports +${portOffset}, one engine node, scratch database)`);
  await withIsolatedStack({ name: 'year', portOffset }, async (stack, cfg) => {
    const processIds = stack.deployment.processes.map((p) => p.bpmnProcessId).filter((id) => id !== 'platform-smoke');

    const workflow = createWorkflowFromConfig(cfg);
    log(
      `Raw engine: ${values.noop} instances of a no-op process of ${NOOP_TASKS} external tasks (4 starters, 4 no-op workers)`,
    );
    const noop = await noopThroughput(workflow, stack.databaseUrl, Number(values.noop), { log });
    log(`  ${round(noop.instancesPerSec)} instances/s, ${round(noop.jobsPerSec)} external tasks/s`);

    const enginePids = (await Promise.all(cfg.operaton.nodes.map((n) => runningPid(cfg, n.index)))).filter(
      (p): p is number => p !== undefined,
    );
    const cpu = () => ({
      engine: enginePids.reduce((s, pid) => s + cpuSecondsOf(pid), 0),
      ...Object.fromEntries(
        [...stack.services].map(([name, svc]) => [name, svc.child.pid ? cpuSecondsOf(svc.child.pid) : 0]),
      ),
      postgresql: cpuSecondsOfCommand('postgres'),
      'bench (bot)': process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    });
    const cpuBefore: Record<string, number> = cpu();
    log(`Replay (at most ${values['in-flight']} cases open at once, a bot completing tasks ${values.bot} at a time)`);
    const replay = await new Replay(cfg, stack.databaseUrl, specs, {
      inFlight: Number(values['in-flight']),
      botConcurrency: Number(values.bot),
      deadlineMs: Number(values['max-minutes']) * 60_000,
      log,
    }).run();
    const cpuAfter: Record<string, number> = cpu();
    const cpuSeconds = Object.fromEntries(
      Object.keys(cpuAfter).map((k) => [k, round(cpuAfter[k]! - (cpuBefore[k] ?? 0))]),
    );
    // Read models are written in the engine's transactions: nothing to wait for.
    log('Counting what the engine completed (read models; external tasks from the engine history through the port)');
    // The engine's timestamps are ahead by the replay's clock move: the window in engine time.
    const ahead = replay.engineClockAheadMs;
    const figures = await engineFigures(
      stack.databaseUrl,
      workflow.engine,
      new Date(Date.parse(replay.startedAt) + ahead),
      new Date(Date.parse(replay.endedAt) + ahead),
      processIds,
    );
    const casesPerSec = replay.cases.completed / replay.seconds;
    const lead = percentiles(replay.leadTimesMs);
    const intake = percentiles(replay.intakeMs);
    const result = {
      bench: 'year',
      timestamp: new Date().toISOString(),
      machine: machineFacts(),
      engine: { product: 'Operaton', nodes: cfg.operaton.nodes.length, javaOpts: cfg.operaton.javaOpts },
      mix,
      skipped: skipped.map((m) => m.process),
      clients,
      shareOfBuiltYear: clients / builtPerYear,
      options: { inFlight: Number(values['in-flight']), bot: Number(values.bot), seed: Number(values.seed) },
      replay: { ...replay, leadTimesMs: undefined, intakeMs: undefined },
      workload: {
        casesPerSec: round(casesPerSec),
        instancesPerSec: round(figures.instancesPerSec),
        jobsPerSec: round(figures.jobsPerSec),
        userTasksPerSec: round(figures.userTasksPerSec),
        processInstancesCompleted: figures.processInstancesCompleted,
        jobsCompleted: figures.jobsCompleted,
        userTasksCompleted: figures.userTasksCompleted,
        caseLeadTimeMs: lead,
        intakeMs: intake,
        jobMs: figures.jobMs,
        userTaskMs: figures.userTaskMs,
      },
      rawEngine: {
        instancesPerSec: round(noop.instancesPerSec),
        jobsPerSec: round(noop.jobsPerSec),
        jobMs: noop.jobMs,
        instances: noop.processInstancesCompleted,
      },
      ratios: {
        instancesPerSec: round(figures.instancesPerSec / noop.instancesPerSec),
        jobsPerSec: round(figures.jobsPerSec / noop.jobsPerSec),
      },
      fullBuiltYearAtThisRateHours: round(builtPerYear / casesPerSec / 3600),
      /** CPU seconds per component during the replay (PostgreSQL: every postgres process on the machine). */
      cpuSecondsDuringReplay: cpuSeconds,
      cpuCores: machineFacts().cores,
    };
    log('');
    log(
      `cases: ${replay.cases.completed}/${clients} completed in ${round(replay.seconds)} s (${result.workload.casesPerSec} cases/s); unfinished ${replay.unfinished.length}`,
    );
    log(
      `workload: ${result.workload.instancesPerSec} process instances/s (cases and their called processes), ${result.workload.jobsPerSec} jobs/s, ${result.workload.userTasksPerSec} user tasks/s`,
    );
    log(
      `raw engine no-op: ${result.rawEngine.instancesPerSec} instances/s, ${result.rawEngine.jobsPerSec} jobs/s → ratios workload/raw: instances ${result.ratios.instancesPerSec}×, jobs ${result.ratios.jobsPerSec}×`,
    );
    log(
      `latency: case lead time (decision in the outbox → instance completed) p50 ${lead.p50} ms, p95 ${lead.p95} ms, p99 ${lead.p99} ms; decision → case opened p50 ${intake.p50} ms, p95 ${intake.p95} ms`,
    );
    log(
      `         job created → completed p50 ${figures.jobMs.p50} ms, p95 ${figures.jobMs.p95} ms; user task created → completed by the bot p50 ${figures.userTaskMs.p50} ms, p95 ${figures.userTaskMs.p95} ms`,
    );
    log(
      `CPU during the replay (${round(replay.seconds)} s × ${result.cpuCores} cores = ${round(replay.seconds * result.cpuCores)} CPU-s available): ${Object.entries(
        cpuSeconds,
      )
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v} s`)
        .join(', ')}`,
    );
    log(
      `the built processes' whole year (${builtPerYear} clients) at this rate: ${result.fullBuiltYearAtThisRateHours} h`,
    );
    if (Object.keys(replay.tasksLeftForPeople).length)
      log(`tasks the bot left for people: ${JSON.stringify(replay.tasksLeftForPeople)}`);
    for (const u of replay.unfinished.slice(0, 10))
      log(
        `  unfinished #${u.n} ${u.process} case ${u.caseId ?? '-'}: ${u.state}; tasks ${u.openTasks.join(', ') || '-'}; incidents ${u.incidents.join('; ') || '-'}`,
      );
    const file = writeResult('year', result, values.tmp);
    log(`result: ${path.relative(process.cwd(), file)}`);
    if (replay.unfinished.length) process.exitCode = 1;
  });
}
