import { fromTypedVariables, toTypedValue, toTypedVariables } from './variables';

describe('Operaton variables', () => {
  it('types primitives as the engine expects them', () => {
    expect(toTypedValue('a')).toEqual({ type: 'String', value: 'a' });
    expect(toTypedValue(true)).toEqual({ type: 'Boolean', value: true });
    expect(toTypedValue(42)).toEqual({ type: 'Integer', value: 42 });
    expect(toTypedValue(2 ** 31)).toEqual({ type: 'Long', value: 2 ** 31 });
    expect(toTypedValue(-(2 ** 31))).toEqual({ type: 'Integer', value: -(2 ** 31) });
    expect(toTypedValue(1.5)).toEqual({ type: 'Double', value: 1.5 });
    expect(toTypedValue(null)).toEqual({ type: 'Null', value: null });
  });

  it('sends objects and arrays as JSON maps and lists', () => {
    expect(toTypedValue({ due: { agreement: 'P5D' } })).toEqual({
      type: 'Object',
      value: '{"due":{"agreement":"P5D"}}',
      valueInfo: { objectTypeName: 'java.util.LinkedHashMap', serializationDataFormat: 'application/json' },
    });
    expect(toTypedValue(['1', '2']).valueInfo?.objectTypeName).toBe('java.util.ArrayList');
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => toTypedValue(Number.NaN)).toThrow(/finite/);
    expect(() => toTypedValue(() => 1)).toThrow(/JSON/);
  });

  it('round-trips a variable set, leaving out undefined', () => {
    const vars = {
      caseId: '17',
      hours: 120,
      minor: false,
      rules: { due: { agreement: 'P5D' } },
      ids: ['1'],
      none: null,
    };
    const typed = toTypedVariables({ ...vars, skipped: undefined });
    expect(Object.keys(typed)).not.toContain('skipped');
    expect(fromTypedVariables(typed)).toEqual(vars);
  });

  it('reads engine dates as ISO instants', () => {
    expect(fromTypedVariables({ d: { type: 'Date', value: '2026-12-07T20:46:53.000+0000' } })).toEqual({
      d: '2026-12-07T20:46:53.000Z',
    });
  });
});
