/**
 * Completion scripts, exercised in the real shells: bash (always), zsh and fish when installed
 * (.ci/run installs them from apt; otherwise those cases skip with a message). PowerShell is not
 * packaged for Debian, so its script is only checked for content.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { GLOBAL_OPTIONS, runCli } from '../../src/cli/program.js';
import { buildCompletionModel, completionScript, type Shell } from '../../src/cli/completion/index.js';
import { allCommands } from '../../src/cli/completion/model.js';
import { listProfiles } from '../../src/operator/profiles.js';
import type { CommandSpec } from '../../src/cli/spec.js';
import { fakeIO } from '../support/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'sailctl-completion-'));
function scriptFile(shell: Shell, commands: readonly CommandSpec[] = COMMANDS): string {
  const file = join(dir, `sailctl.${shell}.${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, completionScript(shell, 'sailctl', commands, GLOBAL_OPTIONS, listProfiles()));
  return file;
}
const has = (shell: string): boolean => spawnSync(shell, ['-c', 'exit 0']).status === 0;

/** Runs the bash completion function for `words` (the last one being completed). */
function bashComplete(file: string, words: string[]): string[] {
  const quoted = words.map((w) => `'${w.replaceAll("'", `'\\''`)}'`).join(' ');
  const script = `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; COMPREPLY=(); __sailctl_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

// A spec tree of our own, so the assertions do not depend on other commands' stubs.
const demo: CommandSpec[] = [
  {
    name: 'mesh',
    aliases: ['m'],
    summary: 'mesh things',
    subcommands: [
      {
        name: 'apply',
        summary: 'apply it',
        arguments: [{ name: 'file', description: 'f', completeWith: 'files' }],
        options: [
          { flags: '-o, --output <fmt>', description: 'format', kind: 'string', choices: ['yaml', 'json'] },
          { flags: '-d, --manifests <dir>', description: 'dir', kind: 'string', completeWith: 'dirs' },
          { flags: '--profile <p>', description: 'profile', kind: 'string', completeWith: 'profiles' },
          { flags: '--dry-run', description: 'dry', kind: 'boolean' },
          { flags: '--secret <s>', description: 'hidden', kind: 'string', hidden: true },
        ],
        action: async () => 0,
      },
    ],
  },
];

describe('completion model', () => {
  it('comes from the command specs and the global options', () => {
    const model = buildCompletionModel('sailctl', COMMANDS, GLOBAL_OPTIONS, ['default']);
    expect(model.root.subcommands.map((c) => c.name)).toEqual([...COMMANDS.filter((c) => !c.hidden).map((c) => c.name), 'help']);
    expect(model.globalFlags.map((f) => f.long)).toEqual(expect.arrayContaining(['kubeconfig', 'context', 'namespace', 'istioNamespace', 'kubeclient-timeout']));
    const dump = allCommands(model.root).find((c) => c.path === 'sailctl profile dump');
    expect(dump?.flags.find((f) => f.long === 'output')).toMatchObject({ short: 'o', takesValue: true, values: { kind: 'words', words: ['json', 'yaml', 'flags'] } });
    expect(dump?.flags.find((f) => f.long === 'filename')?.values).toEqual({ kind: 'files' });
    expect(dump?.args).toEqual({ kind: 'profiles' });
  });
  it('leaves out hidden flags', () => {
    const model = buildCompletionModel('sailctl', demo, GLOBAL_OPTIONS, []);
    const apply = allCommands(model.root).find((c) => c.path === 'sailctl mesh apply');
    expect(apply?.flags.map((f) => f.long)).toEqual(['output', 'manifests', 'profile', 'dry-run']);
    expect(model.globalFlags.map((f) => f.long)).not.toContain('vklog');
  });
});

describe('bash completion', () => {
  const file = scriptFile('bash', demo);
  const cases: Array<[string[], string[]]> = [
    [['sailctl', ''], ['mesh', 'help']],
    [['sailctl', 'me'], ['mesh']],
    [['sailctl', 'mesh', ''], ['apply']],
    [['sailctl', 'm', ''], ['apply']],
    [['sailctl', '-n', 'ns', 'mesh', 'a'], ['apply']],
    [['sailctl', 'mesh', 'apply', '--'], ['--output', '--manifests', '--profile', '--dry-run', '--kubeconfig', '--context', '--namespace', '--istioNamespace', '--kubeclient-timeout', '--help']],
    [['sailctl', 'mesh', 'apply', '-o', ''], ['yaml', 'json']],
    [['sailctl', 'mesh', 'apply', '--output', 'j'], ['json']],
    [['sailctl', 'mesh', 'apply', '--output', '=', ''], ['yaml', 'json']],
    [['sailctl', 'mesh', 'apply', '--output=y'], ['--output=yaml']],
    [['sailctl', 'mesh', 'apply', '--dry-run=f'], ['--dry-run=false']],
    [['sailctl', 'mesh', 'apply', '--profile', 'de'], ['default', 'demo']],
    [['sailctl', 'mesh', 'apply', '--dry-run', '-o', 'yaml', '--prof'], ['--profile']],
    [['sailctl', 'mesh', 'apply', '--context', 'x', '--o'], ['--output']],
    [['sailctl', 'help', ''], ['mesh']],
  ];
  for (const [words, want] of cases) {
    it(`${words.join(' ')}| -> ${want.join(' ')}`, () => expect(bashComplete(file, words)).toEqual(want));
  }
  it('completes files and directories', () => {
    const base = mkdtempSync(join(tmpdir(), 'sailctl-files-'));
    mkdirSync(join(base, 'subdir'));
    writeFileSync(join(base, 'iop.yaml'), '');
    expect(bashComplete(file, ['sailctl', 'mesh', 'apply', `${base}/`]).sort()).toEqual([`${base}/iop.yaml`, `${base}/subdir`]);
    expect(bashComplete(file, ['sailctl', 'mesh', 'apply', '-d', `${base}/`])).toEqual([`${base}/subdir`]);
  });
  it('offers the profiles of -d DIR when given', () => {
    const m = mkdtempSync(join(tmpdir(), 'sailctl-manifests-'));
    mkdirSync(join(m, 'profiles'));
    writeFileSync(join(m, 'profiles', 'custom.yaml'), '');
    expect(bashComplete(file, ['sailctl', 'mesh', 'apply', '-d', m, '--profile', ''])).toEqual(['custom']);
  });
  it('the real command tree: profile dump values', () => {
    const real = scriptFile('bash');
    expect(bashComplete(real, ['sailctl', 'profile', ''])).toEqual(['list', 'dump', 'diff']);
    expect(bashComplete(real, ['sailctl', 'profile', 'dump', ''])).toEqual(listProfiles());
    expect(bashComplete(real, ['sailctl', 'profile', 'dump', '-o', ''])).toEqual(['json', 'yaml', 'flags']);
    expect(bashComplete(real, ['sailctl', 'completion', ''])).toEqual(['bash', 'zsh', 'fish', 'powershell']);
  });
});

describe.skipIf(!has('zsh'))('zsh completion', () => {
  it('parses (zsh -n)', () => {
    const r = spawnSync('zsh', ['-n', scriptFile('zsh')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
  it('completes through the walk (compsys functions stubbed to print what they receive)', () => {
    const file = scriptFile('zsh', demo);
    const script = `
compdef() { :; }
compadd() { shift 1; print -r -- "compadd: \${(P)1}"; }
_describe() { print -r -- "describe: \${(Pj:|:)4}"; }
_files() { print -r -- "files $*"; }
compset() { :; }
source '${file}'
t() { words=("$@"); CURRENT=\${#words}; _sailctl; }
t sailctl ''
t sailctl m ''
t sailctl mesh apply -o ''
t sailctl mesh apply --profile ''
t sailctl mesh apply -d ''
t sailctl mesh apply ''
t sailctl mesh apply --outp
print -r -- "PATH intact: $(command -v ls)"`;
    const r = spawnSync('zsh', ['-f', '-c', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'describe: mesh:mesh things|help:Help about any command',
      'describe: apply:apply it',
      'compadd: yaml json',
      `compadd: ${listProfiles().join(' ')}`,
      'files -/',
      'files ',
      'describe: --output:format|-o:format|--manifests:dir|-d:dir|--profile:profile|--dry-run:dry|--kubeconfig:Kubernetes configuration file|-c:Kubernetes configuration file|--context:Kubernetes configuration context|--namespace:Kubernetes namespace|-n:Kubernetes namespace|--istioNamespace:Istio system namespace|-i:Istio system namespace|--kubeclient-timeout:Kubernetes client timeout as a time.Duration string, e.g. 15s|--help:help for sailctl|-h:help for sailctl',
      expect.stringMatching(/^PATH intact: \/.*ls$/),
      '',
    ]);
  });
});
if (!has('zsh')) console.warn('completion: zsh cases skipped (zsh not installed; apt-get install zsh)');

describe.skipIf(!has('fish'))('fish completion', () => {
  const complete = (file: string, line: string): string[] => {
    const r = spawnSync('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line}'`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0] as string);
  };
  it('parses (fish -n)', () => {
    const r = spawnSync('fish', ['--no-config', '-n', scriptFile('fish')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
  it('completes subcommands, aliases, flags and values', () => {
    const file = scriptFile('fish', demo);
    expect(complete(file, 'sailctl ')).toEqual(['help', 'mesh']);
    expect(complete(file, 'sailctl m ')).toEqual(['apply']);
    expect(complete(file, 'sailctl -n x mesh apply -o ')).toEqual(['json', 'yaml']);
    expect(complete(file, 'sailctl mesh apply --profile ')).toEqual([...listProfiles()].sort());
    expect(complete(file, 'sailctl mesh apply --outp')).toEqual(['--output']);
  });
});
if (!has('fish')) console.warn('completion: fish cases skipped (fish not installed; apt-get install fish)');

describe('powershell completion', () => {
  it('registers a native completer holding the command tree (pwsh is not packaged for Debian: not executed)', () => {
    const s = completionScript('powershell', 'sailctl', demo, GLOBAL_OPTIONS, ['default']);
    expect(s).toContain("Register-ArgumentCompleter -Native -CommandName 'sailctl'");
    expect(s).toContain("'sailctl mesh apply --output' = 'yaml json'");
    expect(s).toContain("'sailctl m' = 'mesh'");
    expect(s).not.toContain('--secret');
  });
});

describe('sailctl completion (in-process)', () => {
  it('prints the script for each shell', async () => {
    for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
      const io = fakeIO();
      expect(await runCli(COMMANDS, ['completion', shell], io)).toBe(0);
      expect(io.out()).toContain('sailctl');
      expect(io.out()).toContain('profile');
    }
  });
  it('rejects an unknown shell with a usage error', async () => {
    const io = fakeIO();
    expect(await runCli(COMMANDS, ['completion', 'tcsh'], io)).toBe(64);
    expect(io.err().split('\n')[0]).toBe('Error: unsupported shell "tcsh": must be one of bash, zsh, fish, powershell');
  });
  it('requires the shell argument', async () => {
    expect(await runCli(COMMANDS, ['completion'], fakeIO())).toBe(64);
  });
});
