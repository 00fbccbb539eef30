import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../platform/config';
import { UserFacingError } from '../platform/errors';
import { logTail } from '../engine/runner';

/** A Node service of the stack (workers, API, simulators) running as a child process with its own log file. */
export interface Service {
  name: string;
  child: ChildProcess;
  logFile: string;
  /** When it became healthy (epoch ms). */
  startedAt: number;
  stop(): Promise<void>;
}

export async function startService(opts: {
  name: string;
  script: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
  logDir: string;
  healthUrl: string;
  timeoutMs?: number;
  onStatus?: (s: string) => void;
}): Promise<Service> {
  // Something answering already would pass the health check below in the new service's stead.
  const taken = await fetch(opts.healthUrl, { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );
  if (taken) {
    throw new UserFacingError(
      `${opts.name} cannot start: something already answers at ${opts.healthUrl}.`,
      'Another PLUS Flow stack (or an earlier one still shutting down) uses these ports: stop it, or wait a moment and start again.',
    );
  }
  await mkdir(opts.logDir, { recursive: true });
  const logFile = path.join(opts.logDir, `${opts.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  // Run TypeScript through tsx's loader inside plain node: no wrapper process that could outlive us.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, opts.script), ...(opts.args ?? [])], {
    cwd: REPO_ROOT,
    env: { ...opts.env, LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  // After both pipes have drained, however the process ended (stopped, killed, crashed during start-up).
  child.once('close', () => log.end());

  const started = Date.now();
  const timeoutMs = opts.timeoutMs ?? 60_000;
  for (;;) {
    if (exited !== undefined) {
      throw new UserFacingError(
        `${opts.name} exited during start-up (code ${exited}). Last log lines:\n${await logTail(logFile)}`,
        `See ${logFile} for the whole log.`,
      );
    }
    const ok = await fetch(opts.healthUrl, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new UserFacingError(
        `${opts.name} did not become healthy at ${opts.healthUrl} within ${timeoutMs / 1000} s. Last log lines:\n${await logTail(logFile)}`,
        `See ${logFile}.`,
      );
    }
    opts.onStatus?.(`waiting for ${opts.healthUrl} (${Math.round((Date.now() - started) / 1000)} s)`);
    await new Promise((r) => setTimeout(r, 300));
  }

  return {
    name: opts.name,
    child,
    logFile,
    startedAt: Date.now(),
    stop: () => stopChild(child, 35_000),
  };
}

/** SIGTERM, then SIGKILL after `graceMs`: services finish in-flight work on SIGTERM. */
export function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** SIGKILL, resolved once the process is gone: a crash as the operating system would end it. */
export function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
