import { birthDateOf, isValidPersonalCode } from '../platform/personal-code';
import { demoCases, demoClients } from './seed';
import { DEPARTMENTS, REGIONS, ROLES, USERS } from './seed-data';

describe('demo data', () => {
  const clients = demoClients();

  it('has the 6 VPD territorial units and departments with codes usable in candidate groups', () => {
    expect(REGIONS).toHaveLength(6);
    expect(DEPARTMENTS.length).toBeGreaterThanOrEqual(15);
    expect(DEPARTMENTS.length).toBeLessThanOrEqual(41);
    const regionCodes = new Set(REGIONS.map((r) => r.code));
    for (const d of DEPARTMENTS) {
      expect(d.code).toMatch(/^[a-z0-9-]+$/);
      expect(`officer.${d.code}`).toMatch(/^[a-zA-Z0-9_@.+-]+$/); // the engine's candidate group syntax
      expect(regionCodes.has(d.region)).toBe(true);
    }
    for (const r of REGIONS) expect(DEPARTMENTS.some((d) => d.region === r.code)).toBe(true);
    expect(new Set(DEPARTMENTS.map((d) => d.code)).size).toBe(DEPARTMENTS.length);
  });

  it('has a user for every role, the demo officer ilze.berzina at riga-centre, and a second officer elsewhere', () => {
    for (const role of ROLES) expect(USERS.some((u) => (u.roles as readonly string[]).includes(role.code))).toBe(true);
    const departments = new Set(DEPARTMENTS.map((d) => d.code));
    for (const u of USERS) if (u.department) expect(departments.has(u.department)).toBe(true);
    expect(USERS.find((u) => u.username === 'ilze.berzina')).toMatchObject({
      department: 'riga-centre',
      roles: ['officer'],
    });
    const officersElsewhere = USERS.filter(
      (u) => (u.roles as readonly string[]).includes('officer') && u.department !== 'riga-centre',
    );
    expect(officersElsewhere.length).toBeGreaterThan(0);
  });

  it('gives every client a unique valid personal code; old-format codes carry the birth date', () => {
    expect(clients.length).toBeGreaterThanOrEqual(30);
    expect(new Set(clients.map((c) => c.personalCode)).size).toBe(clients.length);
    for (const c of clients) {
      expect(isValidPersonalCode(c.personalCode)).toBe(true);
      if (!c.personalCode.startsWith('32')) expect(birthDateOf(c.personalCode)).toEqual(c.birthDate);
    }
    expect(clients.some((c) => c.personalCode.startsWith('32'))).toBe(true);
  });

  it('spreads clients over departments and is deterministic', () => {
    expect(new Set(clients.map((c) => c.department)).size).toBeGreaterThan(10);
    expect(demoClients()).toEqual(clients);
  });

  it('has cases with unique numbers PL-YYYY-NNNNNN, minors only in minors public work', () => {
    const cases = demoCases(clients);
    expect(cases.length).toBeGreaterThan(3);
    expect(new Set(cases.map((c) => c.caseNumber)).size).toBe(cases.length);
    for (const k of cases) {
      expect(k.caseNumber).toMatch(/^PL-\d{4}-\d{6}$/);
      const client = clients.find((c) => c.personalCode === k.personalCode)!;
      const minor = client.birthDate.getUTCFullYear() >= 2008;
      expect(k.processKind === 'MINORS_PUBLIC_WORK').toBe(minor);
    }
  });
});
