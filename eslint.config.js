// Lint rules for Refuge. Type-aware rules are left to `tsc` (npm run typecheck), which npm test runs first;
// this catches what the compiler does not: unused code, unsafe patterns, hook misuse and layer crossings.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** The layering rule of docs/DESIGN.md (also checked by src/architecture.test.ts): who may import whom. */
const FORBIDDEN = {
  core: ['contracts', 'db', 'services', 'server', 'web', 'cli', 'testing'],
  contracts: ['db', 'services', 'server', 'web', 'cli', 'testing'],
  db: ['services', 'server', 'web', 'cli', 'testing'],
  services: ['server', 'web', 'cli', 'testing'],
  server: ['web', 'cli', 'testing'],
  web: ['db', 'services', 'server', 'cli', 'testing'],
  cli: ['web', 'testing'],
};

const upTo5 = (path) => [1, 2, 3, 4, 5].map((n) => `${'../'.repeat(n)}${path}`);

/** SQL lives in src/db (repositories); every other layer gets its data through them. */
const SQL_ONLY_IN_DB = {
  paths: [{ name: 'kysely', importNames: ['sql'], message: 'SQL belongs in a repository under src/db/repositories' }],
};
const QUERY_BUILDER_CALLS = {
  selector:
    'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|executeQuery)$/]',
  message: 'queries belong in a repository under src/db/repositories',
};
/** Authorisation lives in services: the HTTP and CLI layers never consult the permission matrix themselves. */
const PERMISSIONS_ONLY_IN_SERVICES = {
  group: [...upTo5('core/permissions/*'), ...upTo5('services/**/access.service.ts')],
  message: 'authorise in the service this route calls (see services/**/access.service.ts), not in the route',
};

const layerRules = Object.entries(FORBIDDEN).map(([layer, forbidden]) => ({
  files: [`src/${layer}/**/*.{ts,tsx}`],
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        ...(layer === 'db' ? {} : SQL_ONLY_IN_DB),
        patterns: [
          {
            group: forbidden.flatMap((f) => upTo5(`${f}/*`)),
            message: `src/${layer} may not import from this layer (see docs/DESIGN.md)`,
          },
          ...(layer === 'server' || layer === 'cli' ? [PERMISSIONS_ONLY_IN_SERVICES] : []),
        ],
      },
    ],
    ...(layer === 'db' ? {} : { 'no-restricted-syntax': ['error', QUERY_BUILDER_CALLS] }),
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**', 'data/**', 'src/core/names/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['bin/**/*.js', '*.config.js'],
    languageOptions: { globals: { URL: 'readonly', process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Tests may read loosely shaped JSON from the API.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'src/testing/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...layerRules,
);
