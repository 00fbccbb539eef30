import { z } from 'zod';
import { createPrng, type Prng } from '../../platform/prng';

/**
 * Fault injection, set per system at run time (`PUT /<system>/_admin/faults`). Every faultable request draws
 * the same three numbers from a seeded PRNG (latency, timeout, error), whatever the configuration, so a given
 * seed and request sequence always produce the same chaos. Admin routes are never faulted.
 */
const rate = z.number().min(0).max(1);

export const FaultConfigSchema = z
  .object({
    /** Share of requests answered with `errorStatus` before any processing. */
    errorRate: rate.default(0),
    errorStatus: z.number().int().min(400).max(599).default(503),
    /** Delay added to every faultable request, uniform in [min, max]. */
    latencyMs: z
      .object({ min: z.number().int().min(0).max(120_000), max: z.number().int().min(0).max(120_000) })
      .strict()
      .refine((l) => l.max >= l.min, 'max must be at least min')
      .default({ min: 0, max: 0 }),
    /** Share of requests that hang (past the client's timeout) until the client gives up or `timeoutMs` passes. */
    timeoutRate: rate.default(0),
    timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
    /**
     * false: the hanging request was never processed (lost on the way in).
     * true: it was processed and only the answer is lost (the hard case: a retry must not do it twice).
     */
    timeoutAfterProcessing: z.boolean().default(false),
    /** Share of outbox messages served twice (the copy comes later, with a new cursor, same messageId). */
    duplicateDeliveryRate: rate.default(0),
    /** Limit faults to these endpoints, e.g. ["POST /execution-notices"]; all when absent. */
    endpoints: z
      .array(z.string().regex(/^(GET|POST|PUT|DELETE) \/\S*$/, 'must look like "POST /execution-notices"'))
      .optional(),
    /** PRNG seed; the simulator's default seed when absent. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
  })
  .strict();
export type FaultConfig = z.output<typeof FaultConfigSchema> & { seed: number };
export type FaultConfigInput = z.input<typeof FaultConfigSchema>;

/** What to do to one request. */
export interface FaultPlan {
  latencyMs: number;
  timeout: boolean;
  errorStatus: number | null;
}

export interface FaultCounts {
  error: number;
  timeout: number;
  delayed: number;
  duplicateDelivery: number;
}

export class FaultInjector {
  private cfg!: FaultConfig;
  private requestRng!: Prng;
  private outboxRng!: Prng;
  readonly counts: FaultCounts = { error: 0, timeout: 0, delayed: 0, duplicateDelivery: 0 };

  constructor(private readonly defaultSeed = 1) {
    this.configure({});
  }

  get config(): FaultConfig {
    return this.cfg;
  }

  /** Replaces the configuration and restarts the PRNGs from its seed: the chaos that follows is reproducible. */
  configure(input: FaultConfigInput): FaultConfig {
    const parsed = FaultConfigSchema.parse(input);
    this.cfg = { ...parsed, seed: parsed.seed ?? this.defaultSeed };
    this.requestRng = createPrng(this.cfg.seed);
    this.outboxRng = createPrng(this.cfg.seed ^ 0x5bd1e995);
    return this.cfg;
  }

  /** No faults; the PRNGs restart from the default seed. */
  clear(): void {
    this.configure({});
  }

  /** `endpoint` is "METHOD /path-template" relative to the system, e.g. "GET /persons/:personalCode/education". */
  plan(endpoint: string): FaultPlan {
    const [uLatency, uTimeout, uError] = [this.requestRng.next(), this.requestRng.next(), this.requestRng.next()];
    if (this.cfg.endpoints && !this.cfg.endpoints.includes(endpoint))
      return { latencyMs: 0, timeout: false, errorStatus: null };
    const { min, max } = this.cfg.latencyMs;
    const latencyMs = max > 0 ? Math.round(min + uLatency * (max - min)) : 0;
    const timeout = uTimeout < this.cfg.timeoutRate;
    const errorStatus = !timeout && uError < this.cfg.errorRate ? this.cfg.errorStatus : null;
    if (latencyMs > 0) this.counts.delayed++;
    if (timeout) this.counts.timeout++;
    if (errorStatus !== null) this.counts.error++;
    return { latencyMs, timeout, errorStatus };
  }

  /** Whether the outbox serves this message a second time. */
  duplicateDelivery(): boolean {
    const dup = this.outboxRng.next() < this.cfg.duplicateDeliveryRate;
    if (dup) this.counts.duplicateDelivery++;
    return dup;
  }

  resetCounts(): void {
    Object.assign(this.counts, { error: 0, timeout: 0, delayed: 0, duplicateDelivery: 0 });
  }
}
