import { WorkCalendar } from './calendar';
import { birthdayDay, isDstChangeDay, isWeekend, toDay, weekdayKey } from './dates';
import { effectiveLimits } from './limits';
import { type AgeThresholds, type ProfileOnDay, profileOn } from './profile';
import { SchoolCalendar } from './school-holidays';
import { type Interval, nightIntervals, normalise, subtract, toInterval } from './time';
import type { LimitsProfile, ProfileId, ScheduleInput, Weekday, WeeklyWindows } from './types';
import { WEEKDAYS } from './types';

export type BlockReason =
  'PUBLIC_HOLIDAY' | 'TRANSFERRED_DAY_OFF' | 'EMPLOYER_CLOSED' | 'CLIENT_UNAVAILABLE' | 'NO_WEEKEND_WORK';

/**
 * Why a date that is not blocked as a whole still has no room for a session, first cause wins: the employer has
 * no hours that weekday; the client's own unavailable times; the night ban of the profile; lessons (school days).
 * ROOM_ELSEWHERE: a session would fit the free time, something else (rest, weekly limits) kept it empty.
 */
export type DayObstacle = 'NO_EMPLOYER_HOURS' | 'CLIENT_BUSY' | 'NIGHT' | 'LESSONS' | 'ROOM_ELSEWHERE';

/** Everything the planner needs to know about one date. */
export interface DayContext {
  day: number;
  profile: ProfileId;
  limits: LimitsProfile;
  under13: boolean;
  calendarUnknown: boolean;
  blockedBy: BlockReason | null;
  /** The day's cap in minutes under the profile and the client's main activity. */
  capMinutes: number;
  /** Employer hours minus the client's unavailable times (lessons on school days), night and the DST hour. */
  free: Interval[];
}

const DST_HOUR: Interval[] = [{ start: 180, end: 240 }];
const NO_TIME: Interval[] = [];

function byWeekday(windows: WeeklyWindows | undefined): Record<Weekday, Interval[]> {
  const out = {} as Record<Weekday, Interval[]>;
  for (const wd of WEEKDAYS) out[wd] = normalise((windows?.[wd] ?? []).map(toInterval));
  return out;
}

/** The rules of one schedule resolved once, then asked day by day. */
export class ScheduleContext {
  readonly limits: Record<ProfileId, LimitsProfile>;
  readonly calendar: WorkCalendar;
  readonly school: SchoolCalendar;
  private readonly employer: Record<Weekday, Interval[]>;
  private readonly clientBusy: Record<Weekday, Interval[]>;
  private readonly lessons: Record<Weekday, Interval[]>;
  private readonly closed: Set<number>;
  private readonly unavailable: Set<number>;
  private readonly basicEducationUntil: number | undefined;
  private readonly age: AgeThresholds;
  private readonly nightByProfile = new Map<ProfileId, Interval[]>();
  /** Days are asked for repeatedly (planning, applied rules, warnings): each is worked out once. */
  private readonly days = new Map<number, DayContext>();
  private readonly profiles = new Map<number, ProfileOnDay>();
  /** Free windows depend only on weekday, profile and whether lessons apply: shared across dates. */
  private readonly freeWindows = new Map<string, Interval[]>();

  constructor(private readonly input: ScheduleInput) {
    this.limits = effectiveLimits(input.limits);
    this.calendar = new WorkCalendar(input.calendar ?? {});
    this.school = SchoolCalendar.fromOptions(input.calendar?.schoolHolidays);
    this.employer = byWeekday(input.employer.weekly);
    this.clientBusy = byWeekday(input.client.unavailableWeekly);
    this.lessons = byWeekday(input.client.schoolHoursWeekly);
    this.closed = new Set((input.employer.closedDates ?? []).map(toDay));
    this.unavailable = new Set((input.client.unavailableDates ?? []).map(toDay));
    this.basicEducationUntil =
      input.client.basicEducationUntil === undefined ? undefined : toDay(input.client.basicEducationUntil);
    const birth = input.client.birthDate;
    this.age = { turns13: birthdayDay(birth, 13), turns15: birthdayDay(birth, 15), turns18: birthdayDay(birth, 18) };
    for (const id of Object.keys(this.limits) as ProfileId[]) {
      this.nightByProfile.set(id, normalise(nightIntervals(this.limits[id].night)));
    }
  }

  /** The context of a date; treat it as read-only (it is shared between callers). */
  day(day: number): DayContext {
    let c = this.days.get(day);
    if (!c) {
      c = this.resolve(day);
      this.days.set(day, c);
    }
    return c;
  }

  /** Only the profile of a date: cheaper than day() when the limits are all that is needed. */
  profileOf(day: number): ProfileOnDay {
    let p = this.profiles.get(day);
    if (!p) {
      p = profileOn(day, this.age, this.basicEducationUntil, this.school);
      this.profiles.set(day, p);
    }
    return p;
  }

  /** Why an unblocked date has no room for a session of `minMinutes` (NO_AVAILABILITY diagnosis). */
  obstacleOn(day: number, minMinutes: number): DayObstacle {
    const c = this.day(day);
    const wd = weekdayKey(day);
    const need = Math.max(30, Math.min(minMinutes, c.capMinutes || minMinutes));
    const fits = (free: Interval[]) => free.some((w) => w.end - w.start >= need);
    let free = this.employer[wd];
    if (free.length === 0) return 'NO_EMPLOYER_HOURS';
    free = subtract(free, this.clientBusy[wd]);
    if (!fits(free)) return 'CLIENT_BUSY';
    free = subtract(free, this.nightByProfile.get(c.profile)!);
    if (!fits(free)) return 'NIGHT';
    if (!this.school.isHoliday(day)) free = subtract(free, this.lessons[wd]);
    if (!fits(free)) return 'LESSONS';
    return 'ROOM_ELSEWHERE';
  }

  /** The employer's windows on a weekday (for messages). */
  employerWindows(wd: Weekday): Interval[] {
    return this.employer[wd];
  }

  limitsOn(day: number): LimitsProfile {
    return this.limits[this.profileOf(day).profile];
  }

  private resolve(day: number): DayContext {
    const p = this.profileOf(day);
    const limits = this.limits[p.profile];
    const blockedBy = this.blockReason(day, limits);
    let free: Interval[] = NO_TIME;
    let capMinutes = 0;
    if (!blockedBy) {
      free = this.freeOn(day, p.profile);
      if (isDstChangeDay(day)) free = subtract(free, DST_HOUR);
      capMinutes = this.capMinutes(day, limits);
    }
    return {
      day,
      profile: p.profile,
      limits,
      under13: p.under13,
      calendarUnknown: p.calendarUnknown,
      blockedBy,
      capMinutes,
      free,
    };
  }

  private freeOn(day: number, profile: ProfileId): Interval[] {
    const wd = weekdayKey(day);
    const lessons = !this.school.isHoliday(day);
    const key = `${wd}|${profile}|${lessons ? 1 : 0}`;
    let free = this.freeWindows.get(key);
    if (!free) {
      free = subtract(this.employer[wd], this.clientBusy[wd]);
      if (lessons) free = subtract(free, this.lessons[wd]);
      free = subtract(free, this.nightByProfile.get(profile)!);
      this.freeWindows.set(key, free);
    }
    return free;
  }

  private blockReason(day: number, limits: LimitsProfile): BlockReason | null {
    if (this.calendar.isPublicHoliday(day)) return 'PUBLIC_HOLIDAY';
    if (this.input.employer.observesTransferredDaysOff !== false && this.calendar.isTransferredDayOff(day)) {
      return 'TRANSFERRED_DAY_OFF';
    }
    if (this.closed.has(day)) return 'EMPLOYER_CLOSED';
    if (this.unavailable.has(day)) return 'CLIENT_UNAVAILABLE';
    if (!limits.weekendWork && isWeekend(day)) return 'NO_WEEKEND_WORK';
    return null;
  }

  /** Sentence Execution Code s. 136: short days beside a main job or studies, long days otherwise. */
  private capMinutes(day: number, limits: LimitsProfile): number {
    const workingDay = !isWeekend(day) || this.calendar.isMovedWorkingSaturday(day);
    const client = this.input.client;
    let hours = limits.maxHoursPerDay;
    if (workingDay && client.hasMainJobOrStudies !== false) {
      hours = client.consentsToLongerWorkdays
        ? limits.maxHoursPerWorkdayBesideMainActivityWithConsent
        : limits.maxHoursPerWorkdayBesideMainActivity;
    }
    // Whole half-hours only: sessions are planned in 30-minute steps.
    return Math.floor(Math.min(hours, limits.maxHoursPerDay) * 2) * 30;
  }
}
