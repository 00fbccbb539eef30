import type { LimitsOverrides, LimitsProfile, Measure, ProfileId } from './types';

/**
 * Default limits per profile. Sources (see docs/work-schedule.md for the full list and what is confirmed):
 *  DL   = Darba likums (Labour Law): s. 37 (child/adolescent), s. 132 (working time of children and
 *         adolescents), s. 138 (night work), s. 142 (daily rest), s. 143 (weekly rest), s. 145 (breaks).
 *  LSIK = Latvijas Sodu izpildes kodekss (Sentence Execution Code) s. 136 (time of serving forced work).
 * DL figures are confirmed by VDI and LM guidance; LSIK figures only by a pre-2022 LA.lv explainer (not the
 * text in force). Figures marked ASSUMPTION are our choices where no source was found. All can be overridden.
 */
export const DEFAULT_LIMITS: Readonly<Record<ProfileId, Readonly<LimitsProfile>>> = {
  ADULT: {
    // LSIK s. 136: up to 8 h a day on days off, or on any day when the client neither works nor studies.
    maxHoursPerDay: 8,
    // LSIK s. 136: on working days at most 2 h beside the main job/studies, up to 4 h with consent.
    maxHoursPerWorkdayBesideMainActivity: 2,
    maxHoursPerWorkdayBesideMainActivityWithConsent: 4,
    // ASSUMPTION: the sources found set no weekly maximum for forced work; DL s. 131's normal 40 h week.
    maxHoursPerWeek: 40,
    // LSIK s. 136: at least 12 h a week unless the institution cannot provide work regularly (advisory).
    minHoursPerWeek: 12,
    // ASSUMPTION: at least one whole day off a week (weekly rest, DL s. 143).
    maxWorkDaysPerWeek: 6,
    weekendWork: true,
    // DL s. 138 defines night as 22:00–06:00 but does not forbid it for adults; employers' hours rule.
    night: null,
    // DL s. 145: a break of at least 30 min when the working day exceeds 6 h, no later than 4 h after start.
    breakWhenOverHours: 6,
    breakMinutes: 30,
    breakLatestAfterHours: 4,
    // DL s. 142: daily rest of at least 12 consecutive hours.
    minDailyRestHours: 12,
  },
  ADOLESCENT_15_17: {
    // DL s. 132: adolescents at most 7 h a day and 35 h a week.
    maxHoursPerDay: 7,
    maxHoursPerWorkdayBesideMainActivity: 7,
    maxHoursPerWorkdayBesideMainActivityWithConsent: 7,
    maxHoursPerWeek: 35,
    minHoursPerWeek: null,
    // DL s. 132/143 (per LM and LA.lv guidance): a five-day week, no work on Saturdays and Sundays.
    maxWorkDaysPerWeek: 5,
    weekendWork: false,
    // DL s. 138: no night work under 18; night is 22:00–06:00.
    night: { from: '22:00', to: '06:00' },
    // DL s. 145 (per LA.lv guidance; matches Directive 94/33/EC art. 12): 30 min when over 4.5 h.
    breakWhenOverHours: 4.5,
    breakMinutes: 30,
    breakLatestAfterHours: 4,
    // DL s. 142: adolescents 12 consecutive hours of daily rest.
    minDailyRestHours: 12,
  },
  CHILD_SCHOOL_TERM: {
    // DL s. 132(2): children at most 2 h a day and 10 h a week during the school year.
    maxHoursPerDay: 2,
    maxHoursPerWorkdayBesideMainActivity: 2,
    maxHoursPerWorkdayBesideMainActivityWithConsent: 2,
    maxHoursPerWeek: 10,
    minHoursPerWeek: null,
    maxWorkDaysPerWeek: 5,
    weekendWork: false,
    // DL s. 138: for children night is 20:00–06:00.
    night: { from: '20:00', to: '06:00' },
    breakWhenOverHours: 4.5,
    breakMinutes: 30,
    breakLatestAfterHours: 4,
    // DL s. 142: children 14 consecutive hours of daily rest.
    minDailyRestHours: 14,
  },
  CHILD_HOLIDAY: {
    // DL s. 132(2): children at most 4 h a day and 20 h a week in the school holidays.
    maxHoursPerDay: 4,
    maxHoursPerWorkdayBesideMainActivity: 4,
    maxHoursPerWorkdayBesideMainActivityWithConsent: 4,
    maxHoursPerWeek: 20,
    minHoursPerWeek: null,
    maxWorkDaysPerWeek: 5,
    weekendWork: false,
    night: { from: '20:00', to: '06:00' },
    breakWhenOverHours: 4.5,
    breakMinutes: 30,
    breakLatestAfterHours: 4,
    minDailyRestHours: 14,
  },
  CHILD_HOLIDAY_15_PLUS: {
    // DL s. 132(2): a child who has reached 15 (still in basic education) may work 7 h / 35 h in holidays.
    maxHoursPerDay: 7,
    maxHoursPerWorkdayBesideMainActivity: 7,
    maxHoursPerWorkdayBesideMainActivityWithConsent: 7,
    maxHoursPerWeek: 35,
    minHoursPerWeek: null,
    maxWorkDaysPerWeek: 5,
    weekendWork: false,
    night: { from: '20:00', to: '06:00' },
    breakWhenOverHours: 4.5,
    breakMinutes: 30,
    breakLatestAfterHours: 4,
    minDailyRestHours: 14,
  },
};

/** Legal basis shown with each applied profile. */
export const LEGAL_BASIS: Readonly<Record<ProfileId, readonly string[]>> = {
  ADULT: [
    'Krimināllikums s. 40: community service 40–280 h (40–100 h as an additional punishment)',
    'Sodu izpildes kodekss s. 136: ≤2 h (≤4 h with consent) on working days beside main job/studies, ≤8 h on days off or without main activity, ≥12 h a week where work is available',
    'Darba likums s. 142 (12 h daily rest), s. 145 (break after 6 h)',
    'Assumed: ≤40 h and ≤6 days a week',
  ],
  ADOLESCENT_15_17: [
    'Darba likums s. 37(4): adolescent = 15–17 and not a child',
    'Darba likums s. 132: ≤7 h a day, ≤35 h a week; five-day week',
    'Darba likums s. 138: no night work 22:00–06:00 under 18',
    'Darba likums s. 142 (12 h daily rest), s. 145 (30 min break over 4.5 h)',
  ],
  CHILD_SCHOOL_TERM: [
    'Darba likums s. 37(1): child = under 15, or under 18 in compulsory basic education',
    'Darba likums s. 132(2): ≤2 h a day, ≤10 h a week in the school year',
    'Darba likums s. 138: no night work; for children night is 20:00–06:00',
    'Darba likums s. 142: 14 h daily rest for children',
  ],
  CHILD_HOLIDAY: [
    'Darba likums s. 37(1): child = under 15, or under 18 in compulsory basic education',
    'Darba likums s. 132(2): ≤4 h a day, ≤20 h a week in school holidays',
    'Darba likums s. 138: no night work; for children night is 20:00–06:00',
    'School holidays: Cabinet regulations on the school year (IZM)',
  ],
  CHILD_HOLIDAY_15_PLUS: [
    'Darba likums s. 37(1): child in compulsory basic education, aged 15–17',
    'Darba likums s. 132(2): ≤7 h a day, ≤35 h a week in school holidays once 15',
    'Darba likums s. 138: no night work; for children night is 20:00–06:00',
  ],
};

export function effectiveLimits(overrides: LimitsOverrides | undefined): Record<ProfileId, LimitsProfile> {
  const out = {} as Record<ProfileId, LimitsProfile>;
  for (const id of Object.keys(DEFAULT_LIMITS) as ProfileId[]) {
    out[id] = { ...DEFAULT_LIMITS[id], ...overrides?.[id] };
  }
  return out;
}

/** Statutory ranges of the total hours (Krimināllikums s. 40; law on educational measures for children s. 11). */
export const STATUTORY_HOURS: Readonly<Record<Measure, { min: number; max: number; source: string }>> = {
  FORCED_WORK: { min: 40, max: 280, source: 'Krimināllikums s. 40' },
  FORCED_WORK_ADDITIONAL: { min: 40, max: 100, source: 'Krimināllikums s. 40' },
  COMMUNITY_WORK_EDU: {
    min: 10,
    max: 40,
    source: 'Par audzinoša rakstura piespiedu līdzekļu piemērošanu bērniem (VPD: 10–40 h, from age 11)',
  },
};
