import type { z } from 'zod';
import { NoticeReceiptSchema, type NoticeReceipt } from './execution-notice';
import { JsonHttpClient, type CallOptions, type ClientOptions, type WriteOptions } from './http';
import { OutboxPageSchema, parsePage, type InboundPage } from './outbox';

/**
 * A system that sends decisions through an outbox (TIS, ProIS, IeVP IS): `poll(after)` returns the messages
 * after a cursor, valid ones parsed and malformed ones ready for quarantine (see outbox.ts for the pull model).
 */
export class OutboxClient<In> {
  protected readonly http: JsonHttpClient;

  constructor(
    system: string,
    options: ClientOptions,
    private readonly inbound: z.ZodType<In>,
  ) {
    this.http = new JsonHttpClient(system, options);
  }

  async poll(after: number, opts: CallOptions & { limit?: number } = {}): Promise<InboundPage<In>> {
    if (!Number.isInteger(after) || after < 0) throw new RangeError(`cursor must be a whole number ≥ 0, not ${after}`);
    const { limit, ...call } = opts;
    const page = await this.http.request(
      { operation: 'poll', method: 'GET', path: '/outbox', query: { after, limit }, schema: OutboxPageSchema },
      call,
    );
    return parsePage(page, this.inbound);
  }
}

/** A system that also takes VPD's execution notices about its decisions (TIS, ProIS). */
export class DecisionSystemClient<In, Notice> extends OutboxClient<In> {
  constructor(
    system: string,
    options: ClientOptions,
    inbound: z.ZodType<In>,
    private readonly notice: z.ZodType<Notice>,
  ) {
    super(system, options, inbound);
  }

  /** Registers a notice; a retry with the same Idempotency-Key gets the first registration back. */
  sendExecutionNotice(notice: Notice, opts: WriteOptions): Promise<NoticeReceipt> {
    return this.http.request(
      {
        operation: 'sendExecutionNotice',
        method: 'POST',
        path: '/execution-notices',
        body: notice,
        bodySchema: this.notice,
        idempotencyKey: opts.idempotencyKey,
        schema: NoticeReceiptSchema,
      },
      opts,
    );
  }

  /** The registration of a notice, or null: after a timeout, whether it went through. */
  getExecutionNotice(noticeId: string, opts?: CallOptions): Promise<NoticeReceipt | null> {
    return this.http.request(
      {
        operation: 'getExecutionNotice',
        method: 'GET',
        path: `/execution-notices/${encodeURIComponent(noticeId)}`,
        schema: NoticeReceiptSchema,
        absentCode: 'NOTICE_NOT_FOUND',
      },
      opts,
    );
  }
}
