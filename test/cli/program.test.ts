import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { CommandSpec } from '../../src/cli/spec.js';
import { SailError } from '../../src/errors.js';
import { fakeIO } from '../support/fake-io.js';

/** A command that records the options it received, to test flag parsing in isolation. */
function recorder(seen: { args?: string[]; opts?: Record<string, unknown>; globals?: unknown }): CommandSpec {
  return {
    name: 'rec',
    summary: 'records',
    arguments: [{ name: 'things', description: 'things', variadic: true }],
    options: [
      { flags: '-f, --filename <file>', description: 'files', kind: 'strings' },
      { flags: '-s, --set <path=value>', description: 'sets', kind: 'strings' },
      { flags: '--dry-run', description: 'dry', kind: 'boolean' },
      { flags: '--remote', description: 'remote', kind: 'boolean', default: true },
      { flags: '--readiness-timeout <duration>', description: 'timeout', kind: 'duration', default: '5m' },
      { flags: '-o, --output <format>', description: 'fmt', kind: 'string', choices: ['yaml', 'json'] },
    ],
    async action(ctx, args, opts) {
      seen.args = args;
      seen.opts = opts;
      seen.globals = ctx.globals;
      return 0;
    },
  };
}

describe('runCli flag handling (table)', () => {
  const cases: Array<{ argv: string[]; expect: Record<string, unknown>; args?: string[] }> = [
    { argv: ['rec'], expect: { filename: [], set: [], dryRun: false, remote: true, readinessTimeout: 300_000 } },
    { argv: ['rec', '-f', 'a.yaml', '-f', 'b.yaml'], expect: { filename: ['a.yaml', 'b.yaml'] } },
    { argv: ['rec', '--set', 'a=b', '-s', 'c=d,e'], expect: { set: ['a=b', 'c=d,e'] } },
    { argv: ['rec', '--dry-run'], expect: { dryRun: true } },
    { argv: ['rec', '--remote=false'], expect: { remote: false } },
    { argv: ['rec', '--remote=true'], expect: { remote: true } },
    { argv: ['rec', '--readiness-timeout', '1m30s'], expect: { readinessTimeout: 90_000 } },
    { argv: ['rec', '-o', 'json'], expect: { output: 'json' } },
    { argv: ['rec', 'x', 'y'], expect: {}, args: ['x', 'y'] },
    // pflag: a bare boolean never consumes the next argument
    { argv: ['rec', '--dry-run', 'dir/'], expect: { dryRun: true }, args: ['dir/'] },
    { argv: ['rec', '--dry-run=false', 'x'], expect: { dryRun: false }, args: ['x'] },
    { argv: ['rec', '--dry-run=true'], expect: { dryRun: true } },
    { argv: ['rec', '--remote', 'x'], expect: { remote: true }, args: ['x'] },
    { argv: ['rec', '--', '--remote=false'], expect: { remote: true }, args: ['--remote=false'] },
  ];
  for (const c of cases) {
    it(c.argv.join(' '), async () => {
      const seen: { opts?: Record<string, unknown>; args?: string[] } = {};
      const io = fakeIO();
      const code = await runCli([recorder(seen)], c.argv, io);
      expect(code, io.err()).toBe(0);
      expect(seen.opts).toMatchObject(c.expect);
      if (c.args) expect(seen.args).toEqual(c.args);
    });
  }

  it('passes the global flags, with istioctl defaults', async () => {
    const seen: { globals?: unknown } = {};
    await runCli([recorder(seen)], ['rec'], fakeIO());
    expect(seen.globals).toEqual({
      kubeconfig: undefined,
      context: undefined,
      namespace: undefined,
      istioNamespace: 'istio-system',
      kubeclientTimeoutMs: 15_000,
    });
    await runCli([recorder(seen)], ['rec', '-c', 'kc', '--context', 'ctx', '-n', 'ns', '-i', 'sys', '--kubeclient-timeout', '2s'], fakeIO());
    expect(seen.globals).toEqual({ kubeconfig: 'kc', context: 'ctx', namespace: 'ns', istioNamespace: 'sys', kubeclientTimeoutMs: 2000 });
  });
});

describe('runCli exit codes and errors', () => {
  it('exits 64 on an unknown flag', async () => {
    const io = fakeIO();
    expect(await runCli([recorder({})], ['rec', '--bogus'], io)).toBe(64);
    expect(io.err()).toContain("unknown option '--bogus'");
  });
  it('exits 64 on an unknown command', async () => {
    const io = fakeIO();
    expect(await runCli([recorder({})], ['nope'], io)).toBe(64);
    expect(io.err()).toContain("unknown command 'nope'");
  });
  it('exits 64 on a bad choice, naming the flag', async () => {
    const io = fakeIO();
    expect(await runCli([recorder({})], ['rec', '-o', 'xml'], io)).toBe(64);
    expect(io.err()).toBe('Error: invalid argument "xml" for "--output" flag: must be one of yaml, json\n');
  });
  it('exits 64 on a bad boolean and a bad duration', async () => {
    let io = fakeIO();
    expect(await runCli([recorder({})], ['rec', '--remote=maybe'], io)).toBe(64);
    expect(io.err()).toContain('"--remote"');
    io = fakeIO();
    expect(await runCli([recorder({})], ['rec', '--readiness-timeout', '5 minutes'], io)).toBe(64);
    expect(io.err()).toContain('invalid duration "5 minutes" for --readiness-timeout');
  });
  it('prints a user error as one line with file:line and hint, exit 1, no stack', async () => {
    const spec: CommandSpec = {
      name: 'boom',
      summary: 'fails',
      async action() {
        throw new SailError('YAML', 'could not parse YAML: bad indentation', { file: 'a.yaml', line: 3, hint: 'check the file' });
      },
    };
    const io = fakeIO();
    expect(await runCli([spec], ['boom'], io)).toBe(1);
    expect(io.err()).toBe('Error: a.yaml:3: could not parse YAML: bad indentation\n  hint: check the file\n');
    expect(io.out()).toBe('');
  });
  it('reports an internal error without a stack trace unless SAILCTL_DEBUG is set', async () => {
    const spec: CommandSpec = {
      name: 'bug',
      summary: 'bug',
      async action() {
        throw new TypeError('x is undefined');
      },
    };
    let io = fakeIO();
    expect(await runCli([spec], ['bug'], io)).toBe(1);
    expect(io.err()).toMatch(/^Internal error: x is undefined\n.*report.*\n$/);
    expect(io.err()).not.toMatch(/\n\s+at /);
    io = fakeIO({ env: { SAILCTL_DEBUG: '1' } });
    await runCli([spec], ['bug'], io);
    expect(io.err()).toContain('TypeError: x is undefined');
  });
  it('returns the handler exit code', async () => {
    const spec: CommandSpec = { name: 'three', summary: '3', action: async () => 3 };
    expect(await runCli([spec], ['three'], fakeIO())).toBe(3);
  });
});
