import { Client } from 'pg';
import { loadConfig } from '../platform/config';
import { scratchDatabase } from '../test/support/scratch-db';
import { declaredEnums, declaredIndexes, declaredTables } from './datamodel';
import { HISTORY_TABLE, migrate, migrationStatus } from './migrate';
import { checksum, loadMigrations, type MigrationFile } from './migration-files';

/**
 * schema.prisma is the source of truth and the SQL migrations are generated from it. This test applies
 * every migration to an empty scratch database and compares the result with the schema as Prisma's own
 * parser reads it: a model without its table, a field without its column (name and nullability), a
 * missing index or enum, or a table no model declares, means someone changed the schema and forgot
 * `npm run db:migration -- <name>` (or edited the SQL by hand).
 */
const serverUrl = process.env.DATABASE_URL ?? loadConfig(process.env).database.url;

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await scratchDatabase(serverUrl, 'plusflow_drift');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('apply to an empty database in order', async () => {
    const { applied } = await migrate(db.url);
    expect(applied).toEqual((await loadMigrations()).map((m) => m.name));
    expect(applied.length).toBeGreaterThanOrEqual(1);
  });

  it('create a table and a column of the right nullability for every model field of schema.prisma', async () => {
    const rows = await query<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }>(
      db.url,
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const actual = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.is_nullable]));
    const tables = new Set(rows.map((r) => r.table_name));
    const models = declaredTables();
    expect(models.length).toBeGreaterThan(5);

    const problems: string[] = [];
    for (const m of models) {
      if (!tables.has(m.table)) {
        problems.push(`model ${m.model}: no table "${m.table}"`);
        continue;
      }
      for (const c of m.columns) {
        const nullable = actual.get(`${m.table}.${c.column}`);
        if (!nullable) problems.push(`${m.model}.${c.field}: no column "${m.table}.${c.column}"`);
        else if (c.required && nullable === 'YES')
          problems.push(`${m.model}.${c.field}: required in the schema, nullable in the database`);
        else if (!c.required && !c.list && nullable === 'NO')
          problems.push(`${m.model}.${c.field}: optional in the schema, NOT NULL in the database`);
      }
    }
    const declared = new Set([...models.map((m) => m.table), HISTORY_TABLE]);
    for (const t of tables)
      if (!declared.has(t)) problems.push(`table "${t}" exists, but no model of schema.prisma maps to it`);
    expect(problems).toEqual([]);
  });

  it('create every primary key, unique constraint and index of schema.prisma', async () => {
    const rows = await query<{ table: string; unique: boolean; primary: boolean; method: string; columns: string[] }>(
      db.url,
      `SELECT t.relname AS table, ix.indisunique AS unique, ix.indisprimary AS primary, am.amname AS method,
              array(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
         FROM pg_index ix
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_class i ON i.oid = ix.indexrelid
         JOIN pg_am am ON am.oid = i.relam
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public'`,
    );
    const problems: string[] = [];
    for (const index of declaredIndexes()) {
      const found = rows.some(
        (r) =>
          r.table === index.table &&
          r.columns.join(',') === index.columns.join(',') &&
          r.method === index.method &&
          (index.kind === 'id' ? r.primary : index.kind === 'unique' ? r.unique : true),
      );
      if (!found)
        problems.push(
          `${index.model}: no ${index.kind === 'normal' ? index.method : index.kind} index on ${index.table}(${index.columns.join(', ')})`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('create every enum of schema.prisma with its values in order', async () => {
    const rows = await query<{ name: string; values: string[] }>(
      db.url,
      `SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.name, r.values]));
    const expected = Object.fromEntries(declaredEnums().map((e) => [e.dbName, e.values]));
    expect(actual).toEqual(expected);
  });

  it('apply nothing the second time', async () => {
    expect(await migrate(db.url)).toEqual({ applied: [] });
    const status = await migrationStatus(db.url);
    expect(status.pending).toEqual([]);
    expect(status.applied).toEqual((await loadMigrations()).map((m) => m.name));
  });

  it('refuse a migration that was edited after it was applied', async () => {
    const files = await loadMigrations();
    const edit = (f: MigrationFile): MigrationFile => ({
      ...f,
      sql: `${f.sql}\n-- edited`,
      checksum: checksum(`${f.sql}\n-- edited`),
    });
    const edited = files.map((f, i) => (i === 0 ? edit(f) : f));
    await expect(migrate(db.url, edited)).rejects.toThrow(/0001_\w+ was changed after it had been applied/);
    expect((await migrationStatus(db.url, edited)).changed).toEqual([files[0]!.name]);
  });

  it('refuse a database that has a migration this checkout lacks', async () => {
    const files = await loadMigrations();
    await expect(migrate(db.url, files.slice(0, -1))).rejects.toThrow(/which this checkout does not have/);
  });

  it('roll back a failing migration completely and record nothing', async () => {
    const files = await loadMigrations();
    const broken: MigrationFile = {
      name: '9999_broken',
      sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;',
      checksum: 'x',
      schemaSnapshot: '',
    };
    await expect(migrate(db.url, [...files, broken])).rejects.toThrow(
      /Migration 9999_broken failed: relation "no_such_table" does not exist/,
    );
    expect(await query(db.url, "SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
    expect(await query(db.url, `SELECT name FROM ${HISTORY_TABLE} WHERE name = '9999_broken'`)).toEqual([]);
  });

  it('let concurrent runners wait for each other, so each migration is applied once', async () => {
    const other = await scratchDatabase(serverUrl, 'plusflow_race');
    try {
      const results = await Promise.all([migrate(other.url), migrate(other.url), migrate(other.url)]);
      const all = results.flatMap((r) => r.applied);
      expect(all.sort()).toEqual((await loadMigrations()).map((m) => m.name).sort());
    } finally {
      await other.drop();
    }
  });
});
