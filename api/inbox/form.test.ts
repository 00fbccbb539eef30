import type { PrismaClient } from '../../prisma/generated/client';
import { fakeWorkflow, wid } from '../test-support/fake-workflow';
import { loadTaskForm } from './form';

const prismaWith = (draft: { variables: object; savedAt: Date } | null) =>
  ({ taskDraft: { findUnique: async () => draft } }) as unknown as PrismaClient;

describe('task form', () => {
  it('is the engine’s form for the task with the variables the task sees and my draft on top', async () => {
    const workflow = fakeWorkflow({
      taskForm: async () => ({
        formId: 'shared-register-review',
        schema: { id: 'shared-register-review', components: [{ key: 'note' }] },
      }),
      taskVariables: async () => ({
        caseNumber: 'PL-2026-000001',
        note: 'from the process',
        rules: { due: { days: 5 } },
      }),
    });
    const savedAt = new Date('2026-12-04T10:00:00Z');
    const form = await loadTaskForm(
      prismaWith({ variables: { note: 'my draft' }, savedAt }),
      workflow,
      { userTaskKey: wid(1) },
      'ilze.berzina',
    );
    expect(form).toEqual({
      formId: 'shared-register-review',
      schema: { id: 'shared-register-review', components: [{ key: 'note' }] },
      data: { caseNumber: 'PL-2026-000001', note: 'my draft', rules: { due: { days: 5 } } },
      draftSavedAt: savedAt.toISOString(),
    });
    expect(workflow.calls.map((c) => [c.method, c.args[0]])).toEqual([
      ['taskForm', wid(1)],
      ['taskVariables', wid(1)],
    ]);
  });

  it('has no form for a task that links none, and no draft until one is saved', async () => {
    const form = await loadTaskForm(prismaWith(null), fakeWorkflow(), { userTaskKey: wid(2) }, 'ilze.berzina');
    expect(form).toEqual({ formId: null, schema: null, data: {}, draftSavedAt: null });
  });
});
