import type { HHMM, TimeWindow } from './types';

/** Minutes since midnight; a day is [0, 1440). Intervals are half-open [start, end). */
export interface Interval {
  start: number;
  end: number;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export function isHHMM(value: string): boolean {
  return HH_MM.test(value);
}

export function toMinutes(hhmm: HHMM): number {
  return (digit(hhmm, 0) * 10 + digit(hhmm, 1)) * 60 + digit(hhmm, 3) * 10 + digit(hhmm, 4);
}

function digit(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

export function toHHMM(minutes: number): HHMM {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export function toInterval(w: TimeWindow): Interval {
  return { start: toMinutes(w.from), end: toMinutes(w.to) };
}

/** Sorted, merged, non-empty intervals. */
export function normalise(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(nonEmpty).sort(byStart);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

// Module-level callbacks: no closure is created per call on the planner's hot path.
const nonEmpty = (i: Interval) => i.end > i.start;
const byStart = (a: Interval, b: Interval) => a.start - b.start;

/** `from` minus every interval in `cut`; inputs and output normalised (intervals are never mutated). */
export function subtract(from: readonly Interval[], cut: readonly Interval[]): Interval[] {
  if (cut.length === 0) return from.slice();
  const out: Interval[] = [];
  for (const base of from) {
    let pieces: Interval[] = [{ ...base }];
    for (const c of cut) {
      const next: Interval[] = [];
      for (const p of pieces) {
        if (c.end <= p.start || c.start >= p.end) next.push(p);
        else {
          if (c.start > p.start) next.push({ start: p.start, end: c.start });
          if (c.end < p.end) next.push({ start: c.end, end: p.end });
        }
      }
      pieces = next;
    }
    out.push(...pieces);
  }
  return out;
}

/** A night period such as 22:00–06:00 as intervals within one calendar day. */
export function nightIntervals(night: { from: HHMM; to: HHMM } | null): Interval[] {
  if (!night) return [];
  const from = toMinutes(night.from);
  const to = toMinutes(night.to);
  return from > to
    ? [
        { start: 0, end: to },
        { start: from, end: 1440 },
      ]
    : [{ start: from, end: to }];
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}
