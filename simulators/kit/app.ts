import Koa, { type Context } from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import pino, { type Logger } from 'pino';
import type { z } from 'zod';
import { adminRoutes } from './admin';
import { FaultInjector, type FaultConfig, type FaultCounts } from './faults';
import { IdempotencyStore, fingerprint } from './idempotency';
import { outboxRoute, type Outbox, type OutboxCounts } from './outbox';
import { hang, parseBody, requestLog, send, stored, waitOrClose } from './koa-helpers';
import { SimProblem, problems } from './problem';
import type { Prng } from '../../platform/prng';
import { ReceivedLog, visibleHeaders } from './received';
import { route, type SimRequest, type SimResponse, type SimRoute } from './route';

/** An inbound system's outbox: what may be injected, and how to make up realistic messages. */
export interface InboundSpec<T = unknown> {
  schema: z.ZodType<T>;
  outbox: Outbox;
  /** Realistic random message, for `POST /_admin/generate`. */
  generate?: (rng: Prng, now: Date) => T;
}

/** A system's own state (registered notices, sent messages…), reset and snapshotted with the kit's. */
export interface SystemState {
  reset(): void;
  snapshot(): unknown;
  restore(data: unknown): void;
  stats?(): Record<string, unknown>;
}

export interface SimulatorOptions {
  /** Human name, e.g. "TIS — Tiesu informatīvā sistēma". */
  title?: string;
  logger?: Logger;
  now?: () => Date;
  /** Seed of the fault PRNG until a fault configuration sets its own. */
  seed?: number;
  inbound?: InboundSpec;
  /** System-specific admin routes, mounted under /<system>/_admin. */
  adminRoutes?: SimRoute[];
  state?: SystemState;
  maxReceived?: number;
}

export interface EndpointStats {
  requests: number;
  byStatus: Record<string, number>;
}

export interface SimulatorStats {
  system: string;
  since: string;
  endpoints: Record<string, EndpointStats>;
  idempotency: { keys: number; duplicates: number; conflicts: number; duplicatesByKey: Record<string, number> };
  faults: { config: FaultConfig; injected: FaultCounts };
  outbox: OutboxCounts | null;
  received: number;
  /** The system's own figures, e.g. notices registered. */
  systemState?: Record<string, unknown>;
}

export interface Simulator {
  readonly system: string;
  readonly title: string;
  /** "/tis": every route of the system lives below it. */
  readonly prefix: string;
  readonly app: Koa;
  readonly faults: FaultInjector;
  readonly received: ReceivedLog;
  readonly idempotency: IdempotencyStore;
  readonly outbox: Outbox | null;
  readonly now: () => Date;
  /** Business endpoints ("POST /execution-notices") and admin endpoints, for the index page and docs. */
  readonly endpoints: { business: string[]; admin: string[] };
  stats(): SimulatorStats;
  /** Everything back to the start: received log, idempotency keys, outbox, faults, stats, system state. */
  reset(): void;
  snapshot(): unknown;
  restore(data: unknown): void;
}

/** Per-request notes of the kit, read by the recorder. */
interface SimNotes {
  endpoint: string | null;
  fault: 'error' | 'timeout' | null;
  latencyMs: number;
  replayed: boolean;
  idempotencyKey: string | null;
  /** For a request that hung after processing: the answer that never left. */
  lostResponse?: unknown;
}

const SILENT = pino({ level: 'silent' });

/**
 * A simulator of one external system as a Koa app whose routes all live under `/<system>`. Around the
 * system's business routes the kit adds: fault injection, the received-requests log, Idempotency-Key
 * replay for POSTs, problem+json errors, an outbox (`GET /<system>/outbox`) for inbound systems, and the
 * admin API under `/<system>/_admin` (faults, received, inject, stats, reset). See docs/simulators.md.
 */
export function createSimulatorApp(system: string, routes: SimRoute[], options: SimulatorOptions = {}): Simulator {
  if (!/^[a-z][a-z0-9-]*$/.test(system)) throw new Error(`simulator name "${system}" must be a lower-case slug`);
  const prefix = `/${system}`;
  const log = (options.logger ?? SILENT).child({ system });
  const now = options.now ?? (() => new Date());
  const faults = new FaultInjector(options.seed ?? 1);
  const received = new ReceivedLog(options.maxReceived);
  const idempotency = new IdempotencyStore();
  const outbox = options.inbound?.outbox ?? null;
  let since = now().toISOString();
  let endpointStats = new Map<string, EndpointStats>();

  const businessRoutes = options.inbound
    ? [...routes, outboxRoute(options.inbound.outbox, () => faults.duplicateDelivery())]
    : routes;

  const sim: Simulator = {
    system,
    title: options.title ?? system,
    prefix,
    app: new Koa(),
    faults,
    received,
    idempotency,
    outbox,
    now,
    endpoints: { business: [], admin: [] },
    stats: () => ({
      system,
      since,
      endpoints: Object.fromEntries(endpointStats),
      idempotency: {
        keys: idempotency.size,
        duplicates: idempotency.duplicates,
        conflicts: idempotency.conflicts,
        duplicatesByKey: idempotency.duplicatesByKey(),
      },
      faults: { config: faults.config, injected: { ...faults.counts } },
      outbox: outbox?.counts() ?? null,
      received: received.size,
      ...(options.state?.stats ? { systemState: options.state.stats() } : {}),
    }),
    reset: () => {
      received.clear();
      idempotency.clear();
      outbox?.clear();
      faults.configure({});
      faults.resetCounts();
      endpointStats = new Map();
      since = now().toISOString();
      options.state?.reset();
    },
    snapshot: () => ({
      version: 1,
      since,
      faults: faults.config,
      endpoints: Object.fromEntries(endpointStats),
      received: received.snapshot(),
      idempotency: idempotency.snapshot(),
      outbox: outbox?.snapshot() ?? null,
      state: options.state?.snapshot() ?? null,
    }),
    restore: (data) => {
      const d = data as {
        since?: string;
        faults?: FaultConfig;
        endpoints?: Record<string, EndpointStats>;
        received?: unknown;
        idempotency?: unknown;
        outbox?: unknown;
        state?: unknown;
      };
      since = d.since ?? since;
      faults.configure(d.faults ?? {});
      endpointStats = new Map(Object.entries(d.endpoints ?? {}));
      received.restore(d.received);
      idempotency.restore(d.idempotency);
      if (d.outbox) outbox?.restore(d.outbox);
      if (d.state !== undefined && d.state !== null) options.state?.restore(d.state);
    },
  };

  const business = new Router({ prefix });
  for (const r of businessRoutes) {
    const endpoint = `${r.method} ${r.path}`;
    sim.endpoints.business.push(endpoint);
    business[methodName(r.method)](r.path, (ctx) => handleBusiness(ctx, r, endpoint));
  }

  const admin = new Router({ prefix: `${prefix}/_admin` });
  const allAdmin = [...adminRoutes(sim, options.inbound), ...(options.adminRoutes ?? [])];
  for (const r of allAdmin) {
    sim.endpoints.admin.push(`${r.method} /_admin${r.path}`);
    admin[methodName(r.method)](r.path, async (ctx) => send(ctx, await runHandler(ctx, r)));
  }
  // the index of the system: what a person browsing the simulator needs first
  const index = route({
    method: 'GET',
    path: '/',
    handle: () => ({
      status: 200,
      body: { system, title: sim.title, endpoints: sim.endpoints, docs: 'docs/simulators.md' },
    }),
  });
  admin.get('/', async (ctx) => send(ctx, await runHandler(ctx, index)));

  const app = sim.app;
  app.use(requestLog(log));
  app.use(record);
  app.use(problems(log));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', encoding: 'utf-8' }));
  app.use(admin.routes());
  app.use(admin.allowedMethods());
  app.use(business.routes());
  app.use(business.allowedMethods());
  app.on('error', (err: unknown) => log.debug({ err }, 'error after the answer started (client gone?)'));
  return sim;

  /** Records business requests (not admin ones) after the answer is settled. */
  async function record(ctx: Context, next: () => Promise<unknown>): Promise<void> {
    if (!ctx.path.startsWith(prefix) || ctx.path.startsWith(`${prefix}/_admin`)) return void (await next());
    const started = Date.now();
    const seq = received.nextSeq();
    const receivedAt = now().toISOString();
    const notes: SimNotes = {
      endpoint: null,
      fault: null,
      latencyMs: 0,
      replayed: false,
      idempotencyKey: ctx.get('Idempotency-Key') || null,
    };
    ctx.state.sim = notes;
    try {
      await next();
    } finally {
      const key = notes.endpoint ?? 'unmatched';
      const s = endpointStats.get(key) ?? { requests: 0, byStatus: {} };
      s.requests++;
      s.byStatus[String(ctx.status)] = (s.byStatus[String(ctx.status)] ?? 0) + 1;
      endpointStats.set(key, s);
      received.add({
        seq,
        receivedAt,
        method: ctx.method,
        path: ctx.path,
        endpoint: notes.endpoint,
        query: { ...ctx.query },
        headers: visibleHeaders(ctx.headers),
        idempotencyKey: notes.idempotencyKey,
        body: (ctx.request as { body?: unknown }).body ?? null,
        status: ctx.status,
        response: notes.lostResponse ?? ctx.body ?? null,
        durationMs: Date.now() - started,
        fault: notes.fault,
        latencyMs: notes.latencyMs,
        replayed: notes.replayed,
      });
    }
  }

  /** The pipeline of a business request: faults, validation, idempotency, handler. */
  async function handleBusiness(ctx: Context, r: SimRoute, endpoint: string): Promise<void> {
    const notes = ctx.state.sim as SimNotes;
    notes.endpoint = endpoint;
    const cfg = faults.config; // the settings this request was planned with, even if changed meanwhile
    const plan = faults.plan(endpoint);
    if (plan.timeout) notes.fault = 'timeout';
    if (plan.latencyMs > 0) {
      notes.latencyMs = plan.latencyMs;
      await waitOrClose(ctx, plan.latencyMs);
    }
    if (plan.timeout && !cfg.timeoutAfterProcessing) return hang(ctx, cfg.timeoutMs, cfg.timeoutRate);
    if (plan.errorStatus !== null) {
      notes.fault = 'error';
      const retry = plan.errorStatus === 503 || plan.errorStatus === 429 ? { headers: { 'Retry-After': '1' } } : {};
      throw new SimProblem(
        plan.errorStatus,
        'INJECTED_FAULT',
        'Injected fault',
        `Fault injection answered ${plan.errorStatus} (errorRate ${cfg.errorRate}); nothing was processed.`,
        retry,
      );
    }
    const response = await processRequest(ctx, r, endpoint, notes);
    if (plan.timeout) {
      notes.lostResponse = response.body;
      return hang(ctx, cfg.timeoutMs, cfg.timeoutRate);
    }
    send(ctx, response);
  }

  async function processRequest(ctx: Context, r: SimRoute, endpoint: string, notes: SimNotes): Promise<SimResponse> {
    if (!(r.idempotent ?? r.method === 'POST')) return runHandler(ctx, r);
    const key = notes.idempotencyKey;
    if (!key)
      throw new SimProblem(
        400,
        'IDEMPOTENCY_KEY_MISSING',
        'Idempotency-Key missing',
        `${endpoint} changes state: send an Idempotency-Key header (stable across retries of the same request).`,
      );
    if (key.length > 255)
      throw new SimProblem(
        400,
        'IDEMPOTENCY_KEY_INVALID',
        'Idempotency-Key invalid',
        'The Idempotency-Key must be at most 255 characters.',
      );
    const body = parseBody(ctx, r); // an invalid request never claims a key
    const claim = idempotency.claim(
      key,
      endpoint,
      fingerprint(ctx.method, ctx.path, (ctx.request as { body?: unknown }).body),
      now(),
    );
    switch (claim.kind) {
      case 'replay':
        notes.replayed = true;
        return { ...claim.response, headers: { ...claim.response.headers, 'Idempotent-Replayed': 'true' } };
      case 'in-progress':
        throw new SimProblem(
          409,
          'IDEMPOTENCY_KEY_IN_USE',
          'Request in progress',
          `A request with Idempotency-Key "${key}" is still being processed; retry shortly.`,
          { headers: { 'Retry-After': '1' } },
        );
      case 'mismatch':
        throw new SimProblem(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'Idempotency-Key reused',
          `Idempotency-Key "${key}" was first used at ${claim.firstSeenAt} for a different request (${claim.endpoint}); use a new key for a new request.`,
        );
      case 'new':
        try {
          const response = await runHandler(ctx, r, body);
          if (response.status < 500) claim.complete(stored(response));
          else claim.abandon();
          return response;
        } catch (err) {
          claim.abandon();
          throw err;
        }
    }
  }

  async function runHandler(ctx: Context, r: SimRoute, parsedBody?: { value: unknown }): Promise<SimResponse> {
    const body = parsedBody ?? parseBody(ctx, r);
    const req: SimRequest = {
      params: { ...(ctx.params as Record<string, string>) },
      query: { ...ctx.query },
      body: body.value,
      headers: ctx.headers,
      now: now(),
      log: (ctx.state.log as Logger | undefined) ?? log,
    };
    try {
      return await r.handle(req);
    } catch (err) {
      if (err instanceof SimProblem)
        return {
          status: err.status,
          body: { ...err.body(), instance: ctx.path },
          headers: { 'Content-Type': 'application/problem+json', ...err.extra.headers },
        };
      throw err;
    }
  }
}

function methodName(m: SimRoute['method']): 'get' | 'post' | 'put' | 'delete' {
  return m.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
}
