/**
 * A small seeded PRNG (mulberry32) so that chaos, benchmark and test data are reproducible: the same seed and the same
 * sequence of requests give the same faults; the same personal code always gives the same register record.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Pick by weights (need not sum to 1). */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Failures before the first success with probability p, at most `cap` (geometric distribution). */
  geometric(p: number, cap: number): number;
}

export function createPrng(seed: number): Prng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const prng: Prng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (items) => {
      const total = items.reduce((t, [, w]) => t + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    geometric: (p, cap) => {
      let k = 0;
      while (k < cap && !(next() < p)) k++;
      return k;
    },
  };
  return prng;
}

/** A 32-bit seed from text (FNV-1a), for "deterministic per personal code". */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
