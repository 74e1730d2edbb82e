// ESLint (flat config): typescript-eslint's recommended rules on the TypeScript and ES module
// sources. Astro components are checked by `astro check` (npm run typecheck); formatting is
// Prettier's job (npm run format:check), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.astro/',
      '.casebook/',
      'coverage/',
      'bench-results/',
      'test-results/',
      'test/fixtures/',
    ],
  },
  {
    files: ['**/*.{ts,mjs,js}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // The type checker already reports undefined names (typescript-eslint's advice).
      'no-undef': 'off',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
);
