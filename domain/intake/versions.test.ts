import { diffPayloads, FieldError, setField } from './versions';

describe('message versions', () => {
  const v1 = {
    messageType: 'RULING',
    person: { personalCode: '1'.repeat(32), firstName: 'Jānis' },
    punishments: [{ type: 'FORCED_WORK', hours: 80 }],
  };

  it('lists what differs leaf by leaf, with array items by index and keys only on one side', () => {
    const v2 = {
      ...v1,
      person: { personalCode: '010180-10004', firstName: 'Jānis' },
      punishments: [{ type: 'FORCED_WORK', hours: 100 }],
      note: 'corrected',
    };
    expect(diffPayloads(v1, v2)).toEqual([
      { path: 'note', before: undefined, after: 'corrected' },
      { path: 'person.personalCode', before: '1'.repeat(32), after: '010180-10004' },
      { path: 'punishments.0.hours', before: 80, after: 100 },
    ]);
    expect(diffPayloads(v1, structuredClone(v1))).toEqual([]);
  });

  it('sets one existing field on a copy and keeps the original', () => {
    const v2 = setField(v1, 'person.personalCode', '010180-10004');
    expect(v2).toMatchObject({ person: { personalCode: '010180-10004', firstName: 'Jānis' } });
    expect(v1.person.personalCode).toBe('1'.repeat(32));
    expect(setField(v1, 'punishments.0.hours', 100)).toMatchObject({ punishments: [{ hours: 100 }] });
  });

  it('refuses paths that restructure the message or reach outside it', () => {
    expect(() => setField(v1, 'person', 'x')).toThrow(FieldError);
    expect(() => setField(v1, 'punishments.3.hours', 1)).toThrow(/has no item 3/);
    expect(() => setField(v1, 'court.name.first', 'x')).toThrow(/does not exist/);
    expect(() => setField(v1, '__proto__.polluted', 'x')).toThrow(/not a field path/);
  });
});
