import { TisInboundSchema } from '../../integrations/tis/schema';
import { caseProcessForMeasure } from '../../processes/registry';
import { generateMessage } from '../../scenarios/messages';
import { classifyTis } from './classify';

/** Intake asks the process registry which process executes a decision; the rules of each measure live here. */
const ruling = (measure: 'FORCED_WORK' | 'PROBATION_SUPERVISION') =>
  TisInboundSchema.parse(
    generateMessage('tis', { seed: 16, measure, hours: 80, age: 30 }, new Date('2026-12-04T10:00:00Z')),
  );

describe('intake and the process registry', () => {
  it('opens a case of the process whose module executes the measure, with that module’s case kind', () => {
    const process = caseProcessForMeasure('FORCED_WORK');
    const c = classifyTis(ruling('FORCED_WORK'));
    if (!process) return expect(c).toMatchObject({ kind: 'QUARANTINE', code: 'NOT_AUTOMATED' });
    expect(c).toMatchObject({
      kind: 'NEW_CASE',
      process: process.id,
      processKind: process.intake!.caseKind,
      functionSubtype: 'FORCED_WORK',
      hours: 80,
    });
  });

  it('quarantines a decision whose measure no process module executes, saying what to do', () => {
    expect(caseProcessForMeasure('PROBATION_SUPERVISION')).toBeUndefined();
    const c = classifyTis(ruling('PROBATION_SUPERVISION'));
    expect(c).toMatchObject({ kind: 'QUARANTINE', code: 'NOT_AUTOMATED' });
    if (c.kind === 'QUARANTINE') expect(c.reasons[0]).toMatch(/reprocess the message once the process exists/);
  });
});
