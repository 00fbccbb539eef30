import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ENV_VARS, REPO_ROOT, loadConfig } from '../../platform/config';
import { PROCESSES_DIR } from '../../processes/catalog';
import { MIGRATIONS_DIR } from '../../prisma/paths';

/**
 * The deployment files (docker-compose.yml, Dockerfile, Dockerfile.engine, docker/env.example, .dockerignore,
 * .ci/run) checked against the code, without Docker: the app services' variables must be those platform/config.ts
 * reads, the engine nodes' variables those engine/app's application.yaml reads, ports, order and secrets must
 * agree. Each test collects every disagreement as a sentence naming the file and key, and expects none.
 */

const COMPOSE = 'docker-compose.yml';
const APP_DOCKERFILE = 'Dockerfile';
const ENGINE_DOCKERFILE = 'Dockerfile.engine';
const ENV_EXAMPLE = 'docker/env.example';
const ENGINE_APP = 'engine/app';
const ENGINE_YAML = `${ENGINE_APP}/src/main/resources/application.yaml`;
const ENGINE_POM = `${ENGINE_APP}/pom.xml`;
const SERVICE_ACCOUNT_FILTER = `${ENGINE_APP}/src/main/java/lv/vpd/plusflow/engine/ServiceAccountFilter.java`;

const APP_SERVICES = ['migrate', 'deploy-processes', 'workers', 'api', 'simulators'] as const;
/** The first engine node creates the engine tables on an empty schema; the others start after it. */
const FIRST_ENGINE = 'engine-1';
const LONG_RUNNING = ['postgres', 'engine-1', 'engine-2', 'workers', 'api'] as const;
const ONE_SHOT = ['engine-schema', 'migrate', 'deploy-processes'] as const;
/** Services that talk to the engine and so start only when every engine node is healthy. */
const ENGINE_CLIENTS = ['deploy-processes', 'workers', 'api'] as const;

/** Values for the variables compose requires (`${X:?msg}`) when we resolve the file as compose would. */
const REQUIRED_VARS: Record<string, string> = {
  PG_PASSWORD: 'pw-from-environment',
  API_PUBLIC_URL: 'https://plusflow.example',
  OIDC_ISSUER: 'https://viss.example',
  OIDC_CLIENT_SECRET: 'client-secret-from-environment',
  SESSION_SECRET: 'session-secret-from-environment-0123456789',
  PLUSFLOW_ENGINE_USER: 'svc-from-environment',
  PLUSFLOW_ENGINE_PASSWORD: 'svc-password-from-environment',
  PLUSFLOW_ENGINE_ADMIN_USER: 'operator-from-environment',
  PLUSFLOW_ENGINE_ADMIN_PASSWORD: 'operator-password-from-environment',
};

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
  deploy?: { replicas?: number; resources?: { limits?: { memory?: string; cpus?: string } } };
  network_mode?: string;
  read_only?: boolean;
  security_opt?: string[];
  cap_drop?: string[];
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
    return Object.fromEntries(
      e.map((kv) => [kv.split('=')[0] ?? kv, kv.includes('=') ? kv.slice(kv.indexOf('=') + 1) : '']),
    );
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
  return value.replace(
    VAR_REF,
    (whole, braced: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined) => {
      if (whole === '$$') return '$';
      const name = (braced ?? bare) as string;
      const v = vars[name];
      if (!op) return v ?? '';
      const missing = op.startsWith(':') ? !v : v === undefined;
      if (op.endsWith('-')) return missing ? (arg ?? '') : (v as string);
      if (missing) throw new Error(`${where}: \${${name}} is required (${arg ?? ''})`);
      return v as string;
    },
  );
}

function env(name: string): Env {
  const raw = rawEnv(services[name]);
  return Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, interpolate(v, `${COMPOSE}: services.${name}.environment.${k}`)]),
  );
}

interface PortMapping {
  hostIp?: string;
  published?: number;
  target: number;
}
function ports(name: string): PortMapping[] {
  return (services[name]?.ports ?? []).map((p) => {
    if (typeof p === 'object') {
      return {
        hostIp: p.host_ip,
        published: p.published === undefined ? undefined : Number(interpolate(String(p.published), name)),
        target: Number(p.target),
      };
    }
    const parts = interpolate(String(p), `${COMPOSE}: services.${name}.ports`)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
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

/** FROM images of a Dockerfile with ARG defaults substituted (later stages built FROM an earlier stage are left out). */
function baseImages(rel: string): { image: string; line: string }[] {
  const args: Record<string, string> = {};
  const stages = new Set<string>();
  const out: { image: string; line: string }[] = [];
  for (const [kw, rest] of instructions(rel)) {
    if (kw === 'ARG') {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(rest);
      if (m?.[2] !== undefined) args[m[1] as string] = m[2].replace(/^["']|["']$/g, '');
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

// ---------------------------------------------------------------- the engine app's own files

/** `${NAME:default}` placeholders of application.yaml: every environment variable the engine reads, with its default. */
const engineYamlText = read(ENGINE_YAML);
const ENGINE_VARS = new Map<string, string | undefined>(
  [...engineYamlText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?\}/g)].map((m) => [m[1] as string, m[2]]),
);
const engineYaml = parse(engineYamlText) as { operaton?: { bpm?: { database?: { 'schema-name'?: string } } } };
/** The schema the engine keeps its tables in (operaton.bpm.database.schema-name). */
const ENGINE_SCHEMA = engineYaml.operaton?.bpm?.database?.['schema-name'];
/** Paths ServiceAccountFilter lets through without credentials: the only ones a health probe can use. */
const OPEN_PATHS = [...read(SERVICE_ACCOUNT_FILTER).matchAll(/path\.equals\("([^"]+)"\)/g)].map((m) => m[1] as string);

/** The compose services built from Dockerfile.engine (or using its image): the engine nodes. */
const engineServices = Object.keys(services).filter(
  (n) => buildOf(n)?.dockerfile === ENGINE_DOCKERFILE || services[n]?.image?.startsWith('plusflow-engine'),
);

/** `ENV` settings of a Dockerfile's last stage. */
function dockerfileEnv(rel: string): Env {
  const ins = instructions(rel);
  const last = ins.slice(ins.map(([kw]) => kw).lastIndexOf('FROM'));
  const out: Env = {};
  for (const [kw, rest] of last) {
    if (kw !== 'ENV') continue;
    for (const m of rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g))
      out[m[1] as string] = (m[2] as string).replace(/^["']|["']$/g, '');
  }
  return out;
}

/** The port an engine node listens on: its compose setting, else the image's ENV, else application.yaml's default. */
function enginePort(name: string): number {
  return Number(
    env(name).PLUSFLOW_ENGINE_PORT ??
      dockerfileEnv(ENGINE_DOCKERFILE).PLUSFLOW_ENGINE_PORT ??
      ENGINE_VARS.get('PLUSFLOW_ENGINE_PORT'),
  );
}

/** A `${NAME:?message}` reference and nothing else: required, no default. */
function requiredRef(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const refs = varRefs(value);
  return refs.length === 1 && refs[0]?.op === ':?' && value.replace(VAR_REF, '') === '' ? refs[0].name : undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

// ---------------------------------------------------------------- tests

describe('docker-compose.yml', () => {
  it('finds what it checks against: engine variables, open engine paths, the engine schema and two engine nodes', () => {
    // Guards the parsing above: a check over nothing would pass whatever the files say.
    expect({
      engineVars: ['PLUSFLOW_ENGINE_JDBC_URL', 'PLUSFLOW_ENGINE_USER', 'PLUSFLOW_ENGINE_PORT'].filter(
        (v) => !ENGINE_VARS.has(v),
      ),
      openPaths: OPEN_PATHS.length > 0,
      engineSchema: ENGINE_SCHEMA,
      firstEngineIsANode: engineServices.includes(FIRST_ENGINE),
      engineNodes: engineServices.length >= 2,
    }).toEqual({
      engineVars: [],
      openPaths: true,
      engineSchema: 'engine',
      firstEngineIsANode: true,
      engineNodes: true,
    });
  });

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
    for (const name of [...LONG_RUNNING, ...engineServices]) {
      const r = services[name]?.restart;
      if (r && !['always', 'unless-stopped'].includes(r))
        problems.push(`${COMPOSE}: services.${name}.restart is "${r}", expected unless-stopped or always`);
      if (!services[name]?.deploy?.resources?.limits?.memory)
        problems.push(`${COMPOSE}: services.${name}.deploy.resources.limits.memory is missing`);
    }
    for (const name of ONE_SHOT) {
      const r = services[name]?.restart;
      if (r && r !== 'no' && !r.startsWith('on-failure'))
        problems.push(`${COMPOSE}: services.${name}.restart is "${r}": a one-shot must not restart after success`);
    }
    const replicas = services.workers?.deploy?.replicas;
    if (replicas !== undefined && replicas < 2)
      problems.push(
        `${COMPOSE}: services.workers.deploy.replicas is ${replicas}; the production stack runs 2 or more worker replicas`,
      );
    if (replicas === undefined && !/--scale workers=/.test(composeText))
      problems.push(
        `${COMPOSE}: services.workers has no deploy.replicas and the file does not document --scale workers=N`,
      );
    expectNoProblems(problems);
  });

  it('runs the app and engine containers read-only, without privileges', () => {
    const problems: string[] = [];
    for (const name of [...APP_SERVICES, ...engineServices]) {
      const s = services[name];
      if (s?.read_only !== true) problems.push(`${COMPOSE}: services.${name}.read_only is not true`);
      if (!s?.security_opt?.includes('no-new-privileges:true'))
        problems.push(`${COMPOSE}: services.${name}.security_opt lacks no-new-privileges:true`);
      if (!s?.cap_drop?.includes('ALL')) problems.push(`${COMPOSE}: services.${name}.cap_drop lacks ALL`);
    }
    expectNoProblems(problems);
  });

  it('publishes the API port of platform/config.ts and no engine port beyond the host loopback', () => {
    const problems: string[] = [];
    const api = ports('api').find((p) => p.target === cfg.api.port);
    if (!api)
      problems.push(
        `${COMPOSE}: services.api.ports does not publish the API ${cfg.api.port} (platform/config.ts default)`,
      );
    else if (api.published !== cfg.api.port)
      problems.push(
        `${COMPOSE}: services.api.ports maps the API ${cfg.api.port} to host port ${api.published ?? '(random)'}, expected ${cfg.api.port}`,
      );
    for (const name of APP_SERVICES) {
      const e = env(name);
      if (e.API_PORT !== undefined && Number(e.API_PORT) !== cfg.api.port)
        problems.push(`${COMPOSE}: services.${name}.environment.API_PORT is ${e.API_PORT}, expected ${cfg.api.port}`);
      if (e.WORKERS_METRICS_PORT !== undefined && Number(e.WORKERS_METRICS_PORT) !== cfg.workers.metricsPort) {
        problems.push(
          `${COMPOSE}: services.${name}.environment.WORKERS_METRICS_PORT is ${e.WORKERS_METRICS_PORT}, expected ${cfg.workers.metricsPort}`,
        );
      }
    }
    const workersPorts = [...(services.workers?.expose ?? []), ...ports('workers').map((p) => p.target)].map(Number);
    if (!workersPorts.includes(cfg.workers.metricsPort))
      problems.push(
        `${COMPOSE}: services.workers exposes no ${cfg.workers.metricsPort} (WORKERS_METRICS_PORT default)`,
      );
    if (ports('workers').some((p) => p.published !== undefined))
      problems.push(
        `${COMPOSE}: services.workers publishes a host port, which stops it from scaling to several replicas`,
      );
    // The engine's REST API is for the app's service account and nothing else; Cockpit for operators on the host.
    for (const name of engineServices) {
      if (services[name]?.network_mode === 'host')
        problems.push(
          `${COMPOSE}: services.${name}.network_mode is host: the engine would listen on the host's interfaces`,
        );
      for (const p of ports(name)) {
        if (!p.hostIp || !LOOPBACK.has(p.hostIp)) {
          problems.push(
            `${COMPOSE}: services.${name}.ports publishes ${p.target} on ${p.hostIp ?? 'every host interface'}; an engine port may be published on 127.0.0.1 only`,
          );
        }
        if (p.target !== enginePort(name))
          problems.push(
            `${COMPOSE}: services.${name}.ports publishes ${p.target}, but the node listens on ${enginePort(name)}`,
          );
      }
    }
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
    const appImageServices = Object.keys(services).filter(
      (n) => buildOf(n)?.dockerfile === APP_DOCKERFILE || services[n]?.image?.startsWith('plusflow-app'),
    );
    expect([...appImageServices].sort()).toEqual([...APP_SERVICES].sort());
    const shared = compose['x-app-env'];
    if (!shared || typeof shared !== 'object')
      problems.push(`${COMPOSE}: x-app-env (the shared app environment anchor) is missing`);
    for (const name of APP_SERVICES) {
      const e = env(name);
      for (const key of Object.keys(e)) {
        if (!known.has(key))
          problems.push(
            `${COMPOSE}: services.${name}.environment.${key} is not a variable of platform/config.ts (known: ${[...known].join(', ')})`,
          );
        if (/^CAMUNDA_/.test(key))
          problems.push(
            `${COMPOSE}: services.${name}.environment.${key} is a variable of the Camunda 8 engine, which is gone`,
          );
      }
      for (const key of Object.keys((shared ?? {}) as object)) {
        if (!(key in e)) problems.push(`${COMPOSE}: services.${name}.environment lacks ${key} of x-app-env`);
      }
      const want: Env = { API_HOST: '0.0.0.0', PLUSFLOW_ENGINE_CLOCK_CONTROLLED: 'false' };
      for (const [k, v] of Object.entries(want)) {
        if (e[k] !== v)
          problems.push(`${COMPOSE}: services.${name}.environment.${k} is ${JSON.stringify(e[k])}, expected "${v}"`);
      }
      try {
        // What the app makes of it: the compose engine nodes, run elsewhere, with a real-time clock.
        const c = loadConfig(e);
        const urls = c.operaton.nodes.map((n) => n.url.replace(/\/+$/, ''));
        const nodes = engineServices.map((n) => `http://${n}:${enginePort(n)}`);
        if (urls.join(',') !== nodes.join(','))
          problems.push(
            `${COMPOSE}: services.${name}: platform/config.ts resolves the engine nodes to ${urls.join(', ')}, expected ${nodes.join(', ')}`,
          );
        if (!c.operaton.external)
          problems.push(
            `${COMPOSE}: services.${name}: platform/config.ts would start engine nodes of its own (PLUSFLOW_ENGINE_URLS unset)`,
          );
        if (c.operaton.clockControlled)
          problems.push(`${COMPOSE}: services.${name}: platform/config.ts resolves a controlled engine clock`);
        if (!c.operaton.password)
          problems.push(`${COMPOSE}: services.${name}: no engine service-account password reaches platform/config.ts`);
      } catch (err) {
        problems.push(
          `${COMPOSE}: services.${name}.environment is rejected by platform/config.ts: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    expectNoProblems(problems);
  });

  it('points the app services at every engine node (PLUSFLOW_ENGINE_URLS) with the service account the nodes accept', () => {
    const problems: string[] = [];
    const nodeEnv = env(FIRST_ENGINE);
    for (const name of APP_SERVICES) {
      const e = env(name);
      const where = `${COMPOSE}: services.${name}.environment`;
      const raw = e.PLUSFLOW_ENGINE_URLS;
      if (!raw) {
        problems.push(`${where}.PLUSFLOW_ENGINE_URLS is missing`);
        continue;
      }
      const hosts: string[] = [];
      for (const u of raw.split(',').map((x) => x.trim())) {
        let url: URL;
        try {
          url = new URL(u);
        } catch {
          problems.push(`${where}.PLUSFLOW_ENGINE_URLS has "${u}", which is not a URL`);
          continue;
        }
        hosts.push(url.hostname);
        if (url.protocol !== 'http:')
          problems.push(
            `${where}.PLUSFLOW_ENGINE_URLS has ${u}: the nodes speak plain http inside the compose network`,
          );
        if (!engineServices.includes(url.hostname))
          problems.push(
            `${where}.PLUSFLOW_ENGINE_URLS has ${u}, whose host is no engine node service (${engineServices.join(', ')})`,
          );
        else if (Number(url.port || 80) !== enginePort(url.hostname))
          problems.push(
            `${where}.PLUSFLOW_ENGINE_URLS has ${u}, but ${url.hostname} listens on ${enginePort(url.hostname)}`,
          );
        if (url.pathname !== '/' || url.search)
          problems.push(
            `${where}.PLUSFLOW_ENGINE_URLS has ${u}: a node's base URL (scheme, host, port), without a path`,
          );
      }
      for (const node of engineServices)
        if (!hosts.includes(node))
          problems.push(`${where}.PLUSFLOW_ENGINE_URLS does not list ${node}: workers would never poll it`);
      if (new Set(hosts).size !== hosts.length) problems.push(`${where}.PLUSFLOW_ENGINE_URLS lists a node twice`);
      for (const k of ['PLUSFLOW_ENGINE_USER', 'PLUSFLOW_ENGINE_PASSWORD']) {
        if (e[k] === undefined) problems.push(`${where}.${k} is missing`);
        else if (e[k] !== nodeEnv[k])
          problems.push(
            `${where}.${k} does not resolve to the ${FIRST_ENGINE}'s ${k}: the engine would refuse the app's calls`,
          );
      }
    }
    expectNoProblems(problems);
  });

  it('gives the engine nodes exactly the variables application.yaml reads, and one configuration for all of them', () => {
    const problems: string[] = [];
    const first = rawEnv(services[FIRST_ENGINE]);
    for (const name of engineServices) {
      const raw = rawEnv(services[name]);
      const where = `${COMPOSE}: services.${name}.environment`;
      for (const key of Object.keys(raw)) {
        if (!ENGINE_VARS.has(key))
          problems.push(
            `${where}.${key} is not read by ${ENGINE_YAML} (it reads ${[...ENGINE_VARS.keys()].join(', ')})`,
          );
      }
      // And every one of them set: its defaults are for a developer machine (loopback, user postgres, no password).
      for (const key of ENGINE_VARS.keys()) {
        if (!(key in raw))
          problems.push(
            `${where} lacks ${key}, which ${ENGINE_YAML} reads (default ${JSON.stringify(ENGINE_VARS.get(key) ?? '')}); set it in x-engine-env`,
          );
      }
      // Every node the same: a node with other settings (another database above all) is not part of the cluster.
      for (const key of new Set([...Object.keys(raw), ...Object.keys(first)])) {
        if (raw[key] !== first[key])
          problems.push(
            `${where}.${key} is ${JSON.stringify(raw[key])}, but ${FIRST_ENGINE} has ${JSON.stringify(first[key])}`,
          );
      }
    }
    const e = env(FIRST_ENGINE);
    const where = `${COMPOSE}: services.${FIRST_ENGINE}.environment`;
    const want: Env = { PLUSFLOW_ENGINE_BIND: '0.0.0.0', PLUSFLOW_ENGINE_CLOCK_CONTROLLED: 'false' };
    for (const [k, v] of Object.entries(want))
      if (e[k] !== v) problems.push(`${where}.${k} is ${JSON.stringify(e[k])}, expected "${v}"`);
    // The app's own service account, the operators' administrator: from the environment, never a default.
    for (const k of [
      'PLUSFLOW_ENGINE_USER',
      'PLUSFLOW_ENGINE_PASSWORD',
      'PLUSFLOW_ENGINE_ADMIN_USER',
      'PLUSFLOW_ENGINE_ADMIN_PASSWORD',
    ]) {
      if (!requiredRef(rawEnv(services[FIRST_ENGINE])[k]))
        problems.push(
          `${where}.${k} is ${JSON.stringify(rawEnv(services[FIRST_ENGINE])[k])}, expected \${${k}:?…} (required, no default)`,
        );
    }
    const lock = Number(e.PLUSFLOW_ENGINE_JOB_LOCK_MS ?? ENGINE_VARS.get('PLUSFLOW_ENGINE_JOB_LOCK_MS'));
    if (!(lock > 0 && lock <= 30_000))
      problems.push(
        `${where}.PLUSFLOW_ENGINE_JOB_LOCK_MS is ${lock}: a killed node's jobs wait that long; at most 30000 so they move within a minute`,
      );
    const ttl = e.PLUSFLOW_ENGINE_HISTORY_TTL ?? ENGINE_VARS.get('PLUSFLOW_ENGINE_HISTORY_TTL') ?? '';
    if (!/^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/.test(ttl) || ttl === 'P')
      problems.push(`${where}.PLUSFLOW_ENGINE_HISTORY_TTL is "${ttl}", not an ISO-8601 period of days (e.g. P1825D)`);
    expectNoProblems(problems);
  });

  it('connects every engine node to the compose database, schema of application.yaml, as the postgres user', () => {
    const problems: string[] = [];
    const pg = env('postgres');
    const pgUser = pg.POSTGRES_USER || 'postgres';
    const pgPasswordVars = varRefs(rawEnv(services.postgres).POSTGRES_PASSWORD ?? '').map((r) => r.name);
    const urls = new Set<string>();
    for (const name of engineServices) {
      const e = env(name);
      const where = `${COMPOSE}: services.${name}.environment`;
      const jdbc = e.PLUSFLOW_ENGINE_JDBC_URL;
      if (!jdbc) {
        problems.push(
          `${where}.PLUSFLOW_ENGINE_JDBC_URL is missing (the default is a database on the node's own loopback)`,
        );
        continue;
      }
      urls.add(jdbc);
      if (!jdbc.startsWith('jdbc:postgresql://')) {
        problems.push(`${where}.PLUSFLOW_ENGINE_JDBC_URL is ${jdbc}, not jdbc:postgresql://…`);
        continue;
      }
      const url = new URL(jdbc.slice('jdbc:'.length));
      if (url.hostname !== 'postgres')
        problems.push(`${where}.PLUSFLOW_ENGINE_JDBC_URL host is "${url.hostname}", expected the service "postgres"`);
      if (url.port && url.port !== '5432')
        problems.push(`${where}.PLUSFLOW_ENGINE_JDBC_URL port is ${url.port}, expected 5432`);
      if (url.pathname !== `/${cfg.database.name}`)
        problems.push(
          `${where}.PLUSFLOW_ENGINE_JDBC_URL database is "${url.pathname.slice(1)}", expected "${cfg.database.name}" (the app's: read models are written in the engine's transaction)`,
        );
      if (url.searchParams.get('currentSchema') !== ENGINE_SCHEMA)
        problems.push(
          `${where}.PLUSFLOW_ENGINE_JDBC_URL has currentSchema=${url.searchParams.get('currentSchema')}, expected ${ENGINE_SCHEMA} (operaton.bpm.database.schema-name of ${ENGINE_YAML})`,
        );
      if (e.PLUSFLOW_ENGINE_DB_USER !== pgUser)
        problems.push(
          `${where}.PLUSFLOW_ENGINE_DB_USER is ${JSON.stringify(e.PLUSFLOW_ENGINE_DB_USER)}, but services.postgres creates "${pgUser}"`,
        );
      const pwVars = varRefs(rawEnv(services[name]).PLUSFLOW_ENGINE_DB_PASSWORD ?? '').map((r) => r.name);
      if (!pwVars.some((v) => pgPasswordVars.includes(v)))
        problems.push(
          `${where}.PLUSFLOW_ENGINE_DB_PASSWORD does not take its value from the variable of services.postgres.environment.POSTGRES_PASSWORD`,
        );
    }
    if (urls.size > 1)
      problems.push(
        `${COMPOSE}: the engine nodes use ${urls.size} different JDBC URLs (${[...urls].join(' | ')}); one cluster is one database`,
      );
    // The engine creates its tables, not their schema: something must create it before the first node starts.
    const schemaStep = services['engine-schema'];
    const cmd = commandOf('engine-schema').join(' ');
    if (!schemaStep)
      problems.push(`${COMPOSE}: services.engine-schema (CREATE SCHEMA IF NOT EXISTS ${ENGINE_SCHEMA}) is missing`);
    else if (!new RegExp(`CREATE SCHEMA IF NOT EXISTS "?${ENGINE_SCHEMA}"?`, 'i').test(cmd))
      problems.push(
        `${COMPOSE}: services.engine-schema.command "${cmd}" does not CREATE SCHEMA IF NOT EXISTS ${ENGINE_SCHEMA}`,
      );
    else {
      if (!/-h\s+postgres\b/.test(cmd))
        problems.push(
          `${COMPOSE}: services.engine-schema.command does not connect to the service postgres (-h postgres)`,
        );
      if (!new RegExp(`-d\\s+${cfg.database.name}\\b`).test(cmd))
        problems.push(`${COMPOSE}: services.engine-schema.command does not use database ${cfg.database.name} (-d)`);
      if (!/ON_ERROR_STOP=1/.test(cmd))
        problems.push(
          `${COMPOSE}: services.engine-schema.command lacks -v ON_ERROR_STOP=1 (a failure must stop the engines from starting)`,
        );
    }
    expectNoProblems(problems);
  });

  it('points DATABASE_URL of every app service at the postgres service and database plusflow', () => {
    const problems: string[] = [];
    const pg = env('postgres');
    const pgUser = pg.POSTGRES_USER || 'postgres';
    const pgDb = pg.POSTGRES_DB || pgUser;
    if (pgDb !== cfg.database.name)
      problems.push(
        `${COMPOSE}: services.postgres.environment.POSTGRES_DB is "${pgDb}", expected "${cfg.database.name}" (platform/config.ts)`,
      );
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
      if (url.hostname !== 'postgres')
        problems.push(`${where} host is "${url.hostname}", expected the service "postgres"`);
      if (url.port && url.port !== '5432') problems.push(`${where} port is ${url.port}, expected 5432`);
      if (url.pathname !== `/${cfg.database.name}`)
        problems.push(`${where} database is "${url.pathname.slice(1)}", expected "${cfg.database.name}"`);
      if (decodeURIComponent(url.username) !== pgUser)
        problems.push(`${where} user is "${url.username}", but services.postgres creates "${pgUser}"`);
      const pwVars = varRefs(raw).map((r) => r.name);
      if (!pwVars.some((v) => pgPasswordVars.includes(v)))
        problems.push(
          `${where} does not take its password from the variable of services.postgres.environment.POSTGRES_PASSWORD (${pgPasswordVars.join(', ') || 'none'})`,
        );
    }
    expectNoProblems(problems);
  });

  it('has health checks on postgres, the engine nodes (open endpoint, their port), api and workers', () => {
    const problems: string[] = [];
    const want: [string, string[]][] = [
      ['postgres', ['pg_isready']],
      ['api', [`:${cfg.api.port}/health/live`]],
      ['workers', [`:${cfg.workers.metricsPort}/health`]],
    ];
    for (const [name, parts] of want) {
      const text = healthcheckText(name);
      if (!text) {
        problems.push(`${COMPOSE}: services.${name}.healthcheck.test is missing`);
        continue;
      }
      for (const part of parts)
        if (!text.includes(part))
          problems.push(`${COMPOSE}: services.${name}.healthcheck.test does not contain "${part}"`);
    }
    for (const name of engineServices) {
      const text = healthcheckText(name);
      if (!text) {
        problems.push(`${COMPOSE}: services.${name}.healthcheck.test is missing (the nodes start in order by it)`);
        continue;
      }
      // Without credentials: any other path answers 401 and the node would never become healthy.
      if (!OPEN_PATHS.some((p) => new RegExp(`GET ${p}(?![\\w/])`).test(text)))
        problems.push(
          `${COMPOSE}: services.${name}.healthcheck.test does not GET an open path (${OPEN_PATHS.join(', ')} in ServiceAccountFilter)`,
        );
      const port = enginePort(name);
      if (!new RegExp(`(127\\.0\\.0\\.1|localhost)[:/]${port}\\b`).test(text))
        problems.push(
          `${COMPOSE}: services.${name}.healthcheck.test does not probe the node's port ${port} on loopback`,
        );
    }
    expectNoProblems(problems);
  });

  it('starts services in order: postgres, schema and migrations, engine-1, the other nodes, then deploy, workers and api', () => {
    const problems: string[] = [];
    const want: Record<string, Record<string, string>> = {
      migrate: { postgres: 'service_healthy' },
      'engine-schema': { postgres: 'service_healthy' },
      // The engine writes the read-model tables of schema public in its transactions: migrations come first.
      [FIRST_ENGINE]: { 'engine-schema': 'service_completed_successfully', migrate: 'service_completed_successfully' },
    };
    for (const node of engineServices) {
      // Two nodes must not create the engine's tables at the same time: the others wait for the first.
      if (node !== FIRST_ENGINE)
        want[node] = { [FIRST_ENGINE]: 'service_healthy', migrate: 'service_completed_successfully' };
    }
    for (const client of ENGINE_CLIENTS) {
      want[client] = {
        migrate: 'service_completed_successfully',
        ...Object.fromEntries(engineServices.map((n) => [n, 'service_healthy'])),
      };
    }
    for (const [name, deps] of Object.entries(want)) {
      const have = dependsOn(name);
      for (const [dep, condition] of Object.entries(deps)) {
        if (have[dep] !== condition)
          problems.push(
            `${COMPOSE}: services.${name}.depends_on.${dep}.condition is ${have[dep] ?? '(absent)'}, expected ${condition}`,
          );
      }
    }
    for (const name of Object.keys(services)) {
      for (const dep of Object.keys(dependsOn(name)))
        if (!services[dep]) problems.push(`${COMPOSE}: services.${name}.depends_on names unknown service ${dep}`);
    }
    expectNoProblems(problems);
  });

  it('pins every image: no missing or `latest` tags in compose or the Dockerfiles', () => {
    const problems: string[] = [];
    for (const [name, s] of Object.entries(services)) {
      if (!s.image) continue;
      const image = interpolate(s.image, `${COMPOSE}: services.${name}.image`);
      const tag = tagOf(image);
      if (!tag || tag === 'latest')
        problems.push(`${COMPOSE}: services.${name}.image "${image}" must name a version tag`);
    }
    for (const rel of [APP_DOCKERFILE, ENGINE_DOCKERFILE]) {
      for (const { image, line } of baseImages(rel)) {
        const tag = tagOf(image);
        if (!tag || tag === 'latest')
          problems.push(`${rel}: "${line}" resolves to "${image}", which names no version tag`);
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
      if (SECRET_KEY.test(key) && !fromEnvOnly(value))
        problems.push(
          `${where}.${key} holds a literal or a default; use \${VAR:?…} (or \${VAR:-} for an optional key)`,
        );
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        const pw = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]+:([^@]*)@/i.exec(value)?.[1];
        if (pw !== undefined && !fromEnvOnly(pw)) problems.push(`${where}.${key} has a literal password in its URL`);
      }
      if (/[?&]password=/i.test(value)) problems.push(`${where}.${key} has a password in its query string`);
    };
    for (const name of Object.keys(services)) {
      for (const [k, v] of Object.entries(rawEnv(services[name])))
        check(`${COMPOSE}: services.${name}.environment`, k, v);
      for (const [k, v] of Object.entries(buildOf(name)?.args ?? {}))
        check(`${COMPOSE}: services.${name}.build.args`, k, v);
    }
    for (const anchor of ['x-app-env', 'x-engine-env'] as const) {
      for (const [k, v] of Object.entries((compose[anchor] ?? {}) as Record<string, unknown>))
        check(`${COMPOSE}: ${anchor}`, k, String(v));
    }
    for (const rel of [APP_DOCKERFILE, ENGINE_DOCKERFILE]) {
      for (const [kw, rest] of instructions(rel)) {
        const keys = rest.split(/\s+/).map((w) => w.split('=')[0] ?? '');
        if ((kw === 'ENV' || kw === 'ARG') && keys.some((k) => SECRET_KEY.test(k)))
          problems.push(`${rel}: ${kw} ${rest} puts a secret into the image`);
      }
    }
    expectNoProblems(problems);
  });

  it('keeps all state in the database: one named volume, pgdata, on postgres', () => {
    const problems: string[] = [];
    const mounts = (name: string) =>
      (services[name]?.volumes ?? []).map((v) =>
        typeof v === 'string'
          ? { source: v.split(':')[0], target: v.split(':')[1] }
          : { source: v.source, target: v.target },
      );
    const m = mounts('postgres').find((x) => x.target === '/var/lib/postgresql/data');
    if (!m) problems.push(`${COMPOSE}: services.postgres.volumes has no volume at /var/lib/postgresql/data`);
    else if (m.source !== 'pgdata')
      problems.push(
        `${COMPOSE}: services.postgres.volumes mounts "${m.source}" at /var/lib/postgresql/data, expected the named volume pgdata`,
      );
    const volumes = Object.keys(compose.volumes ?? {});
    if (volumes.join(',') !== 'pgdata')
      problems.push(
        `${COMPOSE}: volumes are ${volumes.join(', ') || '(none)'}, expected pgdata only (the engine keeps its state in PostgreSQL)`,
      );
    for (const name of engineServices)
      if (mounts(name).length)
        problems.push(
          `${COMPOSE}: services.${name}.volumes mounts ${mounts(name)
            .map((x) => x.target)
            .join(', ')}: engine nodes are stateless`,
        );
    expectNoProblems(problems);
  });

  it('names no Camunda 8 piece any more (broker, exporter, license key)', () => {
    const problems: string[] = [];
    for (const rel of [COMPOSE, ENGINE_DOCKERFILE, ENV_EXAMPLE]) {
      for (const [i, line] of read(rel).split('\n').entries()) {
        if (
          /camunda[ _/-]?(8|license|version)|CAMUNDA_|camunda\/|plusflow-exporter|PostgresExporter|engine\/exporter|license[ _]key/i.test(
            line,
          )
        )
          problems.push(`${rel}:${i + 1}: ${line.trim()}`);
      }
    }
    expectNoProblems(problems);
  });
});

describe('docker/env.example', () => {
  it('lists every variable the compose file requires, and only variables the compose file uses', () => {
    const problems: string[] = [];
    const refs = varRefs(composeText);
    const required = new Set(refs.filter((r) => r.op.endsWith('?')).map((r) => r.name));
    const used = new Set(refs.map((r) => r.name));
    const text = read(ENV_EXAMPLE);
    const set = new Map(
      [...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]),
    );
    const mentioned = new Set([...text.matchAll(/^#\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1] as string));
    for (const name of required)
      if (!set.has(name)) problems.push(`${ENV_EXAMPLE}: ${name}= is missing (${COMPOSE} requires it)`);
    for (const name of [...set.keys(), ...mentioned])
      if (!used.has(name)) problems.push(`${ENV_EXAMPLE}: ${name} is not used by ${COMPOSE}`);
    for (const [name, value] of set)
      if (/PASSWORD|SECRET/.test(name) && value !== '')
        problems.push(`${ENV_EXAMPLE}: ${name} has a value; secrets stay empty in the example`);
    expectNoProblems(problems);
  });
});

describe('Dockerfile.engine', () => {
  const ins = instructions(ENGINE_DOCKERFILE);
  const text = read(ENGINE_DOCKERFILE);
  const lastFrom = ins.map(([kw]) => kw).lastIndexOf('FROM');
  const runtime = ins.slice(lastFrom);
  const build = ins.slice(0, lastFrom);
  const finalName = /<finalName>([^<]+)<\/finalName>/.exec(read(ENGINE_POM))?.[1];
  const javaVersion = Number(/<java\.version>(\d+)<\/java\.version>/.exec(read(ENGINE_POM))?.[1]);

  it("builds engine/app with Maven on a JDK at least the pom's java.version and runs it on a JRE of the same major", () => {
    const problems: string[] = [];
    const bases = baseImages(ENGINE_DOCKERFILE).map((b) => b.image);
    const buildImage = bases.find((b) => b.startsWith('maven:'));
    const runImage = (runtime[0]?.[1] ?? '').split(/\s+/).filter((w) => !w.startsWith('--'))[0] ?? '';
    const jdk = Number(/eclipse-temurin-(\d+)/.exec(buildImage ?? '')?.[1]);
    const jre = Number(/^eclipse-temurin:(\d+)-jre/.exec(runImage)?.[1]);
    if (!buildImage || !/^maven:3\.9[\w.-]*-eclipse-temurin-\d+/.test(buildImage))
      problems.push(
        `${ENGINE_DOCKERFILE}: no maven:3.9-eclipse-temurin-<n> build stage (base images: ${bases.join(', ')})`,
      );
    if (!jre)
      problems.push(`${ENGINE_DOCKERFILE}: the runtime stage is FROM ${runImage}, expected eclipse-temurin:<n>-jre`);
    if (!(javaVersion > 0)) problems.push(`${ENGINE_POM}: no <java.version>`);
    if (jdk < javaVersion)
      problems.push(`${ENGINE_DOCKERFILE}: builds on JDK ${jdk}, but ${ENGINE_POM} targets Java ${javaVersion}`);
    if (jre < javaVersion)
      problems.push(`${ENGINE_DOCKERFILE}: runs on JRE ${jre}, but ${ENGINE_POM} targets Java ${javaVersion}`);
    if (jdk && jre && jdk !== jre)
      problems.push(`${ENGINE_DOCKERFILE}: builds on JDK ${jdk} but runs on JRE ${jre}; use one major`);
    const copies = build
      .filter(([kw]) => kw === 'COPY')
      .map(([, rest]) => rest.split(/\s+/).filter((w) => !w.startsWith('--'))[0]);
    for (const src of [ENGINE_POM, `${ENGINE_APP}/src`])
      if (!copies.includes(src)) problems.push(`${ENGINE_DOCKERFILE}: the build stage does not COPY ${src}`);
    const mvn = build.find(([kw, rest]) => kw === 'RUN' && /\bmvn\b/.test(rest))?.[1] ?? '';
    if (!/\bmvn\b[^&;]*\bpackage\b/.test(mvn)) problems.push(`${ENGINE_DOCKERFILE}: no RUN mvn … package`);
    if (!/--mount=type=cache,[^ ]*target=\/root\/\.m2/.test(mvn))
      problems.push(`${ENGINE_DOCKERFILE}: the mvn step has no cache mount for /root/.m2`);
    expectNoProblems(problems);
  });

  it('runs the extracted thin jar as a non-root user, with normal JIT', () => {
    const problems: string[] = [];
    if (!finalName) problems.push(`${ENGINE_POM}: no <finalName>`);
    if (!new RegExp(`-Djarmode=tools -jar \\S*${finalName}\\.jar extract`).test(text))
      problems.push(
        `${ENGINE_DOCKERFILE}: the jar ${finalName}.jar is not extracted (java -Djarmode=tools -jar … extract)`,
      );
    const user = [...runtime.filter(([kw]) => kw === 'USER')].pop()?.[1];
    if (!user || /^(root|0)(:|$)/.test(user))
      problems.push(`${ENGINE_DOCKERFILE}: the runtime stage runs as ${user ?? 'root (no USER)'}`);
    const entry = runtime
      .filter(([kw]) => kw === 'ENTRYPOINT' || kw === 'CMD')
      .map(([, rest]) => rest)
      .join(' ');
    if (!new RegExp(`-jar\\W+(/app/)?${finalName}\\.jar`).test(entry))
      problems.push(`${ENGINE_DOCKERFILE}: ENTRYPOINT/CMD "${entry}" does not run the extracted ${finalName}.jar`);
    if (/TieredStopAtLevel/.test(entry))
      problems.push(
        `${ENGINE_DOCKERFILE}: -XX:TieredStopAtLevel is a development start-up option; production runs normal JIT`,
      );
    const copied = runtime.filter(([kw]) => kw === 'COPY').map(([, rest]) => rest);
    if (!copied.some((c) => /--from=\S+ \S*extracted\/application\/? /.test(c)))
      problems.push(`${ENGINE_DOCKERFILE}: the runtime stage does not copy the extracted application layer`);
    if (!copied.some((c) => /--from=\S+ \S*extracted\/dependencies\/? /.test(c)))
      problems.push(`${ENGINE_DOCKERFILE}: the runtime stage does not copy the extracted dependencies (lib/)`);
    expectNoProblems(problems);
  });

  it('exposes the port the compose engine nodes listen on and probes an open endpoint', () => {
    const problems: string[] = [];
    const exposed = runtime
      .filter(([kw]) => kw === 'EXPOSE')
      .flatMap(([, rest]) => rest.split(/\s+/).map((p) => Number(p.replace(/\/.*/, ''))));
    for (const name of engineServices)
      if (!exposed.includes(enginePort(name)))
        problems.push(
          `${ENGINE_DOCKERFILE}: EXPOSE ${exposed.join(' ') || '(none)'} lacks ${enginePort(name)}, the port of ${name}`,
        );
    const imageEnv = dockerfileEnv(ENGINE_DOCKERFILE);
    for (const key of Object.keys(imageEnv)) {
      if (key.startsWith('PLUSFLOW_ENGINE_') && !ENGINE_VARS.has(key))
        problems.push(`${ENGINE_DOCKERFILE}: ENV ${key} is not read by ${ENGINE_YAML}`);
    }
    if (imageEnv.PLUSFLOW_ENGINE_PORT && !exposed.includes(Number(imageEnv.PLUSFLOW_ENGINE_PORT)))
      problems.push(`${ENGINE_DOCKERFILE}: ENV PLUSFLOW_ENGINE_PORT=${imageEnv.PLUSFLOW_ENGINE_PORT} is not exposed`);
    if (imageEnv.PLUSFLOW_ENGINE_BIND && imageEnv.PLUSFLOW_ENGINE_BIND !== '0.0.0.0')
      problems.push(
        `${ENGINE_DOCKERFILE}: ENV PLUSFLOW_ENGINE_BIND=${imageEnv.PLUSFLOW_ENGINE_BIND}: in a container the node must listen beyond its loopback`,
      );
    const health = runtime.find(([kw]) => kw === 'HEALTHCHECK')?.[1];
    if (!health) problems.push(`${ENGINE_DOCKERFILE}: no HEALTHCHECK`);
    else if (!OPEN_PATHS.some((p) => new RegExp(`GET ${p}(?![\\w/])`).test(health)))
      problems.push(`${ENGINE_DOCKERFILE}: HEALTHCHECK does not GET an open path (${OPEN_PATHS.join(', ')})`);
    expectNoProblems(problems);
  });
});

describe('Dockerfile (app image)', () => {
  const ins = instructions(APP_DOCKERFILE);
  const text = read(APP_DOCKERFILE);

  it('exposes the API port and the worker metrics port of platform/config.ts', () => {
    const exposed = ins
      .filter(([kw]) => kw === 'EXPOSE')
      .flatMap(([, rest]) => rest.split(/\s+/).map((p) => Number(p.replace(/\/.*/, ''))));
    const problems: string[] = [];
    if (!exposed.includes(cfg.api.port))
      problems.push(
        `${APP_DOCKERFILE}: EXPOSE ${exposed.join(' ')} lacks ${cfg.api.port} (API_PORT default of platform/config.ts)`,
      );
    if (!exposed.includes(cfg.workers.metricsPort))
      problems.push(
        `${APP_DOCKERFILE}: EXPOSE ${exposed.join(' ')} lacks ${cfg.workers.metricsPort} (WORKERS_METRICS_PORT default)`,
      );
    expectNoProblems(problems);
  });

  it('builds on node:20-bookworm-slim and runs as a non-root user with NODE_ENV=production', () => {
    const problems: string[] = [];
    const bases = baseImages(APP_DOCKERFILE).map((b) => b.image);
    if (!bases.every((b) => b === 'node:20-bookworm-slim'))
      problems.push(`${APP_DOCKERFILE}: base images are ${bases.join(', ')}, expected node:20-bookworm-slim`);
    const lastStage = text.slice(text.lastIndexOf('\nFROM '));
    const user = [...lastStage.matchAll(/^USER\s+(\S+)/gm)].pop()?.[1];
    if (!user || /^(root|0)(:|$)/.test(user))
      problems.push(`${APP_DOCKERFILE}: the runtime stage runs as ${user ?? 'root (no USER)'}`);
    if (!/^ENV\s[^\n]*\bNODE_ENV=production\b/m.test(lastStage.replace(/\\\n/g, ' ')))
      problems.push(`${APP_DOCKERFILE}: the runtime stage does not set NODE_ENV=production`);
    for (const step of ['npm ci', 'npm run postinstall', 'npm run build', 'ui:build', 'npm prune --omit=dev'])
      if (!text.includes(step)) problems.push(`${APP_DOCKERFILE}: no "${step}" step`);
    expectNoProblems(problems);
  });

  it('places the files read at run time where the compiled code looks for them', () => {
    const problems: string[] = [];
    const runtimeStage = ins.slice(ins.map(([kw]) => kw).lastIndexOf('FROM'));
    const copied = runtimeStage
      .filter(([kw]) => kw === 'COPY')
      .map(([, rest]) => (rest.split(/\s+/).pop() as string).replace(/^\.\//, '').replace(/\/$/, ''));
    // platform/config.ts: REPO_ROOT is the folder with package.json, so package.json must sit in the WORKDIR.
    if (!copied.includes('package.json'))
      problems.push(
        `${APP_DOCKERFILE}: the runtime stage does not copy package.json (REPO_ROOT of platform/config.ts)`,
      );
    for (const rel of ['dist', 'node_modules', path.relative(REPO_ROOT, MIGRATIONS_DIR), 'modeler-ui/dist']) {
      if (!copied.includes(rel))
        problems.push(
          `${APP_DOCKERFILE}: the runtime stage does not copy ${rel} (read at run time relative to REPO_ROOT)`,
        );
    }
    // processes/catalog.ts reads BPMN and forms next to itself when PROCESSES_DIR is its __dirname.
    const processesRel = path.relative(REPO_ROOT, PROCESSES_DIR);
    if (/PROCESSES_DIR\s*=\s*__dirname/.test(read('processes/catalog.ts'))) {
      if (
        !new RegExp(`find ${processesRel}\\b[^\\n]*\\.bpmn[^\\n]*\\.form[^\\n]*cp --parents[^\\n]*dist/`).test(
          text.replace(/\\\n/g, ' '),
        )
      ) {
        problems.push(
          `${APP_DOCKERFILE}: the *.bpmn and *.form files of ${processesRel}/ are not copied into dist/${processesRel}/ (processes/catalog.ts reads them from its __dirname)`,
        );
      }
    } else if (!copied.includes(processesRel)) {
      problems.push(
        `${APP_DOCKERFILE}: the runtime stage does not copy ${processesRel}/ (processes/catalog.ts PROCESSES_DIR)`,
      );
    }
    expectNoProblems(problems);
  });

  for (const name of APP_SERVICES) {
    it(`runs ${name} with node from a compiled source file that exists`, () => {
      const command = commandOf(name);
      const script = command[0] === 'node' ? command[1] : undefined;
      const source = script?.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      const problems: string[] = [];
      if (!script || !source)
        problems.push(`${COMPOSE}: services.${name}.command "${command.join(' ')}" is not \`node dist/<file>.js\``);
      else if (!existsSync(path.join(REPO_ROOT, source)))
        problems.push(`${COMPOSE}: services.${name}.command runs ${script}, but its source ${source} does not exist`);
      expectNoProblems(problems);
    });
  }
});

describe('.dockerignore and .ci/run', () => {
  it('.dockerignore excludes node_modules, .cache, dist and .git', () => {
    const lines = new Set(
      read('.dockerignore')
        .split('\n')
        .map((l) =>
          l
            .trim()
            .replace(/^\/|^\*\*\//, '')
            .replace(/\/$/, ''),
        ),
    );
    const missing = ['node_modules', '.cache', 'dist', '.git'].filter((p) => !lines.has(p));
    expect({ file: '.dockerignore', missing }).toEqual({ file: '.dockerignore', missing: [] });
  });

  it('.dockerignore keeps engine/app in the build context of Dockerfile.engine but not its Maven output', () => {
    const lines = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const problems: string[] = [];
    for (const l of lines) {
      const p = l.replace(/^\//, '').replace(/\/$/, '');
      if (
        !p.startsWith('!') &&
        [
          'engine',
          'engine/app',
          'engine/app/src',
          'engine/app/pom.xml',
          'engine/*',
          '*.xml',
          '**/*.xml',
          'src',
          '**/src',
        ].includes(p)
      ) {
        problems.push(`.dockerignore: "${l}" removes ${ENGINE_APP} sources that ${ENGINE_DOCKERFILE} copies`);
      }
    }
    if (
      !lines.some((l) =>
        ['engine/app/target', 'engine/*/target', '**/target', 'target'].includes(
          l.replace(/^\//, '').replace(/\/$/, ''),
        ),
      )
    ) {
      problems.push(`.dockerignore: engine/app/target (a local Maven build, ~70 MB) is not excluded`);
    }
    expectNoProblems(problems);
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
