import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMessage } from './messages';
import { loadScenario, ScenarioFormatError } from './runner';
import { resolve } from './templating';
import { TisInboundSchema } from '../integrations/tis/schema';
import { ProisInboundSchema } from '../integrations/prois/schema';
import { IevpInboundSchema } from '../integrations/ievp/schema';

const dir = mkdtempSync(path.join(os.tmpdir(), 'scenario-'));
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('scenario files', () => {
  it('reads a valid YAML scenario with defaults', () => {
    const s = loadScenario(
      write(
        'ok.yaml',
        'name: t\nsteps:\n  - waitForCase: { personalCode: "010190-10001" }\n  - completeTask: { task: A, role: officer }\n',
      ),
    );
    expect(s.timeoutMs).toBe(60_000);
    expect(s.steps[1]).toEqual({ completeTask: { task: 'A', role: 'officer', case: 'case', variables: {} } });
  });

  it('names the path of every fault in a bad file', () => {
    const f = write(
      'bad.yaml',
      'name: t\nsteps:\n  - completeTask: { role: officer }\n  - advanceClock: { duration: 3 days }\n  - fly: {}\n',
    );
    let err: unknown;
    try {
      loadScenario(f);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioFormatError);
    const msg = (err as Error).message;
    expect(msg).toContain('bad.yaml is not a valid scenario');
    expect(msg).toMatch(/steps\.0/);
    expect(msg).toMatch(/steps\.1/);
    expect(msg).toMatch(/steps\.2/);
  });
});

describe('templating', () => {
  const now = new Date('2026-11-23T08:00:00Z');
  it('keeps the type of a whole {{…}} and substitutes inside text', () => {
    const vars = { case: { id: 7, opts: [{ value: '12' }] } };
    expect(resolve({ a: '{{case.id}}', b: 'H-{{case.id}}', c: ['{{case.opts.0.value}}'] }, vars, now)).toEqual({
      a: 7,
      b: 'H-7',
      c: ['12'],
    });
  });
  it('computes dates in Riga time', () => {
    expect(resolve('{{date:+2}}', {}, now)).toBe('2026-11-25');
    expect(resolve('{{datetime:+1}}', {}, now)).toBe('2026-11-24T10:00:00+02:00');
    expect(resolve('{{datetime:+200}}', {}, now)).toBe('2027-06-11T10:00:00+03:00');
  });
  it('says which name is not bound', () => {
    expect(() => resolve('{{ruling.id}}', { case: {} }, now)).toThrow(/"ruling" is not bound \(known: case\)/);
  });
});

describe('generated messages', () => {
  it('satisfy the contracts of TIS, ProIS and IeVP IS with the asked measure, hours and age', () => {
    const tis = generateMessage(
      'tis',
      { seed: 3, measure: 'COMMUNITY_WORK_EDU', hours: 20, age: 14, municipality: 'Jelgava' },
      new Date('2026-11-23T00:00:00Z'),
    );
    const parsed = TisInboundSchema.parse(tis);
    expect(parsed.messageType === 'RULING_FOR_EXECUTION' && parsed.punishments).toEqual([
      { type: 'COMMUNITY_WORK_EDU', role: 'MAIN', hours: 20 },
    ]);
    expect(
      ProisInboundSchema.safeParse(generateMessage('prois', { seed: 4, measure: 'FORCED_WORK', hours: 40 })).success,
    ).toBe(true);
    expect(
      IevpInboundSchema.safeParse(generateMessage('ievp', { seed: 5, measure: 'FORCED_WORK_ADDITIONAL', hours: 60 }))
        .success,
    ).toBe(true);
  });
});
