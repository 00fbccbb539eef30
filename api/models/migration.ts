import type { PrismaClient } from '../../prisma/generated/client';
import type { MigrationPlan, WorkflowEngine } from '../../workflow/port';

/**
 * Migration of running instances to another version of their process (docs/modeler.md). The engine maps the
 * equal elements of the two versions and names what it cannot map (the plan); the preview lists the instances
 * running the source version and, for each, where it waits. An instance can move when every element it waits in
 * is mapped and none of them is named in the plan's problems. The engine checks the rest when asked and may
 * still refuse one; its reason is reported per instance.
 */
export interface MigrationPreview {
  process: string;
  /** `key`: the engine's id of that process version. */
  from: { version: number; key: string };
  to: { version: number; key: string };
  instances: {
    key: string;
    caseNumber: string | null;
    waitingIn: string[];
    missingInTarget: string[];
    migratable: boolean;
  }[];
  /** What the engine cannot map, in its words (an element of the source, or the plan as a whole). */
  problems: { elementId: string | null; reason: string }[];
}

/** Not elements of the diagram: the engine's own scope around a multi-instance activity, and the process itself. */
const NOT_IN_DIAGRAM = new Set(['multiInstanceBody', 'processDefinition']);

/** The preview, and the engine's plan to execute it with. */
export async function migrationPreview(
  prisma: PrismaClient,
  workflow: WorkflowEngine,
  process: string,
  fromVersion: number,
  toVersion?: number,
): Promise<{ preview: MigrationPreview; plan: MigrationPlan } | undefined> {
  const from = await prisma.deployedResource.findUnique({
    where: { kind_resourceId_version: { kind: 'BPMN', resourceId: process, version: fromVersion } },
  });
  const to = toVersion
    ? await prisma.deployedResource.findUnique({
        where: { kind_resourceId_version: { kind: 'BPMN', resourceId: process, version: toVersion } },
      })
    : await prisma.deployedResource.findFirst({
        where: { kind: 'BPMN', resourceId: process },
        orderBy: { version: 'desc' },
      });
  if (!from || !to) return undefined;
  // For BPMN the resource key is the engine's id of the process version.
  const [plan, open, rows] = await Promise.all([
    workflow.planMigration(from.resourceKey, to.resourceKey),
    workflow.openActivities(from.resourceKey),
    prisma.$queryRaw<{ key: string; case_number: string | null }[]>`
      SELECT p.process_instance_key AS key, c.case_number
      FROM process_instance p LEFT JOIN "case" c ON c.process_instance_key = p.root_process_instance_key
      WHERE p.process_definition_key = ${from.resourceKey} AND p.state = 'ACTIVE'
      ORDER BY p.started_at
      LIMIT 500`,
  ]);
  const preview: MigrationPreview = {
    process,
    from: { version: from.version, key: from.resourceKey },
    to: { version: to.version, key: to.resourceKey },
    ...previewInstances(plan, open, rows),
  };
  return { preview, plan };
}

/**
 * Where each instance waits (from the engine's open activities) and whether the plan can move it: every element it
 * waits in must be mapped and none named in the plan's problems; a problem naming no element stops them all.
 */
export function previewInstances(
  plan: MigrationPlan,
  open: readonly { instanceId: string; elementId: string; elementType: string }[],
  rows: readonly { key: string; case_number: string | null }[],
): Pick<MigrationPreview, 'instances' | 'problems'> {
  const mapped = new Set(plan.instructions.map((i) => i.sourceElementId));
  const refused = new Set(plan.problems.flatMap((p) => (p.elementId ? [p.elementId] : [])));
  const planRefused = plan.problems.some((p) => !p.elementId);
  const waiting = new Map<string, Set<string>>();
  for (const a of open) {
    if (NOT_IN_DIAGRAM.has(a.elementType)) continue;
    const at = waiting.get(a.instanceId) ?? new Set<string>();
    at.add(a.elementId);
    waiting.set(a.instanceId, at);
  }
  return {
    instances: rows.map((r) => {
      const waitingIn = [...(waiting.get(r.key) ?? [])].sort();
      const missingInTarget = waitingIn.filter((id) => !mapped.has(id) || refused.has(id));
      return {
        key: r.key,
        caseNumber: r.case_number,
        waitingIn,
        missingInTarget,
        migratable: missingInTarget.length === 0 && !planRefused,
      };
    }),
    problems: plan.problems.map((p) => ({ elementId: p.elementId ?? null, reason: p.reason })),
  };
}
