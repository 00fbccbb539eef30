import { Client } from 'pg';
import { loadConfig } from '../platform/config';
import { scratchDatabase } from '../test/support/scratch-db';
import { declaredTables } from './datamodel';
import { migrate } from './migrate';
import { checksum, loadMigrations } from './migration-files';

/**
 * schema.prisma is the source of truth and migrations are written from it. This test applies every
 * migration to an empty database and fails when a model has no table, or a field no column of the same
 * nullability: i.e. when someone changed the schema and forgot `npm run db:migration`.
 */
const serverUrl = process.env.DATABASE_URL ?? loadConfig(process.env).database.url;

describe('migrations', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await scratchDatabase(serverUrl, 'plusflow_drift');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('create a table and column for every model field of schema.prisma', async () => {
    const { applied } = await migrate(db.url);
    expect(applied).toEqual((await loadMigrations()).map((m) => m.name));

    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }>(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    await client.end();
    const actual = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.is_nullable]));

    const problems: string[] = [];
    const models = declaredTables();
    expect(models.length).toBeGreaterThan(5);
    for (const m of models) {
      if (!rows.some((r) => r.table_name === m.table)) {
        problems.push(`model ${m.model}: no table "${m.table}"`);
        continue;
      }
      for (const c of m.columns) {
        const nullable = actual.get(`${m.table}.${c.column}`);
        if (!nullable) problems.push(`${m.model}.${c.field}: no column "${m.table}.${c.column}"`);
        else if (c.required && nullable === 'YES') problems.push(`${m.model}.${c.field}: required in the schema, nullable in the database`);
        else if (!c.required && !c.list && nullable === 'NO') problems.push(`${m.model}.${c.field}: optional in the schema, NOT NULL in the database`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('apply nothing the second time', async () => {
    expect(await migrate(db.url)).toEqual({ applied: [] });
  });

  it('refuse a migration that was edited after it was applied', async () => {
    const files = await loadMigrations();
    const edited = files.map((f, i) => (i === 0 ? { ...f, sql: `${f.sql}\n-- edited`, checksum: checksum(`${f.sql}\n-- edited`) } : f));
    await expect(migrate(db.url, edited)).rejects.toThrow(/was changed after it had been applied/);
  });

  it('roll back a failing migration completely', async () => {
    const files = await loadMigrations();
    const broken = { name: '9999_broken', sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;', checksum: 'x', schemaSnapshot: '' };
    await expect(migrate(db.url, [...files, broken])).rejects.toThrow(/Migration 9999_broken failed/);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query("SELECT to_regclass('half_done') AS t");
    await client.end();
    expect(rows[0].t).toBeNull();
  });
});
