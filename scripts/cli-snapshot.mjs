#!/usr/bin/env node
// Runs the built CLI over every sample and every corpus file, one file per run, and writes what it printed
// (check and paths as JSON, exit codes, stderr) into one JSON file. Two snapshots taken before and after a
// refactor are compared with `node scripts/cli-snapshot.mjs --compare A.json B.json`: a refactor that
// changes no behaviour leaves them identical.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

if (args[0] === '--compare') {
  const [a, b] = [args[1], args[2]].map((file) => JSON.parse(readFileSync(file, 'utf8')));
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  let differing = 0;
  for (const key of keys) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
      differing += 1;
      if (differing <= 20) console.log(`differs: ${key}`);
    }
  }
  console.log(`${keys.length} runs compared, ${differing} differ`);
  process.exit(differing === 0 ? 0 : 1);
}

const output = args[0] ?? 'cli-snapshot.json';
const corpus = resolve(root, '../shared/corpus');
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}
const files = [
  ...walk(join(root, 'public/samples')).filter((file) => !file.endsWith('index.json')),
  ...walk(corpus),
].sort();
const cli = join(root, 'bin/aml-access-map.js');
const snapshot = {};
for (const file of files) {
  const label = relative(root, file);
  for (const command of [
    ['check', file, '--format', 'json', '--fail-on', 'never'],
    ['paths', file, '--format', 'json'],
  ]) {
    const run = spawnSync(process.execPath, [cli, ...command], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    snapshot[`${command[0]} ${label}`] = { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }
}
writeFileSync(output, JSON.stringify(snapshot));
console.log(`${Object.keys(snapshot).length} runs written to ${output}`);
