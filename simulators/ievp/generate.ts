import type { WirePunishment as Punishment } from '../common/wire';
import type { IevpReleaseNotice } from './wire';
import { forcedWorkHours, idWith, supervisionMonths } from '../common/decisions';
import { addDays, ageOn, caseNumber, generatePerson, isoDay, pickCourt, pickPrison } from '../data';
import type { Prng } from '../../platform/prng';

/** A release notice sent ahead of the release (3–30 days), for someone VPD takes over. */
export function generateReleaseNotice(rng: Prng, today: Date): IevpReleaseNotice {
  const minor = rng.chance(0.05);
  const who = generatePerson(rng, today, minor ? { minAge: 15, maxAge: 19, gender: 'M' } : { minAge: 19, maxAge: 60 });
  const release = addDays(today, rng.int(3, 30));
  const ruling = addDays(release, -rng.int(180, 6 * 365));
  const court = pickCourt(rng, who.municipality.region);
  const releaseType = rng.weighted([
    ['SENTENCE_SERVED', 55],
    ['CONDITIONAL_EARLY_RELEASE', 35],
    ['CONDITIONAL_EARLY_RELEASE_EM', 10],
  ] as const);
  const supervision: Punishment = {
    type: 'PROBATION_SUPERVISION',
    role: 'ADDITIONAL',
    termMonths: supervisionMonths(rng),
  };
  const toExecute: Punishment[] =
    releaseType === 'SENTENCE_SERVED'
      ? [rng.chance(0.7) ? supervision : { type: 'FORCED_WORK', role: 'ADDITIONAL', hours: forcedWorkHours(rng) }]
      : rng.chance(0.3)
        ? [supervision]
        : [];
  return {
    messageType: 'RELEASE_NOTICE',
    releaseNoticeId: idWith(rng, 'IEVP-ATBR', release.getUTCFullYear()),
    prison: pickPrison(rng, who.gender, ageOn(who.birth, release)).name,
    releaseDate: isoDay(release),
    releaseType,
    ...(releaseType === 'SENTENCE_SERVED'
      ? {}
      : { unservedTermMonths: releaseType === 'CONDITIONAL_EARLY_RELEASE_EM' ? rng.int(1, 12) : rng.int(3, 36) }),
    person: who.person,
    sentence: {
      court: court.name,
      caseNumber: caseNumber(rng, court, ruling.getUTCFullYear()),
      rulingDate: isoDay(ruling),
    },
    toExecute,
  };
}
