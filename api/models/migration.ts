import { XMLParser } from 'fast-xml-parser';
import type { PrismaClient } from '../../prisma/generated/client';

/**
 * Migration of running instances to another version of their process (docs/modeler.md). The preview lists the
 * instances running the source version and, for each, where it waits; an instance can move when every element it
 * waits in exists (same id) in the target version. The engine checks the rest when asked and may still refuse
 * one; its reason is reported per instance.
 */
export interface MigrationPreview {
  process: string;
  from: { version: number; key: string };
  to: { version: number; key: string };
  instances: { key: string; caseNumber: string | null; waitingIn: string[]; missingInTarget: string[]; migratable: boolean }[];
}

function elementIds(xml: string): Set<string> {
  const ids = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'id' && typeof v === 'string') ids.add(v);
      else walk(v);
    }
  };
  walk(new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true }).parse(xml));
  return ids;
}

export async function migrationPreview(prisma: PrismaClient, process: string, fromVersion: number, toVersion?: number): Promise<MigrationPreview | undefined> {
  const from = await prisma.deployedResource.findUnique({ where: { kind_resourceId_version: { kind: 'BPMN', resourceId: process, version: fromVersion } } });
  const to = toVersion
    ? await prisma.deployedResource.findUnique({ where: { kind_resourceId_version: { kind: 'BPMN', resourceId: process, version: toVersion } } })
    : await prisma.deployedResource.findFirst({ where: { kind: 'BPMN', resourceId: process }, orderBy: { version: 'desc' } });
  if (!from || !to) return undefined;
  const target = elementIds(to.content);
  const rows = await prisma.$queryRaw<{ key: string; case_number: string | null; waiting: string[] | null }[]>`
    SELECT p.process_instance_key::text AS key, c.case_number,
      (SELECT array_agg(DISTINCT l.element_id) FROM (
         SELECT DISTINCT ON (r.key) r.element_id, r.intent, r.value->>'bpmnElementType' AS type
         FROM zeebe.record r WHERE r.value_type = 'PROCESS_INSTANCE' AND r.process_instance_key = p.process_instance_key
         ORDER BY r.key, r.position DESC) l
       WHERE l.intent IN ('ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED') AND l.type <> 'PROCESS') AS waiting
    FROM process_instance p LEFT JOIN "case" c ON c.process_instance_key = p.process_instance_key
    WHERE p.process_definition_key = ${from.resourceKey} AND p.state = 'ACTIVE'
    ORDER BY p.started_at
    LIMIT 500`;
  return {
    process,
    from: { version: from.version, key: String(from.resourceKey) },
    to: { version: to.version, key: String(to.resourceKey) },
    instances: rows.map((r) => {
      const waitingIn = r.waiting ?? [];
      const missingInTarget = waitingIn.filter((id) => !target.has(id));
      return { key: r.key, caseNumber: r.case_number, waitingIn, missingInTarget, migratable: missingInTarget.length === 0 };
    }),
  };
}
