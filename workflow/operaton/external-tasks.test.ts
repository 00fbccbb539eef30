import pino from 'pino';
import type { Job, JobOutcome, JobReport } from '../port';
import { ExternalTaskSource, toJob, type LockedExternalTask } from './external-tasks';
import { OperatonRest } from './rest';

/** The protocol decisions of the external-task source against a fake engine; the real one is in external-tasks.it.test.ts. */

const A = 'http://a.test';
const B = 'http://b.test';

interface Poll {
  node: string;
  body: { maxTasks: number; asyncResponseTimeout: number; topics: { topicName: string; lockDuration: number }[] };
  respond(tasks: LockedExternalTask[]): void;
  aborted: boolean;
}

interface Call {
  node: string;
  path: string;
  body: Record<string, unknown> | undefined;
  at: number;
}

/** A fake engine behind fetch: polls wait until the test answers them; other calls answer with `answer`. */
class FakeEngine {
  polls: Poll[] = [];
  calls: Call[] = [];
  dead = new Set<string>();
  answer: (call: Call) => { status: number; body?: unknown } = () => ({ status: 204 });

  fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const node = url.origin;
    const path = url.pathname.replace(/^\/engine-rest/, '');
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    if (this.dead.has(node)) {
      this.calls.push({ node, path, body, at: Date.now() });
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }
    if (path === '/external-task/fetchAndLock') {
      return new Promise<Response>((resolve, reject) => {
        const poll: Poll = {
          node,
          body: body as unknown as Poll['body'],
          aborted: false,
          respond: (tasks) => {
            this.polls = this.polls.filter((p) => p !== poll);
            resolve(new Response(JSON.stringify(tasks), { status: 200 }));
          },
        };
        init?.signal?.addEventListener('abort', () => {
          poll.aborted = true;
          this.polls = this.polls.filter((p) => p !== poll);
          reject(new DOMException('aborted', 'AbortError'));
        });
        this.polls.push(poll);
      });
    }
    const call = { node, path, body, at: Date.now() };
    this.calls.push(call);
    const a = this.answer(call);
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), { status: a.status });
  }) as typeof fetch;

  callsTo(suffix: string): Call[] {
    return this.calls.filter((c) => c.path.endsWith(suffix));
  }
}

function task(id: string, over: Partial<LockedExternalTask> = {}): LockedExternalTask {
  return {
    id,
    topicName: 't.work',
    workerId: 'w',
    processInstanceId: `pi-${id}`,
    activityId: 'Work',
    activityInstanceId: `Work:${id}`,
    processDefinitionKey: 'proc',
    businessKey: '17',
    retries: null,
    variables: {},
    extensionProperties: {},
    ...over,
  };
}

function logCapture() {
  const lines: { level: number; msg: string; node?: string }[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (s: string) => void lines.push(JSON.parse(s) as (typeof lines)[number]) },
  );
  return { log, lines };
}

function setup(opts: { nodes?: string[]; maxJobs?: number; pollTimeoutMs?: number } = {}) {
  const engine = new FakeEngine();
  const { log, lines } = logCapture();
  const rest = new OperatonRest({ nodes: opts.nodes ?? [A], user: 'svc', password: 'pw', fetch: engine.fetch });
  const source = new ExternalTaskSource({
    rest,
    workerId: 'w',
    log,
    maxJobs: opts.maxJobs ?? 4,
    pollTimeoutMs: opts.pollTimeoutMs ?? 15_000,
    reportRetryMs: 1,
  });
  const reports: { job: Job; outcome: JobOutcome; report: JobReport }[] = [];
  return {
    engine,
    source,
    lines,
    reports,
    onReported: (job: Job, outcome: JobOutcome, report: JobReport) => void reports.push({ job, outcome, report }),
  };
}

/** A handler whose jobs wait until the test releases them. */
function heldHandler() {
  const waiting = new Map<string, (o: JobOutcome) => void>();
  const handle = (job: Job) => new Promise<JobOutcome>((r) => waiting.set(job.id, r));
  const release = (id: string, outcome: JobOutcome = { kind: 'complete', variables: {} }) => {
    waiting.get(id)!(outcome);
    waiting.delete(id);
  };
  return { handle, release, waiting };
}

const tick = async (n = 10) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('external task source', () => {
  afterEach(() => jest.useRealTimers());

  it('asks each poll for only the room there is, and polls again when a job finishes', async () => {
    const s = setup({ maxJobs: 3 });
    const h = heldHandler();
    s.source.start([{ topic: 't.work', lockMs: 30_000 }], h.handle, s.onReported);
    await tick();
    expect(s.engine.polls).toHaveLength(1);
    expect(s.engine.polls[0]!.body).toMatchObject({
      workerId: 'w',
      maxTasks: 3,
      usePriority: true,
      sorting: [{ sortBy: 'createTime', sortOrder: 'asc' }],
      asyncResponseTimeout: 15_000,
    });
    // A poll takes a short lock (an abandoned poll keeps the task that long); the first extension brings the full one.
    expect(s.engine.polls[0]!.body.topics).toEqual([
      { topicName: 't.work', lockDuration: 10_000, deserializeValues: false, includeExtensionProperties: true },
    ]);
    s.engine.polls[0]!.respond([task('1'), task('2')]);
    await tick();
    expect(s.source.inFlight).toBe(2);
    expect(s.engine.polls.map((p) => p.body.maxTasks)).toEqual([1]);
    s.engine.polls[0]!.respond([task('3')]);
    await tick();
    // Full: no poll until a job is done.
    expect(s.engine.polls).toHaveLength(0);
    h.release('2', { kind: 'complete', variables: { result: { ok: true } } });
    await tick();
    expect(s.engine.callsTo('/complete')).toEqual([
      expect.objectContaining({
        path: '/external-task/2/complete',
        body: {
          workerId: 'w',
          variables: {
            result: {
              type: 'Object',
              value: '{"ok":true}',
              valueInfo: { objectTypeName: 'java.util.LinkedHashMap', serializationDataFormat: 'application/json' },
            },
          },
        },
      }),
    ]);
    expect(s.reports.map((r) => [r.job.id, r.report])).toEqual([['2', 'reported']]);
    expect(s.engine.polls.map((p) => p.body.maxTasks)).toEqual([1]);
    h.release('1');
    h.release('3');
    await s.source.stop(1_000);
  });

  it('polls every engine node, each with a share of the room', async () => {
    const s = setup({ nodes: [A, B], maxJobs: 4 });
    const h = heldHandler();
    s.source.start([{ topic: 't.work', lockMs: 30_000 }], h.handle, s.onReported);
    await tick();
    expect(s.engine.polls.map((p) => [p.node, p.body.maxTasks])).toEqual([
      [A, 2],
      [B, 2],
    ]);
    s.engine.polls.find((p) => p.node === A)!.respond([task('1'), task('2')]);
    await tick();
    // A's jobs fill its share: A polls again only with the room B's waiting poll leaves, which is none.
    expect(s.engine.polls.map((p) => p.node)).toEqual([B]);
    h.release('1');
    await tick();
    expect(s.engine.polls.map((p) => [p.node, p.body.maxTasks])).toEqual([
      [B, 2],
      [A, 1],
    ]);
    h.release('2');
    await s.source.stop(1_000);
  });

  it('extends the lock at half its duration while the handler runs, and not after', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const s = setup();
    const h = heldHandler();
    s.source.start([{ topic: 't.work', lockMs: 30_000 }], h.handle, s.onReported);
    await tick();
    s.engine.polls[0]!.respond([task('1')]);
    await tick();
    // The poll's lock is 10 s: the first extension at 5 s brings it to the subscription's 30 s.
    await jest.advanceTimersByTimeAsync(4_999);
    expect(s.engine.callsTo('/extendLock')).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(s.engine.callsTo('/extendLock')).toEqual([
      expect.objectContaining({ path: '/external-task/1/extendLock', body: { workerId: 'w', newDuration: 30_000 } }),
    ]);
    await jest.advanceTimersByTimeAsync(14_999);
    expect(s.engine.callsTo('/extendLock')).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(s.engine.callsTo('/extendLock')).toHaveLength(2);
    h.release('1');
    await tick();
    expect(s.engine.callsTo('/complete')).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(s.engine.callsTo('/extendLock')).toHaveLength(2);
    const stopped = s.source.stop(1_000);
    await jest.advanceTimersByTimeAsync(0);
    await stopped;
  });

  it('tries a failed extension again soon, before the lock runs out', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const s = setup();
    let n = 0;
    s.engine.answer = (c) =>
      c.path.endsWith('/extendLock') && ++n === 1 ? { status: 503, body: { message: 'busy' } } : { status: 204 };
    const h = heldHandler();
    s.source.start([{ topic: 't.work', lockMs: 30_000 }], h.handle, s.onReported);
    await tick();
    s.engine.polls[0]!.respond([task('1')]);
    await tick();
    const t0 = Date.now();
    await jest.advanceTimersByTimeAsync(20_000);
    // 5 s (half the poll's 10 s lock), failed; again 1.25 s later; then every 15 s.
    expect(s.engine.callsTo('/extendLock').map((c) => c.at - t0)).toEqual(
      [5_000, 6_250, 6_250 + 15_000].filter((t) => t <= 20_000),
    );
    h.release('1');
    const stopped = s.source.stop(1_000);
    await jest.advanceTimersByTimeAsync(0);
    await stopped;
  });

  it('stops extending a lock the engine says is no longer ours, and counts the outcome as lost', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const s = setup();
    s.engine.answer = (c) =>
      c.path.endsWith('/extendLock')
        ? {
            status: 400,
            body: {
              type: 'RestException',
              message:
                "The lock of the External Task 1 cannot be extended by worker 'w''. It is locked by worker 'other'.",
            },
          }
        : {
            status: 400,
            body: {
              type: 'RestException',
              message: "External Task 1 cannot be completed by worker 'w'. It is locked by worker 'other'.",
            },
          };
    const h = heldHandler();
    s.source.start([{ topic: 't.work', lockMs: 10_000 }], h.handle, s.onReported);
    await tick();
    s.engine.polls[0]!.respond([task('1')]);
    await tick();
    await jest.advanceTimersByTimeAsync(30_000);
    expect(s.engine.callsTo('/extendLock')).toHaveLength(1);
    h.release('1');
    await tick();
    expect(s.reports.map((r) => r.report)).toEqual(['lost']);
    expect(s.source.lost).toBe(1);
    const stopped = s.source.stop(1_000);
    await jest.advanceTimersByTimeAsync(0);
    await stopped;
  });

  it('backs off from a dead node with a capped exponential delay, logs it once, and keeps polling the live one', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const s = setup({ nodes: [A, B] });
    s.engine.dead.add(B);
    const start = Date.now();
    s.source.start(
      [{ topic: 't.work', lockMs: 30_000 }],
      async () => ({ kind: 'complete', variables: {} }),
      s.onReported,
    );
    await jest.advanceTimersByTimeAsync(60_000);
    const tries = s.engine.callsTo('/fetchAndLock').map((c) => c.at - start);
    const gaps = tries.slice(1).map((t, i) => t - tries[i]!);
    expect(gaps.slice(0, 7)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
    expect(s.lines.filter((l) => /did not answer a poll/.test(l.msg))).toHaveLength(1);
    // The live node's poll waits all the while.
    expect(s.engine.polls.map((p) => p.node)).toEqual([A]);
    s.engine.dead.delete(B);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(s.engine.polls.map((p) => p.node).sort()).toEqual([A, B]);
    s.engine.polls.find((p) => p.node === B)!.respond([]);
    await jest.advanceTimersByTimeAsync(0);
    expect(s.lines.filter((l) => /answers polls again/.test(l.msg))).toHaveLength(1);
    const stopped = s.source.stop(1_000);
    await jest.advanceTimersByTimeAsync(0);
    expect(await stopped).toEqual({ unfinished: 0 });
  });

  it('stop abandons waiting polls at once and waits for jobs in hand to report', async () => {
    const s = setup({ nodes: [A, B] });
    const h = heldHandler();
    s.source.start([{ topic: 't.work', lockMs: 30_000 }], h.handle, s.onReported);
    await tick();
    const polls = [...s.engine.polls];
    polls[0]!.respond([task('1')]);
    await tick();
    let stopped: { unfinished: number } | undefined;
    const stopping = s.source.stop(5_000).then((r) => (stopped = r));
    await tick();
    expect(polls.every((p) => p.aborted || p.node === polls[0]!.node)).toBe(true);
    expect(s.engine.polls).toHaveLength(0);
    expect(stopped).toBeUndefined();
    h.release('1');
    await stopping;
    expect(stopped).toEqual({ unfinished: 0 });
    expect(s.reports.map((r) => [r.job.id, r.report])).toEqual([['1', 'reported']]);
    expect(s.engine.callsTo('/fetchAndLock')).toHaveLength(0);
    expect(s.engine.polls).toHaveLength(0);
  });

  it('stop says how many jobs did not finish within the grace period', async () => {
    const s = setup();
    const h = heldHandler();
    s.source.start([{ topic: 't.work', lockMs: 30_000 }], h.handle, s.onReported);
    await tick();
    s.engine.polls[0]!.respond([task('1'), task('2')]);
    await tick();
    h.release('1');
    expect(await s.source.stop(50)).toEqual({ unfinished: 1 });
    h.release('2');
  });

  it('counts an outcome for a task that is gone as lost, without failing', async () => {
    const s = setup();
    s.engine.answer = () => ({
      status: 404,
      body: { type: 'RestException', message: 'External task with id 1 does not exist' },
    });
    s.source.start(
      [{ topic: 't.work', lockMs: 30_000 }],
      async () => ({ kind: 'bpmn-error', errorCode: 'NOPE', errorMessage: 'no', variables: { why: 'x' } }),
      s.onReported,
    );
    await tick();
    s.engine.polls[0]!.respond([task('1')]);
    await tick();
    expect(s.engine.callsTo('/bpmnError')).toEqual([
      expect.objectContaining({
        body: {
          workerId: 'w',
          errorCode: 'NOPE',
          errorMessage: 'no',
          variables: { why: { type: 'String', value: 'x' } },
        },
      }),
    ]);
    expect(s.reports.map((r) => r.report)).toEqual(['lost']);
    expect(s.lines.filter((l) => /no longer has this task/.test(l.msg))).toHaveLength(1);
    expect(await s.source.stop(1_000)).toEqual({ unfinished: 0 });
  });

  it('retries reporting an outcome through a transient failure', async () => {
    const s = setup({ nodes: [A] });
    let n = 0;
    s.engine.answer = () => (++n < 3 ? { status: 503, body: { message: 'busy' } } : { status: 204 });
    s.source.start(
      [{ topic: 't.work', lockMs: 30_000 }],
      async () => ({ kind: 'fail', errorMessage: 'down', retries: 2, retryBackOffMs: 4_000 }),
      s.onReported,
    );
    await tick();
    s.engine.polls[0]!.respond([task('1')]);
    for (let i = 0; i < 50 && s.reports.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(s.engine.callsTo('/failure')).toHaveLength(3);
    expect(s.engine.callsTo('/failure')[2]!.body).toEqual({
      workerId: 'w',
      errorMessage: 'down',
      retries: 2,
      retryTimeout: 4_000,
    });
    expect(s.reports.map((r) => r.report)).toEqual(['reported']);
    await s.source.stop(1_000);
  });

  it('turns a result the engine refuses into an incident that says why', async () => {
    const s = setup();
    s.engine.answer = (c) =>
      c.path.endsWith('/complete')
        ? { status: 400, body: { type: 'RestException', message: 'Cannot deserialize object in variable x' } }
        : { status: 204 };
    s.source.start(
      [{ topic: 't.work', lockMs: 30_000 }],
      async () => ({ kind: 'complete', variables: { x: 1 } }),
      s.onReported,
    );
    await tick();
    s.engine.polls[0]!.respond([task('1')]);
    await tick();
    expect(s.engine.callsTo('/failure')).toEqual([
      expect.objectContaining({
        body: expect.objectContaining({
          retries: 0,
          errorMessage: expect.stringMatching(/refused to store its result: .*Cannot deserialize.*What you can do/),
        }),
      }),
    ]);
    expect(s.reports.map((r) => r.report)).toEqual(['unreported']);
    await s.source.stop(1_000);
  });

  it('gives back a task that a poll brings after stop began', async () => {
    const s = setup();
    const handled: string[] = [];
    s.source.start(
      [{ topic: 't.work', lockMs: 30_000 }],
      async (job) => (handled.push(job.id), { kind: 'complete', variables: {} }),
      s.onReported,
    );
    await tick();
    const poll = s.engine.polls[0]!;
    // The answer is on its way when stop comes.
    poll.respond([task('1')]);
    await s.source.stop(1_000);
    expect(handled.length + s.engine.callsTo('/unlock').length).toBe(1);
  });
});

describe('external task → job', () => {
  it('maps the engine task to the port job, with the retries default on first delivery', () => {
    const t = task('9', {
      variables: {
        caseId: { type: 'String', value: '17' },
        rules: { type: 'Object', value: '{"a":1}', valueInfo: { serializationDataFormat: 'application/json' } },
      },
      extensionProperties: { channel: 'post' },
    });
    expect(toJob(t, 3)).toEqual({
      id: '9',
      topic: 't.work',
      instanceId: 'pi-9',
      activityInstanceId: 'Work:9',
      elementId: 'Work',
      processId: 'proc',
      businessKey: '17',
      retries: 3,
      variables: { caseId: '17', rules: { a: 1 } },
      headers: { channel: 'post' },
      failureDetails: null,
      engineNow: null,
    });
    expect(toJob({ ...t, retries: 1 }, 3).retries).toBe(1);
    expect(toJob({ ...t, extensionProperties: { retries: '5' } }, 3).retries).toBe(5);
    expect(toJob({ ...t, retries: 0, extensionProperties: { retries: '5' } }, 3).retries).toBe(0);
  });

  it("reads the engine's clock from the lock's end and passes the last failure's details on", () => {
    const t = task('9', { lockExpirationTime: '2026-12-05T03:39:10.000+0000', errorDetails: '{"tries":2}' });
    const job = toJob(t, 3, 10_000);
    expect(job.engineNow?.toISOString()).toBe('2026-12-05T03:39:00.000Z');
    expect(job.failureDetails).toBe('{"tries":2}');
  });
});
