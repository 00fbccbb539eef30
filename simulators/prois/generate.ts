import type { WirePunishment as Punishment } from '../common/wire';
import type { ProisPenalOrder } from './wire';
import { decisionDates, forcedWorkHours, idWith, supervisionMonths } from '../common/decisions';
import { criminalProceedingsNumber, generatePerson, pickOfficial, pickOffences, pickProsecutorOffice } from '../data';
import type { Prng } from '../../platform/prng';

/** A prosecutor's penal order accepted by the person: forced work, or a fine with probation supervision. */
export function generatePenalOrder(rng: Prng, today: Date): ProisPenalOrder {
  const who = generatePerson(rng, today, { minAge: 18, maxAge: 64 });
  const dates = decisionDates(rng, today, [0, 20], [3, 10]);
  const punishments: Punishment[] = rng.chance(0.75)
    ? [
        { type: 'FORCED_WORK', role: 'MAIN', hours: forcedWorkHours(rng) },
        ...(rng.chance(0.15)
          ? [{ type: 'PROBATION_SUPERVISION', role: 'ADDITIONAL', termMonths: supervisionMonths(rng) } as const]
          : []),
      ]
    : [
        { type: 'FINE', role: 'MAIN', amountEur: rng.int(5, 60) * 50 },
        { type: 'PROBATION_SUPERVISION', role: 'ADDITIONAL', termMonths: supervisionMonths(rng) },
      ];
  return {
    messageType: 'PENAL_ORDER',
    penalOrderId: idWith(rng, 'PRK', dates.year),
    criminalProceedingsNumber: criminalProceedingsNumber(rng, dates.year - rng.int(0, 1)),
    prosecutorOffice: pickProsecutorOffice(rng, who.municipality.region),
    prosecutor: pickOfficial(rng),
    orderDate: dates.decided,
    inForceDate: dates.inForce,
    person: who.person,
    punishments,
    offences: pickOffences(rng),
  };
}
