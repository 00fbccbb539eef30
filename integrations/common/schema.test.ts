import { createPrng } from '../../platform/prng';
import { generatePenalOrder } from '../../simulators/prois/generate';
import { generateRuling } from '../../simulators/tis/generate';
import { ProisPenalOrderSchema } from '../prois/schema';
import { TisExecutionNoticeSchema, TisRulingSchema } from '../tis/schema';
import { formatIssues } from './outbox';

const TODAY = new Date('2026-03-02T00:00:00Z');
const ruling = generateRuling(createPrng(1), TODAY);
const issues = (r: { success: boolean; error?: unknown }) => (r.success ? [] : formatIssues(r.error as never));

describe('contracts', () => {
  it('accept a well-formed ruling and drop fields they do not know (tolerant reader)', () => {
    const parsed = TisRulingSchema.parse({ ...ruling, courtRoom: '12' });
    expect(parsed).toEqual(ruling);
  });

  it('catch a birth date that contradicts the personal code', () => {
    const r = TisRulingSchema.safeParse({
      ...ruling,
      person: { ...ruling.person, personalCode: '010180-10004', birthDate: '1980-01-02' },
    });
    expect(issues(r).some((i) => i.startsWith('person.birthDate: does not match the personal code'))).toBe(true);
  });

  it('say only what is wrong with a personal code: its form when the form is wrong, else its check digit or date', () => {
    const long = issues(
      TisRulingSchema.safeParse({ ...ruling, person: { ...ruling.person, personalCode: '1'.repeat(32) } }),
    );
    expect(long.filter((i) => i.startsWith('person.personalCode'))).toEqual([
      'person.personalCode: must be a personal code written as DDMMYY-NNNNN',
    ]);
    const badDigit = issues(
      TisRulingSchema.safeParse({
        ...ruling,
        person: { ...ruling.person, personalCode: '010180-10005', birthDate: '1980-01-01' },
      }),
    );
    expect(badDigit.filter((i) => i.startsWith('person.personalCode'))).toEqual([
      'person.personalCode: is not a valid Latvian personal code (wrong check digit or date)',
    ]);
  });

  it('require exactly one main punishment, and one VPD executes', () => {
    const two = TisRulingSchema.safeParse({
      ...ruling,
      punishments: [
        { type: 'FORCED_WORK', role: 'MAIN', hours: 80 },
        { type: 'FINE', role: 'MAIN', amountEur: 500 },
      ],
    });
    expect(issues(two)).toContain('punishments: must hold exactly one MAIN punishment, not 2');
    const notOurs = TisRulingSchema.safeParse({
      ...ruling,
      punishments: [{ type: 'IMPRISONMENT', role: 'MAIN', termMonths: 24 }],
    });
    expect(issues(notOurs)[0]).toMatch(/holds nothing VPD executes/);
    const noHours = TisRulingSchema.safeParse({ ...ruling, punishments: [{ type: 'FORCED_WORK', role: 'MAIN' }] });
    expect(issues(noHours)).toContain('punishments.0.hours: is required for FORCED_WORK (the hours to work)');
  });

  it('keep penal orders to what a prosecutor may impose', () => {
    const order = generatePenalOrder(createPrng(2), TODAY);
    const r = ProisPenalOrderSchema.safeParse({
      ...order,
      punishments: [{ type: 'CONDITIONAL_SENTENCE', role: 'MAIN', probationPeriodMonths: 12 }],
    });
    expect(issues(r)).toContain('punishments.0.type: a penal order cannot impose CONDITIONAL_SENTENCE');
  });

  it('hold outbound notices strictly: unknown fields and missing hours are refused', () => {
    const notice = {
      noticeId: 'N-1',
      kind: 'COMPLETION',
      rulingId: ruling.rulingId,
      personalCode: ruling.person.personalCode,
      date: '2026-03-02',
      text: 'Piespiedu darbs izpildīts pilnā apmērā.',
      sender: { unit: 'Cēsu nodaļa', officer: 'Līga Ozola' },
    };
    expect(issues(TisExecutionNoticeSchema.safeParse(notice))).toEqual([
      'hoursWorked: is required for a COMPLETION notice',
    ]);
    expect(issues(TisExecutionNoticeSchema.safeParse({ ...notice, hoursWorked: 80.5, extra: 1 }))[0]).toMatch(/extra/);
    expect(TisExecutionNoticeSchema.safeParse({ ...notice, hoursWorked: 80.5 }).success).toBe(true);
    expect(issues(TisExecutionNoticeSchema.safeParse({ ...notice, hoursWorked: 80.25 }))).toEqual([
      'hoursWorked: must be whole or half hours',
    ]);
  });
});
