import pino from 'pino';
import type { Job, JobOutcome, JobReport } from '../port';
import { startEngineCluster, type EngineCluster } from './testing';
import { waitFor } from '../../test/support/wait';
import { ExternalTaskSource, type ExternalTaskSourceOptions } from './external-tasks';
import { OperatonRest } from './rest';
import { toTypedVariables } from './variables';

/**
 * The external-task job source against real Operaton: two engine nodes (own JVMs, own scratch database, own ports;
 * not the test stack's engine). No assertion depends on speed; the pickup latency is printed only.
 */

let cluster: EngineCluster;
/** Both nodes, node A only, node B only. */
let both: OperatonRest;
let nodeA: OperatonRest;
let nodeB: OperatonRest;
const sources: ExternalTaskSource[] = [];

beforeAll(async () => {
  cluster = await startEngineCluster(2);
  const conn = { user: cluster.user, password: cluster.password };
  both = new OperatonRest({ ...conn, nodes: cluster.nodes.map((n) => n.url) });
  nodeA = new OperatonRest({ ...conn, nodes: [cluster.nodes[0]!.url] });
  nodeB = new OperatonRest({ ...conn, nodes: [cluster.nodes[1]!.url] });
}, 600_000);

afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.stop(5_000)));
});

afterAll(async () => {
  await cluster?.stop();
});

/** start → external task (boundary error BIZ → Failed) → gateway `${result.ok == true}` → Ok, else Other. */
function diagram(processId: string, topic: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d_${processId}" targetNamespace="https://plusflow.test">
  <error id="BizError" errorCode="BIZ"/>
  <process id="${processId}" isExecutable="true" camunda:historyTimeToLive="P1D">
    <startEvent id="Start"/>
    <sequenceFlow id="f1" sourceRef="Start" targetRef="Work"/>
    <serviceTask id="Work" camunda:type="external" camunda:topic="${topic}">
      <extensionElements><camunda:properties><camunda:property name="channel" value="post"/></camunda:properties></extensionElements>
    </serviceTask>
    <boundaryEvent id="Refused" attachedToRef="Work"><errorEventDefinition errorRef="BizError"/></boundaryEvent>
    <sequenceFlow id="f2" sourceRef="Refused" targetRef="Failed"/>
    <endEvent id="Failed"/>
    <sequenceFlow id="f3" sourceRef="Work" targetRef="Decide"/>
    <exclusiveGateway id="Decide" default="fOther"/>
    <sequenceFlow id="fOk" sourceRef="Decide" targetRef="Ok"><conditionExpression xsi:type="tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${result.ok == true}</conditionExpression></sequenceFlow>
    <sequenceFlow id="fOther" sourceRef="Decide" targetRef="Other"/>
    <endEvent id="Ok"/>
    <endEvent id="Other"/>
  </process>
</definitions>`;
}

let seq = 0;
/** Deploys a process of its own with a topic of its own, so tests never see each other's tasks. */
async function deployProcess(name: string): Promise<{ processId: string; topic: string }> {
  seq++;
  const processId = `et_${name}_${seq}`;
  const topic = `et.${name}-${seq}`;
  const form = new FormData();
  form.append('deployment-name', processId);
  form.append('data', new Blob([diagram(processId, topic)], { type: 'application/xml' }), `${processId}.bpmn`);
  await both.call({ method: 'POST', path: '/deployment/create', body: form, timeoutMs: 60_000 });
  return { processId, topic };
}

async function startInstance(
  via: OperatonRest,
  processId: string,
  variables: Record<string, unknown> = {},
  businessKey = 'case-1',
): Promise<string> {
  const res = await via.call<{ id: string }>({
    method: 'POST',
    path: `/process-definition/key/${processId}/start`,
    body: { businessKey, variables: toTypedVariables(variables) },
  });
  return res.id;
}

/** End events the instance reached (history), once it has ended. */
async function endedAt(instanceId: string): Promise<string[] | undefined> {
  const pi = await both.call<{ state: string }>({ method: 'GET', path: `/history/process-instance/${instanceId}` });
  if (pi.state !== 'COMPLETED') return undefined;
  const acts = await both.call<{ activityId: string; activityType: string }[]>({
    method: 'GET',
    path: `/history/activity-instance?processInstanceId=${instanceId}&activityType=noneEndEvent`,
  });
  return acts.map((a) => a.activityId);
}

async function finishedCount(processId: string): Promise<number> {
  return (
    await both.call<{ count: number }>({
      method: 'GET',
      path: `/history/process-instance/count?processDefinitionKey=${processId}&finished=true`,
    })
  ).count;
}

function logCapture() {
  const lines: { level: number; msg: string }[] = [];
  return {
    lines,
    log: pino(
      { level: 'info' },
      { write: (s: string) => void lines.push(JSON.parse(s) as { level: number; msg: string }) },
    ),
  };
}

function newSource(rest: OperatonRest, opts: Partial<ExternalTaskSourceOptions> = {}) {
  const { log, lines } = logCapture();
  const source = new ExternalTaskSource({
    rest,
    workerId: `it-${sources.length}-${Math.random().toString(36).slice(2, 8)}`,
    log,
    ...opts,
  });
  sources.push(source);
  const reports: { job: Job; outcome: JobOutcome; report: JobReport }[] = [];
  const onReported = (job: Job, outcome: JobOutcome, report: JobReport) => void reports.push({ job, outcome, report });
  return { source, lines, reports, onReported };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

describe('external task source on real Operaton', () => {
  it('completes with JSON variables that a following gateway condition reads, and maps the task to a job', async () => {
    const { processId, topic } = await deployProcess('complete');
    const s = newSource(both);
    const jobs: Job[] = [];
    s.source.start(
      [{ topic, lockMs: 30_000 }],
      async (job) => (jobs.push(job), { kind: 'complete', variables: { result: { ok: true, checked: ['a', 'b'] } } }),
      s.onReported,
    );
    const id = await startInstance(nodeA, processId, { input: { hours: 120, minor: false } }, 'case-42');
    expect(await waitFor('the instance to end', () => endedAt(id), 60_000)).toEqual(['Ok']);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      topic,
      instanceId: id,
      elementId: 'Work',
      processId,
      businessKey: 'case-42',
      retries: 3,
      variables: { input: { hours: 120, minor: false } },
      headers: { channel: 'post' },
    });
    expect(jobs[0]!.activityInstanceId).toMatch(/^Work:/);
    const vars = await both.call<{ value: unknown }[]>({
      method: 'GET',
      path: `/history/variable-instance?processInstanceId=${id}&variableName=result&deserializeValues=false`,
    });
    expect(JSON.parse(String(vars[0]!.value))).toEqual({ ok: true, checked: ['a', 'b'] });
    expect(s.reports.map((r) => r.report)).toEqual(['reported']);
  });

  it('routes a BPMN error to the boundary event', async () => {
    const { processId, topic } = await deployProcess('bpmn_error');
    const s = newSource(both);
    s.source.start(
      [{ topic, lockMs: 30_000 }],
      async () => ({
        kind: 'bpmn-error',
        errorCode: 'BIZ',
        errorMessage: 'the register says no',
        variables: { reason: 'no' },
      }),
      s.onReported,
    );
    const id = await startInstance(nodeB, processId);
    expect(await waitFor('the instance to end', () => endedAt(id), 60_000)).toEqual(['Failed']);
  });

  it('retries a failure after its back-off with the retries it reported, and raises an incident when none are left', async () => {
    const { processId, topic } = await deployProcess('failure');
    // A short poll: a waiting poll is not woken when a retry timeout expires (ENGINE.md §6).
    const s = newSource(both, { pollTimeoutMs: 2_000 });
    const seen: { retries: number; at: number }[] = [];
    s.source.start(
      [{ topic, lockMs: 30_000 }],
      async (job) => {
        seen.push({ retries: job.retries, at: Date.now() });
        return job.retries > 2
          ? { kind: 'fail', errorMessage: 'register down', retries: job.retries - 1, retryBackOffMs: 1_000 }
          : {
              kind: 'fail',
              errorMessage: 'Register lookup failed after all retries: down. Fix the cause, then retry the incident.',
              errorDetails: 'stack…',
              retries: 0,
              retryBackOffMs: 0,
            };
      },
      s.onReported,
    );
    const id = await startInstance(nodeA, processId);
    const incidents = await waitFor(
      'an incident',
      async () => {
        const list = await both.call<{ incidentType: string; incidentMessage: string; activityId: string }[]>({
          method: 'GET',
          path: `/incident?processInstanceId=${id}`,
        });
        return list.length ? list : undefined;
      },
      60_000,
    );
    expect(incidents).toEqual([
      expect.objectContaining({
        incidentType: 'failedExternalTask',
        activityId: 'Work',
        incidentMessage: 'Register lookup failed after all retries: down. Fix the cause, then retry the incident.',
      }),
    ]);
    expect(seen.map((x) => x.retries)).toEqual([3, 2]);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('keeps a slow handler’s task locked by extending the lock, so a second source never gets it', async () => {
    const { processId, topic } = await deployProcess('slow');
    const handled: string[] = [];
    const slow = async (job: Job): Promise<JobOutcome> => {
      handled.push(job.id);
      await sleep(5_000);
      return { kind: 'complete', variables: { result: { ok: true } } };
    };
    // A 2-second lock, extended every second, around a 5-second handler.
    const first = newSource(nodeA, { pollTimeoutMs: 5_000 });
    const second = newSource(nodeB, { pollTimeoutMs: 5_000 });
    first.source.start([{ topic, lockMs: 2_000 }], slow, first.onReported);
    second.source.start([{ topic, lockMs: 2_000 }], slow, second.onReported);
    const id = await startInstance(both, processId);
    expect(await waitFor('the instance to end', () => endedAt(id), 60_000)).toEqual(['Ok']);
    expect(handled).toHaveLength(1);
    expect([...first.reports, ...second.reports].map((r) => r.report)).toEqual(['reported']);
  });

  it('stops gracefully: waiting polls end at once, the job in hand finishes and reports', async () => {
    const { processId, topic } = await deployProcess('graceful');
    const s = newSource(both);
    let started = false;
    let finished = false;
    s.source.start(
      [{ topic, lockMs: 30_000 }],
      async () => {
        started = true;
        await sleep(2_000);
        finished = true;
        return { kind: 'complete', variables: { result: { ok: true } } };
      },
      s.onReported,
    );
    const id = await startInstance(nodeA, processId);
    await waitFor('the handler to start', async () => (started ? true : undefined), 60_000, 20);
    expect(await s.source.stop(30_000)).toEqual({ unfinished: 0 });
    expect(finished).toBe(true);
    expect(s.reports.map((r) => r.report)).toEqual(['reported']);
    expect(await waitFor('the instance to end', () => endedAt(id), 30_000)).toEqual(['Ok']);
  });

  it('two engine nodes: 40 instances started alternately through A and B complete, each exactly once', async () => {
    const { processId, topic } = await deployProcess('two_nodes');
    const s = newSource(both, { maxJobs: 8 });
    const handled = new Map<string, number>();
    s.source.start(
      [{ topic, lockMs: 30_000 }],
      async (job) => {
        handled.set(job.instanceId, (handled.get(job.instanceId) ?? 0) + 1);
        await sleep(20);
        return { kind: 'complete', variables: { result: { ok: true } } };
      },
      s.onReported,
    );
    const ids: string[] = [];
    for (let i = 0; i < 40; i++)
      ids.push(await startInstance(i % 2 === 0 ? nodeA : nodeB, processId, { i }, `case-${i}`));
    await waitFor(
      '40 finished instances',
      async () => ((await finishedCount(processId)) === 40 ? true : undefined),
      120_000,
      250,
    );
    expect([...handled.keys()].sort()).toEqual([...ids].sort());
    expect([...handled.values()].every((n) => n === 1)).toBe(true);
    for (const id of ids) expect(await endedAt(id)).toEqual(['Ok']);
  });

  it('a task created right after a source stopped reaches another source once the abandoned poll’s short lock ends (printed)', async () => {
    const { processId, topic } = await deployProcess('abandoned');
    const complete = async (): Promise<JobOutcome> => ({ kind: 'complete', variables: { result: { ok: true } } });
    const first = newSource(nodeA);
    first.source.start([{ topic, lockMs: 30_000 }], complete, first.onReported);
    // Its poll is waiting on the engine when it stops: the engine keeps it and may lock the next task to it.
    await sleep(500);
    expect(await first.source.stop(1_000)).toEqual({ unfinished: 0 });
    const second = newSource(nodeA);
    let pickedAt = 0;
    second.source.start(
      [{ topic, lockMs: 30_000 }],
      async () => ((pickedAt = Date.now()), complete()),
      second.onReported,
    );
    await sleep(200);
    const t0 = Date.now();
    const id = await startInstance(nodeA, processId);
    expect(await waitFor('the instance to end', () => endedAt(id), 90_000)).toEqual(['Ok']);
    console.log(
      `task created after a source stopped with a waiting poll: another source got it after ${pickedAt - t0} ms (poll lock 10 s, poll timeout 15 s)`,
    );
  });

  it('measures external task created → locked by a worker on two nodes (printed, not asserted)', async () => {
    // The engine's createTime of each task, read from the fetch-and-lock answers.
    const created = new Map<string, number>();
    const spyFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/external-task/fetchAndLock') && res.ok) {
        const tasks = (await res.clone().json()) as { id: string; createTime: string }[];
        for (const t of tasks) created.set(t.id, Date.parse(t.createTime.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
      }
      return res;
    }) as typeof fetch;
    const conn = { user: cluster.user, password: cluster.password, fetch: spyFetch };
    const measure = async (
      label: string,
      pollNodes: string[],
      startVia: (i: number) => OperatonRest,
      count: number,
      pollTimeoutMs = 15_000,
    ) => {
      // A topic per run: a stopped source's abandoned poll may still lock a task of its topic (ENGINE.md §6).
      const { processId, topic } = await deployProcess('latency');
      const s = newSource(new OperatonRest({ ...conn, nodes: pollNodes }), { pollTimeoutMs });
      const lockedAt = new Map<string, number>();
      const byInstance = new Map<string, string>();
      s.source.start(
        [{ topic, lockMs: 30_000 }],
        async (job) => {
          lockedAt.set(job.id, Date.now());
          byInstance.set(job.instanceId, job.id);
          return { kind: 'complete', variables: { result: { ok: true } } };
        },
        s.onReported,
      );
      // Let both polls wait on their nodes first.
      await sleep(500);
      const samples: { via: string; ms: number }[] = [];
      for (let i = 0; i < count; i++) {
        const via = startVia(i);
        const id = await startInstance(via, processId, {}, `lat-${i}`);
        const taskId = await waitFor('the worker to get the task', async () => byInstance.get(id), 60_000, 2);
        samples.push({ via: via === nodeA ? 'A' : 'B', ms: lockedAt.get(taskId)! - created.get(taskId)! });
        await sleep(20);
      }
      await s.source.stop(5_000);
      const stats = (xs: number[]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        return {
          n: sorted.length,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          max: sorted[sorted.length - 1],
        };
      };
      const all = stats(samples.map((x) => x.ms));
      console.log(
        `createdToWorkerMs (${label}): ${JSON.stringify({ all, startedOnA: stats(samples.filter((x) => x.via === 'A').map((x) => x.ms)), startedOnB: stats(samples.filter((x) => x.via === 'B').map((x) => x.ms)) })}`,
      );
      return all;
    };
    // Warm-up: the first tasks after a deployment pay for parsing and caches.
    await measure(
      'warm-up, not counted',
      [cluster.nodes[0]!.url, cluster.nodes[1]!.url],
      (i) => (i % 2 ? nodeB : nodeA),
      6,
    );
    const polled = await measure(
      'worker polls both nodes, instances started alternately through A and B',
      [cluster.nodes[0]!.url, cluster.nodes[1]!.url],
      (i) => (i % 2 ? nodeB : nodeA),
      50,
    );
    // The engine app's relay alone: the worker polls only B, tasks are created on A. A short poll bounds the wait
    // when the relay does not wake B's poll (then the figures are about the poll timeout).
    await measure(
      'worker polls only B, instances started through A (relay between nodes)',
      [cluster.nodes[1]!.url],
      () => nodeA,
      10,
      5_000,
    );
    expect(polled.n).toBe(50);
  }, 400_000);

  // Last: it kills node A.
  it('SIGKILL of node A mid-run: every instance still completes through node B, exactly once', async () => {
    const { processId, topic } = await deployProcess('kill');
    const s = newSource(both, { maxJobs: 8 });
    const handled = new Map<string, number>();
    s.source.start(
      [{ topic, lockMs: 10_000 }],
      async (job) => {
        handled.set(job.instanceId, (handled.get(job.instanceId) ?? 0) + 1);
        await sleep(150);
        return { kind: 'complete', variables: { result: { ok: true } } };
      },
      s.onReported,
    );
    const ids: string[] = [];
    let killed = false;
    for (let i = 0; i < 40; i++) {
      if (i === 20) {
        // Jobs are in flight on both nodes now.
        await waitFor('some jobs handled', async () => (handled.size >= 8 ? true : undefined), 60_000, 10);
        await cluster.nodes[0]!.kill('SIGKILL');
        killed = true;
      }
      ids.push(await startInstance(!killed && i % 2 === 0 ? nodeA : nodeB, processId, { i }, `kill-${i}`));
    }
    const finished = async () =>
      (
        await nodeB.call<{ count: number }>({
          method: 'GET',
          path: `/history/process-instance/count?processDefinitionKey=${processId}&finished=true`,
        })
      ).count;
    await waitFor('40 finished instances', async () => ((await finished()) === 40 ? true : undefined), 180_000, 500);
    const reports = s.reports.reduce<Record<string, number>>(
      (acc, r) => ((acc[r.report] = (acc[r.report] ?? 0) + 1), acc),
      {},
    );
    console.log(
      `SIGKILL of node A: ${JSON.stringify({ instances: ids.length, handlerCalls: [...handled.values()].reduce((a, b) => a + b, 0), reports })}`,
    );
    expect([...handled.keys()].sort()).toEqual([...ids].sort());
    expect([...handled.values()].filter((n) => n !== 1)).toEqual([]);
    for (const id of ids) {
      const ends = await nodeB.call<{ activityId: string }[]>({
        method: 'GET',
        path: `/history/activity-instance?processInstanceId=${id}&activityType=noneEndEvent`,
      });
      expect(ends.map((e) => e.activityId)).toEqual(['Ok']);
    }
    // The dead node is logged once, not per try.
    expect(s.lines.filter((l) => /did not answer a poll/.test(l.msg))).toHaveLength(1);
  });
});
