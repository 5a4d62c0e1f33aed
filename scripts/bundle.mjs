// Bundles dist/ (tsc output) into dist/bundle/ for bin/sailctl. Why: start-up. Loading commander
// and our modules as dozens of separate files costs more than `node -e 0` itself; one ESM bundle
// (lazy command code split into chunks) keeps `sailctl version` within 1.5x of bare Node.
// Packages with native or dynamic-require code stay external and load from node_modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [resolve(root, 'dist', 'cli', 'main.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  legalComments: 'inline',
  // CommonJS dependencies bundled into ESM (the yaml package's node build) call require() for
  // Node built-ins; give them a real one.
  banner: { js: "import { createRequire as __sailctlCreateRequire } from 'node:module'; const require = __sailctlCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  external: [
    '@kubernetes/client-node',
    '@kubernetes-models/*',
    'kubernetes-models',
    'kubernetes-models/*',
    'ajv',
    'ajv/*',
    'ajv-formats',
    'chalk',
    'ora',
    // CommonJS in its Node build: loaded by Node itself, so `import('yaml')` gets a real namespace
    'yaml',
  ],
});
