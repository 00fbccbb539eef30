import { z } from 'zod';

/**
 * The scenario format (docs/scenarios.md): a named list of steps played in order against a running stack.
 * Strings may use {{var.path}} (values bound by earlier steps), {{date:+N}} (today + N days, YYYY-MM-DD) and
 * {{datetime:+N}} (today + N days, 10:00 Riga time, ISO 8601). A string that is exactly one {{…}} keeps the
 * bound value's type (number, object).
 */
const system = z.enum(['tis', 'prois', 'ievp', 'viis', 'vdeavk', 'e-adrese']);
const timeout = z.number().int().min(100).max(600_000).optional();
const caseRef = z.string().default('case');
const actor = z.union([
  z.object({ user: z.string() }),
  z.object({ role: z.enum(['officer', 'senior-officer', 'supervisor']) }),
]);

const Generate = z.object({
  seed: z.number().int().min(0).default(1),
  measure: z
    .enum(['FORCED_WORK', 'FORCED_WORK_ADDITIONAL', 'COMMUNITY_WORK_EDU', 'PROBATION_SUPERVISION'])
    .default('FORCED_WORK'),
  hours: z.number().int().positive().optional(),
  /** Under 11 only to show the refusal at intake (the educational measure applies from 11). */
  age: z.number().int().min(8).max(90).optional(),
  /** One of the 43 municipalities, e.g. "Cēsu novads", "Liepāja". */
  municipality: z.string().optional(),
});

export const StepSchema = z.union([
  z
    .object({
      inject: z
        .object({
          system: z.enum(['tis', 'prois', 'ievp']),
          generate: Generate.optional(),
          message: z.unknown().optional(),
          raw: z.boolean().default(false),
          messageId: z.string().optional(),
          as: z.string().optional(),
        })
        .refine((i) => i.generate || i.message !== undefined, 'give `generate` or `message`'),
    })
    .strict(),
  /** Generates a decision like inject, binds it as {message} without sending it (to set up registers first). */
  z
    .object({ prepare: z.object({ system: z.enum(['tis', 'prois', 'ievp']), generate: Generate, as: z.string() }) })
    .strict(),
  z.object({ redeliver: z.object({ system: z.enum(['tis', 'prois', 'ievp']), messageId: z.string() }) }).strict(),
  z
    .object({ waitForCase: z.object({ personalCode: z.string(), as: z.string().default('case'), timeoutMs: timeout }) })
    .strict(),
  z
    .object({
      completeTask: z.intersection(
        z.object({
          task: z.string(),
          case: caseRef,
          variables: z.record(z.string(), z.unknown()).default({}),
          timeoutMs: timeout,
        }),
        actor,
      ),
    })
    .strict(),
  z
    .object({
      waitForTask: z.object({
        task: z.string(),
        case: caseRef,
        candidateGroup: z.string().optional(),
        timeoutMs: timeout,
      }),
    })
    .strict(),
  /** Binds the latest value of a process variable (from the exported engine records) for later steps. */
  z
    .object({ readVariable: z.object({ name: z.string(), case: caseRef, as: z.string(), timeoutMs: timeout }) })
    .strict(),
  z
    .object({
      publishMessage: z.object({
        name: z.string(),
        case: caseRef,
        messageId: z.string().optional(),
        variables: z.record(z.string(), z.unknown()).default({}),
      }),
    })
    .strict(),
  z
    .object({
      advanceClock: z.object({
        duration: z.string().regex(/^P(\d+D)?(T(\d+H)?(\d+M)?)?$/, 'ISO 8601 duration like P3D or PT2H'),
      }),
    })
    .strict(),
  z.object({ setFault: z.object({ system, config: z.record(z.string(), z.unknown()) }) }).strict(),
  /** A person's or institution's e-address in the e-adrese simulator; `refuse`: its mailbox refuses messages (permanent). */
  z
    .object({
      setEAddress: z.object({ identifier: z.string(), active: z.boolean(), refuse: z.boolean().default(false) }),
    })
    .strict(),
  /** What VIIS answers for a person: education documents and the current enrolment (school, grade); both empty = NO_DATA. */
  z
    .object({
      setEducation: z.object({
        personalCode: z.string(),
        documents: z.array(z.unknown()).default([]),
        enrolment: z.unknown().nullable().default(null),
      }),
    })
    .strict(),
  /** Waits until the latest value of a process variable (as JSON) contains the text. */
  z
    .object({ expectVariable: z.object({ name: z.string(), case: caseRef, contains: z.string(), timeoutMs: timeout }) })
    .strict(),
  /**
   * The officer clears the case's FAILED notifications through the API, as in the client file: sends them again
   * (and waits until the dispatcher has delivered them) or records delivery another way. Fails if there is none.
   */
  z
    .object({
      followUpNotifications: z.intersection(
        z.object({
          case: caseRef,
          action: z.enum(['resend', 'deliveredOtherwise']),
          channel: z.enum(['POST', 'IN_PERSON']).default('IN_PERSON'),
          note: z.string().default('Izsniegts klātienē nodaļā'),
          timeoutMs: timeout,
        }),
        actor,
      ),
    })
    .strict(),
  z
    .object({
      expectOutbound: z.object({
        system,
        endpoint: z.string().default('POST /execution-notices'),
        where: z.record(z.string(), z.unknown()).default({}),
        /** Exactly this many requests the system acted on (retries answered from its Idempotency-Key memory excluded). */
        count: z.number().int().min(0),
        /** At least this many retries answered from that memory (proves a retry happened and did nothing twice). */
        replayedAtLeast: z.number().int().min(0).optional(),
        timeoutMs: timeout,
      }),
    })
    .strict(),
  z
    .object({
      expectDocuments: z.object({
        case: caseRef,
        kind: z.string(),
        count: z.number().int().min(0).optional(),
        min: z.number().int().min(0).optional(),
        timeoutMs: timeout,
      }),
    })
    .strict(),
  z
    .object({
      expectInbound: z.object({
        system: z.enum(['tis', 'prois', 'ievp']),
        messageId: z.string(),
        status: z.enum(['ACCEPTED', 'QUARANTINED', 'REPROCESSED', 'DISMISSED']),
        duplicates: z.number().int().min(0).optional(),
        issueContains: z.string().optional(),
        timeoutMs: timeout,
      }),
    })
    .strict(),
  z
    .object({
      /** Partner status as the workers recorded it (the monitor's partner panel reads the same). */
      expectPartner: z.object({
        system: z.string(),
        state: z.enum(['up', 'unreachable']).optional(),
        /** At least this many steps wait for it. */
        waitingAtLeast: z.number().int().min(0).optional(),
        /** Exactly this many steps wait for it. */
        waiting: z.number().int().min(0).optional(),
        /** A waiting step has been tried at least this often (to see retries happen on a moved clock). */
        triesAtLeast: z.number().int().min(1).optional(),
        timeoutMs: timeout,
      }),
    })
    .strict(),
  z
    .object({
      /** Exactly one active incident in the case's processes, whose text has every phrase; it is expected from now on. */
      expectIncident: z.object({ case: caseRef, contains: z.array(z.string()).default([]), timeoutMs: timeout }),
    })
    .strict(),
  z
    .object({
      /** A supervisor of the case's department retries its active incidents in the monitor, with a reason. */
      retryIncidents: z.object({ case: caseRef, reason: z.string().min(10) }),
    })
    .strict(),
  z
    .object({
      expectState: z.object({
        case: caseRef,
        caseStatus: z.enum(['OPEN', 'CLOSED']).optional(),
        outcome: z.enum(['COMPLETED', 'CONVERTED']).optional(),
        instance: z.enum(['ACTIVE', 'COMPLETED', 'TERMINATED']).optional(),
        hoursWorked: z.number().optional(),
        casesForPerson: z.number().int().optional(),
        timeoutMs: timeout,
      }),
    })
    .strict(),
  z
    .object({
      expectSchedule: z.object({
        case: caseRef,
        totalHours: z.number().optional(),
        maxHoursPerDay: z.number().optional(),
        /** Per Monday–Sunday week. */
        maxHoursPerWeek: z.number().optional(),
        /** Limits for the school-term dates only (a schedule may run into the holidays); needs one term session. */
        termMaxHoursPerDay: z.number().optional(),
        termMaxHoursPerWeek: z.number().optional(),
        /** At least one session this long (e.g. to show holiday limits apply). */
        longestSessionAtLeast: z.number().optional(),
        /** No session overlaps the lessons the schedule was planned with (school days; not in school holidays). */
        noSessionDuringLessons: z.boolean().default(false),
        /** The current schedule is at least this version (a re-plan happened). */
        minVersion: z.number().int().min(1).optional(),
        noWeekends: z.boolean().default(false),
        noPublicHolidays: z.boolean().default(true),
        timeoutMs: timeout,
      }),
    })
    .strict(),
]);
export type Step = z.infer<typeof StepSchema>;

export const ScenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    vars: z.record(z.string(), z.unknown()).default({}),
    /** Default wait for each step (ms). */
    timeoutMs: z.number().int().min(1_000).max(600_000).default(60_000),
    steps: z.array(StepSchema).min(1),
  })
  .strict();
export type Scenario = z.infer<typeof ScenarioSchema>;
