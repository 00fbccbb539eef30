import { z } from 'zod';
import { identifier, isoDateTime } from './schema';

/**
 * Inbound direction (TIS, ProIS, IeVP IS → PLUS): PULL. Each system keeps an outbox of messages for VPD and
 * PLUS polls `GET /<system>/outbox?after=<cursor>&limit=<n>`. Cursors increase monotonically; PLUS stores the
 * last cursor it has safely processed and asks again from there, so a crash between reading and storing
 * only re-reads (redelivery on request: any older cursor can be asked again). Messages carry a stable
 * `messageId`; the same message may arrive more than once (at-least-once), so intake dedupes by messageId.
 *
 * Why pull: PLUS needs no public endpoint, back-pressure is natural, and a missed poll loses nothing.
 * A webhook (`POST` to PLUS with the same envelope) can be added later as a latency optimisation that only
 * wakes the poller; the cursor stays the source of truth.
 */

/** One message as the outbox serves it. The payload is validated separately so a bad one can be quarantined. */
export const OutboxEnvelopeSchema = z.object({
  /** Position in the outbox: strictly increasing, never reused. */
  cursor: z.number().int().min(1),
  /** Stable across redeliveries: the deduplication key of intake. */
  messageId: identifier,
  /** What the payload claims to be (copied from it; "UNKNOWN" when the payload has no messageType). */
  messageType: z.string(),
  publishedAt: isoDateTime,
  payload: z.unknown(),
});
export type OutboxEnvelope = z.infer<typeof OutboxEnvelopeSchema>;

export const OutboxPageSchema = z.object({
  messages: z.array(OutboxEnvelopeSchema),
  /** Pass as `after` next time; equals the request's `after` when nothing new arrived. */
  nextCursor: z.number().int().min(0),
  /** More messages wait beyond this page: poll again at once. */
  hasMore: z.boolean(),
});
export type OutboxPage = z.infer<typeof OutboxPageSchema>;

/** A message whose payload satisfied the contract. */
export interface InboundMessage<T> {
  ok: true;
  cursor: number;
  messageId: string;
  messageType: string;
  publishedAt: string;
  message: T;
}

/** A message that broke the contract: to be quarantined with its reasons, never dropped. */
export interface MalformedMessage {
  ok: false;
  cursor: number;
  messageId: string;
  messageType: string;
  publishedAt: string;
  raw: unknown;
  /** "path: message" per fault, ready for a quarantine record. */
  issues: string[];
}

export type InboundItem<T> = InboundMessage<T> | MalformedMessage;

export interface InboundPage<T> {
  items: InboundItem<T>[];
  nextCursor: number;
  hasMore: boolean;
}

/** Splits an outbox page into valid messages and quarantine candidates. */
export function parsePage<T>(page: OutboxPage, schema: z.ZodType<T>): InboundPage<T> {
  const items = page.messages.map((m): InboundItem<T> => {
    const head = { cursor: m.cursor, messageId: m.messageId, messageType: m.messageType, publishedAt: m.publishedAt };
    const parsed = schema.safeParse(m.payload);
    if (parsed.success) return { ok: true, ...head, message: parsed.data };
    return { ok: false, ...head, raw: m.payload, issues: formatIssues(parsed.error) };
  });
  return { items, nextCursor: page.nextCursor, hasMore: page.hasMore };
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(message)'}: ${i.message}`);
}
