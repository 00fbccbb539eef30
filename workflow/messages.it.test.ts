import { randomUUID } from 'node:crypto';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { createPrisma } from '../platform/db/prisma';
import { waitFor } from '../test/support/wait';
import { createWorkflowFromConfig } from './index';
import { deliver, MessageSweeper, publishMessage } from './messages';

/**
 * The message buffer on the test stack's engine and database: a message sent before its instance waits is kept
 * and delivered once the instance waits; the same sender id is taken once; two deliverers racing for one message
 * send it once; a claim left by a deliverer that died runs out and the message is sent after all.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const { engine } = createWorkflowFromConfig(cfg);
const prisma = createPrisma(process.env.DATABASE_URL ?? cfg.database.url);
const log = createLogger('messages-test', 'silent');
const run = randomUUID().slice(0, 8);
const processId = `msg-buffer-${run}`;
const messageName = `msg.buffer.${run}`;

// A user task first, so an instance exists but does not wait for the message yet; then the receive task.
const bpmn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="https://plusflow.vpd.gov.lv/test">
  <bpmn:message id="M" name="${messageName}" />
  <bpmn:process id="${processId}" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="Start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="First" camunda:candidateGroups="msg-buffer-test"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:receiveTask id="Wait" messageRef="M"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:receiveTask>
    <bpmn:userTask id="After" camunda:candidateGroups="msg-buffer-test"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="First" />
    <bpmn:sequenceFlow id="f2" sourceRef="First" targetRef="Wait" />
    <bpmn:sequenceFlow id="f3" sourceRef="Wait" targetRef="After" />
    <bpmn:sequenceFlow id="f4" sourceRef="After" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;

beforeAll(async () => {
  await engine.deploy(`test-${processId}`, [{ name: `${processId}.bpmn`, content: bpmn }]);
});
afterAll(() => prisma.$disconnect());

async function openTask(instanceId: string, element: string): Promise<string | undefined> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT user_task_key AS id FROM user_task WHERE process_instance_key = ${instanceId} AND element_id = ${element} AND state = 'CREATED'`;
  return rows[0]?.id;
}

async function startWaiting(businessKey: string): Promise<string> {
  const { instanceId } = await engine.startProcess(processId, { businessKey });
  const first = await waitFor('the first task', () => openTask(instanceId, 'First'));
  await engine.completeTask(first);
  return instanceId;
}

const row = (messageId: string) => prisma.workflowMessage.findUniqueOrThrow({ where: { messageId } });

it('keeps a message that arrives before the instance waits, and the sweep delivers it once the instance waits', async () => {
  const businessKey = `early-${run}`;
  const { instanceId } = await engine.startProcess(processId, { businessKey });
  const messageId = `early-${randomUUID()}`;
  expect(await publishMessage(prisma, engine, { name: messageName, businessKey, messageId, ttlMs: 600_000 })).toBe(
    'pending',
  );
  expect(await publishMessage(prisma, engine, { name: messageName, businessKey, messageId, ttlMs: 600_000 })).toBe(
    'duplicate',
  );
  const pending = await row(messageId);
  expect(pending).toMatchObject({ status: 'PENDING', attempts: 1, claimedUntil: null });
  // Backed off after the failed try, not due at once.
  expect(pending.nextAttemptAt.getTime()).toBeGreaterThan(pending.createdAt.getTime());

  await engine.completeTask((await waitFor('the first task', () => openTask(instanceId, 'First')))!);
  const sweeper = new MessageSweeper(prisma, engine, log);
  await waitFor(
    'the message delivered by a sweep',
    async () => ((await sweeper.sweep()) > 0 || (await row(messageId)).status === 'DELIVERED' ? true : undefined),
    120_000,
  );
  expect(await row(messageId)).toMatchObject({ status: 'DELIVERED', claimedUntil: null });
  expect(await waitFor('the task after the message', () => openTask(instanceId, 'After'))).toBeTruthy();
}, 180_000);

it('sends a message once when two deliverers race for it', async () => {
  const businessKey = `race-${run}`;
  const instanceId = await startWaiting(businessKey);
  const messageId = `race-${randomUUID()}`;
  // Stored without delivery (as if the publisher died right after the insert), then two sweeps at once.
  await prisma.workflowMessage.create({
    data: { messageId, name: messageName, businessKey, variables: {}, expiresAt: new Date(Date.now() + 600_000) },
  });
  const { id } = await row(messageId);
  const outcomes = await Promise.all([deliver(prisma, engine, id), deliver(prisma, engine, id)]);
  expect(outcomes.filter(Boolean)).toHaveLength(1);
  expect(await row(messageId)).toMatchObject({ status: 'DELIVERED', attempts: 1 });
  expect(await waitFor('the task after the message', () => openTask(instanceId, 'After'))).toBeTruthy();
}, 180_000);

it('delivers a message whose deliverer died holding it, once the claim has run out', async () => {
  const businessKey = `claimed-${run}`;
  const instanceId = await startWaiting(businessKey);
  const messageId = `claimed-${randomUUID()}`;
  await prisma.workflowMessage.create({
    data: {
      messageId,
      name: messageName,
      businessKey,
      variables: {},
      expiresAt: new Date(Date.now() + 600_000),
      claimedUntil: new Date(Date.now() + 60_000),
    },
  });
  const { id } = await row(messageId);
  expect(await deliver(prisma, engine, id)).toBe(false); // still claimed by the dead deliverer
  await prisma.workflowMessage.update({ where: { id }, data: { claimedUntil: new Date(Date.now() - 1_000) } }); // its claim ran out
  expect(await new MessageSweeper(prisma, engine, log).sweep()).toBeGreaterThanOrEqual(1);
  expect(await row(messageId)).toMatchObject({ status: 'DELIVERED' });
  expect(await waitFor('the task after the message', () => openTask(instanceId, 'After'))).toBeTruthy();
}, 180_000);
