/** `sailctl validate` (alias v): flags and printing; the work is in src/validate. */
import { SailError } from '../../errors.js';
import type { CommandSpec } from '../spec.js';
import type { CommandContext } from '../context.js';

interface ValidateOptions {
  filename: string[];
  referential: boolean;
}

function bullets(items: readonly string[]): string {
  return `\n\t${items.map((i) => `* ${i}`).join('\n\t')}\n`;
}

async function validate(ctx: CommandContext, _args: string[], opts: ValidateOptions): Promise<number> {
  const files = opts.filename.flatMap((f) => f.split(',')).filter((f) => f !== '');
  if (files.length === 0) throw new SailError('USAGE', 'no file provided', { hint: 'use -f FILE|DIR|- (repeatable)' });
  const { gatherFiles } = await import('../../analyze/snapshot.js');
  const { readUserFile } = await import('../../util/files.js');
  const { validateText } = await import('../../validate/validate.js');
  const gathered = await gatherFiles(files, ctx.io.readStdin, (p) => readUserFile(p), () => undefined);
  const ns = ctx.globals.namespace || 'default';
  const errors: string[] = [];
  const warnings = new Map<string, string[]>();
  for (const f of gathered) {
    const out = await validateText(f.name, await f.read(), ns, ctx.globals.istioNamespace);
    for (const n of out.notes) ctx.io.stderr.write(n + '\n');
    errors.push(...out.errors);
    if (out.warnings.length > 0) warnings.set(f.name, out.warnings);
  }
  for (const f of gathered) {
    const w = warnings.get(f.name);
    if (errors.length > 0 && !w) continue;
    if (f.name === '-') ctx.io.stderr.write(w ? bullets(w) : 'validation succeed\n');
    else ctx.io.stderr.write(w ? `"${f.name}" has warnings: ${bullets(w)}\n` : `"${f.name}" is valid\n`);
  }
  if (errors.length > 0) {
    ctx.io.stderr.write(`Error: ${errors.length} error${errors.length === 1 ? '' : 's'} occurred:${bullets(errors)}\n`);
    return 1;
  }
  return 0;
}

export const validateCommand: CommandSpec = {
  name: 'validate',
  summary: 'Validate Istio policy and rules files',
  aliases: ['v'],
  options: [
    { flags: '-f, --filename <file>', description: 'Inputs of files to validate (file, directory or - for stdin)', kind: 'strings', completeWith: 'files' },
    { flags: '-x, --referential', description: 'Enable structural validation for policy and telemetry', kind: 'boolean', default: true, hidden: true },
  ],
  examples: [
    '# Validate bookinfo-gateway.yaml',
    'sailctl validate -f samples/bookinfo/networking/bookinfo-gateway.yaml',
    '# Validate all yaml files under a directory (recursive)',
    'sailctl v -f samples/bookinfo/networking',
    '# Validate what the cluster has',
    'kubectl get services -o yaml | sailctl validate -f -',
  ],
  action: validate,
};
