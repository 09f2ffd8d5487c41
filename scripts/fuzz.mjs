#!/usr/bin/env node
// The long fuzz run: `npm run fuzz` (100,000 cases per reader) or `npm run fuzz -- --runs 5000 native azcli`.
// Each reader runs in chunks of vitest runs with their own seed, so progress shows as it goes and a failure
// names the exact seed and path to replay: FUZZ_SEED=<seed> FUZZ_PATH=<path> FUZZ_RUNS=<chunk> npx vitest run
// fuzz -t "fuzz <reader>:". `mixed` fuzzes whole mixed-format sets through the pipeline (fuzz/mixed).
import { spawnSync } from 'node:child_process';

const READERS = ['native', 'azml', 'azcli', 'resource-graph', 'arm', 'detect', 'inputs', 'mixed'];
const TEST_FILE = { mixed: 'fuzz/mixed/mixed.test.ts' };
const args = process.argv.slice(2);
let runs = 100_000;
let chunk = 10_000;
const chosen = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--chunk') chunk = Number(args[++i]);
  else if (READERS.includes(args[i])) chosen.push(args[i]);
  else {
    console.error(`fuzz: unknown argument "${args[i]}"; readers are ${READERS.join(', ')}`);
    process.exit(2);
  }
}
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(chunk) || chunk < 1) {
  console.error('fuzz: --runs and --chunk take a positive whole number');
  process.exit(2);
}

const baseSeed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_000);
let failed = false;
for (const reader of chosen.length > 0 ? chosen : READERS) {
  const started = Date.now();
  let done = 0;
  for (let part = 0; done < runs; part++) {
    const size = Math.min(chunk, runs - done);
    const seed = baseSeed + part;
    const result = spawnSync(
      'npx',
      ['vitest', 'run', TEST_FILE[reader] ?? 'fuzz/fuzz.test.ts', '-t', `fuzz ${reader}:`],
      {
        env: { ...process.env, FUZZ_RUNS: String(size), FUZZ_SEED: String(seed), FORCE_COLOR: '0' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (result.status !== 0) {
      const output = `${result.stdout}\n${result.stderr}`;
      const replay = /\{ seed: (-?\d+), path: "([^"]*)"/.exec(output);
      const detail =
        output
          .split('\n')
          .filter((line) => /Counterexample|^\s*\+ {3}"|Error:/.test(line))
          .slice(0, 8)
          .map((line) => line.slice(0, 400))
          .join('\n') ||
        // No counterexample (a test timeout, a crash of vitest itself): the end of the output says what happened.
        output.trim().split('\n').slice(-15).join('\n');
      console.log(
        `${reader}: FAILED in the chunk of ${size} with seed ${seed} after ${done} cases` +
          (replay ? `; replay with FUZZ_SEED=${replay[1]} FUZZ_PATH=${replay[2]} FUZZ_RUNS=${size}` : '') +
          `\n${detail}`,
      );
      failed = true;
      break;
    }
    done += size;
    // The mixed run also counts the known failures it met (fuzz/mixed/known-failures.ts).
    const known = /known failures (\{[^}]*\}); order differences from warned conflicts (\d+)/.exec(result.stdout);
    if (known) console.log(`${reader}: known failures ${known[1]}, warned merge conflicts ${known[2]}`);
    console.log(`${reader}: ${done} cases, no failure (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  console.log(`${reader}: ${done} of ${runs} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
process.exit(failed ? 1 : 0);
