import { BpmnError } from '../framework/definition';
import { callHandler } from '../framework/testing';
import { memoryDb, memoryJobContext } from '../test-support/memory-prisma';
import { proposeWorkPlaces } from './work-places';

/**
 * propose-work-places around the ranking (domain/work-matching, tested there): which places it offers to rank
 * (the department's active ones, minus the excluded, with their occupancy), the client's age on the worker's date
 * (2026-03-02), the record of the proposal, and NO_WORK_PLACE_FOUND in Latvian when nothing fits.
 */
const def = proposeWorkPlaces.forProcess('community-service');
const base = {
  employerId: 4,
  address: 'Pils iela 1, Kuldīga',
  priorityJob: false,
  minAge: 15,
  skills: [],
  excludedOffenceGroups: [],
  minEducationLevel: null,
  latitude: null,
  longitude: null,
  capacity: 1,
  employer: { name: 'Kuldīgas novada pašvaldība' },
};
const places = [
  { ...base, id: 1, jobTitle: 'Parka sakopšana', physicalDemand: 'MODERATE' },
  { ...base, id: 2, jobTitle: 'Bibliotēkas palīgs', physicalDemand: 'LIGHT' },
  { ...base, id: 3, jobTitle: 'Malkas skaldīšana', physicalDemand: 'HEAVY' },
];

function world(occupied: { workPlaceId: number; _count: number }[] = []) {
  return memoryDb({
    case: {
      findUniqueOrThrow: async () => ({
        id: 7,
        departmentId: 2,
        client: { skills: [], latitude: null, longitude: null },
        rulings: [{ offences: [{ article: '175' }] }],
      }),
    },
    workPlace: { findMany: async () => places },
    placement: { groupBy: async () => occupied },
    workMatch: { create: async () => ({ id: 1 }) },
  });
}
const input = { caseId: 7, birthDate: '2008-03-03', limitsProfile: 'MINOR', excludedWorkPlaceIds: ['2'] };

describe('propose-work-places', () => {
  it('ranks the department’s free places minus the excluded ones, and records the proposal with its criteria', async () => {
    const db = world();
    const out = (await callHandler(def!, input, memoryJobContext(def!, db.prisma))) as {
      workPlaceProposals: { workPlaceId: string }[];
      otherWorkPlaceOptions: { value: string }[];
    };
    // Born 2008-03-03: 17 on 2026-03-02, so heavy work is not for this client; place 2 is excluded.
    expect(out.workPlaceProposals.map((p) => p.workPlaceId)).toEqual(['1']);
    expect(out.otherWorkPlaceOptions.map((o) => o.value)).toEqual(['2', '3']);
    const match = db.writes.find((w) => w.model === 'workMatch')!.data as {
      criteria: { client: { age: number }; excludedWorkPlaceIds: string[] };
    };
    expect(match.criteria.client.age).toBe(17);
    expect(match.criteria.excludedWorkPlaceIds).toEqual(['2']);
  });

  it('says in Latvian that nothing fits when the free places are taken, and offers the officer the rest', async () => {
    const db = world([{ workPlaceId: 1, _count: 1 }]);
    const err = await callHandler(def!, input, memoryJobContext(def!, db.prisma)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpmnError);
    expect(err).toMatchObject({ code: 'NO_WORK_PLACE_FOUND' });
    const vars = (err as BpmnError).variables as {
      proposalProblem: string;
      otherWorkPlaceOptions: { value: string }[];
    };
    expect(vars.proposalProblem).toMatch(
      /^Nodaļā nav piemērotas brīvas darba vietas \(pārbaudītas 2, neviena neatbilst\)/,
    );
    expect(vars.otherWorkPlaceOptions.map((o) => o.value)).toEqual(['1', '2', '3']);
  });
});
