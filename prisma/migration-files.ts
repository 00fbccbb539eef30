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
  /** The datamodel this migration brings the database to (for the next diff). */
  schemaSnapshot: string;
}

const NAME = /^(\d{4})_[a-z0-9_]+$/;

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** Migrations in apply order; rejects gaps and duplicate numbers so two branches can't both add 0003. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const out: MigrationFile[] = [];
  names.forEach((name, i) => {
    const m = NAME.exec(name);
    if (!m) throw new Error(`Migration folder "${name}" must be named NNNN_snake_case_name`);
    if (Number(m[1]) !== i + 1) throw new Error(`Migration "${name}" is out of sequence: expected number ${String(i + 1).padStart(4, '0')}`);
  });
  for (const name of names) {
    const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
    const schemaSnapshot = await readFile(path.join(dir, name, 'schema.prisma'), 'utf8').catch(() => '');
    out.push({ name, sql, checksum: checksum(sql), schemaSnapshot });
  }
  return out;
}
