import type { SchoolCalendar } from './school-holidays';
import type { ProfileId } from './types';

/** The dates (day numbers) a client turns 13, 15 and 18: age thresholds without date arithmetic per day. */
export interface AgeThresholds {
  turns13: number;
  turns15: number;
  turns18: number;
}

export interface ProfileOnDay {
  profile: ProfileId;
  under13: boolean;
  /** True when a child's date fell outside the known school calendar and term limits were assumed. */
  calendarUnknown: boolean;
}

/**
 * Which limits apply on a date. The age counts on the date itself, so a client turning 15 or 18 changes
 * profile on the birthday. A child (Labour Law s. 37(1)) is under 15, or under 18 while still in compulsory
 * basic education; an adolescent (s. 37(4)) is 15–17 and not a child.
 */
export function profileOn(
  day: number,
  age: AgeThresholds,
  basicEducationUntil: number | undefined,
  school: SchoolCalendar,
): ProfileOnDay {
  const under13 = day < age.turns13;
  if (day >= age.turns18) return { profile: 'ADULT', under13, calendarUnknown: false };
  const inBasicEducation = basicEducationUntil !== undefined && day <= basicEducationUntil;
  const fifteen = day >= age.turns15;
  if (fifteen && !inBasicEducation) return { profile: 'ADOLESCENT_15_17', under13, calendarUnknown: false };
  if (!school.knows(day)) return { profile: 'CHILD_SCHOOL_TERM', under13, calendarUnknown: true };
  if (!school.isHoliday(day)) return { profile: 'CHILD_SCHOOL_TERM', under13, calendarUnknown: false };
  return { profile: fifteen ? 'CHILD_HOLIDAY_15_PLUS' : 'CHILD_HOLIDAY', under13, calendarUnknown: false };
}
