import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Adds `.openapi()` to zod schemas; API modules import `z` from here so the extension is always in place.
extendZodWithOpenApi(z);

export { z };

/** A query parameter naming some of `values`, comma-separated (e.g. `?status=FAILED,PENDING`). */
export function commaList(values: readonly string[]) {
  const one = values.join('|');
  return z.string().regex(new RegExp(`^(${one})(,(${one}))*$`), `a comma-separated list of ${values.join(', ')}`);
}

/**
 * The id of something in the workflow engine (a task, a process instance, an incident): the engine's UUIDs
 * (time-based, lower-case hex, e.g. `933e9538-f02e-11f1-b676-02fc00000001`). Anything else cannot name one, so
 * it is refused before any lookup. Process versions have ids of another form and are not taken by this schema.
 */
export const WorkflowId = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'must be a workflow id: a UUID in lower-case hex such as 933e9538-f02e-11f1-b676-02fc00000001',
  )
  .openapi({
    description: 'the workflow engine’s id (a UUID in lower-case hex); opaque: never parse it',
    example: '933e9538-f02e-11f1-b676-02fc00000001',
  });

/** The largest value of a PostgreSQL `integer` column: ids and counts above it cannot name a row. */
export const INT_MAX = 2_147_483_647;

/**
 * A whole number from the path or the query string, in its one canonical spelling: decimal digits, no sign,
 * spaces, leading zeros or `0x` (which `Number()` would all accept), within [min, max] (by default what an
 * integer column holds). Parsed to a number.
 */
export function wholeNumber(opts: { min?: number; max?: number; description?: string } = {}) {
  const min = opts.min ?? 0;
  const max = opts.max ?? INT_MAX;
  return z
    .string()
    .regex(/^(0|[1-9][0-9]*)$/, 'must be a whole number in plain decimal digits (no sign, spaces, leading zeros or 0x)')
    .refine(
      (s) => s.length <= 10 && Number(s) >= min && Number(s) <= max,
      `must be a whole number from ${min} to ${max}`,
    )
    .transform(Number)
    .openapi({
      type: 'integer',
      minimum: min,
      maximum: max,
      ...(opts.description ? { description: opts.description } : {}),
    });
}

/** A PLUS id (a row of the case database) in the path or query string. */
export const DbId = (description?: string) => wholeNumber({ min: 1, ...(description ? { description } : {}) });

/** A PLUS id in a JSON body. */
export const BodyId = () => z.number().int().min(1).max(INT_MAX);

/** Page and page size of a list: bounded so that the offset stays a sane number. */
export const Page = () => wholeNumber({ min: 1, max: 100_000 }).default(1);
export const PageSize = (fallback: number) => wholeNumber({ min: 1, max: 200 }).default(fallback);

/**
 * A calendar date YYYY-MM-DD that exists (zod's ISO date checks month lengths and leap years), in the years the
 * database and the service's records can hold. `2024-13-01` and `0000-00-00` answer 422 like any invalid field.
 */
export const CalendarDate = () =>
  z.iso
    .date('must be a real calendar date YYYY-MM-DD')
    .refine((s) => s >= '1900-01-01' && s <= '2999-12-31', 'must be a date between 1900-01-01 and 2999-12-31')
    .openapi({ format: 'date', example: '2026-03-01' });
