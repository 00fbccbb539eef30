import { spawn } from 'node:child_process';
import path from 'node:path';
import { scratchDatabase } from '../../test/support/scratch-db';
import { loadConfig, REPO_ROOT } from '../config';

/**
 * A PostgreSQL restart must not end a service: npm run chaos found the worker host dying on an 'error' that pg
 * emitted on a connection nobody was listening to (platform/db/pool.ts). The load runs in a child process so that
 * such a crash is seen as what it is, an exit with a stack trace, not a failure inside jest.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const url = process.env.DATABASE_URL ?? cfg.database.url;

it('a Prisma client lives through its connections being terminated under load, and answers afterwards', async () => {
  // A database of its own: every connection to it is cut, none of the test stack's.
  const db = await scratchDatabase(url, 'plusflow_pool');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'test/support/terminated-connections.ts'), db.url],
    { cwd: REPO_ROOT },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve)).finally(() => db.drop());
  expect({ code, out: code === 0 ? '' : out.slice(-2_000) }).toEqual({ code: 0, out: '' });
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as {
    terminated: number;
    ok: number;
    failed: number;
    losses: { idle: number; client: number };
    answersAfterwards: boolean;
  };
  expect(result.terminated).toBeGreaterThanOrEqual(20); // connections were really cut, round after round
  expect(result.ok).toBeGreaterThan(0);
  expect(result.losses.idle + result.losses.client).toBeGreaterThan(0); // and the losses were heard, not thrown
  expect(result.answersAfterwards).toBe(true);
}, 60_000);
