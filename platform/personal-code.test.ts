import fc from 'fast-check';
import { birthDateOf, isValidPersonalCode, normalisePersonalCode, oldFormatCode } from './personal-code';

describe('Latvian personal codes', () => {
  it('accepts a code whose checksum is right and rejects one digit off', () => {
    const code = oldFormatCode(new Date(Date.UTC(1985, 6, 14)), 123)!;
    expect(isValidPersonalCode(code)).toBe(true);
    const last = Number(code.at(-1));
    expect(isValidPersonalCode(code.slice(0, -1) + String((last + 1) % 10))).toBe(false);
  });

  it('reads the birth date, with the century digit', () => {
    expect(birthDateOf('140785-10000')?.toISOString().slice(0, 10)).toBe('1985-07-14');
    expect(birthDateOf('010110-20000')?.toISOString().slice(0, 10)).toBe('2010-01-01');
    expect(birthDateOf('310299-10000')).toBeUndefined(); // 31 February
  });

  it('accepts new-format codes (32…) without a checksum and rejects wrong lengths', () => {
    expect(isValidPersonalCode('32123456789')).toBe(true);
    expect(isValidPersonalCode('321234-56789')).toBe(true);
    expect(isValidPersonalCode('1234')).toBe(false);
    expect(isValidPersonalCode('abcdef-ghijk')).toBe(false);
  });

  it('normalises to DDMMYY-NNNNN', () => {
    expect(normalisePersonalCode('140785 10000')).toBe('140785-10000');
  });

  it('generates only valid codes that keep their birth date (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (date, serial) => {
          const birth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
          const code = oldFormatCode(birth, serial);
          if (code === undefined) return true;
          return isValidPersonalCode(code) && birthDateOf(code)?.getTime() === birth.getTime();
        },
      ),
    );
  });
});
