import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getConfig } from '../platform/config';
import { loadMigrations } from './migration-files';
import { MIGRATIONS_DIR, PRISMA_DIR, SCHEMA_FILE } from './paths';
import { runPrisma } from './prisma-cli';

/**
 * Writes the next migration: the SQL that takes the datamodel of the latest migration (its schema.prisma
 * snapshot) to the current prisma/schema.prisma, computed by Prisma's own differ. The differ connects to the
 * configured PostgreSQL server's maintenance database only to learn its version; it reads no tables.
 */
export async function newMigration(name: string): Promise<string | undefined> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('Migration name must be snake_case, e.g. add_rulings');
  const existing = await loadMigrations();
  const current = await readFile(SCHEMA_FILE, 'utf8');
  const previous = existing.at(-1)?.schemaSnapshot;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'plusflow-diff-'));
  const to = path.join(tmp, 'to.prisma');
  writeFileSync(to, forPrisma6(current));
  const from = previous ? ['--from-schema-datamodel', writeTemp(tmp, 'from.prisma', forPrisma6(previous))] : ['--from-empty'];
  const server = new URL(getConfig().database.url);
  server.pathname = '/postgres';
  process.env.PLUSFLOW_DIFF_DATABASE_URL = server.toString();
  const sql = runPrisma('prisma6', [
    'migrate', 'diff', '--config', path.join(PRISMA_DIR, 'prisma6.config.ts'), ...from, '--to-schema-datamodel', to, '--script',
  ]);
  if (!/^\s*[A-Z]/m.test(sql.replace(/^--.*$/gm, ''))) return undefined;
  const folder = path.join(MIGRATIONS_DIR, `${String(existing.length + 1).padStart(4, '0')}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'migration.sql'), sql);
  await writeFile(path.join(folder, 'schema.prisma'), current);
  return folder;
}

function writeTemp(dir: string, file: string, content: string): string {
  const p = path.join(dir, file);
  writeFileSync(p, content);
  return p;
}

/** Prisma 6 still wants a datasource URL in the schema; Prisma 7 keeps it in prisma.config.ts. */
function forPrisma6(schema: string): string {
  return schema.replace(/datasource db \{/, 'datasource db {\n  url = env("DATABASE_URL")');
}
