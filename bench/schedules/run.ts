import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineFacts } from '../lib/machine';
import { fmt, log, median, round, writeResult } from '../lib/report';
import { copyToPostgres } from './copy-phase';
import { type GenerationRun, fingerprint, generateAll, verifyAll } from './generate-phase';
import { type BenchClient, NATIONAL_YEAR, nationalYear } from './population';

/**
 * `npm run bench -- schedules`: generates the schedules of a national year (8,605 clients, 476,190 h), checks
 * every one, then bulk-inserts the same session rows into a scratch PostgreSQL database with COPY, and
 * reports both times, their ratio and rows per second. Each phase runs --runs times (default 3; the first
 * includes JIT warm-up) and the median is reported. Options: --seed N, --runs N, --db <url>, --skip-db, --tmp.
 */
export async function runSchedulesBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string', default: '20260101' },
      runs: { type: 'string', default: '3' },
      db: { type: 'string' },
      'skip-db': { type: 'boolean', default: false },
      tmp: { type: 'boolean', default: false },
    },
  });
  const seed = Number(values.seed);
  const runs = Math.max(1, Number(values.runs) || 1);
  const clients = nationalYear(seed);
  const minors = clients.filter((c) => c.minor);
  log(
    `population: ${clients.length} clients (${minors.length} minors), ${sumHours(clients)} h ` +
      `(minors ${sumHours(minors)} h), seed ${seed}`,
  );

  const generations: GenerationRun[] = [];
  for (let run = 1; run <= runs; run++) {
    generations.push(generateAll(clients, run === 1));
    log(`generation run ${run}/${runs}: ${fmt(generations.at(-1)!.ms)} ms`);
  }
  const generation = generations.at(-1)!;
  const generationMs = median(generations.map((g) => g.ms));
  const deterministic = generations.every((g) => fingerprint(g.ok) === fingerprint(generation.ok));
  const verification = verifyAll(generation.ok);
  const rows = generation.ok.reduce((a, g) => a + g.result.sessions.length, 0);
  const generationRowsPerSec = rows / (generationMs / 1000);
  log(`generation: median ${fmt(generationMs)} ms for ${rows} sessions (${Math.round(generationRowsPerSec)} rows/s)`);
  log(
    `verification: ${generation.failures.length} failures, ${verification.sumMismatches} sum mismatches, ` +
      `${verification.violations} rule violations, runs ${deterministic ? 'identical' : 'DIFFER'}`,
  );
  for (const f of generation.failures.slice(0, 5)) log(`  failed client ${f.id}: ${f.reason}`);

  const copy = values['skip-db'] ? null : await copyToPostgres(generation.ok, rows, runs, values.db);
  const ratio = copy ? generationMs / copy.ms : null;
  if (copy && ratio !== null) {
    log(`COPY: median ${fmt(copy.ms)} ms for ${copy.rows} rows (${Math.round(copy.rows / (copy.ms / 1000))} rows/s)`);
    log(`ratio generation / COPY: ${ratio.toFixed(2)}`);
  }

  const result = {
    bench: 'schedules',
    timestamp: new Date().toISOString(),
    seed,
    target: NATIONAL_YEAR,
    population: {
      clients: clients.length,
      minors: minors.length,
      hours: sumHours(clients),
      minorHours: sumHours(minors),
    },
    runs,
    generation: {
      ms: round(generationMs),
      samplesMs: generations.map((g) => round(g.ms)),
      deterministic,
      sessions: rows,
      rowsPerSec: Math.round(generationRowsPerSec),
      clientsPerSec: Math.round(clients.length / (generationMs / 1000)),
      failures: generation.failures.length,
      sumMismatches: verification.sumMismatches,
      ruleViolations: verification.violations,
      verifyMs: round(verification.ms),
      warnings: generation.warnings,
    },
    copy: copy
      ? {
          ms: round(copy.ms),
          samplesMs: copy.samples.map(round),
          rows: copy.rows,
          rowsPerSec: Math.round(copy.rows / (copy.ms / 1000)),
          postgres: copy.server,
        }
      : null,
    ratioGenerationToCopy: ratio === null ? null : round(ratio),
    machine: machineFacts(),
  };
  const file = writeResult('schedules', result, values.tmp === true);
  log(`result: ${path.relative(process.cwd(), file)}`);
  const problems =
    generation.failures.length + verification.sumMismatches + verification.violations + (deterministic ? 0 : 1);
  if (problems > 0) {
    log(`✖ ${problems} schedules failed or did not check out`);
    process.exitCode = 1;
  }
}

const sumHours = (clients: readonly BenchClient[]) => clients.reduce((a, c) => a + c.input.totalHours, 0);
