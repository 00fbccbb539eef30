import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../platform/config';
import { UserFacingError } from '../../../platform/errors';
import { credentialsFile, engineConnection, engineCredentials, generatePassword } from './credentials';

describe('engine credentials', () => {
  let cacheDir: string;
  beforeEach(() => (cacheDir = mkdtempSync(path.join(os.tmpdir(), 'plusflow-creds-'))));
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('generates long, URL-safe, different passwords', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(a);
  });

  it('generates them once per stack, keeps them in a file only its owner can read, and reuses them', () => {
    const cfg = loadConfig({ PLUSFLOW_CACHE_DIR: cacheDir });
    const first = engineCredentials(cfg, {});
    expect(first).toMatchObject({ user: 'plusflow-service', adminUser: 'operator', source: 'generated' });
    expect(first.password).toHaveLength(24);
    expect(first.adminPassword).not.toBe(first.password);
    const file = credentialsFile(cfg);
    expect(file).toBe(path.join(cacheDir, 'dev', 'engine-credentials.json'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(engineCredentials(cfg, {})).toEqual(first);
    // Another stack has its own.
    const test = engineCredentials(loadConfig({ PLUSFLOW_CACHE_DIR: cacheDir, PLUSFLOW_STACK: 'test' }), {});
    expect(test.password).not.toBe(first.password);
  });

  it('takes the passwords from the environment when set, and then writes no file', () => {
    const cfg = loadConfig({
      PLUSFLOW_CACHE_DIR: cacheDir,
      PLUSFLOW_ENGINE_PASSWORD: 'service-password-1',
      PLUSFLOW_ENGINE_ADMIN_PASSWORD: 'admin-password-12',
      PLUSFLOW_ENGINE_USER: 'svc',
    });
    expect(engineCredentials(cfg, {})).toEqual({
      user: 'svc',
      password: 'service-password-1',
      adminUser: 'operator',
      adminPassword: 'admin-password-12',
      source: 'environment',
    });
    expect(() => statSync(credentialsFile(cfg))).toThrow();
  });

  it('fills in what the environment leaves out', () => {
    const cfg = loadConfig({ PLUSFLOW_CACHE_DIR: cacheDir, PLUSFLOW_ENGINE_PASSWORD: 'service-password-1' });
    const c = engineCredentials(cfg, {});
    expect(c).toMatchObject({ password: 'service-password-1', source: 'mixed' });
    expect(c.adminPassword).toHaveLength(24);
  });

  it('completes a file that lacks a password, keeping the one it has', () => {
    const cfg = loadConfig({ PLUSFLOW_CACHE_DIR: cacheDir });
    engineCredentials(cfg, {});
    const file = credentialsFile(cfg);
    const { password } = JSON.parse(readFileSync(file, 'utf8')) as { password: string };
    writeFileSync(file, JSON.stringify({ password }));
    const c = engineCredentials(cfg, {});
    expect(c.password).toBe(password);
    expect(c.adminPassword).toHaveLength(24);
  });

  it('generates nothing in production: the passwords must come from the environment', () => {
    const cfg = loadConfig({ PLUSFLOW_CACHE_DIR: cacheDir });
    expect(() => engineCredentials(cfg, { NODE_ENV: 'production' })).toThrow(UserFacingError);
    expect(() => engineCredentials(cfg, { NODE_ENV: 'production' })).toThrow(
      /PLUSFLOW_ENGINE_PASSWORD and PLUSFLOW_ENGINE_ADMIN_PASSWORD/,
    );
  });

  it('gives REST clients every node and the service account', () => {
    const cfg = loadConfig({ PLUSFLOW_CACHE_DIR: cacheDir, PLUSFLOW_STACK: 'test', PLUSFLOW_ENGINE_NODES: '2' });
    const conn = engineConnection(cfg, {});
    expect(conn).toEqual({
      nodes: ['http://127.0.0.1:8190', 'http://127.0.0.1:8191'],
      user: 'plusflow-service',
      password: engineCredentials(cfg, {}).password,
    });
  });
});
