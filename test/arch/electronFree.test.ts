import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

const ELECTRON_IMPORT = /(from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/;

describe('architecture', () => {
  it('keeps the core, CLI, simulators and shared code free of Electron', () => {
    const offenders = ['src/main/core', 'src/main/cli', 'src/main/sim', 'src/shared']
      .flatMap((dir) => files(join(root, dir)))
      .filter((file) => ELECTRON_IMPORT.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('never lets the Electron entry reach the test bridge', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/from\s+['"](\.[^'"]+)['"]/g)) {
        const target = join(file, '..', match[1]);
        for (const candidate of [`${target}.ts`, `${target}.tsx`, join(target, 'index.ts')]) {
          try {
            readFileSync(candidate);
            visit(candidate);
            break;
          } catch {
            // try the next spelling
          }
        }
      }
    };
    visit(join(root, 'src/main/index.ts'));
    const reached = [...seen].map((f) => relative(root, f));
    expect(reached.length).toBeGreaterThan(5);
    expect(reached.filter((f) => f.startsWith('src/main/testing') || f.startsWith('src/main/sim'))).toEqual([]);
  });
});
