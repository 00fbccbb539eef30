import { memoryDb, memoryJobContext, memoryNotifications } from '../test-support/memory-prisma';
import { fakeWorkflowCalls } from '../test-support/fake-engine';
import { callHandler } from '../framework/testing';
import { escalateTask, sendTaskReminder } from './tasks';

/** Reminders and escalation of user tasks: found by the element the diagram names, at most one notice per job. */
const openTask = {
  userTaskKey: 'task-1',
  assignee: null as string | null,
  candidateGroups: ['officer.riga-centre'],
  dueDate: new Date('2026-03-04T00:00:00Z'),
};

function world(task: typeof openTask | null) {
  const db = memoryDb({
    userTask: { findFirst: async () => task },
    case: { findUniqueOrThrow: async () => ({ id: 7, caseNumber: 'PD-2026-0007' }) },
    notification: memoryNotifications(),
  });
  return db;
}
const headers = { taskElementId: 'AgreeSchedule', taskName: 'Saskaņot grafiku' };
const input = { caseId: '7', departmentCode: 'riga-centre' };

describe('shared.send-task-reminder', () => {
  it('reminds the candidate group of an open task, in Latvian, once per job even when redelivered', async () => {
    const db = world(openTask);
    const ctx = memoryJobContext(sendTaskReminder, db.prisma, { customHeaders: headers });
    await callHandler(sendTaskReminder, input, ctx);
    await callHandler(sendTaskReminder, input, ctx); // redelivery: same idempotency key
    const created = db.writes.filter((w) => w.model === 'notification');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      inTransaction: true,
      data: {
        recipientType: 'STAFF',
        recipient: 'officer.riga-centre',
        notificationType: 'TASK_REMINDER',
        channel: 'IN_APP',
        subject: 'Tuvojas termiņš: Saskaņot grafiku (lieta PD-2026-0007)',
      },
    });
    expect((created[0]!.data as { body: string }).body).toContain('2026-03-04');
  });

  it('reminds the assignee when the task has one', async () => {
    const db = world({ ...openTask, assignee: 'ilze.berzina' });
    await callHandler(
      sendTaskReminder,
      input,
      memoryJobContext(sendTaskReminder, db.prisma, { customHeaders: headers }),
    );
    expect(db.writes.find((w) => w.model === 'notification')?.data).toMatchObject({ recipient: 'ilze.berzina' });
  });

  it('does nothing when the task was completed meanwhile', async () => {
    const db = world(null);
    await expect(
      callHandler(sendTaskReminder, input, memoryJobContext(sendTaskReminder, db.prisma, { customHeaders: headers })),
    ).resolves.toEqual({});
    expect(db.writes).toEqual([]);
  });

  it('fails (incident) when the diagram does not name the task element', async () => {
    const db = world(openTask);
    await expect(
      callHandler(sendTaskReminder, input, memoryJobContext(sendTaskReminder, db.prisma, { customHeaders: {} })),
    ).rejects.toThrow(/taskElementId/);
  });
});

describe('shared.escalate-task', () => {
  const escalation = { ...input, escalationGroup: 'head.riga-centre' };

  it('adds the escalation group to the task once and tells that group', async () => {
    const db = world(openTask);
    const engine = fakeWorkflowCalls();
    await callHandler(
      escalateTask,
      escalation,
      memoryJobContext(escalateTask, db.prisma, { customHeaders: headers, services: { engine } }),
    );
    expect(engine.calls).toEqual([
      { method: 'updateTask', args: ['task-1', { candidateGroups: ['officer.riga-centre', 'head.riga-centre'] }] },
    ]);
    expect(db.writes.find((w) => w.model === 'notification')?.data).toMatchObject({
      recipient: 'head.riga-centre',
      notificationType: 'TASK_ESCALATED',
    });
  });

  it('leaves the task alone when the group already has it (a redelivery after the update)', async () => {
    const db = world({ ...openTask, candidateGroups: ['officer.riga-centre', 'head.riga-centre'] });
    const engine = fakeWorkflowCalls();
    await callHandler(
      escalateTask,
      escalation,
      memoryJobContext(escalateTask, db.prisma, { customHeaders: headers, services: { engine } }),
    );
    expect(engine.calls).toEqual([]);
  });

  it('refuses an escalation group that is not a group name', async () => {
    const db = world(openTask);
    await expect(
      callHandler(
        escalateTask,
        { ...input, escalationGroup: 'head riga; drop' },
        memoryJobContext(escalateTask, db.prisma, { customHeaders: headers }),
      ),
    ).rejects.toThrow();
  });
});
