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
