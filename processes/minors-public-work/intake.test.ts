import { TisInboundSchema } from '../../integrations/tis/schema';
import { generateMessage } from '../../scenarios/messages';
import { classifyTis } from '../../domain/intake/classify';

const ruling = (age: number) =>
  TisInboundSchema.parse(
    generateMessage(
      'tis',
      { seed: 15, measure: 'COMMUNITY_WORK_EDU', hours: 20, age },
      new Date('2026-12-04T10:00:00Z'),
    ),
  );

describe('intake of an educational measure (issue 15)', () => {
  it('refuses a child under 11 with the reason and what to do', () => {
    const c = classifyTis(ruling(9));
    expect(c.kind).toBe('QUARANTINE');
    if (c.kind !== 'QUARANTINE') return;
    expect(c.code).toBe('CHILD_UNDER_11');
    expect(c.reasons[0]).toMatch(/applies only from age 11/);
    expect(c.reasons[0]).toMatch(/ask the court \(TIS\) to check/);
  });

  it('opens a case for a child of 11 to 17', () => {
    expect(classifyTis(ruling(12))).toMatchObject({ kind: 'NEW_CASE', process: 'minors-public-work' });
  });
});
