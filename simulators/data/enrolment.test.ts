import { createPrng } from '../../platform/prng';
import { currentEnrolment } from './education';

const TODAY = new Date('2026-12-04T10:00:00Z');
const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('VIIS current enrolment (simulated)', () => {
  it('a pupil without a certificate is in basic education, in the grade for the age', () => {
    expect(currentEnrolment(createPrng(1), at('2012-03-10'), TODAY, [])).toMatchObject({
      level: 'BASIC',
      grade: 8,
      since: '2026-09-01',
    });
    // Grades stop at 9 in basic education (a pupil who repeats stays there).
    expect(currentEnrolment(createPrng(1), at('2009-03-10'), TODAY, [])).toMatchObject({ level: 'BASIC', grade: 9 });
  });
  it('no enrolment before school or for an adult who finished', () => {
    expect(currentEnrolment(createPrng(1), at('2021-01-01'), TODAY, [])).toBeNull();
    expect(currentEnrolment(createPrng(1), at('1980-01-01'), TODAY, [])).toBeNull();
  });
});
