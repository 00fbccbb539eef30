import { createPrng } from '../../platform/prng';
import type { Prng } from '../../platform/prng';

/**
 * The national year of VPD's work (DOMAIN.md §10.1, 2021): 16,391 clients in five processes, scaled to the
 * ~17,500 clients of an average recent year. Two processes are built and replayed; the others are counted,
 * skipped and named in the output, so the share of the year replayed is plain.
 */
export const YEAR_2021 = {
  communityService: 8_605, // forced work, 195 of them aged 14–17
  communityServiceMinors: 195,
  minorsPublicWork: 39, // the educational measure (community work)
  supervision: 5_790,
  mediation: 988,
  evaluationReports: 969,
} as const;
export const AVERAGE_YEAR_CLIENTS = 17_500;
const TOTAL_2021 = 16_391;

export interface MixLine {
  process: string;
  clientsPerYear: number;
  built: boolean;
}

/** Clients per process in an average year (17,500), rounded. */
export function yearMix(): MixLine[] {
  const f = AVERAGE_YEAR_CLIENTS / TOTAL_2021;
  const r = (n: number) => Math.round(n * f);
  return [
    { process: 'community-service', clientsPerYear: r(YEAR_2021.communityService), built: true },
    { process: 'minors-public-work', clientsPerYear: r(YEAR_2021.minorsPublicWork), built: true },
    { process: 'probation-supervision', clientsPerYear: r(YEAR_2021.supervision), built: false },
    { process: 'mediation', clientsPerYear: r(YEAR_2021.mediation), built: false },
    { process: 'evaluation-reports', clientsPerYear: r(YEAR_2021.evaluationReports), built: false },
  ];
}

/** One client of the replay: where the decision comes from and how the client behaves. */
export interface CaseSpec {
  n: number;
  seed: number;
  process: 'community-service' | 'minors-public-work';
  system: 'tis' | 'prois';
  measure: 'FORCED_WORK' | 'COMMUNITY_WORK_EDU';
  hours: number;
  age: number;
  /** 92 % of forced-work clients comply (DOMAIN §10.1); the others miss work twice and the court converts. */
  complies: boolean;
}

/**
 * `count` clients of the built processes in the year's proportions. Hours follow the year's means (forced work
 * 476,190 h over 8,605 clients, skewed to short sentences; minors' public work 683 h over 39). Court rulings (TIS) and prosecutors' penal orders (ProIS): the seeds give no split, 3 : 1 is
 * assumed. Non-compliance is played only on court cases (conversion goes to a court through TIS).
 */
/**
 * Forced-work hours: 40 h plus steps of 10 h, geometric with a mean of 55 h (the year's 476,190 h over 8,605
 * clients), at most 280 h (Criminal Law s. 40).
 */
function forcedWorkHours(rng: Prng): number {
  let h = 40;
  while (h < 280 && rng.next() >= 0.4) h += 10;
  return h;
}

const COURT_SHARE = 0.75;
const NON_COMPLIANCE = 0.08;

export function replayPopulation(count: number, seed: number): CaseSpec[] {
  const mix = yearMix().filter((m) => m.built);
  const builtTotal = mix.reduce((s, m) => s + m.clientsPerYear, 0);
  const edu = Math.round((count * mix.find((m) => m.process === 'minors-public-work')!.clientsPerYear) / builtTotal);
  const rng = createPrng(seed);
  const specs: CaseSpec[] = [];
  for (let i = 0; i < count; i++) {
    const isEdu = Math.floor(((i + 1) * edu) / count) > Math.floor((i * edu) / count); // spread evenly, exactly `edu` of them
    const minorForced = !isEdu && rng.next() < YEAR_2021.communityServiceMinors / YEAR_2021.communityService;
    const system = isEdu || rng.next() < COURT_SHARE ? 'tis' : 'prois';
    specs.push({
      n: i + 1,
      seed: seed + i + 1,
      process: isEdu ? 'minors-public-work' : 'community-service',
      system,
      measure: isEdu ? 'COMMUNITY_WORK_EDU' : 'FORCED_WORK',
      hours: isEdu ? rng.pick([10, 20, 20, 30]) : forcedWorkHours(rng),
      age: isEdu ? rng.int(14, 17) : minorForced ? rng.int(15, 17) : rng.int(18, 64),
      complies: isEdu || system === 'prois' || rng.next() >= NON_COMPLIANCE / COURT_SHARE,
    });
  }
  return specs;
}
