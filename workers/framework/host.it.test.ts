import pino from 'pino';
import { z } from 'zod';
import { loadConfig } from '../../platform/config';
import { createPrisma } from '../../platform/db/prisma';
import { createCamunda8 } from '../../platform/engine-client';
import { waitFor } from '../../test/support/wait';
import { defineJobWorker } from './definition';
import { WorkerHost } from './host';
import { once } from './idempotency';
import { createWorkerMetrics } from './metrics';
import { createWorkerServices } from '../services';

/**
 * The worker framework against the real engine and PostgreSQL: a job whose effect is delivered twice writes
 * once, and stopping the host lets a job that is running finish and report to the engine.
 */
const cfg = loadConfig(process.env);
const prisma = createPrisma(process.env.DATABASE_URL ?? cfg.database.url);
const camunda = createCamunda8(cfg);
const zeebe = camunda.getZeebeGrpcApiClient();
const log = pino({ level: 'silent' });

const bpmn = (id: string, jobType: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-${id}" targetNamespace="t">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
    <bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>
  </bpmn:process>
</bpmn:definitions>`;

afterAll(async () => {
  await zeebe.close();
  await prisma.$disconnect();
});

describe('job effects', () => {
  it('happen once when the same job is delivered twice at the same time', async () => {
    const key = { idempotencyKey: `test.twice:${Date.now()}`, jobType: 'test.twice', processInstanceKey: '1' };
    let writes = 0;
    const effect = async () => {
      writes++;
      await new Promise((r) => setTimeout(r, 200));
      return { receipt: 'R-1' };
    };
    const [a, b] = await Promise.all([once(prisma, key, effect), once(prisma, key, effect)]);
    expect(writes).toBe(1);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(a.result).toEqual({ receipt: 'R-1' });
    expect(b.result).toEqual({ receipt: 'R-1' });
  });
});

describe('worker host', () => {
  it('finishes an in-flight job when stopped, and the instance moves on', async () => {
    const type = `test-host.slow-${Date.now()}`;
    const processId = `host-shutdown-${Date.now()}`;
    await zeebe.deployResources([{ name: `${processId}.bpmn`, process: Buffer.from(bpmn(processId, type)) }]);
    let started = false;
    let finished = false;
    const slow = defineJobWorker({
      type,
      description: 'Slow test step',
      input: z.object({}),
      handler: async () => {
        started = true;
        await new Promise((r) => setTimeout(r, 1_500));
        finished = true;
        return { done: true };
      },
    });
    const host = new WorkerHost({ zeebe, prisma, services: createWorkerServices(loadConfig()), log, metrics: createWorkerMetrics(), definitions: [slow], workerName: 'host-it' });
    await host.start();
    const instance = await zeebe.createProcessInstance({ bpmnProcessId: processId, variables: {} });
    await waitFor('the job to start', async () => (started ? true : undefined), 15_000);

    const result = await host.stop(10_000);
    expect(result).toEqual({ unfinished: 0 });
    expect(finished).toBe(true);
    const state = await waitFor('the instance to complete in the read model', async () => {
      const rows = await prisma.processInstance.findMany({ where: { processInstanceKey: BigInt(instance.processInstanceKey), state: 'COMPLETED' } });
      return rows[0];
    });
    expect(state.state).toBe('COMPLETED');
  });
});
