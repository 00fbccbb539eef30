import { ANSWERS, type AnswerContext } from './answers';

const ctx = (form: Record<string, unknown>, attempt: number): AnswerContext => ({
  process: 'community-service',
  form,
  absences: 0,
  attempt,
  today: new Date('2026-03-02T08:00:00Z'),
});
const places = (...ids: string[]) => ids.map((value) => ({ value, label: value }));

describe('the replay bot choosing a work place', () => {
  it('takes the first proposed place, and the next one each time the task comes back', () => {
    const form = { workPlaceOptions: places('wp-1', 'wp-2') };
    expect([0, 1, 2].map((attempt) => ANSWERS.SelectWorkPlace!(ctx(form, attempt)).selectedWorkPlaceId)).toEqual([
      'wp-1',
      'wp-2',
      'wp-1',
    ]);
  });

  it('overrides with another department place, also in turn, when nothing was proposed', () => {
    const form = { workPlaceOptions: [], otherWorkPlaceOptions: places('wp-7', 'wp-8') };
    const second = ANSWERS.SelectWorkPlace!(ctx(form, 1));
    expect(second).toMatchObject({ selectionOverridden: true, overrideWorkPlaceId: 'wp-8' });
    expect(String(second.overrideReason)).not.toBe('');
  });

  it('refuses to answer when the department has no place at all, so the task is left to a person', () => {
    expect(() => ANSWERS.SelectWorkPlace!(ctx({ workPlaceOptions: [], otherWorkPlaceOptions: [] }, 0))).toThrow(
      'no work place',
    );
  });
});
