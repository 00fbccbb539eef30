/** Work schedule generator (darba grafiks) for community service and minors' community work. */
export { generateSchedule, DEFAULT_HORIZON_DAYS, DEFAULT_MIN_SESSION_HOURS } from './generate';
export { replan } from './replan';
export { checkSchedule, type Violation, type ViolationRule, type CheckOptions } from './verify';
export { parseScheduleInput, parseLedger, ScheduleInputSchema, LedgerSchema } from './schema';
export { DEFAULT_LIMITS, LEGAL_BASIS, STATUTORY_HOURS, effectiveLimits } from './limits';
export { DEFAULT_SCHOOL_HOLIDAYS } from './school-holidays';
export { DEFAULT_TRANSFERRED_DAYS_OFF, publicHolidayList } from './calendar';
export * from './types';
export {
  checkReportedHours,
  type ReportedDay,
  type HoursCheckInput,
  type HoursCheckResult,
  type HoursFinding,
} from './reported-hours';
export {
  SCHOOL_STATUSES,
  type SchoolStatus,
  basicEducationUntilFor,
  typicalTimetable,
  typicalLessonEnd,
  parseLessonSpan,
  lessonsToWeekly,
  schoolHolidaysForGrade,
} from './school';
