import { WirePerson as PersonSchema } from '../common/wire';
import { IevpReleaseNotice as IevpReleaseNoticeSchema } from '../ievp/wire';
import { ProisPenalOrder as ProisPenalOrderSchema } from '../prois/wire';
import { TisRuling as TisRulingSchema } from '../tis/wire';
import { EducationDocument as EducationDocumentSchema } from '../viis/wire';
import { birthDateOf, isValidPersonalCode } from '../../platform/personal-code';
import { generateReleaseNotice } from '../ievp/generate';
import { createPrng } from '../../platform/prng';
import { generatePenalOrder } from '../prois/generate';
import { generateRuling } from '../tis/generate';
import { MUNICIPALITIES, ageOn, citation, educationHistory, generatePerson, pickPrison } from './index';

const TODAY = new Date('2026-03-02T00:00:00Z');

describe('test data', () => {
  it('makes people with valid personal codes that match their birth dates', () => {
    const rng = createPrng(1);
    for (let i = 0; i < 500; i++) {
      const { person, birth } = generatePerson(rng, TODAY, { minAge: 14, maxAge: 70 });
      expect(PersonSchema.safeParse(person).success).toBe(true);
      expect(isValidPersonalCode(person.personalCode)).toBe(true);
      const fromCode = birthDateOf(person.personalCode);
      if (fromCode) expect(fromCode.toISOString().slice(0, 10)).toBe(person.birthDate);
      const age = ageOn(birth, TODAY);
      expect(age).toBeGreaterThanOrEqual(14);
      expect(age).toBeLessThanOrEqual(70);
    }
  });

  it('gives women feminine family names', () => {
    const rng = createPrng(2);
    for (let i = 0; i < 100; i++) {
      const { person } = generatePerson(rng, TODAY, { minAge: 20, maxAge: 40, gender: 'F' });
      expect(person.lastName).toMatch(/[ae]$/);
    }
  });

  it('knows the 43 municipalities', () => {
    expect(MUNICIPALITIES).toHaveLength(43);
    expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).toBe(43);
  });

  it('writes Criminal Law citations as decisions do', () => {
    expect(citation('175', 1)).toBe('Krimināllikuma 175. panta pirmā daļa');
    expect(citation('253.1', 2)).toBe('Krimināllikuma 253.¹ panta otrā daļa');
  });

  it('sends women to Iļģuciema and boys to the Cēsu institution for minors', () => {
    const rng = createPrng(3);
    expect(pickPrison(rng, 'F', 30).name).toBe('Iļģuciema cietums');
    expect(pickPrison(rng, 'M', 17).name).toBe('Cēsu audzināšanas iestāde nepilngadīgajiem');
    expect(pickPrison(rng, 'M', 35).holds).toBe('MEN');
  });

  it('issues education documents in order and only after the person was old enough', () => {
    const rng = createPrng(4);
    const birth = new Date('1990-05-05T00:00:00Z');
    for (let i = 0; i < 100; i++) {
      const docs = educationHistory(rng, birth, TODAY);
      docs.forEach((d) => expect(EducationDocumentSchema.safeParse(d).success).toBe(true));
      const dates = docs.map((d) => d.issueDate);
      expect([...dates].sort()).toEqual(dates);
      expect(docs[0]?.level ?? 'BASIC').toBe('BASIC');
    }
    expect(educationHistory(rng, new Date('2015-01-01T00:00:00Z'), TODAY)).toEqual([]);
  });

  it.each([
    ['TIS ruling', generateRuling, TisRulingSchema],
    ['ProIS penal order', generatePenalOrder, ProisPenalOrderSchema],
    ['IeVP release notice', generateReleaseNotice, IevpReleaseNoticeSchema],
  ] as const)('generates %s messages that satisfy the contract', (_name, generate, schema) => {
    for (let seed = 1; seed <= 300; seed++) {
      const message = generate(createPrng(seed), TODAY);
      const r = schema.safeParse(message);
      if (!r.success) throw new Error(`seed ${seed}: ${JSON.stringify(r.error.issues)}\n${JSON.stringify(message)}`);
    }
  });

  it('gives the educational measure to children only', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = generateRuling(createPrng(seed), TODAY);
      if (r.punishments.some((p) => p.type === 'COMMUNITY_WORK_EDU')) {
        expect(ageOn(new Date(`${r.person.birthDate}T00:00:00Z`), TODAY)).toBeLessThan(18);
      }
    }
  });
});
