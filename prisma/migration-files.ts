import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { MIGRATIONS_DIR } from './paths';

export interface MigrationFile {
  /** Folder name, e.g. `0001_init`; the order is the numeric prefix. */
  name: string;
  sql: string;
  checksum: string;
  /** The datamodel this migration brings the database to (for the next diff); '' when missing. */
  schemaSnapshot: string;
}

/** `NNNN_snake_case_name` */
export const MIGRATION_NAME = /^(\d{4})_[a-z0-9_]+$/;

/**
 * SHA-256 of the SQL. Line endings are normalised first, so a checkout that turns LF into CRLF does not
 * make applied migrations look edited.
 */
export function checksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Migrations in apply order. Rejects badly named folders, gaps and duplicate numbers (e.g. two branches
 * that both added 0003), and folders without migration.sql.
 */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  names.forEach((name, i) => {
    const m = MIGRATION_NAME.exec(name);
    if (!m) throw new Error(`Migration folder "${name}" in ${dir} must be named NNNN_snake_case_name`);
    const expected = String(i + 1).padStart(4, '0');
    if (m[1] !== expected) {
      throw new Error(
        `Migration "${name}" in ${dir} is out of sequence: expected number ${expected} (two migrations with one number, or a gap?)`,
      );
    }
  });
  const out: MigrationFile[] = [];
  for (const name of names) {
    const sqlFile = path.join(dir, name, 'migration.sql');
    const sql = await readFile(sqlFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new Error(err.code === 'ENOENT' ? `Migration folder ${name} has no migration.sql` : err.message);
    });
    const schemaSnapshot = await readFile(path.join(dir, name, 'schema.prisma'), 'utf8').catch(() => '');
    out.push({ name, sql, checksum: checksum(sql), schemaSnapshot });
  }
  return out;
}
