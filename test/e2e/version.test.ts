import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, sailctl } from '../support/cli.js';
import { SAILCTL_VERSION, ISTIO_VERSION } from '../../src/version.js';

describe('sailctl version (e2e)', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(SAILCTL_VERSION).toBe(pkg.version);
  });
  it('prints the client version offline', async () => {
    const r = await sailctl(['version', '--remote=false']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`client version: ${ISTIO_VERSION}\nsailctl version: ${SAILCTL_VERSION}\n`);
    expect(r.stderr).toBe('');
  });
  it('-o short / json / yaml', async () => {
    expect((await sailctl(['version', '--remote=false', '-o', 'short'])).stdout).toBe(`${ISTIO_VERSION}\n`);
    const j = JSON.parse((await sailctl(['version', '--remote=false', '-o', 'json'])).stdout);
    expect(j.clientVersion.version).toBe(ISTIO_VERSION);
    expect(j.clientVersion.hub).toBe('docker.io/istio');
    const y = (await sailctl(['version', '--remote=false', '-o', 'yaml'])).stdout;
    expect(y).toContain(`version: ${ISTIO_VERSION}`);
  });
  it('rejects a bad -o with exit 64 naming the flag', async () => {
    const r = await sailctl(['version', '-o', 'xml']);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain('"--output"');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('unknown commands exit 64', async () => {
    const r = await sailctl(['frobnicate']);
    expect(r.exitCode).toBe(64);
  });
});
