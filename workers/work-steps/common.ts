import { z } from 'zod';
import { SCHOOL_STATUSES, WEEKDAYS } from '../../domain/work-schedule';
import type { Prisma } from '../../prisma/generated/client';

/** Input pieces shared by the steps of community service and minors' public work (those of every process: ../shared/common.ts). */

export const limitsProfile = z.enum(['ADULT', 'MINOR']);

export const scheduleConstraints = z
  .object({
    startDate: z.string().nullish(),
    preferredSessionHours: z.number().min(1).max(8).nullish(),
    hasMainJobOrStudies: z.boolean().nullish(),
    consentsToLongerWorkdays: z.boolean().nullish(),
    unavailableWeekdays: z.array(z.string()).nullish(),
    availabilityNote: z.string().nullish(),
    /** A pupil's school status as the officer records it when agreeing the schedule (wins over the register's). */
    schoolStatus: z.enum(SCHOOL_STATUSES).nullish(),
    /** A pupil's lesson times per weekday, "08:30-15:30" (empty: no lessons that day); prefilled for the grade. */
    lessons: z.partialRecord(z.enum(WEEKDAYS), z.string().nullish()).nullish(),
  })
  .passthrough()
  .nullish();
export type ScheduleConstraints = z.infer<typeof scheduleConstraints>;

type Tx = Prisma.TransactionClient;

/** The placement a step works on, with its work place and employer. */
export function loadPlacement(tx: Tx, placementId: number) {
  return tx.placement.findUniqueOrThrow({
    where: { id: placementId },
    include: { workPlace: { include: { employer: true } } },
  });
}
