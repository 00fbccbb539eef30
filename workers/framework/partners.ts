import type { Logger } from 'pino';
import type { PrismaClient } from '../../prisma/generated/client';
import type { CallObserver } from '../../integrations/common/http';

const HOUR = 3_600_000;

/**
 * How long a step keeps retrying while a partner system does not answer, per partner (the client's system slug),
 * before it becomes an incident. Notices to courts and prosecutors wait out a night or a maintenance window;
 * register look-ups that an officer waits for give up sooner, so the officer hears of it the same morning.
 */
export const DEFAULT_RETRY_HORIZONS_MS: Readonly<Record<string, number>> = {
  tis: 24 * HOUR,
  prois: 24 * HOUR,
  ievp: 24 * HOUR,
  'e-adrese': 24 * HOUR,
  vdeavk: 2 * HOUR,
  viis: 2 * HOUR,
  /** Our own database restarting or failing over: an outage longer than this is for people. */
  database: 2 * HOUR,
};
/** A partner the table does not name. */
export const FALLBACK_RETRY_HORIZON_MS = 2 * HOUR;

export { partnerName } from '../../integrations/common/partners';

/**
 * Reads `tis=24h,vdeavk=30m,viis=2h` (units s, m, h, d) over the defaults; throws on anything else, so a typo in the
 * configuration stops the worker host at start instead of retrying for the wrong time.
 */
export function parseRetryHorizons(text: string | undefined): Record<string, number> {
  const out: Record<string, number> = { ...DEFAULT_RETRY_HORIZONS_MS };
  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z0-9-]+)=(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(part);
    if (!m) throw new Error(`PARTNER_RETRY_HORIZONS: "${part}" must look like tis=24h (units s, m, h, d)`);
    out[m[1]!] = Number(m[2]) * { s: 1_000, m: 60_000, h: HOUR, d: 24 * HOUR }[m[3] as 's' | 'm' | 'h' | 'd'];
  }
  return out;
}

export interface RetryPolicy {
  horizonMs(system: string): number;
  /** Where supervisors open the monitor (absolute links in incident texts). */
  publicUrl: string;
}

export function retryPolicy(horizons: Record<string, number>, publicUrl: string): RetryPolicy {
  return {
    horizonMs: (system) => horizons[system] ?? FALLBACK_RETRY_HORIZON_MS,
    publicUrl: publicUrl.replace(/\/$/, ''),
  };
}

/** A step that failed because a partner did not answer and will be tried again. */
export interface WaitingCall {
  jobKey: string;
  system: string;
  jobType: string;
  description: string;
  instanceId: string;
  businessKey: string | null;
  since: Date;
  tries: number;
  lastError: string;
}

/**
 * Records what the workers see of each partner system into `partner_status` (every call's outcome) and
 * `partner_waiting_call` (steps waiting for a partner), for the monitor and /health. Several worker hosts write
 * the same rows: counters are incremented in SQL, never read and written back. Never throws: partner status is
 * for people, and a database hiccup must not fail the job that reports it.
 */
export class PartnerStatusRecorder {
  /** Per system: whether the last write said "answers", and when; repeated successes are written at most every 15 s. */
  private readonly lastOk = new Map<string, number>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** For the integration clients: every answered call is a success, every transient failure a failure. */
  readonly observer: CallObserver = (system, outcome) => {
    void (outcome.reachable ? this.success(system) : this.failure(system, outcome.error));
  };

  async success(system: string): Promise<void> {
    const at = this.now();
    const last = this.lastOk.get(system);
    if (last !== undefined && at.getTime() - last < 15_000) return;
    this.lastOk.set(system, at.getTime());
    await this.prisma.$executeRaw`
      INSERT INTO partner_status (system, last_success_at, failures_in_row, updated_at) VALUES (${system}, ${at}, 0, ${at})
      ON CONFLICT (system) DO UPDATE SET last_success_at = EXCLUDED.last_success_at, failures_in_row = 0, failing_since = NULL, updated_at = EXCLUDED.updated_at`
      .then(() => undefined)
      .catch((err: unknown) => {
        this.lastOk.delete(system);
        this.log.warn({ err, system }, 'partner status not recorded');
      });
  }

  async failure(system: string, error: string): Promise<void> {
    const at = this.now();
    this.lastOk.delete(system);
    await this.prisma.$executeRaw`
      INSERT INTO partner_status (system, last_failure_at, failing_since, failures_in_row, last_error, updated_at) VALUES (${system}, ${at}, ${at}, 1, ${error.slice(0, 1000)}, ${at})
      ON CONFLICT (system) DO UPDATE SET last_failure_at = EXCLUDED.last_failure_at, failing_since = COALESCE(partner_status.failing_since, EXCLUDED.failing_since),
        failures_in_row = partner_status.failures_in_row + 1, last_error = EXCLUDED.last_error, updated_at = EXCLUDED.updated_at`
      .then(() => undefined)
      .catch((err: unknown) => this.log.warn({ err, system }, 'partner status not recorded'));
  }

  async waiting(call: WaitingCall): Promise<void> {
    const at = this.now();
    const data = {
      system: call.system,
      jobType: call.jobType,
      description: call.description,
      instanceId: call.instanceId,
      businessKey: call.businessKey,
      since: call.since,
      tries: call.tries,
      lastError: call.lastError.slice(0, 1000),
      updatedAt: at,
    };
    await this.prisma.partnerWaitingCall
      .upsert({ where: { jobKey: call.jobKey }, create: { jobKey: call.jobKey, ...data }, update: data })
      .then(() => undefined)
      .catch((err: unknown) => this.log.warn({ err, jobKey: call.jobKey }, 'waiting call not recorded'));
  }

  /** The step is no longer waiting: done, refused, or an incident now. */
  async settled(jobKey: string): Promise<void> {
    await this.prisma.partnerWaitingCall
      .deleteMany({ where: { jobKey } })
      .then(() => undefined)
      .catch((err: unknown) => this.log.warn({ err, jobKey }, 'waiting call not cleared'));
  }
}
