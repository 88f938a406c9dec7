// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = ['model', 'plan', 'render', 'config', 'api', 'emulator', 'apply', 'cli'];

/**
 * The layer map from the architecture guide: each folder may import only the folders
 * listed here. Keeping it as data lets the lint rule enforce the arrows.
 * @type {Record<string, string[]>}
 */
const allowed = {
  model: [],
  plan: ['model'],
  render: ['model', 'plan'],
  config: ['model'],
  api: ['model'],
  emulator: ['model'],
  apply: ['model', 'plan', 'api'],
  cli: layers,
};

/** Pure layers must not reach for I/O or the clock. */
const pure = new Set(['model', 'plan', 'render']);

const layerRules = Object.entries(allowed).map(([layer, ok]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(layer === 'cli'
            ? []
            : [
                {
                  group: layers
                    .filter((l) => l !== layer && !ok.includes(l))
                    .map((l) => `**/${l}/*`),
                  message: `src/${layer} may import only: ${ok.join(', ') || 'nothing outside itself'}.`,
                },
              ]),
          ...(pure.has(layer)
            ? [
                {
                  group: ['node:*', '!node:crypto', 'undici', 'fs', 'path', 'os', 'child_process'],
                  message: `src/${layer} is pure: no I/O.`,
                },
              ]
            : []),
        ],
      },
    ],
    ...(layer === 'cli'
      ? {}
      : {
          'no-restricted-globals': [
            'error',
            { name: 'process', message: 'Only src/cli touches process (argv, env, TTY, exit).' },
            ...(pure.has(layer)
              ? [{ name: 'console', message: 'The pure core never prints.' }]
              : []),
          ],
        }),
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        performance: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        structuredClone: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        queueMicrotask: 'readonly',
        setImmediate: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layerRules,
  {
    files: ['src/model/**/*.ts', 'src/plan/**/*.ts', 'src/render/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The pure core has no clock: take the time as a parameter.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The pure core has no clock: take the time as a parameter.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The pure core has no randomness: take it as a parameter.',
        },
      ],
    },
  },
);
