import { schoolFactsOf } from '../shared/register-lookup';
import { lessonsText, schoolFacts } from './schedule';

/** What the register look-up and the schedule step make of a pupil's school facts (issue 15). */
const extract = (over: Partial<Parameters<typeof schoolFactsOf>[0] & object> = {}) => ({
  personalCode: '010110-12345',
  retrievedAt: '2026-12-04T10:00:00.000Z',
  documents: [],
  enrolment: null,
  ...over,
});
const enrolled = {
  level: 'BASIC' as const,
  grade: 9,
  institution: 'Jelgavas 4. vidusskola',
  programmeCode: '21011111',
  programmeName: 'Pamatizglītības programma',
  since: '2026-09-01',
};
const certificate = {
  level: 'BASIC' as const,
  educationType: 'Pamatizglītība',
  documentType: 'Apliecība par pamatizglītību',
  issuingInstitution: 'Jelgavas 4. vidusskola',
  documentSeries: 'PA',
  documentNumber: '104233',
  issueDate: '2026-06-19',
  programmeCode: '21011111',
  programmeName: 'Pamatizglītības programma',
  qualification: null,
};

describe('school status from VIIS', () => {
  it('enrolled in basic education: a child, with the grade', () => {
    expect(schoolFactsOf(extract({ enrolment: enrolled }))).toMatchObject({
      schoolStatus: 'IN_BASIC_EDUCATION',
      schoolGrade: 9,
      schoolStatusText: expect.stringContaining('9. klasē'),
    });
  });
  it('a basic certificate and no enrolment: not in basic education', () => {
    expect(schoolFactsOf(extract({ documents: [certificate] }))).toMatchObject({
      schoolStatus: 'NOT_IN_BASIC_EDUCATION',
      schoolGrade: null,
    });
  });
  it('nothing in VIIS: unknown, children’s limits', () => {
    expect(schoolFactsOf(null)).toMatchObject({
      schoolStatus: 'UNKNOWN',
      schoolStatusText: expect.stringContaining('piemēro bērnu'),
    });
  });
});

describe('school facts for the schedule', () => {
  const birthDate = '2010-05-01';
  it('the officer’s status and lessons win over the register’s', () => {
    const f = schoolFacts(
      {
        birthDate,
        registerSummary: { schoolStatus: 'NOT_IN_BASIC_EDUCATION', schoolGrade: null },
        scheduleConstraints: { schoolStatus: 'IN_BASIC_EDUCATION', lessons: { mon: '08:30-16:00' } },
      },
      '2026-12-07',
    );
    expect(f.status).toBe('IN_BASIC_EDUCATION');
    expect(f.schoolHoursWeekly).toEqual({ mon: [{ from: '08:30', to: '16:00' }] });
  });
  it('a pupil without recorded lessons gets the typical timetable of the grade', () => {
    const f = schoolFacts(
      { birthDate, registerSummary: { schoolStatus: 'IN_BASIC_EDUCATION', schoolGrade: 9 }, scheduleConstraints: null },
      '2026-12-07',
    );
    expect(f.lessons?.fri).toBe('08:30-15:30');
    expect(lessonsText(f.schoolHoursWeekly)).toBe(
      'P 08:30–15:30, O 08:30–15:30, T 08:30–15:30, C 08:30–15:30, Pk 08:30–15:30',
    );
  });
  it('no register data: unknown status, children’s limits and typical lessons', () => {
    const f = schoolFacts({ birthDate, registerSummary: null, scheduleConstraints: null }, '2026-12-07');
    expect(f.status).toBe('UNKNOWN');
    expect(f.lessons?.mon).toBe('08:30-15:30');
  });
  it('an adolescent out of school and an adult get no lessons', () => {
    expect(
      schoolFacts(
        {
          birthDate,
          registerSummary: { schoolStatus: 'NOT_IN_BASIC_EDUCATION', schoolGrade: null },
          scheduleConstraints: null,
        },
        '2026-12-07',
      ).lessons,
    ).toBeNull();
    expect(
      schoolFacts({ birthDate: '1990-01-01', registerSummary: null, scheduleConstraints: null }, '2026-12-07').lessons,
    ).toBeNull();
  });
  it('reports lesson spans it cannot read instead of guessing', () => {
    expect(
      schoolFacts({ birthDate, registerSummary: null, scheduleConstraints: { lessons: { tue: '8-15' } } }, '2026-12-07')
        .invalidLessonDays,
    ).toEqual(['tue']);
  });
});
