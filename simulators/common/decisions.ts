import type { WirePunishment as Punishment } from './wire';
import type { Prng } from '../../platform/prng';
import { addDays, isoDay } from '../data/personal-codes';

/** Shared pieces of generated court rulings and penal orders. */

/** Forced work: 40–280 hours (Criminal Law art. 39), in tens as courts usually set it. */
export const forcedWorkHours = (rng: Prng): number => rng.int(4, 28) * 10;

export const supervisionMonths = (rng: Prng): number => rng.pick([6, 12, 18, 24, 36]);

/** A decision date `daysAgo` back and the date it came into force, on or before today. */
export function decisionDates(
  rng: Prng,
  today: Date,
  daysAgo: [number, number],
  toForce: [number, number],
): { decided: string; inForce: string; year: number } {
  const inForce = addDays(today, -rng.int(0, 10));
  const decided = addDays(inForce, -rng.int(toForce[0], toForce[1]));
  const d = addDays(decided, -rng.int(0, Math.max(0, daysAgo[1] - daysAgo[0])));
  return { decided: isoDay(d), inForce: isoDay(inForce), year: d.getUTCFullYear() };
}

export function idWith(rng: Prng, prefix: string, year: number): string {
  return `${prefix}-${year}-${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

export function hoursImposed(punishments: Punishment[]): number {
  return punishments
    .filter((p) => p.type === 'FORCED_WORK' || p.type === 'COMMUNITY_WORK_EDU')
    .reduce((s, p) => s + (p.hours ?? 0), 0);
}
