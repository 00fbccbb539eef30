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
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a workflow id: a UUID in lower-case hex such as 933e9538-f02e-11f1-b676-02fc00000001')
  .openapi({ description: 'the workflow engine’s id (a UUID in lower-case hex); opaque: never parse it', example: '933e9538-f02e-11f1-b676-02fc00000001' });
