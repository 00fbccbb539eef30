import { runCli } from '../platform/cli';
import { runSchedulesBench } from './schedules/run';
import { runStartupBench } from './startup/run';
import { runInboxBench } from './inbox/run';
import { runLatencyBench } from './latency/run';
import { runYearBench } from './year/run';
import { runFailoverBench } from './failover/run';

/** `npm run bench -- <name> [options]`. Each benchmark registers here with a one-line description. */
const BENCHMARKS: Record<string, { description: string; run: (args: string[]) => Promise<void> }> = {
  schedules: {
    description: 'work schedules of a national year, generated and then bulk-inserted with COPY',
    run: runSchedulesBench,
  },
  inbox: {
    description: 'the inbox API over 100k open tasks (400 officers, 41 departments) next to its bare SQL, same run',
    run: runInboxBench,
  },
  latency: {
    description:
      'a user task from its creation in the engine to the inbox API next to a bare SQL select; an external task to a worker on two nodes',
    run: runLatencyBench,
  },
  year: {
    description:
      'a national year of the built processes replayed with workers, simulators and a task bot, next to the raw engine',
    run: runYearBench,
  },
  startup: {
    description: 'cold start of the whole stack next to the engine alone, same run',
    run: runStartupBench,
  },
  failover: {
    description: 'timers of an engine node killed with SIGKILL, fired by the other node: delay after due',
    run: runFailoverBench,
  },
};

runCli(async () => {
  const [name, ...args] = process.argv.slice(2);
  const bench = name === undefined ? undefined : BENCHMARKS[name];
  if (!bench) {
    console.error(`unknown benchmark, available: ${Object.keys(BENCHMARKS).join(', ')}`);
    for (const [key, b] of Object.entries(BENCHMARKS)) console.error(`  ${key}: ${b.description}`);
    process.exitCode = 2;
    return;
  }
  await bench.run(args);
});
