import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Adds `.openapi()` to zod schemas; API modules import `z` from here so the extension is always in place.
extendZodWithOpenApi(z);

export { z };
