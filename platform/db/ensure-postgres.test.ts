import { mkdtemp, mkdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  describeError,
  embeddedBinariesPackageDir,
  hydrateEmbeddedPostgres,
  maintenanceUrl,
  redactUrl,
  runningEmbeddedServer,
} from './ensure-postgres';

describe('embedded PostgreSQL helpers', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'plusflow-embedded-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hydrateEmbeddedPostgres recreates the relative library links listed in native/pg-symlinks.json, once', async () => {
    await mkdir(path.join(dir, 'native', 'lib'), { recursive: true });
    await writeFile(path.join(dir, 'native', 'lib', 'libpq.so.5.18'), 'library');
    await writeFile(
      path.join(dir, 'native', 'pg-symlinks.json'),
      JSON.stringify([
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so.5' },
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so' },
      ]),
    );
    expect(await hydrateEmbeddedPostgres(dir)).toBe(2);
    expect(await readlink(path.join(dir, 'native', 'lib', 'libpq.so.5'))).toBe('libpq.so.5.18');
    expect(await readFile(path.join(dir, 'native', 'lib', 'libpq.so'), 'utf8')).toBe('library');
    expect(await hydrateEmbeddedPostgres(dir)).toBe(0);
  });

  it('hydrateEmbeddedPostgres does nothing without a link list and refuses links leaving the package', async () => {
    expect(await hydrateEmbeddedPostgres(dir)).toBe(0);
    await mkdir(path.join(dir, 'native'));
    await writeFile(
      path.join(dir, 'native', 'pg-symlinks.json'),
      JSON.stringify([{ source: '../../etc/passwd', target: 'native/x' }]),
    );
    await expect(hydrateEmbeddedPostgres(dir)).rejects.toThrow(/outside the package/);
  });

  it('hydrateEmbeddedPostgres has left the installed binaries complete (the root postinstall ran it)', async () => {
    // Every link of the real package exists and resolves, or `postgres` cannot load libpq & co.
    const pkg = embeddedBinariesPackageDir();
    if (!pkg) {
      expect(['linux-x64', 'linux-arm64', 'darwin-arm64', 'darwin-x64']).not.toContain(
        `${process.platform}-${process.arch}`,
      );
      return; // no binaries for this platform
    }
    const links = JSON.parse(await readFile(path.join(pkg, 'native', 'pg-symlinks.json'), 'utf8')) as {
      target: string;
    }[];
    await hydrateEmbeddedPostgres();
    for (const { target } of links)
      await expect(readFile(path.join(pkg, target)).then((b) => b.length > 0)).resolves.toBe(true);
  });

  it('runningEmbeddedServer reads pid and port from postmaster.pid and ignores stale files', async () => {
    expect(await runningEmbeddedServer(dir)).toBeUndefined();
    const pidFile = (pid: number) => `${pid}\n${dir}\n1700000000\n5433\n/tmp\nlocalhost\n  1234567   7\nready   \n`;
    await writeFile(path.join(dir, 'postmaster.pid'), pidFile(process.pid));
    expect(await runningEmbeddedServer(dir)).toEqual({ pid: process.pid, port: 5433 });
    await writeFile(path.join(dir, 'postmaster.pid'), pidFile(2 ** 22 + 12345)); // above Linux's pid_max: no such process
    expect(await runningEmbeddedServer(dir)).toBeUndefined();
    await writeFile(path.join(dir, 'postmaster.pid'), 'garbage');
    expect(await runningEmbeddedServer(dir)).toBeUndefined();
  });
});

describe('connection helpers', () => {
  it('describeError names the causes of an AggregateError (Node reports "localhost" failures that way)', () => {
    const refused = (addr: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${addr}`), { code: 'ECONNREFUSED' });
    expect(describeError(new AggregateError([refused('::1:5432'), refused('127.0.0.1:5432')], ''))).toBe(
      'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    );
    expect(describeError(Object.assign(new Error(''), { code: 'ETIMEDOUT' }))).toBe('ETIMEDOUT');
    expect(describeError('plain')).toBe('plain');
  });

  it('redactUrl hides the password; maintenanceUrl points at the postgres database of the same server', () => {
    expect(redactUrl('postgresql://app:s3cret@db.example:5432/plusflow')).toBe(
      'postgresql://app:***@db.example:5432/plusflow',
    );
    expect(redactUrl('postgresql://postgres@127.0.0.1:5432/plusflow')).toBe(
      'postgresql://postgres@127.0.0.1:5432/plusflow',
    );
    expect(maintenanceUrl('postgresql://app:pw@127.0.0.1:5433/plusflow_test?sslmode=disable')).toBe(
      'postgresql://app:pw@127.0.0.1:5433/postgres?sslmode=disable',
    );
  });
});
