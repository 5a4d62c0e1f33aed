/** `sailctl completion bash` end to end: the printed script, sourced in bash, completes. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { sailctl, SAILCTL } from '../support/cli.js';

function complete(words: string[]): string[] {
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const script = `source <('${SAILCTL}' completion bash) || exit 9; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; __sailctl_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

describe('sailctl completion (e2e)', () => {
  it('bash: commands, subcommands, flags and values', () => {
    expect(complete(['sailctl', 'prof'])).toEqual(['profile']);
    expect(complete(['sailctl', 'profile', 'd'])).toEqual(['dump', 'diff']);
    expect(complete(['sailctl', 'profile', 'dump', '--conf'])).toEqual(['--config-path']);
    expect(complete(['sailctl', 'profile', 'dump', '-o', 'f'])).toEqual(['flags']);
    expect(complete(['sailctl', 'profile', 'diff', 'open'])).toEqual(['openshift', 'openshift-ambient']);
    expect(complete(['sailctl', '--kubeconfig', '/nonexistent', 'vers'])).toEqual(['version']);
  });
  it('each shell prints a script; an unknown shell exits 64', async () => {
    for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
      const r = await sailctl(['completion', shell]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(1000);
    }
    const bad = await sailctl(['completion', 'csh']);
    expect(bad.exitCode).toBe(64);
    expect(bad.stderr.split('\n')[0]).toBe('Error: unsupported shell "csh": must be one of bash, zsh, fish, powershell');
  });
});
