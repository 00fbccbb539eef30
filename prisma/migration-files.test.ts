import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checksum, loadMigrations, MIGRATION_NAME } from './migration-files';

describe('migration files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'plusflow-migrations-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function add(name: string, sql = `-- ${name}\nSELECT 1;\n`, snapshot?: string): Promise<void> {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
    if (snapshot !== undefined) await writeFile(path.join(dir, name, 'schema.prisma'), snapshot);
  }

  it('come in numeric order with their SQL, checksum and schema snapshot', async () => {
    await add('0002_add_cases', 'CREATE TABLE b ();', 'model B {}');
    await add('0001_init', 'CREATE TABLE a ();', 'model A {}');
    await writeFile(path.join(dir, 'README.md'), 'not a migration');
    const files = await loadMigrations(dir);
    expect(files.map((f) => f.name)).toEqual(['0001_init', '0002_add_cases']);
    expect(files[0]).toEqual({
      name: '0001_init',
      sql: 'CREATE TABLE a ();',
      checksum: checksum('CREATE TABLE a ();'),
      schemaSnapshot: 'model A {}',
    });
  });

  it('order 0010 after 0009 (zero-padded numbers, not file-system order)', async () => {
    for (let i = 1; i <= 10; i++) await add(`${String(i).padStart(4, '0')}_step_${i}`);
    expect((await loadMigrations(dir)).map((f) => f.name).slice(-2)).toEqual(['0009_step_9', '0010_step_10']);
  });

  it('reject two migrations with one number (e.g. from two branches)', async () => {
    await add('0001_init');
    await add('0002_add_rulings');
    await add('0002_add_employers');
    await expect(loadMigrations(dir)).rejects.toThrow(/out of sequence: expected number 0003/);
  });

  it('reject a gap in the numbering', async () => {
    await add('0001_init');
    await add('0003_later');
    await expect(loadMigrations(dir)).rejects.toThrow(/"0003_later" .* out of sequence: expected number 0002/);
  });

  it('reject badly named folders and folders without migration.sql', async () => {
    await add('1_init');
    await expect(loadMigrations(dir)).rejects.toThrow(/must be named NNNN_snake_case_name/);
    await rm(path.join(dir, '1_init'), { recursive: true });
    await mkdir(path.join(dir, '0001_init'));
    await expect(loadMigrations(dir)).rejects.toThrow(/0001_init has no migration.sql/);
  });

  it('are none when the folder does not exist', async () => {
    expect(await loadMigrations(path.join(dir, 'missing'))).toEqual([]);
  });

  it('checksum is SHA-256 of the SQL, changes with any edit, and ignores CRLF line endings', () => {
    const sql = 'CREATE TABLE a (id int);\nCREATE INDEX a_id ON a (id);\n';
    expect(checksum(sql)).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(checksum(sql.replace(/\n/g, '\r\n'))).toBe(checksum(sql));
    expect(checksum(sql.replace('id int', 'id bigint'))).not.toBe(checksum(sql));
    expect(checksum(`${sql} `)).not.toBe(checksum(sql));
  });

  it('of this repository load, are named correctly and each has a schema snapshot', async () => {
    const files = await loadMigrations();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(f.name).toMatch(MIGRATION_NAME);
      expect(f.sql.trim()).not.toBe('');
      expect(f.schemaSnapshot).toContain('datasource db');
    }
  });
});
