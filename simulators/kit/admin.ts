import { z } from 'zod';
import { formatIssues, wireId as identifier } from '../common/wire';
import type { InboundSpec, Simulator } from './app';
import { FaultConfigSchema } from './faults';
import { SimProblem } from './problem';
import { createPrng } from '../../platform/prng';
import { ReceivedQuerySchema } from './received';
import { parseQuery, route, type SimRoute } from './route';

/**
 * The admin API every simulator has, under /<system>/_admin. Never faulted, never recorded.
 * Documented with examples in docs/simulators.md.
 */
export function adminRoutes(sim: Simulator, inbound: InboundSpec | undefined): SimRoute[] {
  const routes: SimRoute[] = [
    route({
      method: 'GET',
      path: '/faults',
      handle: () => ({ status: 200, body: { config: sim.faults.config, injected: sim.faults.counts } }),
    }),
    route({
      method: 'PUT',
      path: '/faults',
      body: FaultConfigSchema,
      handle: (req) => ({ status: 200, body: { config: sim.faults.configure(req.body) } }),
    }),
    route({
      method: 'DELETE',
      path: '/faults',
      handle: () => {
        sim.faults.clear();
        return { status: 200, body: { config: sim.faults.config } };
      },
    }),
    route({
      method: 'GET',
      path: '/received',
      handle: (req) => ({ status: 200, body: sim.received.query(parseQuery(ReceivedQuerySchema, req.query)) }),
    }),
    route({
      method: 'DELETE',
      path: '/received',
      handle: () => {
        const cleared = sim.received.size;
        sim.received.clear();
        return { status: 200, body: { cleared } };
      },
    }),
    route({ method: 'GET', path: '/stats', handle: () => ({ status: 200, body: sim.stats() }) }),
    route({
      method: 'POST',
      path: '/reset',
      handle: () => {
        sim.reset();
        return { status: 200, body: { reset: true } };
      },
    }),
  ];
  if (inbound) routes.push(...outboxAdminRoutes(sim, inbound));
  return routes;
}

const InjectQuerySchema = z.object({
  /** `1`: store the body as it is, even when it breaks the contract (to test quarantine). */
  raw: z.enum(['0', '1', 'true', 'false']).optional(),
  /** Reuse a messageId (a sender resending the same message); generated otherwise. */
  messageId: identifier.optional(),
});

const GenerateSchema = z
  .object({
    count: z.number().int().min(1).max(1000).default(1),
    /** Same seed, same messages. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
  })
  .strict();

const RedeliverSchema = z
  .object({
    messageIds: z.array(identifier).min(1).optional(),
    fromCursor: z.number().int().min(1).optional(),
    toCursor: z.number().int().min(1).optional(),
  })
  .strict()
  .refine(
    (s) => s.messageIds || s.fromCursor !== undefined || s.toCursor !== undefined,
    'name messageIds or a cursor range',
  );

function outboxAdminRoutes(sim: Simulator, inbound: InboundSpec): SimRoute[] {
  const outbox = inbound.outbox;
  const summary = (e: { cursor: number; messageId: string; messageType: string; valid: boolean }) => ({
    cursor: e.cursor,
    messageId: e.messageId,
    messageType: e.messageType,
    valid: e.valid,
  });
  return [
    route({
      method: 'POST',
      path: '/inject',
      handle: (req) => {
        const q = parseQuery(InjectQuerySchema, req.query);
        const raw = q.raw === '1' || q.raw === 'true';
        if (req.body === undefined)
          throw new SimProblem(400, 'BODY_MISSING', 'Body missing', 'Send the message to inject as a JSON body.');
        const parsed = inbound.schema.safeParse(req.body);
        if (!parsed.success && !raw) {
          throw new SimProblem(
            422,
            'VALIDATION',
            'Message breaks the contract',
            `The message does not satisfy the ${sim.system} contract: ${formatIssues(parsed.error).join('; ')}. Fix it, or add ?raw=1 to inject it anyway (to test quarantine).`,
            { errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
          );
        }
        // Valid messages are stored as parsed (unknown fields dropped); raw ones exactly as sent.
        const payload = parsed.success && !raw ? parsed.data : req.body;
        const entry = outbox.append(payload, {
          valid: parsed.success,
          now: req.now,
          ...(q.messageId ? { messageId: q.messageId } : {}),
        });
        return { status: 201, body: summary(entry) };
      },
    }),
    route({
      method: 'POST',
      path: '/generate',
      body: GenerateSchema,
      handle: (req) => {
        const generate = inbound.generate;
        if (!generate)
          throw new SimProblem(404, 'NOT_SUPPORTED', 'Not supported', `${sim.system} has no message generator.`);
        const { count, seed } = req.body;
        const rng = createPrng(seed ?? Math.floor(Math.random() * 2 ** 32));
        const injected = Array.from({ length: count }, () => {
          // generated messages go through the same contract check as injected ones
          const message = inbound.schema.parse(generate(rng, req.now));
          return { ...summary(outbox.append(message, { valid: true, now: req.now })), message };
        });
        return { status: 201, body: { injected } };
      },
    }),
    route({
      method: 'POST',
      path: '/redeliver',
      body: RedeliverSchema,
      handle: (req) => {
        const copies = outbox.redeliver(req.body, req.now);
        return { status: 200, body: { redelivered: copies.map((c) => ({ ...summary(c), copyOf: c.copyOf })) } };
      },
    }),
    route({
      method: 'GET',
      path: '/outbox',
      handle: () => ({ status: 200, body: { counts: outbox.counts(), messages: outbox.list() } }),
    }),
  ];
}
