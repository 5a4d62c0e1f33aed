/**
 * Profiles are read by the template engine's go-yaml reader (istioctl reads them with
 * sigs.k8s.io/yaml), with the positional parse kept for messages: the data must equal the
 * positional parser's for every built-in profile, and for Istio's own profiles when ISTIO_SRC
 * points at an Istio source tree. Anything unusual takes the positional path and its errors.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SailError } from '../../src/errors.js';
import { parseIstioOperatorFile, parseProfileFile } from '../../src/operator/resolve.js';
import { builtinChartsDir, builtinProfilesDir } from '../../src/util/paths.js';
import { readValueSet } from '../../src/manifest/generate.js';
import { parseYamlDocuments } from '../../src/util/yaml.js';
import { validateIstioOperator } from '../../src/operator/validate.js';

function profileFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));
}

function expectSameData(file: string): void {
  const text = readFileSync(file, 'utf8');
  expect(parseProfileFile(file, text)?.data, file).toEqual(parseIstioOperatorFile(file, text)?.data);
}

describe('parseProfileFile', () => {
  it('reads every built-in profile as the positional parser does', () => {
    const files = profileFiles(builtinProfilesDir());
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expectSameData(f);
  });

  const istio = process.env.ISTIO_SRC;
  it.skipIf(!istio || !existsSync(join(istio, 'manifests', 'profiles')))("reads Istio's profiles as the positional parser does (ISTIO_SRC)", () => {
    for (const f of profileFiles(join(istio!, 'manifests', 'profiles'))) expectSameData(f);
  });

  // resolveIstioOperator does not re-validate the built-in profiles on every run: this is why.
  it('every built-in profile validates without any issue', async () => {
    for (const f of profileFiles(builtinProfilesDir())) {
      const d = parseProfileFile(f, readFileSync(f, 'utf8'))!;
      expect(await validateIstioOperator(d.data), f).toEqual([]);
    }
  });

  it('finds lines on demand', () => {
    const text = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  values:\n    global:\n      hub: x\n';
    const d = parseProfileFile('p.yaml', text)!;
    expect(d.data).toEqual({ apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', spec: { values: { global: { hub: 'x' } } } });
    expect(d.doc.lineOf(['spec', 'values', 'global', 'hub'])).toBe(6);
  });

  it('reads go-yaml v2 scalars as the positional parser does', () => {
    const text = 'kind: IstioOperator\nspec:\n  a: yes\n  b: 0777\n  c: 1.30\n  d: ~\n  e: "on"\n  f: 0x1F\n';
    expect(parseProfileFile('s.yaml', text)!.data).toEqual(parseIstioOperatorFile('s.yaml', text)!.data);
  });

  it('gives the positional errors for several documents, another kind, or bad YAML', () => {
    const two = 'kind: IstioOperator\n---\nkind: IstioOperator\n';
    expect(() => parseProfileFile('two.yaml', two)).toThrow(/contains multiple IstioOperator CRs/);
    try {
      parseProfileFile('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\n');
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(SailError);
      expect((e as SailError).message).toMatch(/not an IstioOperator: kind is "ConfigMap"/);
    }
    expect(() => parseProfileFile('bad.yaml', 'kind: IstioOperator\nspec: [\n')).toThrow(SailError);
  });
});

describe('built-in chart value sets (manifests/charts/profiles)', () => {
  it('read as the positional parser reads them', () => {
    const dir = join(builtinChartsDir(), 'profiles');
    const files = profileFiles(dir);
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const data = parseYamlDocuments(readFileSync(f, 'utf8'), { file: f })[0]?.data ?? {};
      expect(readValueSet(f), f).toEqual(data);
    }
  });
});
