/**
 * Latvian personal codes (personas kods).
 *  - Old format: DDMMYY-CNNNN. C is the century digit (0: 1800s, 1: 1900s, 2: 2000s) and the last digit a
 *    checksum: (1101 − Σ wᵢ·dᵢ) mod 11 with weights 1,6,3,7,9,10,5,8,4,2 over the first ten digits.
 *  - New format (issued since 1 July 2017): starts with 32, carries no birth date and no checksum.
 */
const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function normalisePersonalCode(input: string): string {
  const digits = input.replace(/[\s-]/g, '');
  return digits.length === 11 ? `${digits.slice(0, 6)}-${digits.slice(6)}` : input.trim();
}

export function isValidPersonalCode(input: string): boolean {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{11}$/.test(digits)) return false;
  if (digits.startsWith('32')) return true;
  if (!birthDateOf(digits)) return false;
  return checkDigit(digits.slice(0, 10)) === Number(digits[10]);
}

export function checkDigit(first10: string): number {
  const sum = [...first10].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return (((1101 - sum) % 11) + 11) % 11;
}

/** Birth date of an old-format code, or undefined (new format or not a real date). */
export function birthDateOf(code: string): Date | undefined {
  const d = code.replace(/[\s-]/g, '');
  if (d.startsWith('32')) return undefined;
  const century = { '0': 1800, '1': 1900, '2': 2000 }[d[6]!];
  if (century === undefined) return undefined;
  const day = Number(d.slice(0, 2));
  const month = Number(d.slice(2, 4));
  const year = century + Number(d.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? date : undefined;
}

/**
 * An old-format code for a birth date and a 3-digit serial; undefined when that serial gives checksum 10
 * (no such code exists), so callers try the next serial.
 */
export function oldFormatCode(birth: Date, serial: number): string | undefined {
  const dd = String(birth.getUTCDate()).padStart(2, '0');
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const yy = String(birth.getUTCFullYear() % 100).padStart(2, '0');
  const c = String(Math.floor(birth.getUTCFullYear() / 100) - 18);
  const first10 = `${dd}${mm}${yy}${c}${String(serial % 1000).padStart(3, '0')}`;
  const check = checkDigit(first10);
  return check === 10 ? undefined : `${first10.slice(0, 6)}-${first10.slice(6)}${check}`;
}
