// Profiles a what-if edit on one generated tier, for `node --cpu-prof`: the UI bench's edit (a compute's system
// identity turned off, then on again) analysed with reanalyze() after analyzeTracked(), printing the time of each
// and how many path parts and rules re-ran. Reads bench/estates/<size>.json (written by `npm run bench`).
//
//   node --import tsx bench/profile-edit.ts M [compute-name] [rounds]
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-edit.ts M
import { readFileSync } from 'node:fs';
import { analyzeTracked, reanalyze } from '../src/engine/analysis/incremental';
import { setResourceIdentity } from '../src/engine/edits';
import type { Estate } from '../src/engine/model/types';

const [size = 'M', computeName = 'cpu-006', roundsArg = '3'] = process.argv.slice(2);
const estate = JSON.parse(readFileSync(`bench/estates/${size}.json`, 'utf8')) as Estate;
const compute = estate.computes.find((c) => c.name === computeName && c.identity?.system);
if (!compute) throw new Error(`${size} has no compute named ${computeName} with a system identity`);

let start = performance.now();
let tracked = analyzeTracked(estate);
console.log(`${size}: analyzeTracked ${(performance.now() - start).toFixed(0)} ms`);
const off = setResourceIdentity(estate, { resource: compute.id, system: false, userAssigned: compute.identity?.userAssigned ?? [] });
const cpuTimes: number[] = [];
for (let round = 0; round < Number(roundsArg); round++) {
  // Off, then back to the original estate object: each edit is a real change from the one before.
  for (const [label, next] of [['off', off], ['on', estate]] as const) {
    start = performance.now();
    const cpu = process.cpuUsage();
    tracked = reanalyze(tracked, next);
    const ms = performance.now() - start;
    // CPU time too: on a machine shared with other work, the wall time says more about the load than the code.
    const { user, system } = process.cpuUsage(cpu);
    cpuTimes.push((user + system) / 1000);
    console.log(`${computeName} identity ${label}: ${ms.toFixed(0)} ms (${((user + system) / 1000).toFixed(0)} ms CPU), re-ran ${tracked.rerun.paths} path parts and ${tracked.rerun.rules} rules`);
  }
}
// The first edits warm the code up; on a loaded machine the median and the least say more than any one run.
const sorted = cpuTimes.slice(2).sort((a, b) => a - b);
if (sorted.length > 0)
  console.log(`CPU ms over the ${sorted.length} edits after the first two: median ${(sorted[sorted.length >> 1] as number).toFixed(0)}, least ${(sorted[0] as number).toFixed(0)}`);
