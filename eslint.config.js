// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = ['model', 'plan', 'render', 'config', 'api', 'emulator', 'apply', 'app', 'cli'];

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
  // The use cases: plan and apply as functions of their ports. `api` and `config` only for
  // their types and errors (the client and the loader come in as ports); no `render` (the
  // host decides how a plan looks) and no `emulator` (tests wire it in).
  app: ['model', 'plan', 'apply', 'api', 'config'],
  cli: layers,
};

/** Pure layers must not reach for I/O or the clock. */
const pure = new Set(['model', 'plan', 'render']);

/**
 * The use cases reach the world only through their ports: no file system, network,
 * timers or process of their own (a fake clock and a recording host stand in for tests).
 */
const portsOnly = new Set(['app']);

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
          ...(portsOnly.has(layer)
            ? [
                {
                  group: ['node:*', 'undici', 'fs', 'path', 'os', 'child_process', 'timers'],
                  message: `src/${layer} reaches the world only through its ports.`,
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
            ...(portsOnly.has(layer)
              ? [
                  { name: 'console', message: 'Use cases tell their host (host.notify).' },
                  { name: 'setTimeout', message: 'Use cases wait through the clock port.' },
                  { name: 'setInterval', message: 'Use cases wait through the clock port.' },
                ]
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
    // The core has no clock at all; the use cases take theirs as a port.
    files: ['src/model/**/*.ts', 'src/plan/**/*.ts', 'src/render/**/*.ts', 'src/app/**/*.ts'],
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
