// Configuration for the Prisma 6 CLI (`prisma6` in devDependencies), used ONLY to compute SQL migrations
// from datamodel diffs. Prisma 7's migrate commands need a native schema engine that cannot be downloaded
// here; Prisma 6 with a driver adapter runs its WebAssembly schema engine instead. The adapter is never
// only asked for the server's version (a datamodel-to-datamodel diff reads no tables). See prisma/README.md.
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma6/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: process.env.PLUSFLOW_DIFF_DATABASE_URL }),
} as Parameters<typeof defineConfig>[0]);
