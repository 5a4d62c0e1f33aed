import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/cli/commands/catalog.gen.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { runLazyCli } from '../../src/cli/program.js';
import { fakeIO } from '../support/fake-io.js';

const STALE = 'src/cli/commands/catalog.gen.ts is out of date: run `npx tsc -p . && node scripts/gen-command-catalog.mjs`';

describe('command catalog (start-up loads it instead of every command)', () => {
  it('lists the registry commands in order, with their names, aliases, summaries and flags', () => {
    const meta = (c: { name: string; aliases?: readonly string[]; summary: string; hidden?: boolean; extension?: boolean }) => ({
      name: c.name,
      aliases: c.aliases ?? [],
      summary: c.summary,
      hidden: Boolean(c.hidden),
      extension: Boolean(c.extension),
    });
    expect(CATALOG.map(meta), STALE).toEqual(COMMANDS.map(meta));
  });

  it('loads the very spec objects of the registry', async () => {
    for (const [i, entry] of CATALOG.entries()) expect(await entry.load(), STALE).toBe(COMMANDS[i]);
  });

  it('runs a command through the catalog, with its flags and aliases', async () => {
    const io = fakeIO();
    expect(await runLazyCli(CATALOG, ['version', '--remote=false', '-o', 'short'], io)).toBe(0);
    expect(io.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
    const viaAlias = fakeIO();
    expect(await runLazyCli(CATALOG, ['ns', '--help'], viaAlias)).toBe(0);
    expect(viaAlias.out()).toContain('enable');
  });

  it('keeps the root help and the suggestion for a misspelt command', async () => {
    const help = fakeIO();
    expect(await runLazyCli(CATALOG, ['--help'], help)).toBe(0);
    for (const c of CATALOG.filter((c) => !c.hidden)) expect(help.out()).toContain(c.name);
    const typo = fakeIO();
    expect(await runLazyCli(CATALOG, ['verison'], typo)).toBe(64);
    expect(typo.err()).toContain('Did you mean version?');
  });
});
