/**
 * Types of the work schedule generator (darba grafiks) shared by community service (sabiedriskais darbs,
 * formerly piespiedu darbs) and the minors' educational community work. Dates are calendar dates in
 * Europe/Riga as ISO `YYYY-MM-DD`; times are Riga wall-clock `HH:MM` (`24:00` allowed as an end).
 */

export type IsoDate = string;
export type HHMM = string;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface TimeWindow {
  from: HHMM;
  to: HHMM;
}

export type WeeklyWindows = Partial<Record<Weekday, TimeWindow[]>>;

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

/** Which set of limits applies on a date; chosen from the client's age, schooling and the school calendar. */
export const PROFILE_IDS = [
  'ADULT',
  'ADOLESCENT_15_17',
  'CHILD_SCHOOL_TERM',
  'CHILD_HOLIDAY',
  'CHILD_HOLIDAY_15_PLUS',
] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

/** Every limit is configurable; defaults and their legal sources are in limits.ts. */
export interface LimitsProfile {
  /** Cap on any day. */
  maxHoursPerDay: number;
  /** Cap on a working day (Mon–Fri, not a day off) for a client with a main job or studies. */
  maxHoursPerWorkdayBesideMainActivity: number;
  /** The same cap when the client has agreed to longer days. */
  maxHoursPerWorkdayBesideMainActivityWithConsent: number;
  maxHoursPerWeek: number;
  /** Advisory weekly minimum: only produces a warning when availability does not allow it. */
  minHoursPerWeek: number | null;
  maxWorkDaysPerWeek: number;
  weekendWork: boolean;
  /** Forbidden night period, e.g. 22:00–06:00; null when night work is not forbidden. */
  night: { from: HHMM; to: HHMM } | null;
  /** A break is required when the hours of a session exceed this. */
  breakWhenOverHours: number;
  breakMinutes: number;
  /** The break starts no later than this many hours after the start (and at about half of the session). */
  breakLatestAfterHours: number;
  /** Minimum rest between the end of one session and the start of the next. */
  minDailyRestHours: number;
}

export type LimitsOverrides = Partial<Record<ProfileId, Partial<LimitsProfile>>>;

/** Statutory kinds of the measure, named as in DOMAIN.md §7.2; used only to check the total against the law. */
export type Measure = 'FORCED_WORK' | 'FORCED_WORK_ADDITIONAL' | 'COMMUNITY_WORK_EDU';

export interface ClientInfo {
  birthDate: IsoDate;
  /** Last date of compulsory basic education; while under 18 and in it the client is a "child" (Labour Law s. 37). */
  basicEducationUntil?: IsoDate;
  /** Main job or studies on working days (Sentence Execution Code s. 136). Default true, the stricter case. */
  hasMainJobOrStudies?: boolean;
  /** Client agreed to up to 4 h on working days beside the main job or studies. Default false. */
  consentsToLongerWorkdays?: boolean;
  /** Weekly times the client cannot work at all, e.g. a main job. */
  unavailableWeekly?: WeeklyWindows;
  /** Lessons: unavailable on school days only, free in the school holidays of the school calendar. */
  schoolHoursWeekly?: WeeklyWindows;
  unavailableDates?: IsoDate[];
}

export interface EmployerAvailability {
  weekly: WeeklyWindows;
  closedDates?: IsoDate[];
  /** Whether the employer closes on the Cabinet's transferred days off (most municipal employers do). Default true. */
  observesTransferredDaysOff?: boolean;
}

export interface SchedulePreferences {
  /** Preferred session length; default: as long as the day's limit allows. */
  preferredSessionHours?: number;
  /** Minimum session length unless fewer hours remain. Default 2. */
  minSessionHours?: number;
}

export interface CalendarOptions {
  /** School holiday periods; default: the IZM calendars in school-holidays.ts. */
  schoolHolidays?: DateRange[];
  /** Transferred days off (pārceltās darba dienas); default: the Cabinet orders in calendar.ts. */
  transferredDaysOff?: IsoDate[];
  /** Extra public holidays (e.g. a one-off day declared by law). */
  extraPublicHolidays?: IsoDate[];
}

export interface ScheduleInput {
  measure?: Measure;
  /** Whole or half hours. */
  totalHours: number;
  startDate: IsoDate;
  /** Last date on which work may be scheduled (inclusive). */
  deadline?: IsoDate;
  client: ClientInfo;
  employer: EmployerAvailability;
  preferences?: SchedulePreferences;
  limits?: LimitsOverrides;
  calendar?: CalendarOptions;
  /** Safety horizon without a deadline, in days. Default 1096 (3 years). */
  horizonDays?: number;
}

export interface Session {
  date: IsoDate;
  start: HHMM;
  /** End of the session including the break. */
  end: HHMM;
  /** Hours of work, break excluded. */
  hours: number;
  breakMinutes: number;
  /** Start of the break, or null when the session has none. */
  breakStart: HHMM | null;
  profile: ProfileId;
}

export type WarningCode =
  | 'WEEKLY_MINIMUM_NOT_MET'
  | 'SCHOOL_CALENDAR_UNKNOWN'
  | 'CHILD_UNDER_13'
  | 'MIN_SESSION_CLAMPED'
  | 'HOURS_OUTSIDE_STATUTORY_RANGE'
  | 'EXTRA_HOURS_WORKED'
  | 'ALREADY_COMPLETE';

export interface ScheduleWarning {
  code: WarningCode;
  message: string;
  dates?: IsoDate[];
}

export interface AppliedRule {
  profile: ProfileId;
  from: IsoDate;
  to: IsoDate;
  limits: LimitsProfile;
  legalBasis: string[];
}

export interface ScheduleSuccess {
  ok: true;
  totalHours: number;
  sessions: Session[];
  /** Date of the last session, or null when there is nothing to schedule. */
  completionDate: IsoDate | null;
  warnings: ScheduleWarning[];
  appliedRules: AppliedRule[];
}

export type FailureReason = 'INVALID_INPUT' | 'DEADLINE_UNREACHABLE' | 'HORIZON_EXCEEDED' | 'NO_AVAILABILITY';

/**
 * What kept the dates of a NO_AVAILABILITY failure empty, with the number of dates each cause emptied:
 * NO_EMPLOYER_DAYS — the employer has no hours on those weekdays (or none at all); DAYS_OFF — public holidays,
 * transferred days off, weekends a minor may not work; EMPLOYER_CLOSED and CLIENT_UNAVAILABLE — closed or
 * unavailable dates and the client's weekly unavailable times; NIGHT_BAN — every window hour falls in the night
 * ban of the profile (children 20:00–06:00, adolescents 22:00–06:00); LESSONS — lessons fill the window;
 * OTHER_LIMITS — time was free but daily rest, the minimum session or weekly limits left no room.
 */
export type BlockerCode =
  'NO_EMPLOYER_DAYS' | 'DAYS_OFF' | 'EMPLOYER_CLOSED' | 'CLIENT_UNAVAILABLE' | 'NIGHT_BAN' | 'LESSONS' | 'OTHER_LIMITS';

export interface AvailabilityBlocker {
  code: BlockerCode;
  /** Dates (from the start, at most a year) this cause emptied. */
  days: number;
  /** For NIGHT_BAN: the night period(s) that applied, e.g. "20:00–06:00". */
  night?: string[];
  message: string;
}

export interface ScheduleFailure {
  ok: false;
  reason: FailureReason;
  message: string;
  /** Hours that could be placed within the period (the partial plan is not returned as a schedule). */
  placedHours: number;
  unplacedHours: number;
  /** For DEADLINE_UNREACHABLE: when the hours would be done without the deadline, if within the horizon. */
  earliestCompletion?: IsoDate;
  issues?: string[];
  /** For NO_AVAILABILITY: what blocked it, the most frequent cause first. */
  blockers?: AvailabilityBlocker[];
  warnings: ScheduleWarning[];
}

export type ScheduleResult = ScheduleSuccess | ScheduleFailure;

export interface LedgerEntry {
  date: IsoDate;
  hours: number;
}

export interface LedgerSummary {
  workedHours: number;
  /** total − worked, never below zero. */
  remainingHours: number;
  /** Hours worked beyond the total. */
  extraHours: number;
}

export type ReplanResult = ScheduleResult & { ledger: LedgerSummary };
