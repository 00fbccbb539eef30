import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadMigrations } from './migration-files';
import { diffDatamodels, newMigration } from './new-migration';

// These run Prisma 6's WebAssembly differ (a few seconds each) and need no database.
jest.setTimeout(60_000);

const HEADER = `datasource db {\n  provider = "postgresql"\n}\n`;

describe('npm run db:migration', () => {
  let dir: string;
  let schemaFile: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'plusflow-new-migration-'));
    schemaFile = path.join(dir, 'schema.prisma');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the first migration from an empty database, then only the differences, then nothing', async () => {
    const migrations = path.join(dir, 'migrations');
    const v1 = `${HEADER}\nmodel Employer {\n  id   Int    @id @default(autoincrement())\n  name String\n  @@map("employer")\n}\n`;
    await writeFile(schemaFile, v1);
    const first = await newMigration('init', { migrationsDir: migrations, schemaFile });
    expect(path.basename(first!)).toBe('0001_init');
    expect(await readFile(path.join(first!, 'migration.sql'), 'utf8')).toContain('CREATE TABLE "employer"');
    expect(await readFile(path.join(first!, 'schema.prisma'), 'utf8')).toBe(v1);

    const v2 = v1.replace('  name String\n', '  name String\n  regNo String? @map("reg_no")\n  @@index([name])\n');
    await writeFile(schemaFile, v2);
    const second = await newMigration('employer_reg_no', { migrationsDir: migrations, schemaFile });
    const sql = await readFile(path.join(second!, 'migration.sql'), 'utf8');
    expect(sql).toMatch(/ALTER TABLE "employer" ADD COLUMN\s+"reg_no" TEXT;/);
    expect(sql).toContain('CREATE INDEX "employer_name_idx" ON "employer"("name");');
    expect(sql).not.toContain('CREATE TABLE');

    expect(await newMigration('nothing', { migrationsDir: migrations, schemaFile })).toBeUndefined();
    expect(await readdir(migrations)).toEqual(['0001_init', '0002_employer_reg_no']);
  });

  it('refuses a name that is not snake_case', async () => {
    await expect(newMigration('Add-Rulings', { migrationsDir: dir, schemaFile })).rejects.toThrow(/not snake_case/);
  });

  it('has nothing to write for this repository: every schema.prisma change has its migration', async () => {
    const latest = (await loadMigrations()).at(-1)!;
    const current = await readFile(path.join(__dirname, 'schema.prisma'), 'utf8');
    const pending = await diffDatamodels(latest.schemaSnapshot, current);
    // If this fails: run `npm run db:migration -- <name>` and commit the new folder with the schema change.
    expect(pending).toBe('');
  });
});
