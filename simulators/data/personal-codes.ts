import { oldFormatCode } from '../../platform/personal-code';
import type { Prng } from '../../platform/prng';

/**
 * Valid Latvian personal codes (platform/personal-code.ts). Most people carry an old-format code with the
 * birth date in it; since 1 July 2017 new codes start with 32 and carry no date (issued to newborns and
 * on request), so a share of the adults gets one too.
 */
export function personalCodeFor(rng: Prng, birth: Date, newFormatShare = 0.08): string {
  if (birth.getUTCFullYear() >= 2017 || rng.chance(newFormatShare)) {
    const rest = String(rng.int(0, 999_999_999)).padStart(9, '0');
    return `32${rest.slice(0, 4)}-${rest.slice(4)}`;
  }
  for (let i = 0; i < 20; i++) {
    const code = oldFormatCode(birth, rng.int(0, 999));
    if (code) return code; // about one serial in eleven has no valid check digit: try another
  }
  throw new Error('no valid personal code found in 20 tries'); // practically unreachable
}

/** A birth date for someone aged between minAge and maxAge on `today`. */
export function birthDateAged(rng: Prng, today: Date, minAge: number, maxAge: number): Date {
  const latest = Date.UTC(today.getUTCFullYear() - minAge, today.getUTCMonth(), today.getUTCDate());
  const earliest = Date.UTC(today.getUTCFullYear() - maxAge - 1, today.getUTCMonth(), today.getUTCDate() + 1);
  const day = 86_400_000;
  return new Date(earliest + rng.int(0, Math.floor((latest - earliest) / day)) * day);
}

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

export function ageOn(birth: Date, on: Date): number {
  const had =
    on.getUTCMonth() > birth.getUTCMonth() ||
    (on.getUTCMonth() === birth.getUTCMonth() && on.getUTCDate() >= birth.getUTCDate());
  return on.getUTCFullYear() - birth.getUTCFullYear() - (had ? 0 : 1);
}
