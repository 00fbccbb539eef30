import { TransientIntegrationError, type VdeavkClient } from '../../integrations';
import { BpmnError } from '../framework/definition';
import { callHandler } from '../framework/testing';
import { memoryDb, memoryJobContext } from '../test-support/memory-prisma';
import { lookupDisability, saveRegisterExtracts } from './register-lookup';

/** Register look-ups: every answer kept as an extract, an unavailable register retried then given up on, the officer's choice summarised. */
const call = {
  system: 'vdeavk',
  operation: 'getDisability',
  method: 'GET',
  url: 'http://127.0.0.1/vdeavk/persons/x/disability',
};
const answer = {
  personalCode: '050590-13248',
  retrievedAt: '2026-03-02T09:00:00.000Z',
  disability: {
    group: 'III',
    decisionNumber: '2024/47632',
    decisionDate: '2024-04-15',
    term: { from: '2024-04-15', until: null },
    status: 'ACTIVE',
    functionalDisorders: ['Dzirdes funkciju traucējumi', 'Redzes funkciju traucējumi'],
  },
};

function world() {
  return memoryDb({
    case: { findUniqueOrThrow: async () => ({ id: 7, client: { personalCode: '050590-13248' } }) },
    registerExtract: { create: async () => ({ id: 31 }), update: async () => ({}) },
  });
}
const vdeavk = (get: () => Promise<unknown>) => ({ getDisability: get }) as unknown as VdeavkClient;

describe('shared.lookup-disability', () => {
  it('keeps the answer as an unsaved extract with its source and time, once per job', async () => {
    const db = world();
    const ctx = memoryJobContext(lookupDisability, db.prisma, { services: { vdeavk: vdeavk(async () => answer) } });
    const out = await callHandler(lookupDisability, { caseId: '7' }, ctx);
    await callHandler(lookupDisability, { caseId: '7' }, ctx);
    expect(out).toEqual({
      disabilityExtract: {
        status: 'FOUND',
        source: 'IIS_VDEAVK',
        retrievedAt: answer.retrievedAt,
        records: [
          {
            disabilityGroup: 'III',
            validFrom: '2024-04-15',
            validUntil: null,
            status: 'ACTIVE',
            functionalDisorder: 'Dzirdes funkciju traucējumi; Redzes funkciju traucējumi',
          },
        ],
        extractId: '31',
      },
    });
    expect(db.writes.filter((w) => w.model === 'registerExtract')).toEqual([
      expect.objectContaining({
        op: 'create',
        data: expect.objectContaining({ register: 'IIS_VDEAVK', status: 'FOUND', purpose: 'work-matching' }),
      }),
    ]);
  });

  it('records NOT_FOUND when the register has no data about the person', async () => {
    const db = world();
    const out = await callHandler(
      lookupDisability,
      { caseId: 7, purpose: 'review' },
      memoryJobContext(lookupDisability, db.prisma, { services: { vdeavk: vdeavk(async () => null) } }),
    );
    expect(out.disabilityExtract).toMatchObject({ status: 'NOT_FOUND', records: [] });
  });

  it('lets the engine retry an unavailable register while retries remain, writing nothing', async () => {
    const db = world();
    const down = vdeavk(async () =>
      Promise.reject(new TransientIntegrationError(call, 'network', 'connection refused')),
    );
    await expect(
      callHandler(
        lookupDisability,
        { caseId: 7 },
        memoryJobContext(lookupDisability, db.prisma, { retries: 3, services: { vdeavk: down } }),
      ),
    ).rejects.toBeInstanceOf(TransientIntegrationError);
    expect(db.writes).toEqual([]);
  });

  it('on the last retry keeps an UNAVAILABLE extract and goes on with REGISTER_UNAVAILABLE instead of an incident', async () => {
    const db = world();
    const down = vdeavk(async () =>
      Promise.reject(new TransientIntegrationError(call, 'network', 'connection refused')),
    );
    const err = await callHandler(
      lookupDisability,
      { caseId: 7 },
      memoryJobContext(lookupDisability, db.prisma, { retries: 1, services: { vdeavk: down } }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpmnError);
    expect(err).toMatchObject({
      code: 'REGISTER_UNAVAILABLE',
      variables: { disabilityExtract: { status: 'UNAVAILABLE', source: 'IIS_VDEAVK', records: [] } },
    });
    expect(db.writes).toEqual([
      expect.objectContaining({ model: 'registerExtract', data: expect.objectContaining({ status: 'UNAVAILABLE' }) }),
    ]);
  });
});

describe('shared.save-register-extracts', () => {
  const education = {
    status: 'FOUND',
    extractId: '30',
    schoolStatus: 'NOT_IN_BASIC_EDUCATION',
    schoolGrade: null,
    records: [{ educationLevel: 'BASIC' }, { educationLevel: 'GENERAL_SECONDARY' }],
  };
  const disability = {
    status: 'FOUND',
    extractId: '31',
    records: [
      { disabilityGroup: 'II', status: 'EXPIRED', functionalDisorder: 'x' },
      { disabilityGroup: 'III', status: 'ACTIVE', functionalDisorder: 'Dzirdes funkciju traucējumi' },
    ],
  };

  it('saves the chosen extracts and summarises: highest education, the school status from VIIS, an active disability only', async () => {
    const db = world();
    const out = await callHandler(
      saveRegisterExtracts,
      {
        caseId: 7,
        educationExtract: education,
        disabilityExtract: disability,
        saveEducation: true,
        saveDisability: true,
      },
      memoryJobContext(saveRegisterExtracts, db.prisma),
    );
    expect(out).toEqual({
      registerSummary: {
        educationLevel: 'SECONDARY',
        schoolStatus: 'NOT_IN_BASIC_EDUCATION',
        schoolStatusSource: 'VIIS',
        schoolGrade: null,
        disabilityGroup: 'III',
        functionalRestrictions: 'Dzirdes funkciju traucējumi',
      },
    });
    expect(db.writes.map((w) => w.op)).toEqual(['update', 'update']);
  });

  it('uses nothing the officer did not save: the school status is then unknown (children’s limits)', async () => {
    const db = world();
    const out = await callHandler(
      saveRegisterExtracts,
      {
        caseId: 7,
        educationExtract: education,
        disabilityExtract: disability,
        saveEducation: false,
        saveDisability: false,
      },
      memoryJobContext(saveRegisterExtracts, db.prisma),
    );
    expect(out.registerSummary).toMatchObject({
      educationLevel: null,
      schoolStatus: 'UNKNOWN',
      schoolStatusSource: 'NONE',
      disabilityGroup: null,
    });
    expect(db.writes).toEqual([]);
  });

  it('lets the officer’s correction of the school status and grade win over the register', async () => {
    const db = world();
    const out = await callHandler(
      saveRegisterExtracts,
      {
        caseId: 7,
        educationExtract: education,
        saveEducation: true,
        schoolStatusCorrection: 'IN_BASIC_EDUCATION',
        schoolGradeCorrection: 8,
      },
      memoryJobContext(saveRegisterExtracts, db.prisma),
    );
    expect(out.registerSummary).toMatchObject({
      schoolStatus: 'IN_BASIC_EDUCATION',
      schoolStatusSource: 'OFFICER',
      schoolGrade: 8,
    });
  });
});
