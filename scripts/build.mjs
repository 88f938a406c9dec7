#!/usr/bin/env node
/**
 * `npm run build`: the CLI as a few bundled files, so start-up loads one file per entry
 * point instead of ~125 modules, and rarely used parts (the emulator, export, plan
 * rendering, the apply engine, undici) load only when a command needs them.
 *
 *   dist/cli/main.js             the `bin` entry
 *   dist/config/load-worker.js   the config worker thread's entry
 *   dist/config/load-in-worker.js  its host side (an entry of its own: tests import it)
 *   dist/chunks/*.js             code shared between entries, and the lazy parts
 *
 * The JSON Schema (schemas/outplans.schema.json, the one source of truth) and the saved
 * plan's schema are compiled by ajv into standalone validation code at every build, with
 * the options the sources use, and bundled in place of the modules that compile them from
 * sources (STANDALONE_VALIDATORS): nothing compiles a schema at run time. The generated
 * code is a build artefact only (node_modules/.cache/outplanctl-build/), never committed.
 *
 * Every output file sits two directories below the package root, like the sources did,
 * so `new URL('../../schemas/…', import.meta.url)` keeps pointing where it should; the
 * import-meta-url plugin below rewrites such URLs for the file they end up in and fails
 * the build on any other use of import.meta.url.
 *
 *   node scripts/build.mjs [--analyze]   (--analyze prints the size of every output)
 */
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { analyzeMetafile, build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'outplanctl-build');
/** Any directory two levels below the root: where every output file of the bundle lives. */
const OUTPUT_DIR_FOR_URLS = path.join(DIST, 'chunks');

/** The lowest Node the package supports (package.json engines). */
const TARGET = 'node20.19';

/**
 * Bundled CommonJS dependencies (commander, ajv's runtime helpers, undici) call
 * require() for Node's built-in modules; an ES module has no require of its own.
 */
const BANNER =
  "import { createRequire as __outplanctlRequire } from 'node:module';\nconst require = __outplanctlRequire(import.meta.url);";

/**
 * Rewrites `new URL('<relative>', import.meta.url)` in a source file so it names the same
 * file from the output directory (`outputDir`); any other import.meta.url fails the build.
 */
function importMetaUrlPlugin(outputDir) {
  const pattern = /new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;
  return {
    name: 'import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        // The source's place in the output tree: src/a/b.ts -> dist/a/b.js.
        const compiledDir = path.join(DIST, path.relative(SRC, path.dirname(args.path)));
        const contents = source.replace(pattern, (_match, quote, relative) => {
          const target = path.resolve(compiledDir, relative.replace(/\.ts$/, '.js'));
          const fromOutput = path.relative(outputDir, target).split(path.sep).join('/');
          return `new URL(${quote}${fromOutput}${quote}, import.meta.url)`;
        });
        const rest = contents.replace(pattern, '');
        if (rest.includes('import.meta.url')) {
          const line = rest.slice(0, rest.indexOf('import.meta.url')).split('\n').length;
          throw new Error(
            `${path.relative(ROOT, args.path)}: import.meta.url is only supported as ` +
              `new URL('<relative path>', import.meta.url) in a bundle (near line ${line})`,
          );
        }
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * Validators compiled by ajv at build time: each source module's standalone generator
 * writes CommonJS code, and the bundle gets that code in place of the module's run-time
 * compiler, so ajv's compiler is never in the bundle.
 */
const STANDALONE_VALIDATORS = [
  {
    // The config schema (schemas/outplans.schema.json, the one source of truth).
    module: path.join(SRC, 'config', 'schema-compile'),
    generate: 'standaloneSchemaCode',
    compile: 'compileSchemaValidator',
    output: path.join(CACHE, 'outplans-validator.cjs'),
  },
  {
    // The saved plan's format (src/plan/saved-plan-schema.ts).
    module: path.join(SRC, 'plan', 'saved-plan-compile'),
    generate: 'standaloneSavedPlanCode',
    compile: 'compileSavedPlanValidator',
    output: path.join(CACHE, 'saved-plan-validator.cjs'),
  },
];

/** Replaces each STANDALONE_VALIDATORS module with the validator generated for it. */
function standaloneValidatorPlugin() {
  return {
    name: 'standalone-validator',
    setup(b) {
      b.onResolve({ filter: /-compile\.js$/ }, (args) => {
        const target = path.join(path.dirname(args.importer), args.path.replace(/\.js$/, ''));
        const index = STANDALONE_VALIDATORS.findIndex((v) => v.module === target);
        return index < 0 ? undefined : { path: String(index), namespace: 'standalone-validator' };
      });
      b.onLoad({ filter: /.*/, namespace: 'standalone-validator' }, (args) => {
        const validator = STANDALONE_VALIDATORS[Number(args.path)];
        return {
          contents:
            `import validate from ${JSON.stringify(validator.output)};\n` +
            `export function ${validator.compile}() { return validate; }\n`,
          resolveDir: ROOT,
          loader: 'js',
        };
      });
    },
  };
}

/**
 * Built-in modules a start-up path imports but only rarely uses, replaced by stand-ins
 * that load the real module on first use: commander requires node:child_process at load
 * (it spawns only for executable subcommands, which outplanctl has none of), and the
 * process I/O imports readline only for apply's confirmation prompt. Each saves Node's
 * loading of the module and what it pulls in (net, dgram, streams) on every run.
 * ESM stand-ins export exactly the names listed: importing another fails the build.
 */
const LAZY_BUILTINS = {
  'node:child_process': { commonjs: true },
  'node:readline/promises': { names: ['createInterface'] },
};

function lazyBuiltinsPlugin() {
  return {
    name: 'lazy-builtins',
    setup(b) {
      const filter = new RegExp(
        `^(${Object.keys(LAZY_BUILTINS).join('|').replace(/\//g, '\\/')})$`,
      );
      b.onResolve({ filter }, (args) =>
        args.namespace === 'lazy-builtin'
          ? undefined
          : { path: args.path, namespace: 'lazy-builtin' },
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
        const spec = LAZY_BUILTINS[args.path];
        const load = `require(${JSON.stringify(args.path)})`;
        const contents = spec.commonjs
          ? `module.exports = new Proxy({}, { get: (_target, name) => ${load}[name] });\n`
          : spec.names
              .map(
                (name) => `export function ${name}(...args) { return ${load}.${name}(...args); }\n`,
              )
              .join('');
        return { contents, loader: 'js', resolveDir: ROOT };
      });
    },
  };
}

/**
 * yaml's parser and composer read `process.env.LOG_TOKENS` / `LOG_STREAM` (debug output for
 * yaml's own developers) once per token: ~1 million environment lookups for a 10 000-outplan
 * file, about 0.1 s. In the bundle they read as unset. A warning (not a failure) says when
 * a yaml update changes the code, so the build never blocks an upgrade.
 */
function yamlDebugEnvPlugin() {
  const pattern = /\bnode_process\.env\.(LOG_TOKENS|LOG_STREAM)\b/g;
  return {
    name: 'yaml-debug-env',
    setup(b) {
      b.onLoad(
        { filter: /[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ },
        async (args) => {
          const source = await readFile(args.path, 'utf8');
          const contents = source.replace(pattern, 'undefined');
          if (contents === source)
            return {
              contents,
              loader: 'js',
              warnings: [{ text: `yaml-debug-env: no debug lookup found in ${args.path}` }],
            };
          return { contents, loader: 'js' };
        },
      );
    },
  };
}

/**
 * undici as the bundle loads it: only what the client uses (`Agent`, `EnvHttpProxyAgent`)
 * and the methods undici's index puts on every dispatcher (`request`, and `connect`, which
 * the proxy agent tunnels with). undici's index module loads the whole package (fetch,
 * WebSocket, caches, mocks: 720 KB), ~80 ms at every start of a command that talks to the
 * API; these parts alone load in ~35 ms.
 *
 * The stand-in does what undici's index does for these names: it exports the same classes
 * and assigns the same methods to `Dispatcher.prototype` (index.js:
 * `Object.assign(Dispatcher.prototype, api)`). The build checks, against the installed
 * undici itself, that each is the object the package exports, and fails when an update
 * moves them, so the bundle never ships a stand-in that differs from the package.
 * Importing any other name from 'undici' in the sources fails the build (esbuild: no
 * matching export).
 */
const UNDICI_CLASSES = {
  Agent: 'undici/lib/dispatcher/agent.js',
  EnvHttpProxyAgent: 'undici/lib/dispatcher/env-http-proxy-agent.js',
  Dispatcher: 'undici/lib/dispatcher/dispatcher.js',
};
const UNDICI_DISPATCHER_METHODS = 'undici/lib/api/index.js';

function checkUndiciParts() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const undici = require('undici');
  const moved = Object.entries(UNDICI_CLASSES)
    .filter(([name, file]) => require(file) !== undici[name])
    .map(([name]) => name);
  const methods = require(UNDICI_DISPATCHER_METHODS);
  for (const [name, method] of Object.entries(methods))
    if (undici.Dispatcher.prototype[name] !== method) moved.push(`Dispatcher.prototype.${name}`);
  if (moved.length > 0)
    throw new Error(
      `undici's ${moved.join(', ')} no longer come from the files scripts/build.mjs names ` +
        '(UNDICI_CLASSES, UNDICI_DISPATCHER_METHODS); update them to where the installed ' +
        'undici keeps them',
    );
}

/**
 * undici's HTTP/2 client, in place of which the bundle carries a stub. Its module loads
 * `node:http2` (and with it `node:tls`) at the top, ~10 ms at every start, for a protocol the
 * client never speaks: src/api/dispatcher.ts sets `allowH2: false`, so ALPN offers only
 * http/1.1 and undici only calls it for a socket that negotiated h2. Should it ever be
 * called, it fails loudly instead of speaking HTTP/2 half-way.
 */
const UNDICI_H2_CLIENT = /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h2\.js$/;
const UNDICI_H2_STUB = `module.exports = function connectH2() {
  throw new Error('outplanctl is built without undici\\'s HTTP/2 client, and a connection negotiated HTTP/2');
};
`;

function slimUndiciPlugin() {
  return {
    name: 'slim-undici',
    setup(b) {
      b.onLoad({ filter: UNDICI_H2_CLIENT }, () => ({ contents: UNDICI_H2_STUB, loader: 'js' }));
      b.onResolve({ filter: /^undici$/ }, (args) =>
        args.namespace === 'slim-undici' ? undefined : { path: 'undici', namespace: 'slim-undici' },
      );
      b.onLoad({ filter: /.*/, namespace: 'slim-undici' }, () => {
        checkUndiciParts();
        const contents =
          Object.entries(UNDICI_CLASSES)
            .map(([name, file]) => `import ${name} from ${JSON.stringify(file)};\n`)
            .join('') +
          `import dispatcherMethods from ${JSON.stringify(UNDICI_DISPATCHER_METHODS)};\n` +
          'Object.assign(Dispatcher.prototype, dispatcherMethods);\n' +
          'export { Agent, EnvHttpProxyAgent };\n';
        return { contents, loader: 'js', resolveDir: ROOT };
      });
    },
  };
}

/** Generates each validator's code with the sources' own compile module. */
async function generateValidators() {
  for (const validator of STANDALONE_VALIDATORS) {
    const generator = path.join(CACHE, `${path.basename(validator.module)}.mjs`);
    await build({
      entryPoints: [`${validator.module}.ts`],
      outfile: generator,
      bundle: true,
      packages: 'external',
      format: 'esm',
      platform: 'node',
      target: TARGET,
      logLevel: 'warning',
      plugins: [importMetaUrlPlugin(CACHE)],
    });
    const generated = await import(`${pathToFileURL(generator).href}?at=${Date.now()}`);
    await writeFile(validator.output, generated[validator.generate]());
  }
}

async function main(argv) {
  await mkdir(CACHE, { recursive: true });
  await generateValidators();
  await rm(DIST, { recursive: true, force: true });
  const result = await build({
    entryPoints: {
      'cli/main': path.join(SRC, 'cli', 'main.ts'),
      'config/load-worker': path.join(SRC, 'config', 'load-worker.ts'),
      'config/load-in-worker': path.join(SRC, 'config', 'load-in-worker.ts'),
    },
    outdir: DIST,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: TARGET,
    // Smaller files parse faster at every start; names stay, so --debug stacks still read.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'eof',
    banner: { js: BANNER },
    metafile: true,
    logLevel: 'warning',
    plugins: [
      standaloneValidatorPlugin(),
      importMetaUrlPlugin(OUTPUT_DIR_FOR_URLS),
      lazyBuiltinsPlugin(),
      yamlDebugEnvPlugin(),
      slimUndiciPlugin(),
    ],
  });
  await chmod(path.join(DIST, 'cli', 'main.js'), 0o755);
  if (argv.includes('--analyze')) process.stdout.write(await analyzeMetafile(result.metafile));
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
