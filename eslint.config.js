// Core reads no clock (`npm run lint:core`). The clock is a global, not an import, so the dependency
// rules cannot see it, and TypeScript cannot drop the no-argument overloads of `Date` that every
// other use of `Date` in core needs. These rules refuse exactly the clock reads: a caller passes `now`
// in, so a build at a given `--now` gives the same bytes on any day.
// This is the only thing ESLint checks in this project; the compiler and the dependency rules do the rest.
import tsParser from '@typescript-eslint/parser';

const CLOCK = 'core reads no clock: take `now` as an argument from the caller';

export default [
  {
    files: ['functions/core/**/*.ts'],
    // A core test may build its own dates; it is not core's production code.
    ignores: ['functions/core/**/*.test.ts'],
    languageOptions: { parser: tsParser },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK },
        // `Date()` called without `new` returns the current time as a string.
        { selector: "CallExpression[callee.name='Date']", message: CLOCK },
        // The same reads by another name: `globalThis.Date.now()`, `const D = Date; new D()`.
        { selector: "MemberExpression[object.name='globalThis'][property.name='Date']", message: CLOCK },
        { selector: "VariableDeclarator[init.name='Date'], AssignmentExpression[right.name='Date']", message: CLOCK },
      ],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: CLOCK }],
    },
  },
];
