import type { PrismaClient } from '../../prisma/generated/client';
import { deployDraftModule, moduleWithDraft, recordDraftDeployment } from './deploy';
import { fakeWorkflow, workflowError } from '../test-support/fake-workflow';
import { HttpProblem } from '../problem';

/** A Prisma stand-in: deployed_resource rows for $queryRaw, and a transaction whose writes are recorded in order. */
function fakePrisma(deployed: { resource_name: string; content: string }[] = [], recordedVersion = 7) {
  const writes: string[] = [];
  let inTransaction = false;
  const tx = {
    $executeRawUnsafe: async (sql: string) => {
      writes.push(
        `${inTransaction ? 'tx' : 'outside'}: ${/INSERT INTO deployed_resource[\s\S]*'(BPMN|FORM)'/.exec(sql)?.[1] ?? 'sql'}`,
      );
      return 1;
    },
    deployedResource: { findUnique: async () => ({ version: recordedVersion }) },
    modelDraft: { update: async () => writes.push(`${inTransaction ? 'tx' : 'outside'}: draft`) },
    auditLog: {
      create: async (a: { data: { details: unknown } }) =>
        writes.push(`${inTransaction ? 'tx' : 'outside'}: audit ${JSON.stringify(a.data.details)}`),
    },
  };
  const prisma = {
    $queryRaw: async () => deployed,
    $transaction: async (fn: (t: typeof tx) => Promise<unknown>) => {
      inTransaction = true;
      try {
        return await fn(tx);
      } finally {
        inTransaction = false;
      }
    },
  };
  return { prisma: prisma as unknown as PrismaClient, writes };
}

describe('deploying a draft', () => {
  it('sends the whole module: the folder’s files as deployed last, the repository’s otherwise, the draft on top', async () => {
    const { prisma } = fakePrisma([
      {
        resource_name: 'platform-smoke/platform-smoke-review.form',
        content: '{"id":"platform-smoke-review","components":[],"v":"deployed"}',
      },
    ]);
    const { module, files } = await moduleWithDraft(prisma, {
      resourceName: 'platform-smoke/platform-smoke.bpmn',
      content: '<draft/>',
    });
    expect(module).toBe('platform-smoke');
    expect(files.map((f) => f.name)).toEqual([
      'platform-smoke/platform-smoke-review.form',
      'platform-smoke/platform-smoke.bpmn',
    ]);
    expect(files[0]!.content).toContain('"v":"deployed"');
    expect(files[1]!.content).toBe('<draft/>');
  });

  it('deploys under the module’s name and turns the engine’s refusal into 422 with its words', async () => {
    const { prisma } = fakePrisma();
    const workflow = fakeWorkflow();
    await deployDraftModule(prisma, workflow, {
      resourceName: 'platform-smoke/platform-smoke.bpmn',
      content: '<draft/>',
    });
    expect(workflow.calls.find((c) => c.method === 'deploy')?.args[0]).toBe('platform-smoke');
    const refusing = fakeWorkflow({
      deploy: async () =>
        Promise.reject(
          workflowError(
            'rejected',
            'ENGINE-09005 Could not parse BPMN process: External tasks must specify a topic | line 18',
          ),
        ),
    });
    const err = await deployDraftModule(prisma, refusing, {
      resourceName: 'platform-smoke/platform-smoke.bpmn',
      content: '<draft/>',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpProblem);
    expect(err).toMatchObject({
      status: 422,
      detail: expect.stringMatching(/must specify a topic.*Nothing was deployed/),
    });
  });

  it('records what the engine versioned, marks the draft and writes the audit row in one transaction', async () => {
    const { prisma, writes } = fakePrisma([], 4);
    const d = {
      module: 'platform-smoke',
      deploymentKey: 'dep-1',
      processes: [
        {
          bpmnProcessId: 'platform-smoke',
          version: 4,
          processDefinitionKey: 'platform-smoke:4:x',
          resourceName: 'platform-smoke/platform-smoke.bpmn',
          content: '<draft/>',
        },
      ],
      forms: [
        { formId: 'platform-smoke-review', resourceName: 'platform-smoke/platform-smoke-review.form', content: '{}' },
      ],
    };
    const r = await recordDraftDeployment(
      prisma,
      d,
      { id: 9, resourceName: 'platform-smoke/platform-smoke.bpmn' },
      {
        actor: 'kristaps.lacis',
        entityType: 'process',
        entityId: 'platform-smoke',
        previousVersion: 3,
        ip: '127.0.0.1',
      },
    );
    expect(r).toEqual({ version: 4 });
    expect(writes).toEqual([
      'tx: BPMN',
      'tx: FORM',
      'tx: draft',
      expect.stringMatching(/^tx: audit .*"version":4.*"deploymentKey":"dep-1"/),
    ]);
  });
});
