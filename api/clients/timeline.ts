import { Prisma, type PrismaClient } from '../../prisma/generated/client';

/**
 * Everything that happened to a client, across all their cases and processes, newest first: the engine's
 * history (process instances, user tasks from the read models) and the domain's events (decisions received,
 * register extracts, documents, notices to courts and prosecutors, hours recorded, control entries,
 * appointments, notifications). One UNION query with paging; each kind reads its own indexed table.
 */
export const TIMELINE_KINDS = [
  'DECISION',
  'PROCESS',
  'TASK',
  'REGISTER',
  'DOCUMENT',
  'NOTICE',
  'HOURS',
  'CONTROL',
  'APPOINTMENT',
  'NOTIFICATION',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEvent {
  at: string;
  kind: TimelineKind;
  caseId: number;
  caseNumber: string;
  /** A machine-readable subtype (e.g. task element id, document kind, notice type). */
  code: string;
  /** Short facts for the line, in the data's own words (names, numbers, statuses). */
  summary: string;
  /** Where to open it, if anywhere (a document, a task). */
  ref: { type: 'document' | 'task'; id: string } | null;
  /** For tasks: the BPMN process the task is in (to name it). */
  process: string | null;
}

const SOURCES: Record<TimelineKind, (ids: number[]) => Prisma.Sql> = {
  DECISION: (
    ids,
  ) => Prisma.sql`SELECT r.received_at AS at, 'DECISION' AS kind, r.case_id, r.source || ' ' || r.issuer_type AS code,
      r.issuer || COALESCE(', ' || r.decision_number, '') || ', ' || to_char(r.decision_date, 'DD.MM.YYYY') AS summary, NULL AS ref_type, NULL AS ref_id, NULL AS process
    FROM ruling r WHERE r.case_id = ANY(${ids}::int[])`,
  PROCESS: (
    ids,
  ) => Prisma.sql`SELECT p.started_at AS at, 'PROCESS' AS kind, c.id, p.bpmn_process_id || ' ' || p.state, 'v' || COALESCE(p.process_definition_version::text, '?') || CASE WHEN p.ended_at IS NOT NULL THEN ', ' || to_char(p.ended_at AT TIME ZONE 'Europe/Riga', 'DD.MM.YYYY HH24:MI') ELSE '' END, NULL, NULL, NULL
    FROM process_instance p JOIN "case" c ON c.process_instance_key = p.root_process_instance_key WHERE c.id = ANY(${ids}::int[])`,
  TASK: (
    ids,
  ) => Prisma.sql`SELECT COALESCE(t.completed_at, t.created_at), 'TASK', c.id, COALESCE(t.element_id, '') || ' ' || t.state, COALESCE(t.assignee, array_to_string(t.candidate_groups, ', ')), 'task', t.user_task_key::text, t.bpmn_process_id
    FROM user_task t JOIN "case" c ON c.process_instance_key = t.root_process_instance_key WHERE c.id = ANY(${ids}::int[])`,
  REGISTER: (
    ids,
  ) => Prisma.sql`SELECT x.retrieved_at, 'REGISTER', x.case_id, x.register || ' ' || x.status, x.purpose || CASE WHEN x.saved_at IS NOT NULL THEN ' · saved ' || to_char(x.saved_at AT TIME ZONE 'Europe/Riga', 'DD.MM.YYYY HH24:MI') ELSE '' END, NULL, NULL, NULL
    FROM register_extract x WHERE x.case_id = ANY(${ids}::int[])`,
  DOCUMENT: (ids) =>
    Prisma.sql`SELECT d.created_at, 'DOCUMENT', d.case_id, d.kind, d.title, 'document', d.id::text, NULL FROM document d WHERE d.case_id = ANY(${ids}::int[])`,
  NOTICE: (
    ids,
  ) => Prisma.sql`SELECT COALESCE(n.sent_at, n.created_at), 'NOTICE', n.case_id, n.target || ' ' || n.notice_type, n.status || COALESCE(' · ' || n.external_notice_id, '') || COALESCE(' · ' || n.rejection_reason, ''), CASE WHEN n.document_id IS NULL THEN NULL ELSE 'document' END, n.document_id::text, NULL
    FROM court_notice n WHERE n.case_id = ANY(${ids}::int[])`,
  HOURS: (ids) =>
    Prisma.sql`SELECT h.recorded_at, 'HOURS', h.case_id, h.decision, h.hours || ' h (' || to_char(h.period_from, 'DD.MM.YYYY') || '–' || to_char(h.period_to, 'DD.MM.YYYY') || ')', NULL, NULL, NULL FROM hours_entry h WHERE h.case_id = ANY(${ids}::int[])`,
  CONTROL: (ids) =>
    Prisma.sql`SELECT e.created_at, 'CONTROL', e.case_id, e.kind, to_char(e.on, 'DD.MM.YYYY'), CASE WHEN e.document_id IS NULL THEN NULL ELSE 'document' END, e.document_id::text, NULL FROM control_entry e WHERE e.case_id = ANY(${ids}::int[])`,
  APPOINTMENT: (ids) =>
    Prisma.sql`SELECT a.created_at, 'APPOINTMENT', a.case_id, a.source, to_char(a.at AT TIME ZONE 'Europe/Riga', 'DD.MM.YYYY HH24:MI') || ', ' || a.place, NULL, NULL, NULL FROM appointment a WHERE a.case_id = ANY(${ids}::int[])`,
  NOTIFICATION: (ids) =>
    Prisma.sql`SELECT COALESCE(m.sent_at, m.created_at), 'NOTIFICATION', m.case_id, m.notification_type || ' ' || m.channel, m.subject || ' · ' || m.status, NULL, NULL, NULL FROM notification m WHERE m.case_id = ANY(${ids}::int[])`,
};

export async function clientTimeline(
  prisma: PrismaClient,
  caseIds: number[],
  opts: { kinds?: TimelineKind[]; page: number; pageSize: number },
): Promise<{ items: TimelineEvent[]; total: number }> {
  if (!caseIds.length) return { items: [], total: 0 };
  const kinds = opts.kinds?.length ? opts.kinds : [...TIMELINE_KINDS];
  const parts = kinds.map((k) => SOURCES[k](caseIds));
  const union = Prisma.join(parts, ' UNION ALL ');
  const rows = await prisma.$queryRaw<
    {
      at: Date;
      kind: TimelineKind;
      case_id: number;
      code: string;
      summary: string | null;
      ref_type: string | null;
      ref_id: string | null;
      process: string | null;
      case_number: string;
      total: bigint;
    }[]
  >`
    SELECT e.*, c.case_number, count(*) OVER () AS total
    FROM (${union}) AS e(at, kind, case_id, code, summary, ref_type, ref_id, process)
    JOIN "case" c ON c.id = e.case_id
    ORDER BY e.at DESC, e.kind
    LIMIT ${opts.pageSize} OFFSET ${(opts.page - 1) * opts.pageSize}`;
  return {
    items: rows.map((r) => ({
      at: r.at.toISOString(),
      kind: r.kind,
      caseId: r.case_id,
      caseNumber: r.case_number,
      code: r.code,
      summary: r.summary ?? '',
      ref: r.ref_type && r.ref_id ? { type: r.ref_type as 'document' | 'task', id: r.ref_id } : null,
      process: r.process,
    })),
    total: rows[0] ? Number(rows[0].total) : 0,
  };
}
