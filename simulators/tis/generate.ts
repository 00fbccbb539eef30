import type { WirePunishment as Punishment } from '../common/wire';
import type { TisRuling } from './wire';
import { decisionDates, forcedWorkHours, idWith, supervisionMonths } from '../common/decisions';
import { caseNumber, criminalProceedingsNumber, generatePerson, pickCourt, pickOfficial, pickOffences } from '../data';
import type { Prng } from '../../platform/prng';

type Measure = 'FORCED_WORK' | 'CONDITIONAL_SENTENCE' | 'PROBATION_SUPERVISION' | 'COMMUNITY_WORK_EDU';

/** A court ruling in force for VPD to execute, with the mix of measures VPD sees (DOMAIN.md §10). */
export function generateRuling(rng: Prng, today: Date): TisRuling {
  const measure = rng.weighted<Measure>([
    ['FORCED_WORK', 55],
    ['CONDITIONAL_SENTENCE', 25],
    ['PROBATION_SUPERVISION', 12],
    ['COMMUNITY_WORK_EDU', 8],
  ]);
  // the educational measure is for children aged 11–17; punishments for adults
  const who =
    measure === 'COMMUNITY_WORK_EDU'
      ? generatePerson(rng, today, { minAge: 11, maxAge: 17 })
      : generatePerson(rng, today, { minAge: 18, maxAge: 64 });
  const court = pickCourt(rng, who.municipality.region);
  const dates = decisionDates(rng, today, [0, 30], [11, 40]);
  return {
    messageType: 'RULING_FOR_EXECUTION',
    rulingId: idWith(rng, 'TIS-NOL', dates.year),
    caseNumber: caseNumber(rng, court, dates.year),
    ...(rng.chance(0.8)
      ? { criminalProceedingsNumber: criminalProceedingsNumber(rng, dates.year - rng.int(0, 1)) }
      : {}),
    court: court.name,
    judge: pickOfficial(rng),
    rulingDate: dates.decided,
    inForceDate: dates.inForce,
    person: who.person,
    punishments: punishmentsFor(rng, measure),
    offences: pickOffences(rng),
  };
}

function punishmentsFor(rng: Prng, measure: Measure): Punishment[] {
  switch (measure) {
    case 'FORCED_WORK':
      return [
        { type: 'FORCED_WORK', role: 'MAIN', hours: forcedWorkHours(rng) },
        ...(rng.chance(0.1)
          ? [{ type: 'PROBATION_SUPERVISION', role: 'ADDITIONAL', termMonths: supervisionMonths(rng) } as const]
          : []),
      ];
    case 'CONDITIONAL_SENTENCE':
      return [
        {
          type: 'CONDITIONAL_SENTENCE',
          role: 'MAIN',
          termMonths: rng.int(3, 48),
          probationPeriodMonths: rng.pick([6, 12, 18, 24, 36]),
        },
        ...(rng.chance(0.3)
          ? [{ type: 'PROBATION_SUPERVISION', role: 'ADDITIONAL', termMonths: supervisionMonths(rng) } as const]
          : []),
      ];
    case 'PROBATION_SUPERVISION':
      return [{ type: 'PROBATION_SUPERVISION', role: 'MAIN', termMonths: supervisionMonths(rng) }];
    case 'COMMUNITY_WORK_EDU':
      return [{ type: 'COMMUNITY_WORK_EDU', role: 'MAIN', hours: rng.int(1, 4) * 10 }];
  }
}
