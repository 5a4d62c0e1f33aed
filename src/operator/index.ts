/**
 * The IstioOperator module: profiles, -f merge, the --set grammar, schema validation, and the
 * `profile dump|diff` renderings. Pure: no printing, no process exit; it reads profile files only.
 *
 * For the manifest/install commands:
 *
 *   const { iop, warnings, profileName, manifestsDir } = await resolveIstioOperator({
 *     files: [{ name: 'my.yaml', text }],      // -f, in order ('-' = stdin: read it, name it '-')
 *     sets: ['values.global.logging.level=debug'], // --set, in order
 *     manifestsDir: '/path/to/istio/manifests', // -d (optional; built-in profiles otherwise)
 *     revision: 'canary',                       // -r (optional)
 *     force: false,                             // --force: validation errors become `warnings`
 *   });
 *
 * `iop` is the merged IstioOperator (default profile <- chosen profile <- hub/tag <- files <- --set),
 * with spec.profile filled in, before any translation to Helm values (translate*.ts does that).
 * Other options: `profile` (a name or file, like `profile dump NAME`), `recordProfile: false`
 * (do not write it into spec.profile, as `profile diff`), `overlayHubTag: false` (keep the
 * profile's hub/tag). `warnings` holds one line per tolerated problem (unknown meshConfig fields,
 * and validation errors under --force), for the CLI to print on stderr.
 * User errors are SailErrors naming file:line or the --set expression.
 *
 * Also: listProfiles(manifestsDir?) for `profile list`; renderDump / lineDiff / iopYaml for the
 * profile commands; toGoYaml / toGoJson for output that must match Go's encoders byte for byte.
 */
export { resolveIstioOperator, parseIstioOperatorFile, checkIstioOperatorDocument } from './resolve.js';
export type { InputFile, ResolveOptions, ResolvedIstioOperator, IopDocument } from './resolve.js';
export { listProfiles, profilesDir, readProfileSource, isProfilePath, DEFAULT_PROFILE } from './profiles.js';
export { parseSetExpression, applySetExpression, parseSetValue, splitSetPath, isAlwaysStringPath } from './setflag.js';
export type { SetExpression } from './setflag.js';
export { mergeOverlay } from './merge.js';
export { validateIstioOperator, validateIstioOperatorData, formatPath, suggestField } from './validate.js';
export { semanticIssues } from './semantic.js';
export type { ValidationIssue } from './validate.js';
export { renderDump, configSubtree, lineDiff, iopYaml, DUMP_FORMATS } from './dump.js';
export type { DumpFormat } from './dump.js';
export { toGoYaml, toGoJson, toSetFlags } from './format.js';
export * from './types.js';
