import { getConfig } from '../platform/config';
import { runCli } from '../platform/cli';
import { UserFacingError } from '../platform/errors';
import { createPrisma } from '../platform/db/prisma';
import { generatePrismaClient } from './generate';
import { migrate, pendingMigrations } from './migrate';
import { newMigration } from './new-migration';
import { seed } from './seed';

/** `npm run db:migrate | db:seed | db:migration -- <name> | prisma:generate` */
runCli(async () => {
  const [command, arg] = process.argv.slice(2);
  const url = getConfig().database.url;
  switch (command) {
    case 'generate':
      generatePrismaClient();
      console.log('Prisma client generated in prisma/generated.');
      return;
    case 'migrate': {
      const { applied } = await migrate(url);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      return;
    }
    case 'status': {
      const pending = await pendingMigrations(url);
      console.log(pending.length ? `Pending: ${pending.join(', ')}` : 'No pending migrations.');
      return;
    }
    case 'new': {
      if (!arg) throw new UserFacingError('No migration name given.', 'Run e.g. `npm run db:migration -- add_rulings`.');
      const folder = await newMigration(arg);
      console.log(folder ? `Wrote ${folder}/migration.sql — review it, then commit it with the schema change.` : 'schema.prisma has no changes since the last migration.');
      return;
    }
    case 'seed': {
      const prisma = createPrisma(url);
      try {
        await seed(prisma);
      } finally {
        await prisma.$disconnect();
      }
      console.log('Demo data seeded.');
      return;
    }
    default:
      throw new UserFacingError(`Unknown command "${command ?? ''}".`, 'Use generate, migrate, status, new <name> or seed.');
  }
});
