/**
 * import() of an npm package (or a file of one) at run time, for packages that are not bundled.
 *
 * In the engine script (dist/bundle/engine.cjs, which src/cli/launch.ts runs as a vm.Script),
 * import() is not available without an experimental loader option, and the build turns it into
 * require(), which differs for ES-module packages: a package whose exports allow only `import`
 * (the Istio models) cannot be required at all, and a required module's default export comes back
 * wrapped (ora). The launcher therefore registers its own import() here, a real one from an ES
 * module; everywhere else this is plain import().
 */
const LAUNCHER_IMPORT = Symbol.for('sailctl.importPackage');

type Importer = (specifier: string) => Promise<unknown>;

export function importPackage<T>(specifier: string): Promise<T> {
  const viaLauncher = (globalThis as { [LAUNCHER_IMPORT]?: Importer })[LAUNCHER_IMPORT];
  return (viaLauncher ? viaLauncher(specifier) : import(specifier)) as Promise<T>;
}

/** Used by src/cli/launch.ts before it runs the engine script. */
export function registerLauncherImport(importer: Importer): void {
  (globalThis as { [LAUNCHER_IMPORT]?: Importer })[LAUNCHER_IMPORT] = importer;
}
