import { BpmnError } from '../framework/definition';
import { callHandler } from '../framework/testing';
import { memoryDb, memoryJobContext, memoryNotifications } from '../test-support/memory-prisma';
import { recordAppointment, releaseWorkPlace, reserveWorkPlace } from './work-places';

/** Reserving, releasing and meeting at a work place: capacity, the exclusion list, the employer told once. */
const place = {
  id: 12,
  employerId: 4,
  active: true,
  capacity: 2,
  jobTitle: 'Teritorijas sakopšana',
  address: 'Pils iela 1, Kuldīga',
  employer: {
    name: 'Kuldīgas novada pašvaldība',
    registrationNo: '90000012345',
    contactPerson: 'Anna Kalna',
    contactPhone: '+37120000000',
  },
};

function world(opts: { taken?: number; active?: boolean } = {}) {
  return memoryDb({
    workPlace: { findUniqueOrThrow: async () => ({ ...place, active: opts.active ?? true }) },
    placement: {
      count: async () => opts.taken ?? 0,
      create: async () => ({ id: 33 }),
      update: async () => ({}),
      findUniqueOrThrow: async () => ({ id: 33, workPlaceId: 12, workPlace: place }),
    },
    case: { findUniqueOrThrow: async () => ({ id: 7, caseNumber: 'PD-2026-0007' }) },
    appointment: { create: async () => ({ id: 51 }) },
    notification: memoryNotifications(),
  });
}

describe('reserve-work-place', () => {
  const def = reserveWorkPlace.forProcess('community-service');

  it('reserves a free spot, noting an officer’s override of the proposal', async () => {
    const db = world({ taken: 1 });
    const out = await callHandler(
      def!,
      { caseId: 7, workPlaceId: '12', selectionOverridden: true, overrideReason: 'Tuvāk dzīvesvietai' },
      memoryJobContext(def!, db.prisma),
    );
    expect(out).toEqual({ placementId: '33', employerId: '4', employerName: 'Kuldīgas novada pašvaldība' });
    expect(db.writes).toEqual([
      expect.objectContaining({
        model: 'placement',
        op: 'create',
        data: {
          caseId: 7,
          workPlaceId: 12,
          status: 'RESERVED',
          selectionOverridden: true,
          overrideReason: 'Tuvāk dzīvesvietai',
        },
      }),
    ]);
  });

  it.each([
    [{ taken: 2 }, 'Visas 2 vietas aizņemtas'],
    [{ active: false }, 'Darba vieta vairs netiek piedāvāta'],
  ])(
    'refuses a full or withdrawn place (%j) with WORK_PLACE_UNAVAILABLE and adds it to the exclusions',
    async (state, reason) => {
      const db = world(state);
      const err = await callHandler(
        def!,
        { caseId: 7, workPlaceId: 12, excludedWorkPlaceIds: [9, '12'] },
        memoryJobContext(def!, db.prisma),
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BpmnError);
      expect(err).toMatchObject({
        code: 'WORK_PLACE_UNAVAILABLE',
        message: reason,
        variables: { excludedWorkPlaceIds: ['9', '12'] },
      });
      expect(db.writes).toEqual([]);
    },
  );
});

describe('release-work-place', () => {
  const def = releaseWorkPlace.forProcess('community-service');

  it('releases the placement, excludes the place from the next proposal and tells the employer once', async () => {
    const db = world();
    const ctx = memoryJobContext(def!, db.prisma);
    const input = { caseId: 7, placementId: 33, changeReason: 'Klients pārcēlās uz Rīgu', excludedWorkPlaceIds: ['9'] };
    const out = await callHandler(def!, input, ctx);
    await callHandler(def!, input, ctx);
    expect(out).toEqual({ placementId: null, excludedWorkPlaceIds: ['9', '12'] });
    expect(db.writes.filter((w) => w.model === 'placement').map((w) => w.data)).toEqual([
      { status: 'RELEASED', endedAt: new Date('2026-03-02T09:00:00Z'), endReason: 'Klients pārcēlās uz Rīgu' },
    ]);
    expect(db.writes.filter((w) => w.model === 'notification').map((w) => w.data)).toEqual([
      expect.objectContaining({
        recipientType: 'EMPLOYER',
        recipient: '90000012345',
        subject: 'Darba vieta atbrīvota (lieta PD-2026-0007)',
        body: expect.stringContaining('"Teritorijas sakopšana". Iemesls: Klients pārcēlās uz Rīgu.'),
      }),
    ]);
  });
});

describe('record-appointment', () => {
  const def = recordAppointment.forProcess('community-service');

  it('fills the place and contact from the work place when the officer leaves them out', async () => {
    const db = world();
    const out = await callHandler(
      def!,
      { caseId: 7, placementId: 33, appointment: { at: '2026-03-09T10:00:00+02:00' } },
      memoryJobContext(def!, db.prisma),
    );
    expect(out).toEqual({ appointmentId: '51' });
    expect(db.writes[0]!.data).toEqual({
      caseId: 7,
      placementId: 33,
      at: new Date('2026-03-09T08:00:00Z'),
      place: 'Pils iela 1, Kuldīga',
      contactPerson: 'Anna Kalna',
      contactPhone: '+37120000000',
      officerAttends: false,
      legalRepresentativeAttends: false,
      note: null,
      source: 'OFFICER',
      proposalId: null,
    });
  });

  it('fails the job (an incident to correct) on a time that is not a date-time, writing nothing', async () => {
    const db = world();
    await expect(
      callHandler(
        def!,
        { caseId: 7, placementId: 33, appointment: { at: 'pirmdien' } },
        memoryJobContext(def!, db.prisma),
      ),
    ).rejects.toThrow(/not a date-time/);
    expect(db.writes).toEqual([]);
  });
});
