import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngineRestClient, EngineError, parseJsonKeepingBigInts } from './engine-rest';

/** A stand-in for the engine's REST gateway: records requests, answers what the test sets. */
function fakeEngine() {
  const seen: { method: string; url: string; body: string; contentType?: string }[] = [];
  let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(204).end();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, body, ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}) });
      answer(req, res);
    });
  });
  return {
    seen,
    answer: (fn: typeof answer) => (answer = fn),
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('engine REST client', () => {
  const engine = fakeEngine();
  let restAddress: string;
  beforeAll(async () => {
    restAddress = await engine.start();
  });
  afterAll(() => engine.stop());

  it('calls the Camunda 8.6 user-task endpoints with the key as given', async () => {
    const client = createEngineRestClient({ restAddress });
    const key = '9223372036854775807';
    await client.completeUserTask(key, { decision: 'approved', amount: 12.5 });
    await client.assignUserTask(key, 'anna.berzina');
    await client.assignUserTask(key, 'janis', true);
    await client.unassignUserTask(key);
    await client.completeUserTask('1');
    expect(engine.seen.slice(-5)).toEqual([
      { method: 'POST', url: `/v2/user-tasks/${key}/completion`, body: '{"variables":{"decision":"approved","amount":12.5}}', contentType: 'application/json' },
      { method: 'POST', url: `/v2/user-tasks/${key}/assignment`, body: '{"assignee":"anna.berzina","allowOverride":false}', contentType: 'application/json' },
      { method: 'POST', url: `/v2/user-tasks/${key}/assignment`, body: '{"assignee":"janis","allowOverride":true}', contentType: 'application/json' },
      { method: 'DELETE', url: `/v2/user-tasks/${key}/assignee`, body: '' },
      { method: 'POST', url: '/v2/user-tasks/1/completion', body: '{"variables":{}}', contentType: 'application/json' },
    ]);
  });

  it('changes user tasks, starts instances and publishes messages', async () => {
    const client = createEngineRestClient({ restAddress });
    await client.updateUserTask('7', { candidateGroups: ['officer.riga', 'senior-officer.riga'] });
    engine.answer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"processInstanceKey":2251799813685263123,"version":3}'));
    await expect(client.createProcessInstance('community-service', { caseId: '12' })).resolves.toEqual({ processInstanceKey: '2251799813685263123' });
    engine.answer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"messageKey":"2251799813685299999","tenantId":"<default>"}'));
    await expect(client.publishMessage({ name: 'hours-reported', correlationKey: '12', timeToLive: 60_000, messageId: 'r-1' })).resolves.toEqual({ messageKey: '2251799813685299999' });
    expect(engine.seen.slice(-3)).toEqual([
      { method: 'PATCH', url: '/v2/user-tasks/7', body: '{"changeset":{"candidateGroups":["officer.riga","senior-officer.riga"]}}', contentType: 'application/json' },
      { method: 'POST', url: '/v2/process-instances', body: '{"processDefinitionId":"community-service","variables":{"caseId":"12"}}', contentType: 'application/json' },
      {
        method: 'POST',
        url: '/v2/messages/publication',
        body: '{"name":"hours-reported","correlationKey":"12","timeToLive":60000,"messageId":"r-1","variables":{}}',
        contentType: 'application/json',
      },
    ]);
  });

  it('refuses keys that are not strings of digits (a number has already lost digits)', async () => {
    const client = createEngineRestClient({ restAddress });
    await expect(client.completeUserTask(2251799813685263 as unknown as string)).rejects.toThrow(TypeError);
    await expect(client.unassignUserTask('1/../../topology')).rejects.toThrow(/string of digits/);
  });

  it('reads the topology', async () => {
    const topology = {
      brokers: [{ nodeId: 0, host: '127.0.0.1', port: 26501, partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }], version: '8.6.0' }],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: '8.6.0',
    };
    engine.answer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(topology)));
    await expect(createEngineRestClient({ restAddress: `${restAddress}/` }).topology()).resolves.toEqual(topology);
    expect(engine.seen.at(-1)).toMatchObject({ method: 'GET', url: '/v2/topology' });
  });

  it('turns the engine’s problem documents into EngineError', async () => {
    engine.answer((_req, res) =>
      res
        .writeHead(409, { 'content-type': 'application/problem+json' })
        .end(JSON.stringify({ type: 'about:blank', title: 'INVALID_STATE', status: 409, detail: "Command 'COMPLETE' rejected with code 'INVALID_STATE'", instance: '/v2/user-tasks/5/completion' })),
    );
    const err = (await createEngineRestClient({ restAddress }).completeUserTask('5', {}).catch((e: unknown) => e)) as EngineError;
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ status: 409, title: 'INVALID_STATE', detail: "Command 'COMPLETE' rejected with code 'INVALID_STATE'", operation: 'POST /v2/user-tasks/5/completion' });

    engine.answer((_req, res) => res.writeHead(500, 'Server Error').end('java.lang.NullPointerException'));
    await expect(createEngineRestClient({ restAddress }).completeUserTask('5', {})).rejects.toMatchObject({ status: 500, title: 'Server Error', detail: 'java.lang.NullPointerException' });
  });

  it('reports an engine that does not answer as 503, and one too slow as 504', async () => {
    const closed = fakeEngine();
    const address = await closed.start();
    await closed.stop();
    await expect(createEngineRestClient({ restAddress: address }).topology()).rejects.toMatchObject({ status: 503, detail: expect.stringContaining('connection refused') });

    engine.answer(() => undefined); // never answers
    const started = Date.now();
    await expect(createEngineRestClient({ restAddress }, { timeoutMs: 150 }).topology()).rejects.toMatchObject({ status: 504, title: 'Engine timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('parseJsonKeepingBigInts', () => {
  it('keeps 64-bit integers as strings and leaves everything else as JSON.parse would', () => {
    const text = '{"key":2251799813685263123,"neg":-9223372036854775807,"small":42,"safe":9007199254740991,"f":1.5e3,"s":"2251799813685263123 \\" 9007199254740993","a":[1,18014398509481985]}';
    expect(parseJsonKeepingBigInts(text)).toEqual({
      key: '2251799813685263123',
      neg: '-9223372036854775807',
      small: 42,
      safe: 9007199254740991,
      f: 1500,
      s: '2251799813685263123 " 9007199254740993',
      a: [1, '18014398509481985'],
    });
    expect(parseJsonKeepingBigInts('[]')).toEqual([]);
    expect(() => parseJsonKeepingBigInts('{oops')).toThrow(SyntaxError);
  });
});
