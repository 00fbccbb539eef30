import pino from 'pino';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import { z } from 'zod';
import { defineJobWorker } from './definition';
import { WorkerHost } from './host';
import { createWorkerMetrics } from './metrics';
import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkerServices } from '../services';

/** Stream bookkeeping only; the host against the real engine is in host.it.test.ts. */
function fakeZeebe() {
  const opened: string[] = [];
  let closed = 0;
  const zeebe = {
    streamJobs: async (req: { type: string }) => {
      opened.push(req.type);
      return { close: () => void closed++ };
    },
  };
  return { zeebe: zeebe as unknown as ZeebeGrpcClient, opened, closed: () => closed };
}

const worker = (type: string) => defineJobWorker({ type, description: type, input: z.object({}), handler: async () => ({}) });

describe('worker host: job streams after the engine was away', () => {
  it('reopens every stream once when the engine answers again, not while it is up', async () => {
    const f = fakeZeebe();
    const host = new WorkerHost({
      zeebe: f.zeebe, prisma: {} as PrismaClient, services: {} as WorkerServices, log: pino({ level: 'silent' }),
      metrics: createWorkerMetrics(), definitions: [worker('a.one'), worker('a.two')], workerName: 'unit',
    });
    await host.start();
    expect(f.opened).toEqual(['a.one', 'a.two']);
    const answers = [true, true, false, false, true, true, true];
    const stop = host.watchEngine(async () => answers.shift() ?? true, 5);
    await new Promise((r) => setTimeout(r, 150));
    stop();
    expect(f.opened).toEqual(['a.one', 'a.two', 'a.one', 'a.two']);
    expect(f.closed()).toBe(2);
    await host.stop(10);
  });
});
