import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/**
 * Only the workflow port's adapter knows the engine (docs/decisions/0004-operaton-engine.md): outside workflow/
 * nothing imports workflow/operaton (take a Workflow from workflow/index.ts), and no code names the engine's REST
 * paths or its tables. engine/ (the engine app and its runner) is the engine's own side.
 */
const ENGINE_WORDS = String.raw`engine-rest|\bact_[rhgi][ueid]_[a-z]`;
const engineBoundary = {
  files: ['**/*.ts', '**/*.mjs'],
  ignores: ['workflow/**', 'engine/**', 'eslint.config.mjs'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['**/workflow/operaton', '**/workflow/operaton/*'],
            message:
              'The Operaton adapter is private to the workflow port: take a Workflow from workflow/index.ts and use the types of workflow/port.ts.',
          },
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: `Literal[value=/${ENGINE_WORDS}/i]`,
        message: 'Engine REST paths and engine tables belong to the workflow port’s adapter (workflow/operaton).',
      },
      {
        selector: `TemplateElement[value.raw=/${ENGINE_WORDS}/i]`,
        message: 'Engine REST paths and engine tables belong to the workflow port’s adapter (workflow/operaton).',
      },
    ],
  },
};

/**
 * The layers (docs/decisions/0007-layer-boundaries.md). A zone forbids files under `target` to import anything
 * under `from`; imports are resolved to files first, so `../../api/x` and `./x` are judged by where they land.
 *
 * - The API and the worker host are two deployables on the same lower layers (domain, integrations, workflow,
 *   processes, prisma, platform): neither imports the other, and the lower layers import neither — except a process
 *   module's `workers.ts`, which is the worker host's part of the module (and which the API may not import).
 * - The web UI (modeler-ui/) runs in the browser: it imports nothing of the server; the one shared piece is
 *   tools/bpmn-lint, the diagram lint rules that the modeler and the deployment check must apply alike.
 * - The product does not import the simulators (they stand in for state systems) nor the test harness.
 * - A simulator owns its wire format like the real system: of the product it may use platform/ only (config,
 *   logging, CLI, errors, the seeded PRNG, the personal-code checksum), never integrations/ (the product's
 *   client side) or the rest.
 * - The engine side (engine/: the engine app and its runner) is reached through the workflow port only.
 */
const PRODUCT = ['api', 'workers', 'domain', 'integrations', 'workflow', 'processes', 'prisma', 'identity', 'platform'];
const HARNESS = ['simulators', 'scenarios', 'bench', 'test', 'scripts'];
const dirs = (names) => names.map((n) => `./${n}`);
const layerZones = [
  {
    target: './workers',
    from: './api',
    message: 'The worker host does not lean on the API: move what both need to domain/ (or another lower layer).',
  },
  {
    target: './api',
    from: './workers',
    message: 'The API does not lean on the worker host: move what both need to domain/ (or another lower layer).',
  },
  {
    // A process module's workers.ts binds its job workers (docs/adding-a-process.md): it is the worker host's side
    // of the module and may use workers/; the rest of the module (descriptor, rules, tests of the diagram) may not.
    target: [
      ...dirs(['domain', 'integrations', 'workflow', 'prisma', 'identity', 'platform']),
      './processes/**/!(workers|registry.test).ts',
    ],
    from: ['./api', './workers'],
    message: 'Lower layers do not import the API or the worker host (routes → services → data and clients).',
  },
  {
    target: './api',
    from: './processes/*/workers.ts',
    message: 'The API does not load a process module’s job workers (they run in the worker host).',
  },
  {
    target: './modeler-ui',
    from: dirs([...PRODUCT, ...HARNESS, 'engine']),
    message:
      'The web UI runs in the browser: it talks to the API over HTTP (types from modeler-ui/src/api-types.ts), not to server code.',
  },
  {
    target: './simulators',
    from: dirs(PRODUCT.filter((d) => d !== 'platform')),
    message:
      'A simulator owns its wire format like the real system: use simulators/ and platform/ only, not the product’s code.',
  },
  {
    target: dirs([...PRODUCT.filter((d) => d !== 'workflow'), 'modeler-ui', 'simulators', 'scenarios']),
    from: './engine',
    message: 'Only the workflow port (workflow/) reaches the engine side (engine/).',
  },
];
/** Product code may not use the simulators or the harness; its tests may (a client test talks to a simulator). */
const productZones = [
  {
    target: dirs(PRODUCT),
    from: dirs(HARNESS),
    message: 'Product code does not import the simulators or the test harness.',
  },
];
const TESTS = ['**/*.test.ts', '**/test-support/**', '**/testing.ts'];
const boundaries = [
  {
    files: ['**/*.ts', '**/*.mts', '**/*.mjs'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mts', '.js', '.mjs', '.json'] })],
    },
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones }] },
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.mjs'],
    ignores: TESTS,
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: [...layerZones, ...productZones] },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.cache/',
      'prisma/generated/',
      'modeler-ui/dist/',
      'coverage/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  engineBoundary,
  ...boundaries,
);
