import type { PrismaClient } from '../../prisma/generated/client';
import { TaskNames } from './task-names';

const diagram = (version: number, sendName: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d${version}">
  <bpmn:process id="shared-notify-court" isExecutable="true">
    <bpmn:serviceTask id="SendToTis" name="${sendName}" camunda:type="external" camunda:topic="shared.send-tis-notice" />
    <bpmn:userTask id="FixRejectedNotice" name="Labot
      noraidīto paziņojumu" camunda:candidateGroups="officer" />
    <bpmn:serviceTask id="Remind" camunda:type="external" camunda:topic="shared.send-task-reminder" />
  </bpmn:process>
</bpmn:definitions>`;

/** The deployed-resource table as TaskNames reads it: the newest row, and rows deployed since a time. */
function deployed(
  rows: { resourceKey: string; resourceId: string; content: string; version: number; deployedAt: Date }[],
) {
  const byTime = () => [...rows].sort((a, b) => +a.deployedAt - +b.deployedAt || a.version - b.version);
  return {
    deployedResource: {
      findFirst: async () => byTime().at(-1) ?? null,
      findMany: async ({ where }: { where: { deployedAt: { gte: Date } } }) =>
        byTime().filter((r) => r.deployedAt >= where.deployedAt.gte),
    },
  } as unknown as PrismaClient;
}

describe('names from the deployed diagrams', () => {
  const v1 = { resourceKey: 'k1', resourceId: 'shared-notify-court', version: 1, deployedAt: new Date('2026-01-01') };
  const v2 = { resourceKey: 'k2', resourceId: 'shared-notify-court', version: 2, deployedAt: new Date('2026-02-01') };

  it('names user tasks by process and element, and automatic steps by topic, in the diagram’s words', async () => {
    const names = new TaskNames(deployed([{ ...v1, content: diagram(1, 'Nosūtīt paziņojumu tiesai (TIS)') }]));
    expect((await names.lookup())('shared-notify-court', 'FixRejectedNotice')).toBe('Labot noraidīto paziņojumu');
    const step = await names.stepLookup();
    expect(step('shared.send-tis-notice')).toBe('Nosūtīt paziņojumu tiesai (TIS)');
    expect(step('shared.send-task-reminder')).toBeNull(); // a step without a name in the diagram
    expect(step('no.such-topic')).toBeNull();
  });

  it('shows a renamed step by its newest name once the new version is deployed', async () => {
    const rows = [{ ...v1, content: diagram(1, 'Nosūtīt uz TIS') }];
    const names = new TaskNames(deployed(rows));
    expect((await names.stepLookup())('shared.send-tis-notice')).toBe('Nosūtīt uz TIS');
    rows.push({ ...v2, content: diagram(2, 'Nosūtīt paziņojumu tiesai (TIS)') });
    expect((await names.stepLookup())('shared.send-tis-notice')).toBe('Nosūtīt paziņojumu tiesai (TIS)');
  });
});
