// @ts-check
// Three projects: `unit` (fast, no engine, no database), `integration` (real Operaton engine and
// real PostgreSQL, started once per run by test/global-setup.ts) and `checks` (the type check and
// ESLint over the whole tree, test/checks/*.check.ts). File naming decides the project.
// Plain JS so jest needs no TypeScript loader for its own configuration. Jest runs with
// --experimental-vm-modules (scripts/test.ts) because Prisma's generated client loads its query
// compiler with a dynamic import().

/** @type {import('jest').Config['transform']} */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] };
const ignored = ['/node_modules/', '/dist/', '/modeler-ui/', '/.cache/'];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: [...ignored, '\\.it\\.test\\.ts$', '\\.e2e\\.test\\.ts$'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/**/*.it.test.ts', '<rootDir>/**/*.e2e.test.ts'],
      testPathIgnorePatterns: ignored,
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/integration-setup.ts'],
    },
    {
      displayName: 'checks',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/checks/*.check.ts'],
      testPathIgnorePatterns: ignored,
    },
  ],
};
