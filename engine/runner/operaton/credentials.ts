import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StackConfig } from '../../../platform/config';
import { UserFacingError } from '../../../platform/errors';

export interface EngineCredentials {
  /** The REST service account (HTTP Basic), used by the API, the workers and the runner. */
  user: string;
  password: string;
  /** Administrator of the Cockpit, Admin and Tasklist web apps. */
  adminUser: string;
  adminPassword: string;
  /** Where the passwords came from. */
  source: 'environment' | 'generated' | 'mixed';
}

interface StoredCredentials {
  password?: string;
  adminPassword?: string;
}

/** `<cacheDir>/<stack>/engine-credentials.json`, mode 0600. */
export const credentialsFile = (cfg: StackConfig) => path.join(cfg.cacheDir, cfg.stack, 'engine-credentials.json');

/** 24 URL-safe characters (144 random bits): well above the app's 12-character minimum, no quoting needed anywhere. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The engine's credentials: PLUSFLOW_ENGINE_PASSWORD and PLUSFLOW_ENGINE_ADMIN_PASSWORD when set, otherwise
 * passwords generated once per stack and kept in credentialsFile(cfg), so that the engine (which creates its
 * administrator on first start) and every client agree across restarts, and no fixed demo password exists.
 * In production (NODE_ENV=production) nothing is generated: the passwords must come from the environment.
 */
export function engineCredentials(cfg: StackConfig, env: NodeJS.ProcessEnv = process.env): EngineCredentials {
  const o = cfg.operaton;
  if (o.password !== undefined && o.adminPassword !== undefined) {
    return {
      user: o.user,
      password: o.password,
      adminUser: o.adminUser,
      adminPassword: o.adminPassword,
      source: 'environment',
    };
  }
  if (env.NODE_ENV === 'production') {
    const missing = [
      o.password === undefined && 'PLUSFLOW_ENGINE_PASSWORD',
      o.adminPassword === undefined && 'PLUSFLOW_ENGINE_ADMIN_PASSWORD',
    ].filter(Boolean);
    throw new UserFacingError(
      `${missing.join(' and ')} must be set in production: the engine's passwords are never generated or defaulted there.`,
      'Set them (12 or more characters, e.g. `openssl rand -base64 18`) in the environment of the engine and of the app services.',
    );
  }
  const stored = storedCredentials(credentialsFile(cfg));
  return {
    user: o.user,
    password: o.password ?? stored.password,
    adminUser: o.adminUser,
    adminPassword: o.adminPassword ?? stored.adminPassword,
    source: o.password === undefined && o.adminPassword === undefined ? 'generated' : 'mixed',
  };
}

/** Reads the stack's file, creating it (atomically: the first of two racing processes wins) when absent. */
function storedCredentials(file: string): Required<StoredCredentials> {
  const existing = readStored(file);
  if (existing?.password && existing.adminPassword)
    return { password: existing.password, adminPassword: existing.adminPassword };
  const fresh = {
    password: existing?.password ?? generatePassword(),
    adminPassword: existing?.adminPassword ?? generatePassword(),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600); // the mode of writeFileSync is masked by the umask
  try {
    if (existing) rmSync(file, { force: true }); // incomplete: replaced, keeping what it had
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
  const now = readStored(file);
  if (!now?.password || !now.adminPassword)
    throw new UserFacingError(`${file} holds no engine passwords.`, `Delete ${file} and start again.`);
  return { password: now.password, adminPassword: now.adminPassword };
}

function readStored(file: string): StoredCredentials | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as StoredCredentials;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    throw new UserFacingError(
      `${file} is not valid JSON.`,
      `Delete ${file} and start again (new engine passwords are generated; a dev database keeps the old administrator password).`,
    );
  }
}

/** What a REST client of the engine needs (the shape of workflow/operaton/rest.ts's OperatonConnection). */
export function engineConnection(
  cfg: StackConfig,
  env: NodeJS.ProcessEnv = process.env,
): { nodes: string[]; user: string; password: string } {
  const creds = engineCredentials(cfg, env);
  return { nodes: cfg.operaton.nodes.map((n) => n.url), user: creds.user, password: creds.password };
}
