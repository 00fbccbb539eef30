import { z } from 'zod';
import { IevpInboundSchema } from '../../integrations/ievp/schema';
import { ProisInboundSchema } from '../../integrations/prois/schema';
import { TisInboundSchema } from '../../integrations/tis/schema';
import { formatIssues } from '../../integrations/common/outbox';
import type { Prisma, PrismaClient } from '../../prisma/generated/client';
import { findPlace } from '../geo/places';
import { caseProcessOfKind, processModule } from '../../processes/registry';
import { classifyIevp, classifyProis, classifyTis, type Classified, type IntakeSystem, type NewCase } from './classify';
import { chooseDepartment } from './department';
import { knownContent, receiveNewVersion } from './versions';

type Tx = Prisma.TransactionClient;

/**
 * Intake of one outbox message, in the caller's transaction: record it exactly once per (system, messageId),
 * validate it against the system's contract, classify it, and open the case (client, case, ruling) or
 * quarantine it with reasons. Starting the process instance happens after the commit (start.ts).
 */
export interface Envelope {
  cursor: number;
  messageId: string;
  messageType: string;
  publishedAt: string;
  payload: unknown;
}

export type IngestOutcome =
  | { kind: 'DUPLICATE'; inboundId: number }
  /** The same messageId with other content: kept as a new version, in quarantine for a supervisor (versions.ts). */
  | { kind: 'NEW_VERSION'; inboundId: number; version: number; reasons: string[] }
  | { kind: 'QUARANTINED'; inboundId: number; reasons: string[] }
  | { kind: 'CASE_OPENED'; inboundId: number; caseId: number }
  | { kind: 'KNOWN_DECISION'; inboundId: number; caseId: number }
  | { kind: 'CONVERSION_DECISION'; inboundId: number; caseId: number; variables: Record<string, unknown> };

const SCHEMAS: Record<IntakeSystem, z.ZodType<unknown>> = {
  TIS: TisInboundSchema,
  PROIS: ProisInboundSchema,
  IEVP: IevpInboundSchema,
};

export function classify(
  system: IntakeSystem,
  payload: unknown,
): Classified | { kind: 'MALFORMED'; reasons: string[] } {
  const parsed = SCHEMAS[system].safeParse(payload);
  if (!parsed.success) {
    const known = typeof payload === 'object' && payload !== null && 'messageType' in payload;
    return {
      kind: 'MALFORMED',
      reasons: known
        ? formatIssues(parsed.error)
        : ['messageType: missing — not a message type PLUS knows', ...formatIssues(parsed.error)],
    };
  }
  const m = parsed.data as never;
  return system === 'TIS' ? classifyTis(m) : system === 'PROIS' ? classifyProis(m) : classifyIevp(m);
}

/**
 * Records the message. A second delivery of the same messageId with the same content only counts as a duplicate;
 * with other content it is a new version of the message, kept beside the first (versions.ts).
 */
export async function ingest(tx: Tx, system: IntakeSystem, env: Envelope): Promise<IngestOutcome> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO inbound_message (system, message_id, message_type, cursor, published_at, payload, status)
    VALUES (${system}, ${env.messageId}, ${env.messageType}, ${env.cursor}, ${new Date(env.publishedAt)}, ${JSON.stringify(env.payload ?? null)}::jsonb, 'QUARANTINED')
    ON CONFLICT (system, message_id) DO NOTHING
    RETURNING id`;
  if (rows[0]) return act(tx, rows[0].id, system, env.payload);
  // Seen before: locked, so a supervisor's reprocess or correction and this delivery do not interleave.
  const [seen] = await tx.$queryRaw<
    { id: number }[]
  >`SELECT id FROM inbound_message WHERE system = ${system} AND message_id = ${env.messageId} FOR UPDATE`;
  const m = await tx.inboundMessage.findUniqueOrThrow({ where: { id: seen!.id } });
  if (await knownContent(tx, m.id, env.payload)) {
    await tx.inboundMessage.update({ where: { id: m.id }, data: { duplicateCount: { increment: 1 } } });
    return { kind: 'DUPLICATE', inboundId: m.id };
  }
  const v = await receiveNewVersion(tx, m, env);
  return { kind: 'NEW_VERSION', inboundId: m.id, version: v.version, reasons: v.reasons };
}

/** Validates and acts on a stored message (new, or reprocessed by a supervisor). */
export async function act(tx: Tx, inboundId: number, system: IntakeSystem, payload: unknown): Promise<IngestOutcome> {
  const c = classify(system, payload);
  const quarantine = async (reasons: string[]): Promise<IngestOutcome> => {
    await tx.inboundMessage.update({ where: { id: inboundId }, data: { status: 'QUARANTINED', issues: reasons } });
    return { kind: 'QUARANTINED', inboundId, reasons };
  };
  if (c.kind === 'MALFORMED') return quarantine(c.reasons.map((r) => `MALFORMED ${r}`));
  if (c.kind === 'QUARANTINE') return quarantine(c.reasons.map((r) => `${c.code} ${r}`));
  if (c.kind === 'CONVERSION_DECISION') {
    const ruling = await tx.ruling.findUnique({
      where: { source_externalId: { source: 'TIS', externalId: c.rulingExternalId } },
    });
    if (!ruling) return quarantine([`UNKNOWN_RULING rulingId: PLUS has no case for TIS ruling ${c.rulingExternalId}`]);
    await tx.inboundMessage.update({
      where: { id: inboundId },
      data: { status: 'ACCEPTED', caseId: ruling.caseId, caseLink: 'DECISION', issues: [] },
    });
    return {
      kind: 'CONVERSION_DECISION',
      inboundId,
      caseId: ruling.caseId,
      variables: {
        conversionDecision: {
          decision: c.decision,
          decisionId: c.decisionId,
          decisionDate: c.decisionDate,
          court: c.court,
          replacement: c.replacement,
        },
      },
    };
  }
  // The same decision sent again under another messageId: link it, open nothing.
  const known = await tx.ruling.findUnique({
    where: { source_externalId: { source: c.source, externalId: c.externalId } },
  });
  if (known) {
    await tx.inboundMessage.update({
      where: { id: inboundId },
      data: { status: 'ACCEPTED', caseId: known.caseId, caseLink: 'SAME_RULING', issues: [] },
    });
    return { kind: 'KNOWN_DECISION', inboundId, caseId: known.caseId };
  }
  const opened = await openCase(tx, c, inboundId);
  if ('reasons' in opened) return quarantine(opened.reasons);
  await tx.inboundMessage.update({
    where: { id: inboundId },
    data: { status: 'ACCEPTED', caseId: opened.caseId, caseLink: 'OPENED', issues: [] },
  });
  return { kind: 'CASE_OPENED', inboundId, caseId: opened.caseId };
}

async function openCase(tx: Tx, c: NewCase, inboundId: number): Promise<{ caseId: number } | { reasons: string[] }> {
  const departments = await tx.department.findMany({ select: { id: true, code: true, town: true } });
  const minor = processModule(c.process)?.intake?.youthDepartment === true;
  const dept = chooseDepartment(departments, c.person.municipality, c.person.personalCode, minor);
  if (!dept)
    return {
      reasons: [
        `UNKNOWN_MUNICIPALITY person.municipality: "${c.person.municipality}" is not a municipality PLUS knows; correct the department mapping, then reprocess`,
      ],
    };
  const home = findPlace(c.person.municipality);
  const client = await tx.client.upsert({
    where: { personalCode: c.person.personalCode },
    update: {
      address: c.person.address,
      municipality: c.person.municipality,
      ...(home ? { latitude: home.lat, longitude: home.lon } : {}),
    },
    create: {
      personalCode: c.person.personalCode,
      firstName: c.person.firstName,
      lastName: c.person.lastName,
      birthDate: new Date(`${c.person.birthDate}T00:00:00Z`),
      address: c.person.address,
      municipality: c.person.municipality,
      latitude: home?.lat ?? null,
      longitude: home?.lon ?? null,
      departmentId: dept.id,
    },
  });
  const year = new Date().getUTCFullYear();
  // Case numbers are per year and gap-free enough for people; the lock keeps two intakes from taking the same.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('plusflow.case_number'))`;
  const last = await tx.case.findFirst({
    where: { caseNumber: { startsWith: `PL-${year}-` } },
    orderBy: { caseNumber: 'desc' },
    select: { caseNumber: true },
  });
  const next = (last ? Number(last.caseNumber.slice(-6)) : 0) + 1;
  const kase = await tx.case.create({
    data: {
      caseNumber: `PL-${year}-${String(next).padStart(6, '0')}`,
      clientId: client.id,
      processKind: c.processKind,
      functionSubtype: c.functionSubtype,
      departmentId: dept.id,
      sentencedHours: c.hours,
    },
  });
  await tx.ruling.create({
    data: {
      source: c.source,
      externalId: c.externalId,
      issuerType: c.issuerType,
      issuer: c.issuer,
      decisionNumber: c.decisionNumber,
      decisionDate: new Date(`${c.decisionDate}T00:00:00Z`),
      inForceDate: c.inForceDate ? new Date(`${c.inForceDate}T00:00:00Z`) : null,
      punishments: c.punishments as object[],
      offences: c.offences as object[],
      caseId: kase.id,
      inboundMessageId: inboundId,
    },
  });
  await tx.auditLog.create({
    data: {
      actor: 'system:intake',
      action: 'case.opened',
      entityType: 'case',
      entityId: String(kase.id),
      details: { source: c.source, externalId: c.externalId, process: c.process },
    },
  });
  return { caseId: kase.id };
}

/** The start variables of contract §2 (docs/processes/community-service.md), for the process of the case's kind. */
export async function startVariables(
  prisma: PrismaClient | Tx,
  caseId: number,
): Promise<{ process: string; variables: Record<string, unknown> }> {
  const c = await prisma.case.findUniqueOrThrow({
    where: { id: caseId },
    include: { client: true, department: true, rulings: { orderBy: { id: 'asc' }, take: 1 } },
  });
  const ruling = c.rulings[0];
  if (!ruling) throw new Error(`case ${c.caseNumber} has no ruling`);
  const process = caseProcessOfKind(c.processKind);
  if (!process) throw new Error(`case ${c.caseNumber}: no process module runs cases of kind ${c.processKind}`);
  return {
    process: process.id,
    variables: {
      caseId: String(c.id),
      caseNumber: c.caseNumber,
      clientId: String(c.clientId),
      departmentCode: c.department.code,
      origin: ruling.source,
      rulingId: String(ruling.id),
      rulingIssuerType: ruling.issuerType,
      functionSubtype: c.functionSubtype,
      sentencedHours: c.sentencedHours,
      birthDate: c.client.birthDate.toISOString().slice(0, 10),
      ...(c.executionDeadline ? { executionDeadline: c.executionDeadline.toISOString().slice(0, 10) } : {}),
    },
  };
}
