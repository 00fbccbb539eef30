import type { ScheduleInput, WeeklyWindows } from '../../domain/work-schedule';
import { createPrng, type Prng } from '../../platform/prng';

/**
 * A synthetic national year of community service, sized by VPD's 2021 figures (DOMAIN.md §10.1): 8,605
 * clients and 476,190 hours, of them 195 minors aged 14–17 with 9,187 hours. Sentences are 40–280 h in
 * steps of 10 (Krimināllikums s. 40), skewed to the short end as the average of ~55 h implies. Since neither
 * total is a multiple of 10, about 15 % of clients are carried over from the previous year with only the
 * rest of their sentence (any whole number of hours) to do, and those rests make the totals exact.
 */

export const NATIONAL_YEAR = { clients: 8_605, hours: 476_190, minors: 195, minorHours: 9_187 } as const;
const YEAR_START = Date.UTC(2026, 0, 5) / 86_400_000; // first Monday of 2026
const CARRIED_OVER_SHARE = 0.15;

export interface BenchClient {
  id: number;
  minor: boolean;
  carriedOver: boolean;
  input: ScheduleInput;
}

interface Allotment {
  hours: number;
  carriedOver: boolean;
}

const w = (from: string, to: string) => [{ from, to }];
const days = (list: string[], from: string, to: string): WeeklyWindows =>
  Object.fromEntries(list.map((d) => [d, w(from, to)]));
const MON_FRI = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** Employer types: opening hours of municipal services, care homes, NGOs and the like. */
const EMPLOYERS = {
  officeHours: days(MON_FRI, '08:00', '17:00'),
  careWithSaturday: { ...days(MON_FRI, '09:00', '18:00'), sat: w('10:00', '14:00') },
  eveningShifts: { ...days(['mon', 'tue', 'wed', 'thu'], '16:00', '21:00'), sat: w('09:00', '15:00') },
  weekendFocused: { fri: w('14:00', '20:00'), sat: w('08:00', '18:00'), sun: w('08:00', '18:00') },
  longDays: days([...MON_FRI, 'sat'], '07:00', '19:00'),
} satisfies Record<string, WeeklyWindows>;
type EmployerKind = keyof typeof EMPLOYERS;

/** An officer matches the employer to the client's free time (DOMAIN.md §4.1 step 3). */
const SUITABLE: Record<'employed' | 'student' | 'notWorking' | 'minor', readonly (readonly [EmployerKind, number])[]> =
  {
    employed: [
      ['careWithSaturday', 2],
      ['eveningShifts', 3],
      ['weekendFocused', 3],
      ['longDays', 2],
    ],
    student: [
      ['careWithSaturday', 2],
      ['eveningShifts', 3],
      ['weekendFocused', 2],
      ['longDays', 2],
    ],
    notWorking: [
      ['officeHours', 4],
      ['careWithSaturday', 2],
      ['eveningShifts', 1],
      ['weekendFocused', 1],
      ['longDays', 2],
    ],
    minor: [
      ['officeHours', 3],
      ['careWithSaturday', 3],
      ['eveningShifts', 2],
      ['longDays', 2],
    ],
  };

export function nationalYear(seed: number): BenchClient[] {
  const rng = createPrng(seed);
  const adults = NATIONAL_YEAR.clients - NATIONAL_YEAR.minors;
  const adultHours = distributeHours(rng, adults, NATIONAL_YEAR.hours - NATIONAL_YEAR.minorHours, 1 / 3);
  const minorHours = distributeHours(rng, NATIONAL_YEAR.minors, NATIONAL_YEAR.minorHours, 0.48);
  const clients: BenchClient[] = [];
  for (const h of adultHours) clients.push(adult(rng, clients.length + 1, h));
  for (const h of minorHours) clients.push(minor(rng, clients.length + 1, h));
  // A carried-over client's hours are a remainder, not a sentence: the statutory range does not apply.
  for (const c of clients) if (c.carriedOver) delete c.input.measure;
  return clients;
}

/**
 * Hours per client adding up to exactly `target`: sentences 40–280 in steps of 10, then the carried-over
 * clients' remainders absorb what steps of 10 cannot.
 */
export function distributeHours(rng: Prng, count: number, target: number, p: number): Allotment[] {
  const sentence = Array.from({ length: count }, () => 40 + 10 * rng.geometric(p, 24));
  const carried = Array.from({ length: count }, () => rng.chance(CARRIED_OVER_SHARE));
  const hours = sentence.map((s, i) => (carried[i] ? s - Math.round(s * (0.1 + 0.8 * rng.next())) : s));
  let sum = hours.reduce((a, b) => a + b, 0);
  const free = hours.map((_, i) => i).filter((i) => !carried[i]);
  const rests = hours.map((_, i) => i).filter((i) => carried[i]);
  if (rests.length === 0) throw new Error('no carried-over clients to absorb the remainder');
  // Whole sentences first, in steps of 10, then the last few hours on one carried-over client.
  while (Math.abs(target - sum) >= 10) {
    const i = rng.pick(free);
    const step = target > sum ? 10 : -10;
    if (sentence[i]! + step < 40 || sentence[i]! + step > 280) continue;
    sentence[i]! += step;
    hours[i]! += step;
    sum += step;
  }
  while (sum !== target) {
    const i = rng.pick(rests);
    const next = hours[i]! + (target - sum);
    if (next < 1 || next > sentence[i]!) continue;
    sum += next - hours[i]!;
    hours[i] = next;
  }
  return hours.map((h, i) => ({ hours: h, carriedOver: carried[i]! }));
}

function birthDate(rng: Prng, start: number, minAge: number, maxAge: number): string {
  const ageDays = rng.int(Math.ceil(minAge * 365.25), Math.floor((maxAge + 1) * 365.25) - 2);
  return iso(start - ageDays);
}

function adult(rng: Prng, id: number, { hours: totalHours, carriedOver }: Allotment): BenchClient {
  const start = YEAR_START + rng.int(0, 360);
  const kind = rng.weighted([
    ['employed', 45],
    ['student', 10],
    ['notWorking', 45],
  ] as const);
  const employer = rng.weighted(SUITABLE[kind]);
  const busy: WeeklyWindows =
    kind === 'employed'
      ? days(MON_FRI, rng.pick(['07:00', '08:00', '09:00']), rng.pick(['16:00', '17:00', '18:00']))
      : kind === 'student'
        ? days(MON_FRI, '09:00', rng.pick(['14:00', '15:00', '16:00']))
        : {};
  const input: ScheduleInput = {
    measure: rng.chance(0.1) && totalHours <= 100 ? 'FORCED_WORK_ADDITIONAL' : 'FORCED_WORK',
    totalHours,
    startDate: iso(start),
    client: {
      birthDate: birthDate(rng, start, 18, rng.chance(0.7) ? 35 : 70),
      hasMainJobOrStudies: kind !== 'notWorking',
      consentsToLongerWorkdays: kind !== 'notWorking' && rng.chance(0.3),
      unavailableWeekly: busy,
      unavailableDates: vacation(rng, start),
    },
    employer: { weekly: EMPLOYERS[employer], closedDates: closedDays(rng, start) },
    preferences: preferences(rng),
  };
  return { id, minor: false, carriedOver, input };
}

function minor(rng: Prng, id: number, { hours: totalHours, carriedOver }: Allotment): BenchClient {
  const start = YEAR_START + rng.int(0, 360);
  const birth = birthDate(rng, start, 14, 17);
  const age = Math.floor((start - Date.parse(birth) / 86_400_000) / 365.25);
  // About half of the 15-year-olds are still in grade 9 (compulsory basic education) until mid-June.
  const inBasic = age === 15 && rng.chance(0.5);
  const june = new Date(start * 86_400_000).getUTCMonth() >= 6 ? 2027 : 2026;
  const input: ScheduleInput = {
    measure: 'FORCED_WORK',
    totalHours,
    startDate: iso(start),
    client: {
      birthDate: birth,
      ...(inBasic ? { basicEducationUntil: `${june}-06-12` } : {}),
      schoolHoursWeekly: days(MON_FRI, '08:00', rng.pick(['14:00', '14:30', '15:30'])),
      unavailableDates: vacation(rng, start),
    },
    employer: { weekly: EMPLOYERS[rng.weighted(SUITABLE.minor)], closedDates: closedDays(rng, start) },
    preferences: preferences(rng),
  };
  return { id, minor: true, carriedOver, input };
}

function preferences(rng: Prng): ScheduleInput['preferences'] {
  return rng.chance(0.4)
    ? { preferredSessionHours: rng.pick([2, 3, 4, 4, 6]), minSessionHours: 2 }
    : { minSessionHours: 2 };
}

function vacation(rng: Prng, start: number): string[] {
  const first = start + rng.int(7, 120);
  return Array.from({ length: rng.int(0, 5) }, (_, i) => iso(first + i));
}

function closedDays(rng: Prng, start: number): string[] {
  return Array.from({ length: rng.int(0, 3) }, () => iso(start + rng.int(0, 200))).sort();
}

function iso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
