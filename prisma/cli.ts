import { getConfig } from '../platform/config';
import { runCli } from '../platform/cli';
import { UserFacingError } from '../platform/errors';
import { ensurePostgres, redactUrl, stopEmbeddedPostgres, type PostgresHandle } from '../platform/db/ensure-postgres';
import { createPrisma } from '../platform/db/prisma';
import { generatePrismaClient } from './generate';
import { migrate, migrationStatus } from './migrate';
import { newMigration } from './new-migration';
import { seed } from './seed';

const USAGE = `Usage: tsx prisma/cli.ts <command>
  generate         generate the Prisma client into prisma/generated      (npm run prisma:generate)
  migrate          apply pending migrations                              (npm run db:migrate)
  seed             upsert the demo data                                  (npm run db:seed)
  status           list applied, pending and edited migrations
  new <name>       write the next migration from schema.prisma changes   (npm run db:migration -- <name>)
  stop-embedded    stop the stack's embedded PostgreSQL if one runs
migrate, seed and status use DATABASE_URL, else the default server, else the embedded PostgreSQL (as npm start).`;

runCli(async () => {
  const [command, arg] = process.argv.slice(2);
  switch (command) {
    case 'generate':
      generatePrismaClient();
      console.log('Prisma client generated in prisma/generated.');
      return;
    case 'migrate':
      return withDatabase(async (url) => {
        const { applied } = await migrate(url);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      });
    case 'status':
      return withDatabase(async (url) => {
        const s = await migrationStatus(url);
        console.log(`Database ${redactUrl(url)}`);
        for (const name of s.applied) console.log(`  applied   ${name}`);
        for (const name of s.pending) console.log(`  pending   ${name}`);
        for (const name of s.changed) console.log(`  EDITED    ${name}  (changed after it was applied)`);
        for (const name of s.unknown) console.log(`  UNKNOWN   ${name}  (applied, not in this checkout)`);
        if (s.changed.length || s.unknown.length) process.exitCode = 1;
      });
    case 'seed':
      return withDatabase(async (url) => {
        const prisma = createPrisma(url);
        try {
          await seed(prisma);
        } finally {
          await prisma.$disconnect();
        }
        console.log('Demo data seeded.');
      });
    case 'new': {
      if (!arg)
        throw new UserFacingError('No migration name given.', 'Run e.g. `npm run db:migration -- add_rulings`.');
      const folder = await newMigration(arg);
      console.log(
        folder
          ? `Wrote ${folder}/migration.sql — review it, then commit it together with the schema change.`
          : 'schema.prisma has no changes since the last migration.',
      );
      return;
    }
    case 'stop-embedded':
      console.log(
        (await stopEmbeddedPostgres(getConfig()))
          ? 'Embedded PostgreSQL stopped.'
          : 'No embedded PostgreSQL was running.',
      );
      return;
    default:
      throw new UserFacingError(`Unknown command "${command ?? ''}".`, `\n${USAGE}`);
  }
});

/** Runs fn on the stack's database, exactly as `npm start` finds it; an embedded server started here is stopped after. */
async function withDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  let pg: PostgresHandle | undefined;
  try {
    pg = await ensurePostgres(getConfig(), { onProgress: (m) => console.error(`PostgreSQL: ${m}`) });
    await fn(pg.url);
  } finally {
    await pg?.stop();
  }
}
