import { isIsoDate, toDay } from './dates';
import { schedule } from './generate';
import { parseLedger, parseScheduleInput } from './schema';
import type { IsoDate, LedgerEntry, LedgerSummary, ReplanResult, ScheduleInput, ScheduleWarning } from './types';
import { statutoryRangeWarning } from './warnings';

/**
 * Re-plans the hours still owed after the hours actually worked (the ledger the employer certifies).
 * The remainder (total − worked, never below zero) is scheduled from `fromDate` under the same rules.
 * Ledger dates are never booked again, and their hours count towards the weekly limits of their weeks.
 */
export function replan(input: ScheduleInput, ledger: readonly LedgerEntry[], fromDate: IsoDate): ReplanResult {
  const parsedInput = parseScheduleInput(input);
  const parsedLedger = parseLedger(ledger);
  const issues = [
    ...(parsedInput.ok ? [] : parsedInput.issues),
    ...(parsedLedger.ok ? [] : parsedLedger.issues.map((i) => `ledger.${i}`)),
    ...(isIsoDate(fromDate) ? [] : [`fromDate: expected a real date as YYYY-MM-DD`]),
  ];
  const emptySummary: LedgerSummary = { workedHours: 0, remainingHours: 0, extraHours: 0 };
  if (!parsedInput.ok || !parsedLedger.ok || issues.length > 0) {
    return {
      ok: false,
      reason: 'INVALID_INPUT',
      message: `The replanning input is not valid: ${issues.join('; ')}`,
      placedHours: 0,
      unplacedHours: 0,
      issues,
      warnings: [],
      ledger: emptySummary,
    };
  }

  const valid = parsedInput.value;
  const prior = new Map<number, number>();
  for (const e of parsedLedger.value) {
    const day = toDay(e.date);
    prior.set(day, (prior.get(day) ?? 0) + Math.round(e.hours * 60));
  }
  const workedMinutes = [...prior.values()].reduce((a, b) => a + b, 0);
  const totalMinutes = Math.round(valid.totalHours * 60);
  const remainingMinutes = Math.max(0, totalMinutes - workedMinutes);
  const summary: LedgerSummary = {
    workedHours: workedMinutes / 60,
    remainingHours: remainingMinutes / 60,
    extraHours: Math.max(0, workedMinutes - totalMinutes) / 60,
  };

  const result = schedule(valid, {
    totalMinutes: remainingMinutes,
    firstDay: toDay(fromDate),
    prior,
    extraWarnings: [...statutoryRangeWarning(valid), ...ledgerWarnings(summary)],
  });
  return { ...result, ledger: summary };
}

function ledgerWarnings(summary: LedgerSummary): ScheduleWarning[] {
  const out: ScheduleWarning[] = [];
  if (summary.extraHours > 0) {
    out.push({
      code: 'EXTRA_HOURS_WORKED',
      message: `${summary.extraHours} h were worked beyond the total; nothing remains to schedule.`,
    });
  }
  if (summary.remainingHours === 0) {
    out.push({ code: 'ALREADY_COMPLETE', message: 'All hours have been worked.' });
  }
  return out;
}
