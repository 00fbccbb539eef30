import type { MigrationPlan } from '../../workflow/port';
import { previewInstances } from './migration';

const plan = (over: Partial<MigrationPlan> = {}): MigrationPlan => ({
  sourceDefinitionId: 'p:1:x',
  targetDefinitionId: 'p:2:y',
  instructions: [
    { sourceElementId: 'Review', targetElementId: 'Review' },
    { sourceElementId: 'Wait', targetElementId: 'Wait', updateEventTrigger: true },
  ],
  problems: [],
  ...over,
});
const rows = [
  { key: 'i1', case_number: 'PL-1' },
  { key: 'i2', case_number: 'PL-2' },
  { key: 'i3', case_number: null },
];

describe('migration preview', () => {
  it('says where each instance waits and lets it move when every such element is mapped', () => {
    const open = [
      { instanceId: 'i1', elementId: 'Review', elementType: 'userTask' },
      { instanceId: 'i2', elementId: 'Gone', elementType: 'userTask' },
      { instanceId: 'i2', elementId: 'Wait', elementType: 'intermediateTimer' },
      { instanceId: 'i1', elementId: 'Review#multiInstanceBody', elementType: 'multiInstanceBody' },
    ];
    const { instances } = previewInstances(plan(), open, rows);
    expect(instances).toEqual([
      { key: 'i1', caseNumber: 'PL-1', waitingIn: ['Review'], missingInTarget: [], migratable: true },
      { key: 'i2', caseNumber: 'PL-2', waitingIn: ['Gone', 'Wait'], missingInTarget: ['Gone'], migratable: false },
      { key: 'i3', caseNumber: null, waitingIn: [], missingInTarget: [], migratable: true },
    ]);
  });

  it('holds back instances waiting where the engine names a problem, and all of them for a problem with the whole plan', () => {
    const open = [{ instanceId: 'i1', elementId: 'Review', elementType: 'userTask' }];
    const named = previewInstances(
      plan({ problems: [{ elementId: 'Review', reason: 'the task changed its type' }] }),
      open,
      rows,
    );
    expect(named.instances[0]).toMatchObject({ missingInTarget: ['Review'], migratable: false });
    expect(named.instances[1]).toMatchObject({ migratable: true });
    expect(named.problems).toEqual([{ elementId: 'Review', reason: 'the task changed its type' }]);
    const whole = previewInstances(
      plan({ problems: [{ reason: 'the versions belong to different processes' }] }),
      open,
      rows,
    );
    expect(whole.instances.every((i) => !i.migratable)).toBe(true);
    expect(whole.problems).toEqual([{ elementId: null, reason: 'the versions belong to different processes' }]);
  });
});
