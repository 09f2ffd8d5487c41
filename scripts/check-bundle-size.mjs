// The bundle budget: the JavaScript a browser must fetch before the explorer can paint, at most 200 kB gzip.
//
// What is counted: the entry chunk that index.html loads, plus every chunk it imports statically, followed
// transitively through Vite's build manifest (the same set index.html lists as modulepreload). Each file is
// gzipped on its own at level 9 and the sizes are added up. What is not counted: chunks behind a dynamic
// import() (the rules engine, readers, writers, the graph, panels other than the findings), Web Worker
// scripts, CSS (printed for information) and source maps.
//
//   node scripts/check-bundle-size.mjs               builds into a temporary folder, then checks
//   node scripts/check-bundle-size.mjs --dist <dir>  checks an existing build made with --manifest
//   node scripts/check-bundle-size.mjs --why [N]     also lists the N (default 40) source files and packages that
//                                                    weigh most in it, from source maps (npm run size -- --why)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { initialSources } from './bundle-why.mjs';

export const BUDGET_KB = 200;

/**
 * The initial JavaScript of a build: the entry chunks of the manifest and their static imports.
 * @param {Record<string, { file: string; isEntry?: boolean; imports?: string[]; css?: string[] }>} manifest
 * @returns {{ js: string[]; css: string[] }} output files, relative to the build folder
 */
export function initialFiles(manifest) {
  const seen = new Set();
  const js = [];
  const css = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The manifest names "${key}" but has no entry for it.`);
    if (chunk.file.endsWith('.js')) js.push(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const next of chunk.imports ?? []) visit(next);
  };
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  if (entries.length === 0) throw new Error('The manifest has no entry chunk.');
  entries.forEach(visit);
  return { js, css: [...css] };
}

const kb = (bytes) => bytes / 1000;
const gzipBytes = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

function main() {
  const at = process.argv.indexOf('--dist');
  let dist = at >= 0 ? process.argv[at + 1] : undefined;
  const whyAt = process.argv.indexOf('--why');
  const why =
    whyAt >= 0 ? Number(/^\d+$/.test(process.argv[whyAt + 1] ?? '') ? process.argv[whyAt + 1] : 40) : 0;
  const temporary = dist === undefined;
  if (temporary) {
    dist = mkdtempSync(join(tmpdir(), 'bundle-size-'));
    const build = spawnSync(
      'npx',
      [
        'vite',
        'build',
        '--outDir',
        dist,
        '--emptyOutDir',
        '--manifest',
        '--sourcemap',
        // Hidden maps leave the served files byte for byte as without them (no sourceMappingURL comment).
        why > 0 ? 'hidden' : 'false',
        '--logLevel',
        'warn',
      ],
      { stdio: 'inherit', shell: process.platform === 'win32' },
    );
    if (build.status !== 0) {
      console.error('bundle size: the production build failed, so nothing could be measured.');
      process.exit(1);
    }
  }
  try {
    const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
    const { js, css } = initialFiles(manifest);
    const rows = js
      .map((file) => ({ file, gzip: gzipBytes(join(dist, file)) }))
      .sort((a, b) => b.gzip - a.gzip);
    const total = rows.reduce((sum, row) => sum + row.gzip, 0);
    const cssTotal = css.reduce((sum, file) => sum + gzipBytes(join(dist, file)), 0);
    for (const row of rows) console.log(`  ${kb(row.gzip).toFixed(1).padStart(7)} kB  ${row.file}`);
    if (why > 0) {
      console.log(
        `\n  what they hold (gzip estimated from each source's share of its chunk's bytes; minified bytes):`,
      );
      for (const source of initialSources(dist, js).slice(0, why))
        console.log(
          `  ${kb(source.gzip).toFixed(1).padStart(7)} kB  ${kb(source.bytes).toFixed(1).padStart(7)} kB  ${source.label}`,
        );
      console.log('');
    }
    const verdict = `initial JavaScript ${kb(total).toFixed(1)} kB gzip in ${rows.length} files (budget ${BUDGET_KB} kB; CSS ${kb(cssTotal).toFixed(1)} kB not counted)`;
    if (kb(total) > BUDGET_KB) {
      console.error(
        `bundle size: OVER BUDGET: ${verdict}.\n` +
          `  ${kb(total - BUDGET_KB * 1000).toFixed(1)} kB too much. Load the new code with a dynamic import() where it is not needed for the first paint.`,
      );
      process.exit(1);
    }
    console.log(`bundle size: ${verdict}.`);
  } finally {
    if (temporary) rmSync(dist, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
