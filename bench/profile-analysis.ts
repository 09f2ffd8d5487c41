// Profiles analyze() on one generated tier, for `node --cpu-prof`: reads bench/estates/<size>.json (written by
// `npm run bench`), analyses it a few times and prints the time of each run and the paths per kind.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-analysis.ts M
import { readFileSync } from 'node:fs';
import { analyze } from '../src/engine/analysis/analyze';
import type { Estate } from '../src/engine/model/types';

const size = process.argv[2] ?? 'M';
const text = readFileSync(`bench/estates/${size}.json`, 'utf8');
const runs = Number(process.argv[3] ?? 3);
for (let i = 0; i < runs; i++) {
  const estate = JSON.parse(text) as Estate;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const analysis = analyze(estate);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  // CPU time beside wall time: on a shared machine the wait for a core is most of the difference.
  const cpuMs = (used.user + used.system) / 1000;
  const kinds = new Map<string, number>();
  for (const path of analysis.paths) kinds.set(path.kind, (kinds.get(path.kind) ?? 0) + 1);
  console.log(`${size} run ${i + 1}: ${ms.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms), ${analysis.findings.length} findings, ${analysis.paths.length} paths`);
  if (i === 0) console.log(Object.fromEntries([...kinds].sort((a, b) => b[1] - a[1])));
}
