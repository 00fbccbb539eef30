import type { Config } from 'jest';

// Two projects: `unit` (fast, no engine, no database) and `integration` (real Camunda engine and
// real PostgreSQL, started once per run by test/global-setup.ts). File naming decides the project.
const tsJest: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
};

const config: Config = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: tsJest,
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.it\\.test\\.ts$', '\\.e2e\\.test\\.ts$', '/dist/', '/modeler-ui/'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: tsJest,
      testMatch: ['<rootDir>/**/*.it.test.ts', '<rootDir>/**/*.e2e.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/modeler-ui/'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      testTimeout: 180_000,
    },
  ],
};

export default config;
