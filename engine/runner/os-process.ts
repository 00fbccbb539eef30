import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** Process helpers of the engine runner (operaton/). */

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie (exited, not yet reaped by a parent that is not waiting) answers kill(0) but is gone.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

/** The command line of a process (NUL- or space-separated), or undefined when it cannot be read. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    const ps = spawnSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    if (ps.status !== 0 && !ps.stdout) return undefined;
    return ps.stdout;
  }
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM to the process group, SIGKILL after `graceMs`, then up to 10 s for the kill to take effect. */
export async function terminateGroup(pid: number, graceMs: number): Promise<void> {
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) {
    signalGroup(pid, 'SIGKILL');
    const killDeadline = Date.now() + 10_000;
    while (isAlive(pid) && Date.now() < killDeadline) await sleep(100);
  }
}

/** The last `lines` lines of a log file after byte `fromOffset`, indented; reads at most the last 64 KB. */
export async function logTail(file: string, lines = 20, fromOffset = 0): Promise<string> {
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const start = Math.max(fromOffset, size - 64 * 1024);
      const buffer = Buffer.alloc(Math.max(0, size - start));
      await handle.read(buffer, 0, buffer.length, start);
      text = buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return `    (no log at ${file})`;
  }
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((l) => `    ${l}`)
    .join('\n');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
