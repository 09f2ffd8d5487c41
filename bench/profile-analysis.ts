// Profiles analyze() on one generated tier, for `node --cpu-prof`: reads bench/estates/<size>.json (written by
// `npm run bench`), analyses it a few times and prints the time of each run against JSON.parse of the same text,
// then, for the first run, the paths per kind and the size of what the CLI writes for them (`--json-sizes`: the
// bench's figures without its minute-long run; left out by default since writing them dwarfs a profile).
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-analysis.ts M
//   node --import tsx bench/profile-analysis.ts M 3 --json-sizes
import { readFileSync } from 'node:fs';
import { analyze } from '../src/engine/analysis/analyze';
import { findingsJsonChunks, pathsJsonChunks } from '../src/cli/commands/analysis-output';
import { buildTopology } from '../src/engine/model/topology';
import type { Estate } from '../src/engine/model/types';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const jsonSizes = process.argv.includes('--json-sizes');
const size = args[0] ?? 'M';
const text = readFileSync(`bench/estates/${size}.json`, 'utf8');
const runs = Number(args[1] ?? 3);
const parseMs = Math.min(
  ...Array.from({ length: 3 }, () => {
    const start = performance.now();
    JSON.parse(text);
    return performance.now() - start;
  }),
);
console.log(`${size}: JSON.parse ${parseMs.toFixed(0)} ms`);
for (let i = 0; i < runs; i++) {
  const estate = JSON.parse(text) as Estate;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const analysis = analyze(estate);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  // CPU time beside wall time: on a shared machine the wait for a core is most of the difference.
  const cpuMs = (used.user + used.system) / 1000;
  console.log(
    `${size} run ${i + 1}: ${ms.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms, ${(cpuMs / parseMs).toFixed(1)}× JSON.parse), ${analysis.findings.length} findings, ${analysis.paths.length} paths`,
  );
  if (i > 0) continue;
  const kinds = new Map<string, number>();
  for (const path of analysis.paths) kinds.set(path.kind, (kinds.get(path.kind) ?? 0) + 1);
  console.log(Object.fromEntries([...kinds].sort((a, b) => b[1] - a[1])));
  if (!jsonSizes) continue;
  // What the CLI writes (its pieces, summed without joining them), against the size of the estate file.
  const topology = buildTopology(estate);
  const written = (chunks: Iterable<string>) => {
    let length = 0;
    for (const chunk of chunks) length += chunk.length;
    return length;
  };
  const pathsBytes = written(pathsJsonChunks(analysis, topology));
  const checkBytes = written(findingsJsonChunks(analysis, topology));
  console.log(`CLI JSON ÷ input: check ${(checkBytes / text.length).toFixed(1)}×, paths ${(pathsBytes / text.length).toFixed(1)}×`);
}
