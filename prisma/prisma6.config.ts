// Configuration for the Prisma 6 CLI (`prisma6` in devDependencies), used ONLY to compute SQL migrations
// from datamodel-to-datamodel diffs (prisma/new-migration.ts). Prisma 7's migrate commands need a native
// schema engine that cannot be downloaded here; Prisma 6 with a driver adapter runs its WebAssembly schema
// engine instead. That engine asks the adapter one thing before a datamodel diff: the server's version. So
// the "adapter" below is a stub that answers that question with the oldest PostgreSQL we support and
// refuses anything else: a diff needs no database at all and does not depend on the local server's version.
// See prisma/README.md.
import { defineConfig } from 'prisma6/config';

/** The DDL is generated for this server version; every server we run (15 dev, 17 compose, 18 embedded) is newer or equal. */
const TARGET = { text: 'PostgreSQL 15.0 (PLUS Flow offline differ)', num: 150000 };

const offlineAdapter = {
  provider: 'postgres',
  adapterName: '@plusflow/offline-differ',
  getConnectionInfo: () => ({ schemaName: 'public', supportsRelationJoins: true }),
  queryRaw: async (query: { sql: string }) => {
    if (!/\bversion\(\)/.test(query.sql)) throw unexpected(query.sql);
    // SELECT EXISTS(<schema exists>), version(), current_setting('server_version_num')::integer
    return {
      columnNames: ['exists', 'version', 'numeric_version'],
      columnTypes: [5 /* Boolean */, 7 /* Text */, 0 /* Int32 */],
      rows: [[true, TARGET.text, TARGET.num]],
    };
  },
  executeRaw: async (query: { sql: string }) => Promise.reject(unexpected(query.sql)),
  executeScript: async (script: string) => Promise.reject(unexpected(script)),
  startTransaction: async () => Promise.reject(unexpected('BEGIN')),
  dispose: async () => undefined,
};

function unexpected(sql: string): Error {
  return new Error(
    `The offline differ only computes datamodel-to-datamodel diffs; it has no database for: ${sql.slice(0, 200)}`,
  );
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => ({
    provider: 'postgres',
    adapterName: offlineAdapter.adapterName,
    connect: async () => offlineAdapter,
    connectToShadowDb: async () => offlineAdapter,
  }),
} as unknown as Parameters<typeof defineConfig>[0]);
