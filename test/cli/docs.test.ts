/**
 * The docs stay in step with the command specs: every command has a page under docs/, and
 * every flag a command declares (hidden ones aside) is mentioned on that page.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { longName, shortName, type CommandSpec } from '../../src/cli/spec.js';
import { REPO_ROOT } from '../support/cli.js';

/** The page that documents a command (install, upgrade, uninstall and verify-install share one). */
const PAGE: Record<string, string> = {
  upgrade: 'install',
  uninstall: 'install',
  'verify-install': 'install',
  'x precheck': 'x-precheck',
  'x helm-template': 'x-helm-template',
};

function leaves(specs: readonly CommandSpec[], prefix = ''): Array<{ path: string; spec: CommandSpec }> {
  return specs.flatMap((s) => {
    const path = prefix ? `${prefix} ${s.name}` : s.name;
    const subs = s.subcommands ?? [];
    return subs.length ? [{ path, spec: s }, ...leaves(subs, path)] : [{ path, spec: s }];
  });
}

describe('docs/ covers every command and flag', () => {
  for (const { path, spec } of leaves(COMMANDS)) {
    if (path === 'x') continue;
    const top = path.split(' ')[0] as string;
    const page = PAGE[path] ?? PAGE[top] ?? top;
    it(`${path} → docs/${page}.md`, () => {
      const file = join(REPO_ROOT, 'docs', `${page}.md`);
      expect(existsSync(file), `docs/${page}.md is missing`).toBe(true);
      const text = readFileSync(file, 'utf8');
      // a flag counts as documented under its long name or, where it has one, its short name
      const documented = (flags: string): boolean => {
        const short = shortName(flags);
        return text.includes(`--${longName(flags)}`) || (short !== undefined && new RegExp(`(^|[\\s\`(|\\[])-${short}\\b`).test(text));
      };
      const missing = (spec.options ?? []).filter((o) => !o.hidden && !documented(o.flags)).map((o) => `--${longName(o.flags)}`);
      expect(missing, `flags of '${path}' not mentioned in docs/${page}.md`).toEqual([]);
    });
  }
});
