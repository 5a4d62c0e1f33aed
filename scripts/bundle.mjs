// Bundles dist/ (tsc output) into dist/bundle/ for bin/sailctl. Why: start-up. Loading commander
// and our modules as dozens of separate files costs more than `node -e 0` itself; one ESM bundle
// (lazy command code split into chunks) keeps `sailctl version` within 1.5x of bare Node.
// Packages with native or dynamic-require code stay external and load from node_modules.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';

// commander imports node:child_process at the top for executable subcommands, which sailctl
// does not use; child_process pulls in net, dgram and more, milliseconds of every start. It gets a
// stand-in that loads the real module on first use.
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'node:child_process', namespace: 'sailctl-lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'sailctl-lazy' }, () => ({
      contents: "export default { spawn: (...a) => process.getBuiltinModule('node:child_process').spawn(...a) };",
      loader: 'js',
    }));
  },
};

// A guarded textual edit of one input file: the build fails, naming the plugin, when the text to
// replace is no longer there (a dependency or our source changed under it).
function sourceEdit(b, plugin, filter, find, replacement) {
  b.onLoad({ filter }, async (args) => {
    const source = await readFile(args.path, 'utf8');
    if (!source.includes(find)) throw new Error(`bundle: ${args.path} no longer has ${find}; review the ${plugin} plugin`);
    return { contents: source.replace(find, replacement), loader: 'js' };
  });
}

// commander's Option constructor tests every flag string with a Unicode-property regex, and V8
// compiles such a regex in about a millisecond on first use. Sailctl's flags are rarely variadic:
// a plain suffix test first gives the same answer and compiles the Unicode one only when needed.
const COMMANDER_SLOW_TEST = '/\\p{ID_Continue}\\.\\.\\.[>\\]]$/u.test(flags)';
const commanderOptionRegex = {
  name: 'commander-option-regex',
  setup(b) {
    sourceEdit(b, 'commander-option-regex', /[\\/]commander[\\/]lib[\\/]option\.js$/, COMMANDER_SLOW_TEST, `(/\\.\\.\\.[>\\]]$/.test(flags) && ${COMMANDER_SLOW_TEST})`);
  },
};

// The yaml package is bundled (Node would otherwise load its CommonJS build as some sixty files on
// every command that reads YAML), from its ES-module build: esbuild binds a CommonJS module's
// exports through getters, and the YAML readers call isMap/isScalar/... hundreds of thousands of
// times (about 14 ms of a manifest generate). That build is the package's "browser" one, the
// same code but for two things sailctl does not use: a `!!binary` scalar becomes a Uint8Array
// rather than a Buffer, and the package's rare warnings go to console.warn (stderr) rather than
// process.emitWarning (stderr). Tools outside the bundle (tests, the inject worker) keep the
// Node build.
const yamlEsm = {
  name: 'yaml-esm',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, async (args) => {
      if (args.kind === 'dynamic-import') {
        return { errors: [{ text: `dynamic import('yaml') in ${args.importer}: import it statically, or call yamlPackage() from src/util/yaml.ts` }] };
      }
      const pkg = await b.resolve('yaml/package.json', { kind: 'import-statement', resolveDir: args.resolveDir });
      return { path: resolve(dirname(pkg.path), 'browser', 'index.js') };
    });
  },
};

// src/util/yaml.ts loads the yaml package on first use with a synchronous require (install and
// manifest generate never need it). In the bundle that require must reach the bundled copy, not
// node_modules: the bundle gets one more entry, yaml-package.js beside every chunk, re-exporting
// the package (from the chunk the modules that import it statically share), and the require in
// util/yaml.js is pointed at it; Node's require of an ES module loads it synchronously.
const YAML_PACKAGE_ENTRY = 'sailctl:yaml-package';
const yamlPackageOnDemand = {
  name: 'yaml-package-on-demand',
  setup(b) {
    b.onResolve({ filter: /^sailctl:yaml-package$/ }, () => ({ path: 'yaml-package', namespace: 'sailctl-yaml-package' }));
    b.onLoad({ filter: /.*/, namespace: 'sailctl-yaml-package' }, () => ({ contents: "export * from 'yaml';", resolveDir: root, loader: 'js' }));
    sourceEdit(b, 'yaml-package-on-demand', /[\\/]dist[\\/]util[\\/]yaml\.js$/, "const YAML_PACKAGE = 'yaml';", "const YAML_PACKAGE = './yaml-package.js';");
  },
};

// @kubernetes/client-node stays external (its exec and auth-provider code is loaded only when a
// kubeconfig asks for it), except the small config_types.js every cluster command reads
// kubeconfigs with: loaded by Node, its `import fs from 'node:fs'` would build the fs facade and
// with it fs streams, fs/promises and readline (about 15 ms of every install).
const clientNodeExternal = {
  name: 'client-node-external',
  setup(b) {
    b.onResolve({ filter: /^@kubernetes\/client-node(\/|$)/ }, (args) =>
      args.path === '@kubernetes/client-node/dist/config_types.js' ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Rewrites the ESM imports of Node built-ins in one output file into process.getBuiltinModule
 * reads. Why: for an ESM import of a built-in, Node builds a facade that reads every export, and
 * that runs lazy getters (fs.ReadStream loads streams, fs/promises, readline and os; util's lazy
 * exports load worker_threads): milliseconds of every start. A destructuring read touches only the
 * names the code uses. esbuild writes these imports in a few fixed shapes; anything else stays.
 */
export function rewriteBuiltinImports(code) {
  return code.replace(/import\s*(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))?\s*from\s*"(node:[\w/]+)";?/g, (all, def, named, ns, mod) => {
    if (!def && named === undefined && !ns) return all;
    const get = `process.getBuiltinModule(${JSON.stringify(mod)})`;
    const parts = [];
    if (def) parts.push(`const ${def}=${get};`);
    if (ns) parts.push(`const ${ns}=${get};`);
    if (named !== undefined) {
      const fields = named.split(',').map((x) => x.trim()).filter(Boolean).map((x) => {
        const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(x);
        if (!m) throw new Error(`bundle: unexpected import clause ${JSON.stringify(x)} from ${mod}`);
        return m[2] ? `${m[1]}:${m[2]}` : m[1];
      });
      parts.push(`const{${fields.join(',')}}=${get};`);
    }
    return parts.join('');
  });
}

// The engine script (below) is CommonJS: util/yaml.js's on-demand require goes to the bundled copy
// of the package there, which esbuild initialises on that first require, not at start.
const yamlPackageInEngine = {
  name: 'yaml-package-in-engine',
  setup(b) {
    sourceEdit(b, 'yaml-package-in-engine', /[\\/]dist[\\/]util[\\/]yaml\.js$/, 'createRequire(import.meta.url)(YAML_PACKAGE)', "require('yaml')");
  },
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
// What both bundles share: the same inputs, packages left outside, and the plugins that do not
// depend on the output format.
const COMMON = {
  write: false,
  bundle: true,
  platform: 'node',
  target: 'node22',
  minify: true,
  legalComments: 'inline',
  logLevel: 'warning',
  external: ['@kubernetes-models/*', 'kubernetes-models', 'kubernetes-models/*', 'ajv', 'ajv/*', 'ajv-formats', 'chalk', 'ora'],
};
const COMMON_PLUGINS = [lazyChildProcessForCommander, commanderOptionRegex, yamlEsm];
const result = await build({
  ...COMMON,
  write: false,
  entryPoints: [
    { in: resolve(root, 'dist', 'cli', 'main.js'), out: 'main' },
    { in: YAML_PACKAGE_ENTRY, out: 'yaml-package' },
  ],
  outdir,
  splitting: true,
  format: 'esm',
  // A CommonJS dependency bundled into ESM calls require() for Node built-ins; give it a real one
  // (none does today: yaml comes from its ES-module build).
  banner: { js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
  plugins: [...COMMON_PLUGINS, yamlPackageOnDemand, clientNodeExternal],
});
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.path.endsWith('.js') ? rewriteBuiltinImports(file.text) : file.contents);
}

// The engine: the same CLI as one CommonJS script, which src/cli/launch.ts compiles with vm.Script
// and a V8 code cache written after the run (see there for why). Its first line carries the hash
// of the rest, the cache's key; it is ASCII so that the launcher can read it as latin1.
const engine = await build({
  ...COMMON,
  entryPoints: [resolve(root, 'dist', 'cli', 'main.js')],
  outfile: resolve(outdir, 'engine.cjs'),
  format: 'cjs',
  charset: 'ascii',
  define: { 'import.meta.url': '__sailctl_module_url' },
  // import() in a vm.Script needs an experimental loader option (a warning on stderr), so esbuild
  // writes the remaining dynamic imports (of Node built-ins) as require(). npm packages are loaded
  // through src/util/import-package.ts, whose import() the launcher provides: require() of an ES
  // module package differs (exports with only an import condition fail, a default export comes
  // back wrapped).
  supported: { 'dynamic-import': false },
  banner: { js: "var __sailctl_module_url=require('node:url').pathToFileURL(__filename).href;" },
  plugins: [...COMMON_PLUGINS, yamlPackageInEngine, clientNodeExternal],
});
const engineText = engine.outputFiles[0].text;
const nonAscii = /[^\x00-\x7f]/.exec(engineText);
if (nonAscii) {
  const at = engineText.slice(Math.max(0, nonAscii.index - 40), nonAscii.index + 10);
  throw new Error(`bundle: engine.cjs must be ASCII (esbuild leaves non-ASCII in regular-expression literals: write \\uXXXX); found near ${JSON.stringify(at)}`);
}
const engineHash = createHash('sha256').update(engineText).digest('hex').slice(0, 16);
// The header's format belongs to the launcher that reads it (compiled by tsc before this runs).
const { engineHeader } = await import(pathToFileURL(resolve(root, 'dist', 'cli', 'launch.js')).href);
writeFileSync(resolve(outdir, 'engine.cjs'), `${engineHeader(engineHash)}${engineText}`);

// Primes this user's code cache for the new engine (src/cli/launch.ts): a manifest generate writes
// one, and the other commands start from it until they have their own (the first install after a
// build then runs from a cache). Its output is discarded; a failure here fails nothing: the first
// real run writes the cache instead.
spawnSync(process.execPath, ['--stack-size=4000', resolve(root, 'bin', 'sailctl'), 'manifest', 'generate'], { stdio: 'ignore', timeout: 60_000 });
