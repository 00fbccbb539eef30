import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
            message: 'The Operaton adapter is private to the workflow port: take a Workflow from workflow/index.ts and use the types of workflow/port.ts.',
          },
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      { selector: `Literal[value=/${ENGINE_WORDS}/i]`, message: 'Engine REST paths and engine tables belong to the workflow port’s adapter (workflow/operaton).' },
      { selector: `TemplateElement[value.raw=/${ENGINE_WORDS}/i]`, message: 'Engine REST paths and engine tables belong to the workflow port’s adapter (workflow/operaton).' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.cache/', 'prisma/generated/', 'modeler-ui/dist/', 'coverage/', 'bench/results/'] },
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
);
