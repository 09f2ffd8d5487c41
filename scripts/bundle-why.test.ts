import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesBySource, initialSources, sourceLabel } from './bundle-why.mjs';

// A real build of a small tree (one project file, a large one, one package), with the source maps Vite writes.
describe('what the initial bundle holds', () => {
  let root: string;
  let dist: string;
  let chunk: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bundle-why-'));
    dist = join(root, 'dist');
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'node_modules', 'tiny-package'), { recursive: true });
    writeFileSync(
      join(root, 'node_modules', 'tiny-package', 'package.json'),
      JSON.stringify({ name: 'tiny-package', type: 'module', main: 'index.js' }),
    );
    writeFileSync(
      join(root, 'node_modules', 'tiny-package', 'index.js'),
      'export const greet = (name) => `hello ${name}`;\n',
    );
    // Words the minifier cannot drop or shorten, many times over: this file must weigh most.
    const words = Array.from({ length: 400 }, (_, i) => `'entry number ${i} of the long table'`).join(
      ',\n  ',
    );
    writeFileSync(join(root, 'src', 'table.js'), `export const TABLE = [\n  ${words},\n];\n`);
    writeFileSync(
      join(root, 'src', 'main.js'),
      "import { greet } from 'tiny-package';\nimport { TABLE } from './table.js';\ndocument.title = greet(TABLE[Number(location.hash.slice(1))]);\n",
    );
    await build({
      configFile: false,
      root,
      logLevel: 'silent',
      build: { outDir: dist, sourcemap: 'hidden', rolldownOptions: { input: join(root, 'src', 'main.js') } },
    });
    const file = readdirSync(join(dist, 'assets')).find((name) => name.endsWith('.js'));
    if (!file) throw new Error('the test build wrote no JavaScript');
    chunk = `assets/${file}`;
  }, 60_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives every byte of a chunk to one source, the biggest to the file that holds the most text', () => {
    const code = readFileSync(join(dist, chunk), 'utf8');
    const map = JSON.parse(readFileSync(join(dist, `${chunk}.map`), 'utf8'));
    const bytes = bytesBySource(code, map);
    expect([...bytes.values()].reduce((sum, n) => sum + n, 0)).toBe(Buffer.byteLength(code));
    const labelled = new Map([...bytes].map(([source, n]) => [sourceLabel(source), n]));
    const table = labelled.get('src/table.js') ?? 0;
    expect(table).toBeGreaterThan(0.9 * Buffer.byteLength(code));
    expect(labelled.get('src/main.js')).toBeGreaterThan(0);
    expect(labelled.get('package tiny-package')).toBeGreaterThan(0);
  });

  it('adds up the gzip estimate to the chunk gzip size, largest first', () => {
    const rows = initialSources(dist, [chunk]);
    expect(rows[0]?.label).toBe('src/table.js');
    const gzip = rows.reduce((sum, row) => sum + row.gzip, 0);
    expect(gzip).toBeCloseTo(gzipSync(readFileSync(join(dist, chunk)), { level: 9 }).length, 6);
  });

  it('names a package by its name and a project file from src/', () => {
    expect(sourceLabel('../../node_modules/@xyflow/react/dist/esm/index.js')).toBe('package @xyflow/react');
    expect(sourceLabel('../../node_modules/react-dom/cjs/react-dom-client.production.js')).toBe(
      'package react-dom',
    );
    expect(sourceLabel('../../work/wt/src/app/main.tsx')).toBe('src/app/main.tsx');
  });

  it('refuses a chunk without a source map rather than list nothing', () => {
    rmSync(join(dist, `${chunk}.map`));
    expect(() => initialSources(dist, [chunk])).toThrow('no source map');
  });
});
