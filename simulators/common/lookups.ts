import { birthDateOf, isValidPersonalCode } from '../../platform/personal-code';
import type { SystemState } from '../kit/app';
import { createPrng, seedFrom, type Prng } from '../../platform/prng';
import { SimProblem } from '../kit/problem';

/**
 * Register look-ups by personal code (VIIS, IIS VDEĀVK, e-adrese accounts) answer the same for the same code:
 * the record is generated from a PRNG seeded with the code. Tests that need a particular answer set it with
 * an override (admin API), which wins until reset.
 */
export function prngFor(system: string, key: string): Prng {
  return createPrng(seedFrom(`${system}:${key}`));
}

/** Birth date from an old-format code; for a new-format (32…) code a date in 1966–2007, stable per code. */
export function birthOf(code: string, rng: Prng): Date {
  const days = rng.int(0, 15_340); // 1966-01-01 + up to 42 years
  return birthDateOf(code) ?? new Date(Date.UTC(1966, 0, 1) + days * 86_400_000);
}

export function requirePersonalCode(code: string | undefined): string {
  if (!code || !/^\d{6}-\d{5}$/.test(code) || !isValidPersonalCode(code)) {
    throw new SimProblem(
      400,
      'INVALID_PERSONAL_CODE',
      'Invalid personal code',
      `"${code ?? ''}" is not a valid Latvian personal code written as DDMMYY-NNNNN.`,
    );
  }
  return code;
}

/** Test-set answers per key: a value, or null for "no data". */
export class Overrides<T> implements SystemState {
  private map = new Map<string, T | null>();

  get(key: string): T | null | undefined {
    return this.map.get(key);
  }

  set(key: string, value: T | null): void {
    this.map.set(key, value);
  }

  reset(): void {
    this.map.clear();
  }

  snapshot(): unknown {
    return [...this.map];
  }

  restore(data: unknown): void {
    this.map = new Map((data as [string, T | null][] | undefined) ?? []);
  }

  stats(): Record<string, unknown> {
    return { overrides: this.map.size };
  }
}

export const NO_DATA = (what: string, code: string) =>
  new SimProblem(404, 'NO_DATA', 'No data', `${what} holds no data about the person ${code}.`);
