import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { toJdbc } from '../../engine/runner/engine-config';
import { DEFAULT_CAMUNDA_VERSION, ENV_VARS, REPO_ROOT, loadConfig } from '../../platform/config';
import { PROCESSES_DIR } from '../../processes/catalog';
import { MIGRATIONS_DIR } from '../../prisma/paths';

/**
 * The deployment files (docker-compose.yml, Dockerfile, Dockerfile.engine, .dockerignore, .ci/run) checked
 * against the code, without Docker: names, ports and versions must be those of platform/config.ts.
 * Each test collects every disagreement as a sentence naming the file and key, and expects none.
 */

const COMPOSE = 'docker-compose.yml';
const APP_DOCKERFILE = 'Dockerfile';
const ENGINE_DOCKERFILE = 'Dockerfile.engine';
const ENV_EXAMPLE = 'docker/env.example';
const EXPORTER_SRC = 'engine/exporter/src';

const APP_SERVICES = ['migrate', 'deploy-processes', 'workers', 'api', 'simulators'] as const;
const LONG_RUNNING = ['postgres', 'engine', 'workers', 'api'] as const;
const ONE_SHOT = ['migrate', 'deploy-processes'] as const;

/** Values for the variables compose requires (`${X:?msg}`) when we resolve the file as compose would. */
const REQUIRED_VARS: Record<string, string> = {
  PG_PASSWORD: 'pw-from-environment',
  API_PUBLIC_URL: 'https://plusflow.example',
  OIDC_ISSUER: 'https://viss.example',
  OIDC_CLIENT_SECRET: 'client-secret-from-environment',
  SESSION_SECRET: 'session-secret-from-environment-0123456789',
}

const cfg = loadConfig({});

// ---------------------------------------------------------------- reading the files

const read = (rel: string): string => readFileSync(path.join(REPO_ROOT, rel), 'utf8');

type Env = Record<string, string>;
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, unknown> | string[] };
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  ports?: (string | number | { target: number; published?: string | number; host_ip?: string })[];
  expose?: (string | number)[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  restart?: string;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  deploy?: { resources?: { limits?: { memory?: string; cpus?: string } } };
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  [extension: `x-${string}`]: unknown;
}

const composeText = read(COMPOSE);
const compose = parse(composeText, { merge: true }) as Compose;
const services = compose.services ?? {};

/** A compose `environment` (map or KEY=VALUE list) as strings, not yet interpolated. */
function rawEnv(s: Service | undefined): Env {
  const e = s?.environment;
  if (!e) return {};
  if (Array.isArray(e)) {
    return Object.fromEntries(e.map((kv) => [kv.split('=')[0] ?? kv, kv.includes('=') ? kv.slice(kv.indexOf('=') + 1) : '']));
  }
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
}

interface VarRef {
  name: string;
  /** '', ':-', '-', ':?', '?' */
  op: string;
  arg: string;
}
const VAR_REF = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

function varRefs(value: string): VarRef[] {
  const out: VarRef[] = [];
  for (const m of value.matchAll(VAR_REF)) {
    if (m[0] === '$$') continue;
    out.push({ name: (m[1] ?? m[4]) as string, op: m[2] ?? '', arg: m[3] ?? '' });
  }
  return out;
}

/** Compose's variable interpolation with an empty environment (defaults apply) plus REQUIRED_VARS. */
function interpolate(value: string, where: string, vars: Record<string, string> = REQUIRED_VARS): string {
  return value.replace(VAR_REF, (whole, braced: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare) as string;
    const v = vars[name];
    if (!op) return v ?? '';
    const missing = op.startsWith(':') ? !v : v === undefined;
    if (op.endsWith('-')) return missing ? (arg ?? '') : (v as string);
    if (missing) throw new Error(`${where}: \${${name}} is required (${arg ?? ''})`);
    return v as string;
  });
}

function env(name: string): Env {
  const raw = rawEnv(services[name]);
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, interpolate(v, `${COMPOSE}: services.${name}.environment.${k}`)]));
}

interface PortMapping {
  hostIp?: string;
  published?: number;
  target: number;
}
function ports(name: string): PortMapping[] {
  return (services[name]?.ports ?? []).map((p) => {
    if (typeof p === 'object') {
      return { hostIp: p.host_ip, published: p.published === undefined ? undefined : Number(interpolate(String(p.published), name)), target: Number(p.target) };
    }
    const parts = interpolate(String(p), `${COMPOSE}: services.${name}.ports`).replace(/\/(tcp|udp)$/, '').split(':');
    const target = Number(parts.pop());
    const published = parts.length ? Number(parts.pop()) : undefined;
    return { hostIp: parts.pop(), published, target };
  });
}

function dependsOn(name: string): Record<string, string> {
  const d = services[name]?.depends_on;
  if (!d) return {};
  if (Array.isArray(d)) return Object.fromEntries(d.map((n) => [n, 'service_started (short syntax)']));
  return Object.fromEntries(Object.entries(d).map(([n, v]) => [n, v?.condition ?? 'service_started']));
}

function healthcheckText(name: string): string | undefined {
  const h = services[name]?.healthcheck;
  if (!h || h.disable || !h.test) return undefined;
  return Array.isArray(h.test) ? h.test.join(' ') : h.test;
}

function commandOf(name: string): string[] {
  const c = services[name]?.command;
  if (!c) return [];
  return Array.isArray(c) ? c : c.split(/\s+/);
}

function buildOf(name: string): { context: string; dockerfile: string; args: Env } | undefined {
  const b = services[name]?.build;
  if (!b) return undefined;
  if (typeof b === 'string') return { context: b, dockerfile: 'Dockerfile', args: {} };
  const args = Array.isArray(b.args)
    ? Object.fromEntries(b.args.map((kv) => [kv.split('=')[0] ?? kv, kv.slice(kv.indexOf('=') + 1)]))
    : Object.fromEntries(Object.entries(b.args ?? {}).map(([k, v]) => [k, String(v)]));
  return { context: b.context ?? '.', dockerfile: b.dockerfile ?? 'Dockerfile', args };
}

/** Dockerfile instructions as [keyword, rest] with line continuations joined and comments dropped. */
function instructions(rel: string): [string, string][] {
  const joined = read(rel)
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(\S+)\s*(.*)$/.exec(l) as RegExpExecArray;
      return [(m[1] as string).toUpperCase(), m[2] as string];
    });
}

/** FROM images of a Dockerfile with ARG defaults (and CAMUNDA_VERSION = the pinned default) substituted. */
function baseImages(rel: string): { image: string; line: string }[] {
  const args: Record<string, string> = { CAMUNDA_VERSION: DEFAULT_CAMUNDA_VERSION };
  const stages = new Set<string>();
  const out: { image: string; line: string }[] = [];
  for (const [kw, rest] of instructions(rel)) {
    if (kw === 'ARG') {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(rest);
      if (m?.[2] !== undefined && m[1] !== 'CAMUNDA_VERSION') args[m[1] as string] = m[2].replace(/^["']|["']$/g, '');
    }
    if (kw === 'FROM') {
      const words = rest.split(/\s+/).filter((w) => !w.startsWith('--'));
      const image = (words[0] ?? '').replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, n: string) => args[n] ?? '');
      const as = words.findIndex((w) => w.toUpperCase() === 'AS');
      if (!stages.has(image)) out.push({ image, line: `FROM ${rest}` });
      if (as >= 0 && words[as + 1]) stages.add(words[as + 1] as string);
    }
  }
  return out;
}

function tagOf(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] as string;
  const lastSegment = withoutDigest.split('/').pop() as string;
  return lastSegment.includes(':') ? lastSegment.split(':').pop() : undefined;
}

function expectNoProblems(problems: string[]): void {
  expect(problems).toEqual([]);
}

// ---------------------------------------------------------------- tests

describe('docker-compose.yml', () => {
  it('has the expected services, each with an image, a restart policy and (long-running) resource limits', () => {
    const problems: string[] = [];
    for (const name of [...LONG_RUNNING, ...ONE_SHOT]) {
      const s = services[name];
      if (!s) {
        problems.push(`${COMPOSE}: services.${name} is missing`);
        continue;
      }
      if (!s.image) problems.push(`${COMPOSE}: services.${name}.image is missing`);
      if (!s.restart) problems.push(`${COMPOSE}: services.${name}.restart is missing`);
    }
    for (const name of LONG_RUNNING) {
      const r = services[name]?.restart;
      if (r && !['always', 'unless-stopped'].includes(r)) problems.push(`${COMPOSE}: services.${name}.restart is "${r}", expected unless-stopped or always`);
      if (!services[name]?.deploy?.resources?.limits?.memory) problems.push(`${COMPOSE}: services.${name}.deploy.resources.limits.memory is missing`);
    }
    for (const name of ONE_SHOT) {
      const r = services[name]?.restart;
      if (r && r !== 'no' && !r.startsWith('on-failure')) problems.push(`${COMPOSE}: services.${name}.restart is "${r}": a one-shot must not restart after success`);
    }
    expectNoProblems(problems);
  });

  it('publishes the default ports of platform/config.ts', () => {
    const problems: string[] = [];
    const expectPublished = (name: string, port: number, what: string) => {
      const m = ports(name).find((p) => p.target === port);
      if (!m) problems.push(`${COMPOSE}: services.${name}.ports does not publish ${what} ${port} (platform/config.ts default)`);
      else if (m.published !== port) problems.push(`${COMPOSE}: services.${name}.ports maps ${what} ${port} to host port ${m.published ?? '(random)'}, expected ${port}`);
    };
    expectPublished('engine', cfg.engine.grpcPort, 'engine gRPC');
    expectPublished('engine', cfg.engine.restPort, 'engine REST');
    expectPublished('engine', cfg.engine.managementPort, 'engine management');
    expectPublished('api', cfg.api.port, 'API');
    for (const p of ports('engine')) {
      if (![cfg.engine.grpcPort, cfg.engine.restPort, cfg.engine.managementPort].includes(p.target)) {
        problems.push(`${COMPOSE}: services.engine.ports publishes ${p.target}, which platform/config.ts does not know`);
      }
    }
    // The engine's own settings must listen where the ports point.
    const engineEnv = env('engine');
    const listen: [string, number][] = [
      ['ZEEBE_BROKER_GATEWAY_NETWORK_PORT', cfg.engine.grpcPort],
      ['SERVER_PORT', cfg.engine.restPort],
      ['MANAGEMENT_SERVER_PORT', cfg.engine.managementPort],
    ];
    for (const [k, port] of listen) {
      if (engineEnv[k] !== undefined && Number(engineEnv[k]) !== port) problems.push(`${COMPOSE}: services.engine.environment.${k} is ${engineEnv[k]}, expected ${port}`);
    }
    for (const name of APP_SERVICES) {
      const e = env(name);
      if (e.API_PORT !== undefined && Number(e.API_PORT) !== cfg.api.port) problems.push(`${COMPOSE}: services.${name}.environment.API_PORT is ${e.API_PORT}, expected ${cfg.api.port}`);
      if (e.WORKERS_METRICS_PORT !== undefined && Number(e.WORKERS_METRICS_PORT) !== cfg.workers.metricsPort) {
        problems.push(`${COMPOSE}: services.${name}.environment.WORKERS_METRICS_PORT is ${e.WORKERS_METRICS_PORT}, expected ${cfg.workers.metricsPort}`);
      }
    }
    const workersPorts = [...(services.workers?.expose ?? []), ...ports('workers').map((p) => p.target)].map(Number);
    if (!workersPorts.includes(cfg.workers.metricsPort)) problems.push(`${COMPOSE}: services.workers exposes no ${cfg.workers.metricsPort} (WORKERS_METRICS_PORT default)`);
    const seen = new Map<number, string>();
    for (const name of Object.keys(services)) {
      for (const p of ports(name)) {
        if (p.published === undefined) continue;
        const other = seen.get(p.published);
        if (other) problems.push(`${COMPOSE}: host port ${p.published} is published by both ${other} and ${name}`);
        seen.set(p.published, name);
      }
    }
    expectNoProblems(problems);
  });

  it('gives the app services only environment variables that platform/config.ts reads, from one shared anchor', () => {
    const problems: string[] = [];
    const known = new Set<string>(ENV_VARS);
    const appImageServices = Object.keys(services).filter((n) => buildOf(n)?.dockerfile === APP_DOCKERFILE || services[n]?.image?.startsWith('plusflow-app'));
    expect([...appImageServices].sort()).toEqual([...APP_SERVICES].sort());
    const shared = compose['x-app-env'];
    if (!shared || typeof shared !== 'object') problems.push(`${COMPOSE}: x-app-env (the shared app environment anchor) is missing`);
    for (const name of APP_SERVICES) {
      const e = env(name);
      for (const key of Object.keys(e)) {
        if (!known.has(key)) problems.push(`${COMPOSE}: services.${name}.environment.${key} is not a variable of platform/config.ts (known: ${[...known].join(', ')})`);
      }
      for (const key of Object.keys((shared ?? {}) as object)) {
        if (!(key in e)) problems.push(`${COMPOSE}: services.${name}.environment lacks ${key} of x-app-env`);
      }
      const want: Env = { CAMUNDA_ENGINE_MODE: 'external', CAMUNDA_ENGINE_HOST: 'engine', API_HOST: '0.0.0.0' };
      for (const [k, v] of Object.entries(want)) {
        if (e[k] !== v) problems.push(`${COMPOSE}: services.${name}.environment.${k} is ${JSON.stringify(e[k])}, expected "${v}"`);
      }
      if (!services[e.CAMUNDA_ENGINE_HOST ?? '']) problems.push(`${COMPOSE}: services.${name}.environment.CAMUNDA_ENGINE_HOST names no service`);
      try {
        const c = loadConfig(e);
        if (c.engine.grpcAddress !== `engine:${cfg.engine.grpcPort}`) problems.push(`${COMPOSE}: services.${name}: engine gRPC address resolves to ${c.engine.grpcAddress}`);
      } catch (err) {
        problems.push(`${COMPOSE}: services.${name}.environment is rejected by platform/config.ts: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    expectNoProblems(problems);
  });

  it('points DATABASE_URL of every app service at the postgres service and database plusflow', () => {
    const problems: string[] = [];
    const pg = env('postgres');
    const pgUser = pg.POSTGRES_USER || 'postgres';
    const pgDb = pg.POSTGRES_DB || pgUser;
    if (pgDb !== cfg.database.name) problems.push(`${COMPOSE}: services.postgres.environment.POSTGRES_DB is "${pgDb}", expected "${cfg.database.name}" (platform/config.ts)`);
    const pgPasswordVars = varRefs(rawEnv(services.postgres).POSTGRES_PASSWORD ?? '').map((r) => r.name);
    for (const name of APP_SERVICES) {
      const raw = rawEnv(services[name]).DATABASE_URL;
      if (!raw) {
        problems.push(`${COMPOSE}: services.${name}.environment.DATABASE_URL is missing`);
        continue;
      }
      const url = new URL(interpolate(raw, `${COMPOSE}: services.${name}.environment.DATABASE_URL`));
      const where = `${COMPOSE}: services.${name}.environment.DATABASE_URL`;
      if (!['postgresql:', 'postgres:'].includes(url.protocol)) problems.push(`${where} is not a postgresql:// URL`);
      if (url.hostname !== 'postgres') problems.push(`${where} host is "${url.hostname}", expected the service "postgres"`);
      if (url.port && url.port !== '5432') problems.push(`${where} port is ${url.port}, expected 5432`);
      if (url.pathname !== `/${cfg.database.name}`) problems.push(`${where} database is "${url.pathname.slice(1)}", expected "${cfg.database.name}"`);
      if (decodeURIComponent(url.username) !== pgUser) problems.push(`${where} user is "${url.username}", but services.postgres creates "${pgUser}"`);
      const pwVars = varRefs(raw).map((r) => r.name);
      if (!pwVars.some((v) => pgPasswordVars.includes(v))) problems.push(`${where} does not take its password from the variable of services.postgres.environment.POSTGRES_PASSWORD (${pgPasswordVars.join(', ') || 'none'})`);
    }
    expectNoProblems(problems);
  });

  it('keeps CAMUNDA_VERSION in agreement with DEFAULT_CAMUNDA_VERSION of platform/config.ts', () => {
    const problems: string[] = [];
    const refs = varRefs(composeText).filter((r) => r.name === 'CAMUNDA_VERSION');
    if (refs.length === 0) problems.push(`${COMPOSE}: no \${CAMUNDA_VERSION:-…} found`);
    for (const r of refs) {
      if (r.op !== ':-' && r.op !== '-') problems.push(`${COMPOSE}: \${CAMUNDA_VERSION${r.op}${r.arg}} has no default (expected :-${DEFAULT_CAMUNDA_VERSION})`);
      else if (r.arg !== DEFAULT_CAMUNDA_VERSION) problems.push(`${COMPOSE}: CAMUNDA_VERSION defaults to ${r.arg}, but platform/config.ts DEFAULT_CAMUNDA_VERSION is ${DEFAULT_CAMUNDA_VERSION}`);
    }
    const build = buildOf('engine');
    if (build?.dockerfile !== ENGINE_DOCKERFILE) problems.push(`${COMPOSE}: services.engine.build.dockerfile is ${build?.dockerfile}, expected ${ENGINE_DOCKERFILE}`);
    const arg = build?.args.CAMUNDA_VERSION;
    if (!arg || interpolate(arg, `${COMPOSE}: services.engine.build.args.CAMUNDA_VERSION`) !== DEFAULT_CAMUNDA_VERSION) {
      problems.push(`${COMPOSE}: services.engine.build.args.CAMUNDA_VERSION is ${JSON.stringify(arg)}, expected \${CAMUNDA_VERSION:-${DEFAULT_CAMUNDA_VERSION}}`);
    }
    for (const [kw, rest] of instructions(ENGINE_DOCKERFILE)) {
      const m = kw === 'ARG' ? /^CAMUNDA_VERSION=(.*)$/.exec(rest) : null;
      if (m && m[1] !== DEFAULT_CAMUNDA_VERSION) problems.push(`${ENGINE_DOCKERFILE}: ARG CAMUNDA_VERSION defaults to ${m[1]}, expected ${DEFAULT_CAMUNDA_VERSION} (or no default)`);
    }
    if (!instructions(ENGINE_DOCKERFILE).some(([kw, rest]) => kw === 'FROM' && /camunda\/zeebe:\$\{?CAMUNDA_VERSION\}?/.test(rest))) {
      problems.push(`${ENGINE_DOCKERFILE}: no FROM camunda/zeebe:\${CAMUNDA_VERSION}`);
    }
    if (existsSync(path.join(REPO_ROOT, ENV_EXAMPLE))) {
      for (const m of read(ENV_EXAMPLE).matchAll(/CAMUNDA_VERSION=(\S*)/g)) {
        if (m[1] !== DEFAULT_CAMUNDA_VERSION) problems.push(`${ENV_EXAMPLE}: CAMUNDA_VERSION=${m[1]}, expected ${DEFAULT_CAMUNDA_VERSION}`);
      }
    }
    const pom = 'engine/exporter/pom.xml';
    if (existsSync(path.join(REPO_ROOT, pom))) {
      const m = /<zeebe\.version>([^<]+)<\/zeebe\.version>/.exec(read(pom));
      if (m && m[1] !== DEFAULT_CAMUNDA_VERSION) problems.push(`${pom}: zeebe.version is ${m[1]}, expected ${DEFAULT_CAMUNDA_VERSION} (platform/config.ts)`);
    }
    expectNoProblems(problems);
  });

  it('configures the engine exporter to load the jar Dockerfile.engine installs and write to the app database', () => {
    const problems: string[] = [];
    const e = env('engine');
    const k = (s: string) => `ZEEBE_BROKER_EXPORTERS_PLUSFLOW_${s}`;
    const copies = instructions(ENGINE_DOCKERFILE)
      .filter(([kw]) => kw === 'COPY')
      .map(([, rest]) => rest.split(/\s+/).pop() as string)
      .filter((dest) => dest.endsWith('.jar'));
    if (!copies.includes(e[k('JARPATH')] ?? '')) problems.push(`${COMPOSE}: services.engine.environment.${k('JARPATH')} is ${e[k('JARPATH')]}, but ${ENGINE_DOCKERFILE} copies the jar to ${copies.join(', ') || 'nowhere'}`);
    const appUrl = env('api').DATABASE_URL;
    if (appUrl) {
      const jdbc = toJdbc(appUrl);
      if (e[k('ARGS_URL')] !== jdbc.url) problems.push(`${COMPOSE}: services.engine.environment.${k('ARGS_URL')} is ${e[k('ARGS_URL')]}, expected ${jdbc.url} (the app's DATABASE_URL)`);
      if (e[k('ARGS_USERNAME')] !== jdbc.username) problems.push(`${COMPOSE}: services.engine.environment.${k('ARGS_USERNAME')} is ${e[k('ARGS_USERNAME')]}, expected ${jdbc.username}`);
      if (e[k('ARGS_PASSWORD')] !== jdbc.password) problems.push(`${COMPOSE}: services.engine.environment.${k('ARGS_PASSWORD')} does not resolve to the password of the app's DATABASE_URL`);
    }
    if (!('CAMUNDA_LICENSE_KEY' in e)) problems.push(`${COMPOSE}: services.engine.environment.CAMUNDA_LICENSE_KEY is missing (pass-through of the license key)`);
    expectNoProblems(problems);
  });

  const exporterSrc = path.join(REPO_ROOT, EXPORTER_SRC);
  (existsSync(exporterSrc) ? it : it.skip)(
    existsSync(exporterSrc)
      ? `names the exporter class that ${EXPORTER_SRC} defines`
      : `names the exporter class that ${EXPORTER_SRC} defines — SKIPPED: ${EXPORTER_SRC} does not exist yet`,
    () => {
      const found: string[] = [];
      const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(p);
          else if (entry.name.endsWith('.java')) {
            const src = readFileSync(p, 'utf8');
            const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(src)?.[1];
            for (const m of src.matchAll(/\bclass\s+(\w+)[^{]*\bimplements\s+[^{]*\bExporter\b/g)) found.push(pkg ? `${pkg}.${m[1]}` : (m[1] as string));
          }
        }
      };
      walk(exporterSrc);
      const key = 'ZEEBE_BROKER_EXPORTERS_PLUSFLOW_CLASSNAME';
      const className = env('engine')[key];
      const problems: string[] = [];
      if (found.length === 0) problems.push(`${EXPORTER_SRC}: no class implementing Exporter found`);
      else if (!found.includes(className ?? '')) {
        problems.push(`${COMPOSE}: services.engine.environment.${key} is ${className ?? '(absent)'}, but ${EXPORTER_SRC} defines ${found.join(', ')}`);
      }
      expectNoProblems(problems);
    },
  );

  it('has health checks on postgres, engine, api and workers that probe the configured ports', () => {
    const problems: string[] = [];
    const want: [string, string[]][] = [
      ['postgres', ['pg_isready']],
      ['engine', [String(cfg.engine.managementPort), '/actuator/health/readiness']],
      ['api', [`:${cfg.api.port}/health/live`]],
      ['workers', [`:${cfg.workers.metricsPort}/health`]],
    ];
    for (const [name, parts] of want) {
      const text = healthcheckText(name);
      if (!text) {
        problems.push(`${COMPOSE}: services.${name}.healthcheck.test is missing`);
        continue;
      }
      for (const part of parts) if (!text.includes(part)) problems.push(`${COMPOSE}: services.${name}.healthcheck.test does not contain "${part}"`);
    }
    expectNoProblems(problems);
  });

  it('starts services in order: postgres, migrate (to completion), engine, then deploy, workers and api', () => {
    const problems: string[] = [];
    const want: Record<string, Record<string, string>> = {
      engine: { postgres: 'service_healthy' },
      migrate: { postgres: 'service_healthy' },
      'deploy-processes': { engine: 'service_healthy', migrate: 'service_completed_successfully' },
      workers: { migrate: 'service_completed_successfully', engine: 'service_healthy' },
      api: { migrate: 'service_completed_successfully', engine: 'service_healthy' },
    };
    for (const [name, deps] of Object.entries(want)) {
      const have = dependsOn(name);
      for (const [dep, condition] of Object.entries(deps)) {
        if (have[dep] !== condition) problems.push(`${COMPOSE}: services.${name}.depends_on.${dep}.condition is ${have[dep] ?? '(absent)'}, expected ${condition}`);
      }
    }
    for (const name of Object.keys(services)) {
      for (const dep of Object.keys(dependsOn(name))) if (!services[dep]) problems.push(`${COMPOSE}: services.${name}.depends_on names unknown service ${dep}`);
    }
    expectNoProblems(problems);
  });

  it('pins every image: no missing or `latest` tags in compose or the Dockerfiles', () => {
    const problems: string[] = [];
    for (const [name, s] of Object.entries(services)) {
      if (!s.image) continue;
      const image = interpolate(s.image, `${COMPOSE}: services.${name}.image`);
      const tag = tagOf(image);
      if (!tag || tag === 'latest') problems.push(`${COMPOSE}: services.${name}.image "${image}" must name a version tag`);
    }
    for (const rel of [APP_DOCKERFILE, ENGINE_DOCKERFILE]) {
      for (const { image, line } of baseImages(rel)) {
        const tag = tagOf(image);
        if (!tag || tag === 'latest') problems.push(`${rel}: "${line}" resolves to "${image}", which names no version tag`);
      }
    }
    expectNoProblems(problems);
  });

  it('keeps secrets out of the files: passwords and keys come from the environment', () => {
    const problems: string[] = [];
    const SECRET_KEY = /PASSWORD|SECRET|TOKEN|LICENSE|_KEY$|CREDENTIAL/i;
    const fromEnvOnly = (value: string): boolean => {
      const refs = varRefs(value);
      const literal = value.replace(VAR_REF, '');
      return refs.length > 0 && literal === '' && refs.every((r) => !(r.op.endsWith('-') && r.arg !== ''));
    };
    const check = (where: string, key: string, value: string) => {
      if (SECRET_KEY.test(key) && !fromEnvOnly(value)) problems.push(`${where}.${key} holds a literal or a default; use \${VAR:?…} (or \${VAR:-} for an optional key)`);
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        const pw = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]+:([^@]*)@/i.exec(value)?.[1];
        if (pw !== undefined && !fromEnvOnly(pw)) problems.push(`${where}.${key} has a literal password in its URL`);
      }
    };
    for (const name of Object.keys(services)) {
      for (const [k, v] of Object.entries(rawEnv(services[name]))) check(`${COMPOSE}: services.${name}.environment`, k, v);
      for (const [k, v] of Object.entries(buildOf(name)?.args ?? {})) check(`${COMPOSE}: services.${name}.build.args`, k, v);
    }
    for (const [k, v] of Object.entries((compose['x-app-env'] ?? {}) as Record<string, unknown>)) check(`${COMPOSE}: x-app-env`, k, String(v));
    for (const rel of [APP_DOCKERFILE, ENGINE_DOCKERFILE]) {
      for (const [kw, rest] of instructions(rel)) {
        if ((kw === 'ENV' || kw === 'ARG') && SECRET_KEY.test(rest.split(/[=\s]/)[0] ?? '')) problems.push(`${rel}: ${kw} ${rest} puts a secret into the image`);
      }
    }
    expectNoProblems(problems);
  });

  it('keeps the engine data and the database on named volumes', () => {
    const problems: string[] = [];
    const mounts = (name: string) =>
      (services[name]?.volumes ?? []).map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : { source: v.source, target: v.target }));
    const want: [string, string][] = [
      ['postgres', '/var/lib/postgresql/data'],
      ['engine', '/usr/local/zeebe/data'],
    ];
    for (const [name, target] of want) {
      const m = mounts(name).find((x) => x.target === target);
      if (!m) problems.push(`${COMPOSE}: services.${name}.volumes has no volume at ${target}`);
      else if (!m.source || !(m.source in (compose.volumes ?? {}))) problems.push(`${COMPOSE}: services.${name}.volumes mounts "${m.source}" at ${target}, which is not a named volume under volumes:`);
    }
    const dataDir = env('engine').ZEEBE_BROKER_DATA_DIRECTORY;
    if (dataDir && dataDir !== '/usr/local/zeebe/data') problems.push(`${COMPOSE}: services.engine.environment.ZEEBE_BROKER_DATA_DIRECTORY is ${dataDir}, but the volume is at /usr/local/zeebe/data`);
    expectNoProblems(problems);
  });
});

describe('Dockerfile (app image)', () => {
  const ins = instructions(APP_DOCKERFILE);
  const text = read(APP_DOCKERFILE);

  it('exposes the API port and the worker metrics port of platform/config.ts', () => {
    const exposed = ins.filter(([kw]) => kw === 'EXPOSE').flatMap(([, rest]) => rest.split(/\s+/).map((p) => Number(p.replace(/\/.*/, ''))));
    const problems: string[] = [];
    if (!exposed.includes(cfg.api.port)) problems.push(`${APP_DOCKERFILE}: EXPOSE ${exposed.join(' ')} lacks ${cfg.api.port} (API_PORT default of platform/config.ts)`);
    if (!exposed.includes(cfg.workers.metricsPort)) problems.push(`${APP_DOCKERFILE}: EXPOSE ${exposed.join(' ')} lacks ${cfg.workers.metricsPort} (WORKERS_METRICS_PORT default)`);
    expectNoProblems(problems);
  });

  it('builds on node:20-bookworm-slim and runs as a non-root user with NODE_ENV=production', () => {
    const problems: string[] = [];
    const bases = baseImages(APP_DOCKERFILE).map((b) => b.image);
    if (!bases.every((b) => b === 'node:20-bookworm-slim')) problems.push(`${APP_DOCKERFILE}: base images are ${bases.join(', ')}, expected node:20-bookworm-slim`);
    const lastStage = text.slice(text.lastIndexOf('\nFROM '));
    const user = [...lastStage.matchAll(/^USER\s+(\S+)/gm)].pop()?.[1];
    if (!user || /^(root|0)(:|$)/.test(user)) problems.push(`${APP_DOCKERFILE}: the runtime stage runs as ${user ?? 'root (no USER)'}`);
    if (!/^ENV\s[^\n]*\bNODE_ENV=production\b/m.test(lastStage.replace(/\\\n/g, ' '))) problems.push(`${APP_DOCKERFILE}: the runtime stage does not set NODE_ENV=production`);
    for (const step of ['npm ci', 'npm run postinstall', 'npm run build', 'ui:build', 'npm prune --omit=dev']) if (!text.includes(step)) problems.push(`${APP_DOCKERFILE}: no "${step}" step`);
    expectNoProblems(problems);
  });

  it('places the files read at run time where the compiled code looks for them', () => {
    const problems: string[] = [];
    const runtimeStage = ins.slice(ins.map(([kw]) => kw).lastIndexOf('FROM'));
    const copied = runtimeStage.filter(([kw]) => kw === 'COPY').map(([, rest]) => (rest.split(/\s+/).pop() as string).replace(/^\.\//, '').replace(/\/$/, ''));
    // platform/config.ts: REPO_ROOT is the folder with package.json, so package.json must sit in the WORKDIR.
    if (!copied.includes('package.json')) problems.push(`${APP_DOCKERFILE}: the runtime stage does not copy package.json (REPO_ROOT of platform/config.ts)`);
    for (const rel of ['dist', 'node_modules', path.relative(REPO_ROOT, MIGRATIONS_DIR), 'modeler-ui/dist']) {
      if (!copied.includes(rel)) problems.push(`${APP_DOCKERFILE}: the runtime stage does not copy ${rel} (read at run time relative to REPO_ROOT)`);
    }
    // processes/catalog.ts reads BPMN and forms next to itself when PROCESSES_DIR is its __dirname.
    const processesRel = path.relative(REPO_ROOT, PROCESSES_DIR);
    if (/PROCESSES_DIR\s*=\s*__dirname/.test(read('processes/catalog.ts'))) {
      if (!new RegExp(`find ${processesRel}\\b[^\\n]*\\.bpmn[^\\n]*\\.form[^\\n]*cp --parents[^\\n]*dist/`).test(text.replace(/\\\n/g, ' '))) {
        problems.push(`${APP_DOCKERFILE}: the *.bpmn and *.form files of ${processesRel}/ are not copied into dist/${processesRel}/ (processes/catalog.ts reads them from its __dirname)`);
      }
    } else if (!copied.includes(processesRel)) {
      problems.push(`${APP_DOCKERFILE}: the runtime stage does not copy ${processesRel}/ (processes/catalog.ts PROCESSES_DIR)`);
    }
    expectNoProblems(problems);
  });

  for (const name of APP_SERVICES) {
    it(`runs ${name} with node from a compiled source file that exists`, () => {
      const command = commandOf(name);
      const script = command[0] === 'node' ? command[1] : undefined;
      const source = script?.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      const problems: string[] = [];
      if (!script || !source) problems.push(`${COMPOSE}: services.${name}.command "${command.join(' ')}" is not \`node dist/<file>.js\``);
      else if (!existsSync(path.join(REPO_ROOT, source))) problems.push(`${COMPOSE}: services.${name}.command runs ${script}, but its source ${source} does not exist`);
      expectNoProblems(problems);
    });
  }
});

describe('.dockerignore and .ci/run', () => {
  it('.dockerignore excludes node_modules, .cache, dist and .git', () => {
    const lines = new Set(
      read('.dockerignore')
        .split('\n')
        .map((l) => l.trim().replace(/^\/|^\*\*\//, '').replace(/\/$/, '')),
    );
    const missing = ['node_modules', '.cache', 'dist', '.git'].filter((p) => !lines.has(p));
    expect({ file: '.dockerignore', missing }).toEqual({ file: '.dockerignore', missing: [] });
  });

  it('.ci/run is an executable, syntactically valid bash script with set -euo pipefail that runs npm ci and npm test', () => {
    const problems: string[] = [];
    const rel = '.ci/run';
    const file = path.join(REPO_ROOT, rel);
    try {
      accessSync(file, constants.X_OK);
    } catch {
      problems.push(`${rel} is not executable (chmod +x)`);
    }
    const text = read(rel);
    if (!/^#!.*\bbash\b/.test(text)) problems.push(`${rel}: first line is not a bash shebang`);
    if (!/^set -euo pipefail$/m.test(text)) problems.push(`${rel}: no "set -euo pipefail"`);
    for (const step of ['npm ci', 'npm test']) if (!text.includes(step)) problems.push(`${rel}: no "${step}"`);
    const syntax = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    if (syntax.status !== 0) problems.push(`${rel}: bash -n fails: ${syntax.stderr.trim()}`);
    expectNoProblems(problems);
  });
});
