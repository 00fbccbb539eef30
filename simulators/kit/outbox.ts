import { randomUUID } from 'node:crypto';
import type { OutboxEnvelope, OutboxPage } from '../common/wire';
import { SimProblem } from './problem';
import { route, type SimRoute } from './route';

/**
 * The outbox of an inbound system (TIS, ProIS, IeVP IS): messages for VPD, each at a cursor that only grows.
 * A redelivery (asked by an admin, or a duplicate injected as a fault) appends the same message again at a new
 * cursor with the same messageId, exactly what an at-least-once sender does.
 */
export interface OutboxEntry extends OutboxEnvelope {
  /** Whether the payload passed the schema when injected (false only for `?raw=1`). */
  valid: boolean;
  /** How many polls served it. */
  deliveries: number;
  /** Cursor of the original when this entry is a redelivery. */
  copyOf: number | null;
}

export interface OutboxCounts {
  messages: number;
  lastCursor: number;
  served: number;
  redelivered: number;
}

export class Outbox {
  private entries: OutboxEntry[] = [];
  private lastCursor = 0;
  private served = 0;
  private redelivered = 0;

  append(payload: unknown, opts: { valid: boolean; now: Date; messageId?: string }): OutboxEntry {
    const messageType =
      typeof payload === 'object' &&
      payload !== null &&
      typeof (payload as { messageType?: unknown }).messageType === 'string'
        ? (payload as { messageType: string }).messageType
        : 'UNKNOWN';
    const entry: OutboxEntry = {
      cursor: ++this.lastCursor,
      messageId: opts.messageId ?? randomUUID(),
      messageType,
      publishedAt: opts.now.toISOString(),
      payload,
      valid: opts.valid,
      deliveries: 0,
      copyOf: null,
    };
    this.entries.push(entry);
    return entry;
  }

  /**
   * Messages after `after`. `duplicate()` decides, on a message's first delivery, whether it will be served
   * again later (fault injection).
   */
  read(after: number, limit: number, duplicate: () => boolean, now: Date): OutboxPage {
    const pending = this.entries.filter((e) => e.cursor > after);
    const page = pending.slice(0, limit);
    for (const e of page) {
      e.deliveries++;
      this.served++;
      if (e.deliveries === 1 && e.copyOf === null && duplicate()) this.copy(e, now);
    }
    const nextCursor = page.at(-1)?.cursor ?? after;
    return {
      messages: page.map(({ cursor, messageId, messageType, publishedAt, payload }) => ({
        cursor,
        messageId,
        messageType,
        publishedAt,
        payload,
      })),
      nextCursor,
      // copies made just now count too: they wait beyond this page
      hasMore: this.entries.some((e) => e.cursor > nextCursor),
    };
  }

  /** Appends again the messages chosen by id or cursor range (an original and its copies count once). */
  redeliver(sel: { messageIds?: string[]; fromCursor?: number; toCursor?: number }, now: Date): OutboxEntry[] {
    const seen = new Set<string>();
    const chosen = this.entries.filter((e) => {
      if (e.copyOf !== null || seen.has(e.messageId)) return false;
      const byId = !sel.messageIds || sel.messageIds.includes(e.messageId);
      const byRange =
        (sel.fromCursor === undefined || e.cursor >= sel.fromCursor) &&
        (sel.toCursor === undefined || e.cursor <= sel.toCursor);
      if (byId && byRange) seen.add(e.messageId);
      return byId && byRange;
    });
    return chosen.map((e) => this.copy(e, now));
  }

  find(predicate: (payload: unknown) => boolean): OutboxEntry | undefined {
    return this.entries.find((e) => e.valid && predicate(e.payload));
  }

  list(): readonly OutboxEntry[] {
    return this.entries;
  }

  counts(): OutboxCounts {
    return {
      messages: this.entries.length,
      lastCursor: this.lastCursor,
      served: this.served,
      redelivered: this.redelivered,
    };
  }

  /** Clears the messages; the cursor keeps growing so a poller that kept its cursor never misses new ones. */
  clear(): void {
    this.entries = [];
    this.served = 0;
    this.redelivered = 0;
  }

  snapshot(): unknown {
    return { entries: this.entries, lastCursor: this.lastCursor, served: this.served, redelivered: this.redelivered };
  }

  restore(data: unknown): void {
    const d = data as
      { entries?: OutboxEntry[]; lastCursor?: number; served?: number; redelivered?: number } | undefined;
    this.entries = d?.entries ?? [];
    this.lastCursor = d?.lastCursor ?? 0;
    this.served = d?.served ?? 0;
    this.redelivered = d?.redelivered ?? 0;
  }

  private copy(e: OutboxEntry, now: Date): OutboxEntry {
    this.redelivered++;
    const copy: OutboxEntry = {
      ...e,
      cursor: ++this.lastCursor,
      publishedAt: now.toISOString(),
      deliveries: 0,
      copyOf: e.cursor,
    };
    this.entries.push(copy);
    return copy;
  }
}

/** `GET /outbox?after=<cursor>&limit=<n>`: a business route (faults apply, requests are recorded). */
export function outboxRoute(outbox: Outbox, duplicate: () => boolean): SimRoute {
  return route({
    method: 'GET',
    path: '/outbox',
    handle: (req) => {
      const after = intParam(req.query.after, 0, 'after');
      const limit = Math.min(intParam(req.query.limit, 100, 'limit'), 500);
      return { status: 200, body: outbox.read(after, Math.max(limit, 1), duplicate, req.now) };
    },
  });
}

function intParam(v: string | string[] | undefined, dflt: number, name: string): number {
  if (v === undefined || v === '') return dflt;
  if (typeof v !== 'string' || !/^\d+$/.test(v)) {
    throw new SimProblem(
      400,
      'VALIDATION',
      'Invalid request',
      `The query parameter ${name} must be a whole number ≥ 0.`,
      { errors: [{ path: name, message: 'must be a whole number ≥ 0' }] },
    );
  }
  return Number(v);
}
