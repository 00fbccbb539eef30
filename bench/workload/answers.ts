/**
 * What an officer enters in each user task of the built processes when the case goes the usual way: the same
 * valid data the scenarios use (processes/*\/scenarios), so the engine, workers and forms see real answers.
 * `form` is the task's form data as the API serves it (GET /api/tasks/:key/form), for answers that depend on
 * the case (the work place proposed by the matching step). `absences` is how many absences the officer has
 * already assessed in this case. `attempt` is how often the bot has already completed this task in this case
 * (0 the first time): when a task comes back (the place chosen could not take the client), it chooses differently.
 */
export interface AnswerContext {
  process: string;
  form: Record<string, unknown>;
  absences: number;
  attempt: number;
  today: Date;
}

/** The option for this attempt: the first, then the next one each time the task comes back. */
const nth = <T>(options: T[], attempt: number): T => options[attempt % options.length]!;

type Answer = (c: AnswerContext) => Record<string, unknown>;

const day = (today: Date, plus: number) => new Date(today.getTime() + plus * 86_400_000).toISOString().slice(0, 10);

export const ANSWERS: Record<string, Answer> = {
  ReviewRegisterData: () => ({ registerReviewDecision: 'SAVE', saveEducation: true, saveDisability: true }),
  SelectWorkPlace: ({ form, attempt }) => {
    const options = form.workPlaceOptions as { value: string }[] | undefined;
    if (options?.length) return { selectionOverridden: false, selectedWorkPlaceId: nth(options, attempt).value };
    // Nothing suitable and free was proposed (places full with a thousand cases in flight): as an officer would,
    // choose one of the department's other places and say why (the form's override).
    const others = form.otherWorkPlaceOptions as { value: string }[] | undefined;
    if (!others?.length) throw new Error('no work place in the department at all');
    return {
      selectionOverridden: true,
      overrideWorkPlaceId: nth(others, attempt).value,
      overrideReason: 'Piemērotās vietas aizņemtas; vienojāmies ar darba devēju par papildu vietu.',
    };
  },
  ArrangeAppointment: ({ process, today }) => ({
    appointmentAt: `${day(today, 2)}T10:00:00+02:00`,
    appointmentPlace: 'Brīvības iela 1',
    employerContactPerson: 'Sandra Jansone',
    ...(process === 'minors-public-work' ? { legalRepresentativeAttends: true } : { officerAttends: true }),
  }),
  RecordAgreement: ({ today }) => ({
    agreementOutcome: 'AGREED',
    employerAgreed: true,
    clientAgreed: true,
    agreedOn: day(today, 0),
  }),
  // Days beyond the schedule are confirmed explicitly (issue 15), as the scenarios do.
  ConfirmHours: () => ({ hoursDecision: 'CONFIRMED', beyondScheduleConfirmed: true }),
  EvaluateAbsence: ({ absences }) =>
    absences === 0
      ? {
          clientExplanation: 'Nav sniegts',
          absenceAssessment: 'WARNING',
          absenceJustification: 'Klients neieradās un nepaziņoja iemeslu',
        }
      : { absenceAssessment: 'REQUEST_CONVERSION', absenceJustification: 'Pēc brīdinājuma klients atkal neieradās' },
  ApproveConversion: () => ({
    conversionApproval: 'APPROVED',
    conversionApprovalNote: 'Piekrītu, ierosināt aizstāšanu',
  }),
  ConfirmClosure: () => ({ closureDocumentsComplete: true, closureNoticesSent: true, closureLedgerReconciled: true }),
};

/** Tasks that only appear off the usual way (problems, reminders); the bot leaves them to a person and reports them. */
export const answerFor = (elementId: string): Answer | undefined => ANSWERS[elementId];
