import { XMLParser } from 'fast-xml-parser';
import type { PrismaClient } from '../../prisma/generated/client';

/**
 * The names of user tasks as the diagrams give them (Latvian, e.g. "Apstiprināt nostrādātās stundas"), by process
 * and element id, and of the automatic steps by their job topic (e.g. "Nosūtīt paziņojumu tiesai (TIS)" for
 * `shared.send-tis-notice`), from the deployed diagrams. Read once and again only when something new was deployed.
 */
export class TaskNames {
  private names = new Map<string, string>();
  private stepNames = new Map<string, string>();
  /** The diagrams read so far (their engine ids), and the newest deployment time among them. */
  private loaded = new Set<string>();
  private loadedUpTo = new Date(0);

  constructor(private readonly prisma: PrismaClient) {}

  /** A lookup for one request: checks once for new deployments, then names any number of tasks. */
  async lookup(): Promise<(bpmnProcessId: string, elementId: string | null) => string | null> {
    await this.refresh();
    return (bpmnProcessId, elementId) => (elementId ? (this.names.get(`${bpmnProcessId}#${elementId}`) ?? null) : null);
  }

  /** A lookup of automatic steps by job topic, for the partner panel (the workers describe their steps in English). */
  async stepLookup(): Promise<(topic: string) => string | null> {
    await this.refresh();
    return (topic) => this.stepNames.get(topic) ?? null;
  }

  private async refresh(): Promise<void> {
    // Engine ids say nothing about order: the deployment time does (versions break ties within one deployment).
    const latest = await this.prisma.deployedResource.findFirst({
      where: { kind: 'BPMN' },
      orderBy: [{ deployedAt: 'desc' }, { version: 'desc' }],
      select: { resourceKey: true },
    });
    if (!latest || this.loaded.has(latest.resourceKey)) return;
    const rows = await this.prisma.deployedResource.findMany({
      where: { kind: 'BPMN', deployedAt: { gte: this.loadedUpTo } },
      orderBy: [{ deployedAt: 'asc' }, { version: 'asc' }],
    });
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      removeNSPrefix: true,
      isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
    });
    for (const r of rows) {
      if (this.loaded.has(r.resourceKey)) continue;
      // Later versions come later and overwrite: a renamed task shows its current name.
      walk(parser.parse(r.content), (tag, node) => {
        if (typeof node.name !== 'string') return;
        const name = node.name.replace(/\s+/g, ' ').trim();
        if (tag === 'userTask' && typeof node.id === 'string') this.names.set(`${r.resourceId}#${node.id}`, name);
        // External steps (camunda:topic, namespace prefix removed by the parser); a topic names one kind of step.
        if (typeof node.topic === 'string') this.stepNames.set(node.topic, name);
      });
      this.loaded.add(r.resourceKey);
      if (r.deployedAt > this.loadedUpTo) this.loadedUpTo = r.deployedAt;
    }
  }
}

function walk(node: unknown, visit: (tag: string, node: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (!node || typeof node !== 'object') return;
  for (const [tag, child] of Object.entries(node)) {
    for (const c of Array.isArray(child) ? child : [child]) {
      if (c && typeof c === 'object') {
        visit(tag, c as Record<string, unknown>);
        walk(c, visit);
      }
    }
  }
}
