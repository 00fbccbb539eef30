import type { Pool } from 'pg';
import type { PrismaClient } from '../../prisma/generated/client';
import { partnerName } from '../../integrations/common/partners';

/**
 * Partner status as the worker hosts record it (workers/framework/partners.ts). A waiting call row is touched at
 * every try (at least every five minutes while its step retries); one untouched for longer belongs to a step
 * that ended otherwise (instance cancelled) and is not counted.
 */
export const WAITING_FRESH_MS = 20 * 60_000;

export interface UnreachablePartner {
  system: string;
  failingSince: Date;
  failuresInRow: number;
  waiting: number;
}

/** For /health: the partners whose last call failed, with how many steps wait for them. */
export async function unreachablePartners(pool: Pool): Promise<UnreachablePartner[]> {
  const r = await pool.query<{ system: string; failing_since: Date; failures_in_row: number; waiting: string }>(
    `SELECT s.system, s.failing_since, s.failures_in_row,
            (SELECT count(*) FROM partner_waiting_call w WHERE w.system = s.system AND w.updated_at > now() - make_interval(secs => $1)) AS waiting
       FROM partner_status s WHERE s.failures_in_row > 0 AND s.failing_since IS NOT NULL ORDER BY s.system`,
    [WAITING_FRESH_MS / 1000],
  );
  return r.rows.map((row) => ({
    system: row.system,
    failingSince: row.failing_since,
    failuresInRow: row.failures_in_row,
    waiting: Number(row.waiting),
  }));
}

export interface PartnerOverview {
  system: string;
  name: string;
  state: 'up' | 'unreachable';
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  failingSince: string | null;
  failuresInRow: number;
  lastError: string | null;
  waiting: number;
  /** The oldest waiting steps (at most 20): what waits, since when, how many tries. */
  waitingCalls: {
    jobType: string;
    /** The worker's own words for the step (English). */
    description: string;
    /** The step's name in its diagram (Latvian, as staff know it); null when no deployed diagram has the topic. */
    step: string | null;
    instanceId: string;
    caseId: string | null;
    since: string;
    tries: number;
    lastError: string;
  }[];
}

/** For the monitor: every partner the workers have called, unreachable ones first. */
export async function partnerOverview(
  prisma: PrismaClient,
  stepName: (topic: string) => string | null = () => null,
  now = new Date(),
): Promise<PartnerOverview[]> {
  const fresh = { updatedAt: { gt: new Date(now.getTime() - WAITING_FRESH_MS) } };
  const [rows, counts, calls] = await Promise.all([
    prisma.partnerStatus.findMany({ orderBy: { system: 'asc' } }),
    prisma.partnerWaitingCall.groupBy({ by: ['system'], where: fresh, _count: { _all: true } }),
    prisma.partnerWaitingCall.findMany({ where: fresh, orderBy: { since: 'asc' }, take: 200 }),
  ]);
  const waiting = new Map(counts.map((c) => [c.system, c._count._all]));
  const overview = rows.map((s): PartnerOverview => ({
    system: s.system,
    name: partnerName(s.system),
    state: s.failuresInRow > 0 && s.failingSince ? 'unreachable' : 'up',
    lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null,
    lastFailureAt: s.lastFailureAt?.toISOString() ?? null,
    failingSince: s.failingSince?.toISOString() ?? null,
    failuresInRow: s.failuresInRow,
    lastError: s.lastError,
    waiting: waiting.get(s.system) ?? 0,
    waitingCalls: calls
      .filter((c) => c.system === s.system)
      .slice(0, 20)
      .map((c) => ({
        jobType: c.jobType,
        description: c.description,
        step: stepName(c.jobType),
        instanceId: c.instanceId,
        caseId: c.businessKey,
        since: c.since.toISOString(),
        tries: c.tries,
        lastError: c.lastError,
      })),
  }));
  return overview.sort((a, b) =>
    a.state === b.state ? a.system.localeCompare(b.system) : a.state === 'unreachable' ? -1 : 1,
  );
}
