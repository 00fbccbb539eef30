import type { Prisma, PrismaClient } from '../../prisma/generated/client';
import { classify } from './ingest';
import type { IntakeSystem } from './classify';

type Tx = Prisma.TransactionClient;

/**
 * Versions of an inbound message (issue 18). A system may send the same messageId again with other content (a
 * court corrects a ruling it sent), and a supervisor may correct a quarantined message's fields. Neither is a
 * duplicate and neither overwrites silently: every content is kept in `inbound_message_version` (version 1 as
 * first received), the message's `payload` is the newest, and what changed is shown path by path.
 */

export interface Change {
  /** Dotted path into the payload, array items by index: `person.personalCode`, `punishments.0.hours`. */
  path: string;
  before: unknown;
  after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What differs between two payloads, leaf by leaf (a key or item only on one side is a change too). */
export function diffPayloads(a: unknown, b: unknown, prefix = ''): Change[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffPayloads(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) =>
      diffPayloads(a[i], b[i], prefix ? `${prefix}.${i}` : String(i)),
    ).flat();
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path: prefix || '(whole message)', before: a, after: b }];
}

/**
 * The payload with one field set. Only a field that exists, or a new key in an existing object, can be set, and only
 * to a plain value: a correction fixes a field, it does not restructure the message.
 */
export function setField(payload: unknown, path: string, value: string | number | boolean | null): unknown {
  const parts = path.split('.');
  if (parts.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype'))
    throw new FieldError(path, 'is not a field path');
  const copy = structuredClone(payload) as unknown;
  let node: unknown = copy;
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    if (Array.isArray(node)) {
      const idx = Number(part);
      if (!Number.isInteger(idx) || idx < 0 || idx >= node.length) throw new FieldError(path, `has no item ${part}`);
      if (last) {
        if (typeof node[idx] === 'object' && node[idx] !== null) throw new FieldError(path, 'is not a single field');
        node[idx] = value;
      } else node = node[idx];
    } else if (isObject(node)) {
      if (last) {
        if (typeof node[part] === 'object' && node[part] !== null) throw new FieldError(path, 'is not a single field');
        node[part] = value;
      } else node = node[part];
    } else {
      throw new FieldError(path, 'does not exist in the message');
    }
  }
  return copy;
}

export class FieldError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path} ${reason}`);
  }
}

/** Version 1 as first received, written when a second version arrives (most messages never get one). */
async function keepFirst(tx: Tx, m: { id: number; payload: unknown; receivedAt: Date }): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO inbound_message_version (inbound_message_id, version, payload, origin, created_by, created_at)
    VALUES (${m.id}, 1, ${JSON.stringify(m.payload ?? null)}::jsonb, 'RECEIVED', 'system:intake', ${m.receivedAt})
    ON CONFLICT (inbound_message_id, version) DO NOTHING`;
}

/** Whether the content is one PLUS already has for this message (the current one or an earlier version). */
export async function knownContent(tx: Tx, inboundId: number, payload: unknown): Promise<boolean> {
  const rows = await tx.$queryRaw<{ known: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM inbound_message WHERE id = ${inboundId} AND payload = ${JSON.stringify(payload ?? null)}::jsonb)
        OR EXISTS (SELECT 1 FROM inbound_message_version WHERE inbound_message_id = ${inboundId} AND payload = ${JSON.stringify(payload ?? null)}::jsonb) AS known`;
  return rows[0]?.known ?? false;
}

/** The reasons a content would be quarantined for by its form alone (no database look-ups). */
function formReasons(system: IntakeSystem, payload: unknown): string[] {
  const c = classify(system, payload);
  if (c.kind === 'MALFORMED') return c.reasons.map((r) => `MALFORMED ${r}`);
  if (c.kind === 'QUARANTINE') return c.reasons.map((r) => `${c.code} ${r}`);
  return [];
}

const paths = (changes: Change[]) => changes.map((c) => c.path).join(', ');

/**
 * The system sent the message again with other content: kept as a new version, made current, and put in
 * quarantine for a supervisor with what changed. Before a case exists the supervisor reprocesses it; after, the
 * case was opened from the earlier version and the change must be applied to the case (nothing is changed on a
 * case automatically from a resend).
 */
export async function receiveNewVersion(
  tx: Tx,
  m: {
    id: number;
    system: string;
    payload: unknown;
    receivedAt: Date;
    version: number;
    status: string;
    caseId: number | null;
  },
  env: { messageType: string; publishedAt: string; cursor: number; payload: unknown },
): Promise<{ version: number; changes: Change[]; reasons: string[] }> {
  await keepFirst(tx, m);
  const version = m.version + 1;
  const changes = diffPayloads(m.payload, env.payload);
  await tx.inboundMessageVersion.create({
    data: {
      inboundMessageId: m.id,
      version,
      payload: (env.payload ?? null) as Prisma.InputJsonValue,
      origin: 'RECEIVED',
      createdBy: 'system:intake',
    },
  });
  const accepted = m.caseId !== null && (m.status === 'ACCEPTED' || m.status === 'REPROCESSED');
  const head = accepted
    ? `CHANGED_AFTER_ACCEPTANCE sent again as version ${version} with other ${paths(changes)}; case ${m.caseId} was opened from version ${m.version}: apply the change to the case, then dismiss this message with a note`
    : `NEW_VERSION sent again as version ${version} with other ${paths(changes)}: compare the versions, then reprocess`;
  const reasons = [head, ...formReasons(m.system as IntakeSystem, env.payload)];
  await tx.inboundMessage.update({
    where: { id: m.id },
    data: {
      payload: (env.payload ?? null) as Prisma.InputJsonValue,
      version,
      messageType: env.messageType,
      publishedAt: new Date(env.publishedAt),
      cursor: env.cursor,
      status: 'QUARANTINED',
      issues: reasons,
      resolvedBy: null,
      resolvedAt: null,
    },
  });
  await tx.auditLog.create({
    data: {
      actor: 'system:intake',
      action: 'intake.new-version',
      entityType: 'inbound-message',
      entityId: String(m.id),
      details: { version, previousStatus: m.status, changes: changes.map((c) => c.path) },
    },
  });
  return { version, changes, reasons };
}

/**
 * A supervisor corrects fields of a quarantined message (the row must be locked by the caller): a new version
 * CORRECTED by them, every changed field audited with its old and new value; the message stays in quarantine,
 * with the reasons its new content would still be refused for, until it is reprocessed.
 */
export async function correctMessage(
  tx: Tx,
  m: { id: number; system: string; payload: unknown; receivedAt: Date; version: number },
  fields: { path: string; value: string | number | boolean | null }[],
  by: { actor: string; note: string; ip?: string },
): Promise<{ version: number; changes: Change[]; reasons: string[] }> {
  let payload = m.payload;
  for (const f of fields) payload = setField(payload, f.path, f.value);
  const changes = diffPayloads(m.payload, payload);
  if (changes.length === 0)
    throw new FieldError(fields.map((f) => f.path).join(', '), 'already has these values; nothing to correct');
  await keepFirst(tx, m);
  const version = m.version + 1;
  await tx.inboundMessageVersion.create({
    data: {
      inboundMessageId: m.id,
      version,
      payload: payload as Prisma.InputJsonValue,
      origin: 'CORRECTED',
      createdBy: by.actor,
      note: by.note,
    },
  });
  const reasons = formReasons(m.system as IntakeSystem, payload);
  await tx.inboundMessage.update({
    where: { id: m.id },
    data: {
      payload: payload as Prisma.InputJsonValue,
      version,
      issues: reasons.length ? reasons : [`CORRECTED version ${version} by ${by.actor}: reprocess it`],
    },
  });
  await tx.auditLog.createMany({
    data: changes.map((c) => ({
      actor: by.actor,
      action: 'intake.corrected',
      entityType: 'inbound-message',
      entityId: String(m.id),
      // Payload fields are a person's data (names, personal code, address).
      personalData: true,
      details: {
        version,
        path: c.path,
        before: c.before ?? null,
        after: c.after ?? null,
        note: by.note,
      } as Prisma.InputJsonValue,
      ...(by.ip ? { ip: by.ip } : {}),
    })),
  });
  return { version, changes, reasons };
}

export interface VersionView {
  version: number;
  origin: 'RECEIVED' | 'CORRECTED';
  createdBy: string;
  createdAt: string;
  note: string | null;
  payload: unknown;
  /** What differs from the version before (none for version 1). */
  changes: Change[];
}

/** Every version of a message, oldest first, each with its difference to the one before. */
export async function listVersions(
  prisma: PrismaClient,
  m: { id: number; payload: unknown; receivedAt: Date },
): Promise<VersionView[]> {
  const rows = await prisma.inboundMessageVersion.findMany({
    where: { inboundMessageId: m.id },
    orderBy: { version: 'asc' },
  });
  const all = rows.length
    ? rows
    : [
        {
          version: 1,
          origin: 'RECEIVED',
          createdBy: 'system:intake',
          createdAt: m.receivedAt,
          note: null,
          payload: m.payload,
        },
      ];
  return all.map((v, i) => ({
    version: v.version,
    origin: v.origin as VersionView['origin'],
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
    note: v.note,
    payload: v.payload,
    changes: i === 0 ? [] : diffPayloads(all[i - 1]!.payload, v.payload),
  }));
}
