import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserFacingError } from '../platform/errors';
import { loadMigrations, MIGRATION_NAME } from './migration-files';
import { MIGRATIONS_DIR, PRISMA_DIR, SCHEMA_FILE } from './paths';
import { runPrisma } from './prisma-cli';

/**
 * The SQL that takes a database from datamodel `from` (undefined: an empty database) to datamodel `to`,
 * computed by Prisma's own differ (Prisma 6's WebAssembly schema engine, see prisma6.config.ts). Offline:
 * no database is involved. Returns '' when the two datamodels need the same tables.
 */
export async function diffDatamodels(from: string | undefined, to: string): Promise<string> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'plusflow-diff-'));
  try {
    const toFile = path.join(tmp, 'to.prisma');
    await writeFile(toFile, forPrisma6(to));
    const fromArgs = ['--from-empty'];
    if (from !== undefined) {
      const fromFile = path.join(tmp, 'from.prisma');
      await writeFile(fromFile, forPrisma6(from));
      fromArgs.splice(0, 1, '--from-schema-datamodel', fromFile);
    }
    const sql = runPrisma('prisma6', [
      'migrate',
      'diff',
      '--config',
      path.join(PRISMA_DIR, 'prisma6.config.ts'),
      ...fromArgs,
      '--to-schema-datamodel',
      toFile,
      '--script',
    ]);
    return hasStatements(sql) ? sql : '';
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Writes the next migration, `migrations/NNNN_<name>/`: `migration.sql`, the diff from the datamodel of the
 * latest migration (its `schema.prisma` snapshot) to the current schema, and `schema.prisma`, the snapshot
 * of the current schema for the next diff. Returns the folder, or undefined when nothing changed.
 */
export async function newMigration(
  name: string,
  opts: { migrationsDir?: string; schemaFile?: string } = {},
): Promise<string | undefined> {
  const dir = opts.migrationsDir ?? MIGRATIONS_DIR;
  if (!/^[a-z0-9_]+$/.test(name))
    throw new UserFacingError(
      `Migration name "${name}" is not snake_case.`,
      'Use lower-case letters, digits and _, e.g. add_rulings.',
    );
  const existing = await loadMigrations(dir);
  const last = existing.at(-1);
  if (last && !last.schemaSnapshot) {
    throw new UserFacingError(
      `Migration ${last.name} has no schema.prisma snapshot, so the next diff has no starting point.`,
      `Restore ${path.join(dir, last.name, 'schema.prisma')} from version control.`,
    );
  }
  const current = await readFile(opts.schemaFile ?? SCHEMA_FILE, 'utf8');
  const sql = await diffDatamodels(last?.schemaSnapshot, current);
  if (!sql) return undefined;
  const folderName = `${String(existing.length + 1).padStart(4, '0')}_${name}`;
  if (!MIGRATION_NAME.test(folderName)) throw new Error(`Bad migration folder name ${folderName}`);
  const folder = path.join(dir, folderName);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'migration.sql'), sql);
  await writeFile(path.join(folder, 'schema.prisma'), current);
  return folder;
}

/** True when the script has SQL beyond comments and blank lines. */
function hasStatements(sql: string): boolean {
  return sql.replace(/^\s*--.*$/gm, '').trim().length > 0;
}

/** Prisma 6 still wants a datasource URL in the schema; Prisma 7 keeps it in prisma.config.ts. */
function forPrisma6(schema: string): string {
  if (/^\s*url\s*=/m.test(schema)) return schema;
  return schema.replace(/datasource\s+(\w+)\s*\{/, (m) => `${m}\n  url = "postgresql://offline/differ"`);
}
