import type { Client } from 'pg';
import { loadConfig } from '../../platform/config';
import { copyRows } from '../lib/copy-rows';
import { fmt, log, median, noProgress, progressEvery } from '../lib/report';
import { ScratchDatabase } from '../lib/scratch-db';
import type { Generated } from './generate-phase';

const COLUMNS = ['client_id', 'session_date', 'start_time', 'end_time', 'hours', 'break_minutes', 'profile'] as const;
const TABLE_DDL = `CREATE TABLE work_session (
  client_id integer NOT NULL,
  session_date date NOT NULL,
  start_time time NOT NULL,
  end_time time NOT NULL,
  hours numeric(4,1) NOT NULL,
  break_minutes smallint NOT NULL,
  profile text NOT NULL
)`;

export interface CopyResult {
  ms: number;
  samples: number[];
  rows: number;
  server: string;
}

/** COPYs the session rows `runs` times into a fresh table of a scratch database; the median time counts. */
export async function copyToPostgres(
  generated: readonly Generated[],
  rows: number,
  runs: number,
  dbUrl: string | undefined,
): Promise<CopyResult> {
  const db = new ScratchDatabase(ScratchDatabase.serverOf(dbUrl ?? loadConfig().database.url));
  const onSignal = () => void db.drop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  try {
    const client = await db.create();
    log(`scratch database ${db.name} created`);
    try {
      const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;
      const expectedHours = generated.reduce((a, g) => a + g.result.totalHours, 0);
      const samples: number[] = [];
      let copied = 0;
      for (let run = 1; run <= runs; run++) {
        await client.query('DROP TABLE IF EXISTS work_session');
        await client.query(TABLE_DDL);
        const progress = run === 1 ? progressEvery(rows, 'copying') : noProgress;
        const t0 = performance.now();
        copied = await copyRows(client, 'work_session', COLUMNS, sessionRows(generated), progress);
        samples.push(performance.now() - t0);
        log(`COPY run ${run}/${runs}: ${fmt(samples.at(-1)!)} ms`);
        await checkStored(client, rows, expectedHours);
      }
      return { ms: median(samples), samples, rows: copied, server: version ?? 'unknown' };
    } finally {
      await client.end();
    }
  } finally {
    await db.drop();
    process.removeListener('SIGINT', onSignal);
    log(`scratch database ${db.name} dropped`);
  }
}

/** The table must hold exactly the generated rows and hours. */
async function checkStored(client: Client, rows: number, hours: number): Promise<void> {
  const check = await client.query<{ n: string; h: string }>('SELECT count(*) AS n, sum(hours) AS h FROM work_session');
  const stored = { rows: Number(check.rows[0]?.n), hours: Number(check.rows[0]?.h) };
  if (stored.rows !== rows || stored.hours !== hours) {
    throw new Error(`COPY stored ${stored.rows} rows / ${stored.hours} h, expected ${rows} / ${hours}`);
  }
}

function* sessionRows(generated: readonly Generated[]): Generator<string> {
  for (const { client, result } of generated) {
    for (const s of result.sessions) {
      yield `${client.id}\t${s.date}\t${s.start}\t${s.end}\t${s.hours}\t${s.breakMinutes}\t${s.profile}\n`;
    }
  }
}
