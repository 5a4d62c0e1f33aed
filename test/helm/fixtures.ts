/** Writes throwaway chart directories for tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Creates a chart from a { relativePath: content } map and returns its directory. */
export function writeChart(files: Record<string, string>, name = 'demo'): string {
  const root = mkdtempSync(join(tmpdir(), 'sailctl-chart-'));
  const dir = join(root, name);
  const all: Record<string, string> = { 'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: 0.1.0\nappVersion: "1.2.3"\ndescription: test chart\n`, ...files };
  for (const [rel, content] of Object.entries(all)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}
