/** `analyze -L`: every analyzer has a description of its own, printed in istioctl's layout. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Analyzer } from '../../src/analyze/analyzer.js';
import { allAnalyzers, analyzersAsString } from '../../src/analyze/analyzers/index.js';

const stub = (name: string, description: string): Analyzer => ({ name, description, inputs: [], analyze: () => undefined });

describe('analyzer descriptions', () => {
  const all = allAnalyzers();

  it('every registered analyzer has a one-line description, and names are unique', () => {
    expect(all.length).toBe(50);
    for (const a of all) {
      expect(a.description.trim(), a.name).not.toBe('');
      expect(a.description, a.name).not.toMatch(/[\n\r]/);
      expect(a.description, a.name).toBe(a.description.trim());
    }
    expect(new Set(all.map((a) => a.name)).size).toBe(all.length);
  });

  it('per-kind schema analyzers name their kind', () => {
    const schema = all.filter((a) => a.name.startsWith('schema.ValidationAnalyzer.'));
    expect(schema.length).toBe(15);
    for (const a of schema) expect(a.description).toContain(a.name.slice('schema.ValidationAnalyzer.'.length));
  });
});

describe('-L layout (istioctl: names in byte order, "* NAME:" then the description indented four spaces)', () => {
  it('golden layout for a small registry, including one without description', () => {
    const out = analyzersAsString([stub('zeta.Z', 'Last one'), stub('alpha.B', 'Second'), stub('Alpha.A', 'Upper case sorts first'), stub('mid.NoDesc', '')]);
    expect(out).toBe('* Alpha.A:\n    Upper case sorts first\n* alpha.B:\n    Second\n* mid.NoDesc:\n* zeta.Z:\n    Last one\n');
  });

  it('the real list: two lines per analyzer, sorted, every description present', () => {
    const lines = analyzersAsString(allAnalyzers()).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(2 * 50);
    const names: string[] = [];
    for (let i = 0; i < lines.length; i += 2) {
      expect(lines[i]).toMatch(/^\* [A-Za-z0-9.]+:$/);
      expect(lines[i + 1]).toMatch(/^ {4}\S/);
      names.push((lines[i] as string).slice(2, -1));
    }
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(lines).toContain('* services.MultiClusterServiceAnalyzer:');
  });
});

/** Opt-in: Istio's own description strings (read from ISTIO_SRC at test time) are not reused. */
const ISTIO_SRC = process.env['ISTIO_SRC'];
describe.skipIf(!ISTIO_SRC)("descriptions are not Istio's wording (set ISTIO_SRC to run)", () => {
  function goFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return goFiles(p);
      return f.endsWith('.go') && !f.endsWith('_test.go') ? [p] : [];
    });
  }
  it('no description equals or starts like one of Istio\'s analyzers', () => {
    const dir = join(ISTIO_SRC as string, 'pkg', 'config', 'analysis', 'analyzers');
    expect(existsSync(dir)).toBe(true);
    const istio = new Set<string>();
    for (const f of goFiles(dir)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/Description:\s*"([^"]+)"/g)) istio.add((m[1] as string).trim().toLowerCase());
    }
    expect(istio.size).toBeGreaterThan(30);
    const norm = (s: string) => s.trim().toLowerCase();
    for (const a of allAnalyzers()) {
      const ours = norm(a.description);
      expect(istio.has(ours), `${a.name}: "${a.description}" is Istio's wording`).toBe(false);
      for (const theirs of istio) {
        // A shared opening of 30+ characters means the sentence was adapted rather than written anew.
        expect(ours.slice(0, 30) === theirs.slice(0, 30), `${a.name}: "${a.description}" starts like Istio's "${theirs}"`).toBe(false);
      }
    }
  });
});
