import fc from 'fast-check';
import { offenceGroup, offenceGroups } from './offences';
import { hardRules, rankWorkPlaces, type MatchClient, type MatchPlace } from './rank';

const place = (over: Partial<MatchPlace> = {}): MatchPlace => ({
  id: 1,
  employerId: 1,
  employerName: 'Cēsu novada pašvaldība',
  jobTitle: 'Teritorijas uzkopšana',
  address: 'Cēsis',
  priorityJob: false,
  minAge: 18,
  physicalDemand: 'MODERATE',
  skills: [],
  excludedOffenceGroups: [],
  minEducationLevel: null,
  location: { lat: 57.31, lon: 25.27 },
  capacity: 2,
  occupied: 0,
  ...over,
});
const client = (over: Partial<MatchClient> = {}): MatchClient => ({
  age: 30,
  skills: [],
  home: { lat: 57.31, lon: 25.27 },
  offenceGroups: ['PROPERTY'],
  disabilityGroup: null,
  educationLevel: null,
  ...over,
});

describe('offence groups', () => {
  it('follow the chapters of the Criminal Law', () => {
    expect(offenceGroup('175')).toBe('PROPERTY');
    expect(offenceGroup('125')).toBe('VIOLENT');
    expect(offenceGroup('253.1')).toBe('DRUGS');
    expect(offenceGroup('262')).toBe('TRAFFIC');
    expect(offenceGroup('160')).toBe('SEXUAL');
    expect(offenceGroup('300')).toBe('OTHER');
    expect(offenceGroups(['175', '180', '262'])).toEqual(['PROPERTY', 'TRAFFIC']);
  });
});

describe('rankWorkPlaces', () => {
  it('puts priority jobs, matching skills and nearness first, with reasons', () => {
    const places = [
      place({ id: 1, location: { lat: 57.5, lon: 25.5 } }),
      place({ id: 2, priorityJob: true }),
      place({ id: 3, skills: ['dārzkopība'], location: { lat: 57.32, lon: 25.28 } }),
    ];
    const { proposals } = rankWorkPlaces(client({ skills: ['dārzkopība'] }), places);
    expect(proposals.map((p) => p.workPlaceId)).toEqual(['2', '3', '1']);
    expect(proposals[0]!.reasons).toContain('Pašvaldības prioritārais darbs');
    expect(proposals[1]!.reasons.join(' ')).toContain('dārzkopība');
  });

  it('never proposes a full place, a refused offence group, heavy work to a minor or to disability group II', () => {
    const { proposals, rejected } = rankWorkPlaces(
      client({ age: 15, disabilityGroup: 'II', offenceGroups: ['VIOLENT'] }),
      [
        place({ id: 1, occupied: 2 }),
        place({ id: 2, excludedOffenceGroups: ['VIOLENT'], minAge: 13 }),
        place({ id: 3, physicalDemand: 'HEAVY', minAge: 13 }),
        place({ id: 4, minAge: 16 }),
        place({ id: 5, minAge: 13, physicalDemand: 'LIGHT' }),
      ],
    );
    expect(proposals.map((p) => p.workPlaceId)).toEqual(['5']);
    expect(rejected.map((r) => r.workPlaceId)).toEqual(['1', '2', '3', '4']);
    expect(rejected.every((r) => r.reasons.length > 0)).toBe(true);
  });

  const arbPlace = fc.record({
    id: fc.integer({ min: 1, max: 10_000 }),
    employerId: fc.integer({ min: 1, max: 100 }),
    employerName: fc.constant('Darba devējs'),
    jobTitle: fc.constant('Darbs'),
    address: fc.constant('Adrese'),
    priorityJob: fc.boolean(),
    minAge: fc.integer({ min: 11, max: 18 }),
    physicalDemand: fc.constantFrom('LIGHT', 'MODERATE', 'HEAVY'),
    skills: fc.subarray(['celtniecība', 'dārzkopība', 'uzkopšana', 'IT']),
    excludedOffenceGroups: fc.subarray(['VIOLENT', 'SEXUAL', 'PROPERTY', 'DRUGS']),
    minEducationLevel: fc.constantFrom(null, 'BASIC', 'SECONDARY'),
    location: fc.option(
      fc.record({
        lat: fc.double({ min: 55.7, max: 58, noNaN: true }),
        lon: fc.double({ min: 21, max: 28, noNaN: true }),
      }),
      { nil: null },
    ),
    capacity: fc.integer({ min: 1, max: 3 }),
    occupied: fc.integer({ min: 0, max: 3 }),
  });
  const arbClient = fc.record({
    age: fc.integer({ min: 11, max: 70 }),
    skills: fc.subarray(['celtniecība', 'dārzkopība', 'uzkopšana', 'IT']),
    home: fc.option(
      fc.record({
        lat: fc.double({ min: 55.7, max: 58, noNaN: true }),
        lon: fc.double({ min: 21, max: 28, noNaN: true }),
      }),
      { nil: null },
    ),
    offenceGroups: fc.subarray(['VIOLENT', 'SEXUAL', 'PROPERTY', 'DRUGS', 'OTHER'] as const),
    disabilityGroup: fc.constantFrom(null, 'I', 'II', 'III'),
    educationLevel: fc.constantFrom(null, 'BASIC', 'SECONDARY', 'HIGHER'),
  });

  it('property: proposes exactly the places the hard rules allow, ranked 1..n by falling score, whatever the input order', () => {
    fc.assert(
      fc.property(arbClient, fc.uniqueArray(arbPlace, { selector: (p) => p.id, maxLength: 25 }), (c, places) => {
        const { proposals, rejected } = rankWorkPlaces(c, places);
        const allowed = places.filter((p) => hardRules(c, p).length === 0).map((p) => String(p.id));
        expect(proposals.map((p) => p.workPlaceId).sort()).toEqual([...allowed].sort());
        expect(proposals.length + rejected.length).toBe(places.length);
        proposals.forEach((p, i) => {
          expect(p.rank).toBe(i + 1);
          if (i > 0) expect(p.score).toBeLessThanOrEqual(proposals[i - 1]!.score);
          expect(p.reasons.length).toBeGreaterThan(0);
        });
        expect(rankWorkPlaces(c, [...places].reverse()).proposals).toEqual(proposals);
      }),
    );
  });
});
