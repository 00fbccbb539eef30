import path from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { isFree, runningPid, startEngine } from '../../engine/runner';
import type { StackConfig } from '../../platform/config';
import { runCli } from '../../platform/cli';
import type { ServiceCrash } from '../../scripts/stack';
import { withIsolatedStack } from '../lib/isolated-stack';
import { machineFacts } from '../lib/machine';
import { log, round, writeResult } from '../lib/report';
import { percentiles } from '../workload/engine-figures';
import { replayPopulation } from '../workload/mix';
import { ENGINE_CLOCK_AHEAD_MS, Replay } from '../workload/replay';
import { createWorkflowFromConfig } from '../../workflow';
import { duplicateNotices, NoticeCollector } from './notices';

/**
 * `npm run chaos`: N cases of the built processes (default 1,000) played by the replay bot while the harness
 * SIGKILLs the worker host several times, SIGKILLs one of the two engine nodes once (the other goes on alone; the
 * killed node is started again), restarts PostgreSQL once, takes one partner (TIS by default) 100 % down for ten
 * minutes (--outage-minutes, --outage-system), and every simulator fails
 * a share of its calls (errors, timeouts after processing, slow answers) and serves outbox messages twice. A
 * supervisor retries incidents through the monitor API, as the UI does, but none should be needed. At the end it
 * prints and checks: cases lost (0), duplicate outbound notices per simulator (0), manual retries (0), incidents,
 * cases completed. Everything runs on loopback, on its own ports (offset 500), two engine nodes on its own embedded PostgreSQL and a temporary
 * directory, bounded by --max-minutes, and is removed at the end.
 */
const SIMULATORS = ['tis', 'prois', 'ievp', 'viis', 'vdeavk', 'e-adrese'] as const;
const OWN_POSTGRES_PORT = 5835;
/** Ports +550: the tests use +100/+200, the other benchmarks +450, so chaos can run beside them. */
const PORT_OFFSET = 550;
const ENGINE_NODES = 2;
/** The node killed: node 0, which every service calls first (commands fail over to node 1). */
const KILLED_NODE = 0;

runCli(async () => {
  const { values } = parseArgs({
    options: {
      instances: { type: 'string', default: '1000' },
      'fault-rate': { type: 'string', default: '0.3' },
      'worker-kills': { type: 'string', default: '4' },
      'in-flight': { type: 'string', default: '150' },
      seed: { type: 'string', default: '7' },
      'max-minutes': { type: 'string', default: '60' },
      /** The sustained outage (issue 18): one partner answers 503 to everything for this long, real time. 0: none. */
      'outage-minutes': { type: 'string', default: '10' },
      'outage-system': { type: 'string', default: 'tis' },
      tmp: { type: 'boolean', default: false },
    },
  });
  const instances = Number(values.instances);
  const faultRate = Number(values['fault-rate']);
  const workerKills = Number(values['worker-kills']);
  const maxMinutes = Number(values['max-minutes']);
  const outageMinutes = Number(values['outage-minutes']);
  const outageSystem = values['outage-system'];
  if (!(SIMULATORS as readonly string[]).includes(outageSystem))
    throw new Error(`--outage-system must be one of ${SIMULATORS.join(', ')}`);
  const specs = replayPopulation(instances, Number(values.seed));

  log(
    `Chaos: ${instances} cases; simulators fail ${Math.round(faultRate * 100)} % of calls; ${workerKills} worker kills, one engine-node SIGKILL (of ${ENGINE_NODES} nodes) and its restart, one PostgreSQL restart${outageMinutes > 0 ? `; ${outageSystem} 100 % down for ${outageMinutes} min` : ''}`,
  );
  log(
    `Starting a stack of its own (ports +${PORT_OFFSET}, ${ENGINE_NODES} engine nodes, embedded PostgreSQL on ${OWN_POSTGRES_PORT}, temporary data)`,
  );
  // A service that crashes is a finding: reported with its last log lines (the temporary logs are removed at the
  // end), started again so the run can show what else the crash cost.
  const crashes: ServiceCrash[] = [];
  const onServiceCrash = (c: ServiceCrash) => {
    crashes.push(c);
    log(
      `  ✖ ${c.name} CRASHED (${c.signal ?? `exit code ${c.code}`}); ${c.restarted ? 'started again' : `could not be started again: ${c.restartError}`}. Its last lines:\n${c.logTail.replace(/^/gm, '      ')}`,
    );
  };
  await withIsolatedStack(
    {
      name: 'chaos',
      ownPostgresPort: OWN_POSTGRES_PORT,
      onServiceCrash,
      portOffset: PORT_OFFSET,
      engineNodes: ENGINE_NODES,
    },
    async (stack, cfg) => {
      const sim = `http://127.0.0.1:${cfg.simulators.port}`;
      const faults = {
        errorRate: round(faultRate * 0.6),
        errorStatus: 503,
        timeoutRate: round(faultRate * 0.4),
        // Longer than the clients' 10 s timeout; the request is processed and only the answer is lost: the hard case.
        timeoutMs: 12_000,
        timeoutAfterProcessing: true,
        latencyMs: { min: 0, max: 800 },
        duplicateDeliveryRate: faultRate,
        seed: Number(values.seed),
      };
      for (const system of SIMULATORS) await put(`${sim}/${system}/_admin/faults`, faults);
      log(`  faults on ${SIMULATORS.join(', ')}: ${JSON.stringify(faults)}`);

      // The chaos plan, by the share of cases finished; each event runs in the background while the bot goes on.
      const plan: { at: number; what: string; act: () => Promise<void> }[] = [
        ...Array.from({ length: workerKills }, (_, i) => ({
          at: (i + 1) / (workerKills + 2),
          what: `SIGKILL the worker host (${i + 1}/${workerKills})`,
          act: () => stack.restartService('workers', 'SIGKILL'),
        })),
        {
          at: 0.4,
          what: `SIGKILL engine node ${KILLED_NODE} of ${ENGINE_NODES} and start it again`,
          act: () => killAndRestartNode(cfg, stack.databaseUrl, KILLED_NODE, log),
        },
        { at: 0.6, what: 'restart PostgreSQL', act: () => stack.restartPostgres() },
        // A partner's maintenance window: every call fails for minutes. It runs beside the other events (they do not
        // wait for it); steps must wait it out and go on by themselves, with no incident and no supervisor.
        ...(outageMinutes > 0
          ? [
              {
                at: 0.2,
                what: `${outageSystem} 100 % down for ${outageMinutes} min`,
                act: async () => {
                  await put(`${sim}/${outageSystem}/_admin/faults`, {
                    errorRate: 1,
                    errorStatus: 503,
                    seed: Number(values.seed),
                  });
                  outage = new Promise<void>((r) => setTimeout(r, outageMinutes * 60_000)).then(async () => {
                    await put(`${sim}/${outageSystem}/_admin/faults`, faults);
                    outageEndedAtSec = round((Date.now() - t0) / 1000);
                    log(
                      `  ⚡ ${outageSystem} answers again (the usual ${Math.round(faultRate * 100)} % faults) after ${outageMinutes} min`,
                    );
                  });
                },
              },
            ]
          : []),
      ].sort((a, b) => a.at - b.at);
      let outage: Promise<void> | undefined;
      let outageEndedAtSec: number | undefined;
      const events: { what: string; atSec: number; tookMs: number; error?: string }[] = [];
      const t0 = Date.now();
      let running: Promise<void> | undefined;
      const notices = new NoticeCollector(sim);
      let lastCollect = 0;

      const casesBefore = await caseCount(stack.databaseUrl);
      const replay = await new Replay(cfg, stack.databaseUrl, specs, {
        inFlight: Number(values['in-flight']),
        botConcurrency: 12,
        deadlineMs: maxMinutes * 60_000,
        retryIncidentsAfterMs: 10_000,
        // Cases wait out the partner's outage (and up to five minutes of back-off after it): that is not a stall.
        stallMs: Math.max(180_000, (outageMinutes + 6) * 60_000),
        log,
        onTick: async (finished) => {
          if (Date.now() - lastCollect > 10_000) {
            lastCollect = Date.now();
            await notices.collect().catch(() => undefined);
          }
          // By the share of cases finished, or, on a machine too slow to finish them in time, by the share of the
          // time allowed (at most 75 % of it), so every disruption happens within the run either way.
          const timeShare = (Date.now() - t0) / (maxMinutes * 60_000 * 0.75);
          if (running || !plan.length || (finished < plan[0]!.at && timeShare < plan[0]!.at)) return;
          const event = plan.shift()!;
          const started = Date.now();
          log(
            `  ⚡ ${event.what} (${Math.round(finished * 100)} % of cases finished, ${Math.round((Date.now() - t0) / 1000)} s)`,
          );
          running = event
            .act()
            .then(
              () =>
                void events.push({
                  what: event.what,
                  atSec: round((started - t0) / 1000),
                  tookMs: Date.now() - started,
                }),
              (err: unknown) => {
                events.push({
                  what: event.what,
                  atSec: round((started - t0) / 1000),
                  tookMs: Date.now() - started,
                  error: String(err),
                });
                log(`  ⚡ ${event.what} FAILED: ${String(err)}`);
              },
            )
            .finally(() => {
              log(`  ⚡ ${event.what}: over after ${round((Date.now() - started) / 1000)} s`);
              running = undefined;
            });
        },
      }).run();
      await running;
      await outage;
      for (const system of SIMULATORS) await fetch(`${sim}/${system}/_admin/faults`, { method: 'DELETE' });
      await notices.collect();

      const dup = duplicateNotices(notices.items);
      // A decision served twice by an outbox (30 % of them) must not open a second case.
      const extraCases = (await caseCount(stack.databaseUrl)) - casesBefore - replay.cases.injected;
      const incidents = await incidentSummary(stack.databaseUrl);
      // Lost: a decision that never became a running case, an instance that ended other than completed, or one that
      // waits for nothing anyone can see (no open task, no incident). The rest were still moving at the deadline.
      const lost = replay.unfinished.filter(
        (u) => u.state !== 'ACTIVE' || (!u.openTasks.length && !u.incidents.length),
      );
      const stillMoving = replay.unfinished.filter((u) => !lost.includes(u));
      const result = {
        bench: 'chaos',
        timestamp: new Date().toISOString(),
        machine: machineFacts(),
        options: {
          instances,
          faultRate,
          workerKills,
          seed: Number(values.seed),
          inFlight: Number(values['in-flight']),
          outageMinutes,
          outageSystem,
        },
        outageEndedAtSec,
        faults,
        events,
        seconds: replay.seconds,
        cases: replay.cases,
        byProcess: replay.byProcess,
        lost: lost.length,
        lostCases: lost,
        unfinishedAtDeadline: stillMoving,
        duplicateNotices: dup,
        casesOpenedTwice: extraCases,
        incidents: { ...incidents, retryCalls: replay.incidents.retryCalls },
        serviceCrashes: crashes.map(({ logFile: _logFile, ...c }) => c),
        caseLeadTimeMs: percentiles(replay.leadTimesMs),
        tasksCompletedByBot: replay.tasksCompletedByBot,
        tasksLeftForPeople: replay.tasksLeftForPeople,
        botRetries: replay.botRetries,
      };
      log('');
      log(
        `events: ${events.map((e) => `${e.what} at ${e.atSec} s (${round(e.tookMs / 1000)} s${e.error ? `, FAILED: ${e.error}` : ''})`).join('; ')}`,
      );
      log(`cases completed: ${replay.cases.completed}/${instances} in ${round(replay.seconds)} s`);
      const where = (list: typeof lost) =>
        list
          .slice(0, 5)
          .map((u) => `#${u.n} ${u.state} tasks [${u.openTasks.join(', ')}] incidents [${u.incidents.join('; ')}]`)
          .join(' | ');
      log(`cases lost: ${lost.length}${lost.length ? ` — ${where(lost)}` : ''}`);
      if (stillMoving.length)
        log(
          `cases not finished but still with work for people or the engine when the run ended: ${stillMoving.length} — ${where(stillMoving)}`,
        );
      log(
        `duplicate outbound notices: ${Object.entries(dup)
          .map(([k, v]) => `${k} ${v.duplicates} of ${v.distinct}`)
          .join(', ')}`,
      );
      log(`cases opened twice by a redelivered decision: ${extraCases}`);
      log(
        `incidents: ${incidents.total} raised, ${incidents.resolved} resolved by retry (${replay.incidents.retryCalls} manual retries), ${incidents.open} open at the end`,
      );
      log(
        `services that crashed: ${crashes.length ? crashes.map((c) => `${c.name} (${c.signal ?? `exit code ${c.code}`})`).join(', ') : 'none'}`,
      );
      const file = writeResult('chaos', result, values.tmp);
      log(`result: ${path.relative(process.cwd(), file)}`);
      const duplicates = Object.values(dup).reduce((a, v) => a + v.duplicates, 0);
      // Partner outages and faults heal by themselves (issue 18): a supervisor's retry is a finding too.
      const failed =
        extraCases !== 0 ||
        lost.length > 0 ||
        stillMoving.length > 0 ||
        duplicates > 0 ||
        incidents.open > 0 ||
        replay.incidents.retryCalls > 0 ||
        events.some((e) => e.error) ||
        crashes.length > 0;
      log(
        failed
          ? 'CHAOS FOUND PROBLEMS (see above)'
          : 'nothing lost, nothing sent twice, no incident needed a supervisor, no service crashed',
      );
      if (failed) process.exitCode = 1;
    },
  );
});

/**
 * SIGKILLs one engine node's process group (no shutdown: its job and external-task locks stay until they expire),
 * lets the other node carry the load alone for a while, then starts the node again on the same database.
 */
async function killAndRestartNode(
  cfg: StackConfig,
  databaseUrl: string,
  node: number,
  say: (l: string) => void,
): Promise<void> {
  const pid = await runningPid(cfg, node);
  if (!pid) throw new Error(`engine node ${node} is not running`);
  process.kill(-pid, 'SIGKILL');
  const killedAt = Date.now();
  const port = cfg.operaton.nodes[node]!.port;
  while (!(await isFree(cfg.operaton.host, port)) && Date.now() - killedAt < 30_000)
    await new Promise((r) => setTimeout(r, 250));
  // The survivor alone for 30 s: the killed node's job locks (PLUSFLOW_ENGINE_JOB_LOCK_MS, 30 s) run out meanwhile.
  await new Promise((r) => setTimeout(r, 30_000));
  const started = Date.now();
  const h = await startEngine(cfg, { node, databaseUrl, startupCache: 'off' });
  // The development clock lives in each node's memory: the new node starts on the real time. Both nodes back in step.
  const clock = createWorkflowFromConfig(cfg).engine.clock;
  if (clock) {
    await clock.reset();
    await clock.advance(ENGINE_CLOCK_AHEAD_MS);
  }
  say(
    `  ⚡ engine node ${node} (pid ${pid}) killed; started again as pid ${h.pid} in ${round((Date.now() - started) / 1000)} s`,
  );
}

async function put(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
}

async function caseCount(databaseUrl: string): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    return Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM "case"')).rows[0]!.n);
  } finally {
    await pool.end();
  }
}

async function incidentSummary(
  databaseUrl: string,
): Promise<{ total: number; resolved: number; open: number; byElement: Record<string, number> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ state: string; element_id: string | null; n: string }>(
      `SELECT state, element_id, count(*) AS n FROM incident GROUP BY state, element_id`,
    );
    const byElement: Record<string, number> = {};
    let total = 0;
    let resolved = 0;
    let open = 0;
    for (const r of rows) {
      const n = Number(r.n);
      total += n;
      if (r.state === 'RESOLVED') resolved += n;
      if (r.state === 'ACTIVE') open += n;
      byElement[r.element_id ?? '?'] = (byElement[r.element_id ?? '?'] ?? 0) + n;
    }
    return { total, resolved, open, byElement };
  } finally {
    await pool.end();
  }
}
