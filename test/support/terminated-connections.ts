import pg from 'pg';
import { createPrisma } from '../../platform/db/prisma';

/**
 * Child process of platform/db/pool.it.test.ts: Prisma transactions (failing on the client side, as a job's code
 * may, so the pool keeps opening new connections) and plain queries run against the scratch database `<url>` while
 * the server terminates every connection to it, also those still starting up (pg_terminate_backend: SQLSTATE 57P01,
 * what a PostgreSQL shutdown sends), twenty times. Prints one JSON line and exits 0 if the process lived through it
 * and the client answers again afterwards; an unhandled 'error' from pg ends it with a stack trace instead.
 */
const [url] = process.argv.slice(2);
const database = decodeURIComponent(new URL(url!).pathname.slice(1));
const maintenance = new URL(url!);
maintenance.pathname = '/postgres';
const losses = { idle: 0, client: 0 };
const prisma = createPrisma(url!, { max: 8, onConnectionLoss: (_err, where) => losses[where]++ });
const admin = new pg.Client({ connectionString: maintenance.toString() });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let stop = false;
let ok = 0;
let failed = 0;

async function transactions(): Promise<void> {
  while (!stop) {
    try {
      await prisma.$transaction(async (tx) => {
        await tx.$queryRawUnsafe('SELECT 1 AS one');
        await sleep(Math.random() * 30);
        // Fails in the client after its query ran (Prisma cannot read a void column).
        await tx.$queryRawUnsafe('SELECT pg_sleep(0.005)');
      });
      ok++;
    } catch {
      failed++;
    }
  }
}

async function queries(): Promise<void> {
  while (!stop) {
    await prisma.$queryRawUnsafe('SELECT 1 AS one FROM pg_sleep(0.003)').then(
      () => ok++,
      () => failed++,
    );
  }
}

void (async () => {
  await admin.connect();
  const load = [...Array.from({ length: 8 }, () => transactions()), queries(), queries()];
  let terminated = 0;
  for (let round = 0; round < 20; round++) {
    await sleep(200);
    const { rows } = await admin.query<{ n: string }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1`,
      [database],
    );
    terminated += Number(rows[0]!.n);
  }
  stop = true;
  await Promise.all(load);
  const after = await prisma.$queryRawUnsafe<{ one: number }[]>('SELECT 1 AS one');
  console.log(JSON.stringify({ terminated, ok, failed, losses, answersAfterwards: after[0]?.one === 1 }));
  await prisma.$disconnect();
  await admin.end();
})();
