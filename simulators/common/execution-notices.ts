import type { z } from 'zod';
import type { NoticeKind, NoticeReceipt, WirePunishment as Punishment } from './wire';
import { stableJson } from '../kit/idempotency';
import { SimProblem } from '../kit/problem';
import { route, type SimRoute } from '../kit/route';
import type { SystemState } from '../kit/app';

/**
 * How TIS and ProIS take execution notices from VPD: they register a notice about a decision they issued,
 * under their own registration number, and refuse what makes no sense for that decision (unknown decision,
 * another person, more hours than imposed, anything after COMPLETION). A notice id seen before is answered
 * with its first registration (business-level idempotency, on top of the Idempotency-Key).
 */
export interface NoticeLike {
  noticeId: string;
  kind: NoticeKind;
  personalCode: string;
  hoursWorked?: number | undefined;
}

/** The decision as the receiving system knows it (from its own outbox). */
export interface DecisionFacts {
  personalCode: string;
  punishments: Punishment[];
}

export interface NoticeDeskOptions<N extends NoticeLike> {
  /** "TIS-PAZ": registration numbers look like TIS-PAZ-2026-000001. */
  numberPrefix: string;
  schema: z.ZodType<N>;
  /** Which decision a notice refers to: its id, in words, and the problem code when unknown. */
  reference: { of: (n: N) => string; noun: string; unknownCode: string };
  findDecision: (id: string) => DecisionFacts | undefined;
}

interface Registered<N> {
  receipt: NoticeReceipt;
  notice: N;
}

export class NoticeDesk<N extends NoticeLike> implements SystemState {
  private notices = new Map<string, Registered<N>>();
  private completed = new Set<string>();
  private counter = 0;

  constructor(private readonly opts: NoticeDeskOptions<N>) {}

  routes(): SimRoute[] {
    return [
      route<N>({
        method: 'POST',
        path: '/execution-notices',
        body: this.opts.schema,
        handle: (req) => this.register(req.body, req.now),
      }),
      route({
        method: 'GET',
        path: '/execution-notices/:noticeId',
        handle: (req) => {
          const found = this.notices.get(req.params.noticeId ?? '');
          if (!found)
            throw new SimProblem(
              404,
              'NOTICE_NOT_FOUND',
              'Notice not found',
              `No notice ${req.params.noticeId} is registered.`,
            );
          return { status: 200, body: found.receipt };
        },
      }),
    ];
  }

  private register(notice: N, now: Date): { status: number; body: NoticeReceipt } {
    const { reference } = this.opts;
    const ref = reference.of(notice);
    const earlier = this.notices.get(notice.noticeId);
    if (earlier) {
      if (stableJson(earlier.notice) === stableJson(notice)) return { status: 200, body: earlier.receipt };
      throw new SimProblem(
        422,
        'NOTICE_ID_CONFLICT',
        'Notice id already used',
        `Notice ${notice.noticeId} was registered as ${earlier.receipt.registrationNumber} with different content.`,
      );
    }
    const decision = this.opts.findDecision(ref);
    if (!decision)
      throw new SimProblem(
        422,
        reference.unknownCode,
        `Unknown ${reference.noun}`,
        `There is no ${reference.noun} ${ref} for VPD in this system.`,
      );
    if (decision.personalCode !== notice.personalCode) {
      throw new SimProblem(
        422,
        'PERSON_MISMATCH',
        'Wrong person',
        `The ${reference.noun} ${ref} concerns another person than ${notice.personalCode}.`,
      );
    }
    if (this.completed.has(ref)) {
      throw new SimProblem(
        422,
        'EXECUTION_ALREADY_COMPLETED',
        'Execution already completed',
        `A COMPLETION notice for ${reference.noun} ${ref} is already registered; no further notices are accepted.`,
      );
    }
    const imposed = decision.punishments
      .filter((p) => p.type === 'FORCED_WORK' || p.type === 'COMMUNITY_WORK_EDU')
      .reduce((s, p) => s + (p.hours ?? 0), 0);
    if (notice.hoursWorked !== undefined && imposed > 0 && notice.hoursWorked > imposed) {
      throw new SimProblem(
        422,
        'HOURS_EXCEED_SENTENCE',
        'More hours than imposed',
        `${notice.hoursWorked} hours worked exceed the ${imposed} hours the ${reference.noun} ${ref} imposed.`,
      );
    }
    const receipt: NoticeReceipt = {
      noticeId: notice.noticeId,
      registrationNumber: `${this.opts.numberPrefix}-${now.getUTCFullYear()}-${String(++this.counter).padStart(6, '0')}`,
      status: 'REGISTERED',
      registeredAt: now.toISOString(),
    };
    this.notices.set(notice.noticeId, { receipt, notice });
    if (notice.kind === 'COMPLETION') this.completed.add(ref);
    return { status: 201, body: receipt };
  }

  reset(): void {
    this.notices.clear();
    this.completed.clear();
    this.counter = 0;
  }

  snapshot(): unknown {
    return { notices: [...this.notices.values()], completed: [...this.completed], counter: this.counter };
  }

  restore(data: unknown): void {
    const d = data as { notices?: Registered<N>[]; completed?: string[]; counter?: number };
    this.notices = new Map((d.notices ?? []).map((r) => [r.notice.noticeId, r]));
    this.completed = new Set(d.completed ?? []);
    this.counter = d.counter ?? 0;
  }

  stats(): Record<string, unknown> {
    const byKind: Record<string, number> = {};
    for (const { notice } of this.notices.values()) byKind[notice.kind] = (byKind[notice.kind] ?? 0) + 1;
    return { noticesRegistered: this.notices.size, byKind, completedDecisions: this.completed.size };
  }
}
