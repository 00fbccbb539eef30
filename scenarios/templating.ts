import { isPublicHoliday } from '../domain/work-schedule/calendar';
import { toDay } from '../domain/work-schedule/dates';

/** {{…}} substitution in scenario values (scenarios/format.ts); {{workday:+N}}: the N-th working day after today. */
const WHOLE = /^\{\{\s*([^}]+?)\s*\}\}$/;
const ANY = /\{\{\s*([^}]+?)\s*\}\}/g;

function rigaDateTime(daysAhead: number, now: Date): string {
  const d = new Date(now.getTime() + daysAhead * 86_400_000);
  const day = d.toISOString().slice(0, 10);
  // 10:00 in Riga: +02:00 in winter, +03:00 in summer (EET/EEST), the offset Intl reports for that day.
  const offset =
    new Intl.DateTimeFormat('en', { timeZone: 'Europe/Riga', timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${day}T10:00:00Z`))
      .find((p) => p.type === 'timeZoneName')
      ?.value.replace('GMT', '') || '+02:00';
  return `${day}T10:00:00${offset}`;
}

/** The n-th working day (Monday–Friday, not a public holiday) after today, as YYYY-MM-DD. */
function workday(n: number, now: Date): string {
  let d = new Date(`${now.toISOString().slice(0, 10)}T12:00:00Z`);
  for (let left = n; left > 0;) {
    d = new Date(d.getTime() + 86_400_000);
    const iso = d.toISOString().slice(0, 10);
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6 && !isPublicHoliday(toDay(iso))) left--;
  }
  return d.toISOString().slice(0, 10);
}

function lookup(expr: string, vars: Record<string, unknown>, now: Date): unknown {
  const wd = /^workday:\+(\d+)$/.exec(expr);
  if (wd) return workday(Number(wd[1]), now);
  const fn = /^(date|datetime):([+-]\d+)$/.exec(expr);
  if (fn) {
    const days = Number(fn[2]);
    return fn[1] === 'date'
      ? new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10)
      : rigaDateTime(days, now);
  }
  let v: unknown = vars;
  for (const part of expr.split('.')) {
    if (v === null || typeof v !== 'object' || !(part in v))
      throw new Error(`{{${expr}}}: "${part}" is not bound (known: ${Object.keys(vars).join(', ') || 'nothing yet'})`);
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

export function resolve<T>(value: T, vars: Record<string, unknown>, now = new Date()): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return lookup(whole[1]!, vars, now) as T;
    return value.replace(ANY, (_m, expr: string) => String(lookup(expr, vars, now))) as T;
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, vars, now)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, vars, now)])) as T;
  return value;
}
