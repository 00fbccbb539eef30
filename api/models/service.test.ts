import type { PrismaClient } from '../../prisma/generated/client';
import type { WorkflowEngine } from '../../workflow/port';
import { HttpProblem } from '../problem';
import { fakeWorkflow, workflowError } from '../test-support/fake-workflow';
import { modelService } from './service';

const BPMN = 'platform-smoke/platform-smoke.bpmn';
const deployedRow = {
  kind: 'BPMN',
  resourceId: 'platform-smoke',
  resourceName: BPMN,
  version: 3,
  content: '<deployed/>',
};
const draftRow = {
  id: 9,
  kind: 'BPMN',
  resourceId: 'platform-smoke',
  resourceName: BPMN,
  content: '<draft/>',
  basedOnVersion: 3,
};

/**
 * A Prisma stand-in that keeps what the deploy use case does, in order: reads, the engine's call (through the
 * workflow fake) and writes. Writes inside the transaction are committed only when its callback succeeds, as
 * PostgreSQL would; `failIn` makes one write inside the transaction throw.
 */
function world(opts: { failIn?: 'audit' | 'draft'; deployed?: typeof deployedRow; draft?: typeof draftRow } = {}) {
  const log: string[] = [];
  const committed: string[] = [];
  let pending: string[] | undefined;
  const write = (what: string) => {
    if (opts.failIn && what.startsWith(opts.failIn)) throw new Error(`${what} failed: connection reset`);
    if (pending) pending.push(what);
    else committed.push(what);
    log.push(`write ${what}`);
  };
  const tx = {
    $executeRawUnsafe: async () => write('deployed_resource'),
    deployedResource: { findUnique: async () => ({ version: 4 }) },
    modelDraft: { update: async () => write('draft marked') },
    auditLog: { create: async () => write('audit') },
  };
  const prisma = {
    modelDraft: { findFirst: async () => (log.push('read draft'), opts.draft ?? draftRow) },
    deployedResource: { findFirst: async () => (log.push('read deployed'), opts.deployed ?? deployedRow) },
    $queryRaw: async () => [],
    $transaction: async (fn: (t: typeof tx) => Promise<unknown>) => {
      log.push('begin');
      pending = [];
      try {
        const r = await fn(tx);
        committed.push(...pending);
        log.push('commit');
        return r;
      } catch (err) {
        log.push('rollback');
        throw err;
      } finally {
        pending = undefined;
      }
    },
  };
  return { prisma: prisma as unknown as PrismaClient, log, committed };
}

function engine(over: Partial<WorkflowEngine> = {}, log?: string[]) {
  return fakeWorkflow({
    deploy: async () => {
      log?.push('engine deploy');
      return {
        deploymentId: 'dep-1',
        processes: [
          { processId: 'platform-smoke', version: 4, definitionId: 'platform-smoke:4:x', resourceName: BPMN },
        ],
        forms: [],
      };
    },
    ...over,
  });
}

describe('deploying a draft as one use case: deploy → record → audit', () => {
  it('asks the engine before any write, then records, marks the draft and audits in one transaction', async () => {
    const w = world();
    const r = await modelService({ prisma: w.prisma, workflow: engine({}, w.log) }).deployDraft(
      'kristaps.lacis',
      'BPMN',
      'platform-smoke',
      9,
      '127.0.0.1',
    );
    expect(r).toEqual({ version: 4, previousVersion: 3, deploymentKey: 'dep-1' });
    expect(w.log).toEqual([
      'read draft',
      'read deployed',
      'engine deploy',
      'begin',
      'write deployed_resource',
      'write draft marked',
      'write audit',
      'commit',
    ]);
    expect(w.committed).toEqual(['deployed_resource', 'draft marked', 'audit']);
  });

  it('writes nothing when the engine refuses the module', async () => {
    const w = world();
    const refusing = engine({
      deploy: async () =>
        Promise.reject(
          workflowError('rejected', 'ENGINE-09005 Could not parse BPMN process: External tasks must specify a topic'),
        ),
    });
    const err = await modelService({ prisma: w.prisma, workflow: refusing })
      .deployDraft('kristaps.lacis', 'BPMN', 'platform-smoke', 9, '127.0.0.1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpProblem);
    expect(err).toMatchObject({ status: 422 });
    expect(w.log).not.toContain('begin');
    expect(w.committed).toEqual([]);
  });

  it('writes nothing and does not ask the engine when a newer version was deployed meanwhile', async () => {
    const w = world({ deployed: { ...deployedRow, version: 5, content: '<someone else’s/>' } });
    const workflow = engine({}, w.log);
    const err = await modelService({ prisma: w.prisma, workflow })
      .deployDraft('kristaps.lacis', 'BPMN', 'platform-smoke', 9, '127.0.0.1')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409 });
    expect(w.log).not.toContain('engine deploy');
    expect(w.committed).toEqual([]);
  });

  it.each(['audit', 'draft'] as const)(
    'leaves no part of the record when the %s write fails after the engine deployed',
    async (failIn) => {
      const w = world({ failIn });
      const err = await modelService({ prisma: w.prisma, workflow: engine({}, w.log) })
        .deployDraft('kristaps.lacis', 'BPMN', 'platform-smoke', 9, '127.0.0.1')
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      // The operator learns which engine deployment is unrecorded.
      expect((err as Error).message).toMatch(/deployment dep-1.*nothing of it was recorded.*connection reset/);
      expect(w.log).toContain('rollback');
      expect(w.committed).toEqual([]);
    },
  );
});
