#!/usr/bin/env node
// The long fuzz run: `npm run fuzz` (100,000 cases per reader) or `npm run fuzz -- --runs 5000 native azcli`.
// Each reader runs in chunks of vitest runs with their own seed, so progress shows as it goes and a failure
// names the exact seed and path to replay: FUZZ_SEED=<seed> FUZZ_PATH=<path> FUZZ_RUNS=<chunk> npx vitest run
// fuzz -t "fuzz <reader>:". `mixed` fuzzes whole mixed-format sets through the pipeline (fuzz/mixed).
// --keep-going carries on with the next chunk after a failure (a long unattended run then reports every
// failure it meets, not only the first); --save DIR writes each minimal failing mixed set the run prints to
// DIR/<reader>-<seed>.json, ready to become a fixture in fuzz/mixed/regressions/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const READERS = ['native', 'azml', 'azcli', 'resource-graph', 'arm', 'detect', 'inputs', 'mixed'];
const TEST_FILE = { mixed: 'fuzz/mixed/mixed.test.ts' };
const args = process.argv.slice(2);
let runs = 100_000;
let chunk = 10_000;
let keepGoing = false;
let saveDir;
const chosen = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--chunk') chunk = Number(args[++i]);
  else if (args[i] === '--keep-going') keepGoing = true;
  else if (args[i] === '--save') saveDir = args[++i];
  else if (READERS.includes(args[i])) chosen.push(args[i]);
  else {
    console.error(
      `fuzz: unknown argument "${args[i]}"; options are --runs N, --chunk N, --keep-going, --save DIR; readers are ${READERS.join(', ')}`,
    );
    process.exit(2);
  }
}
if (saveDir === '' || (args.includes('--save') && saveDir === undefined)) {
  console.error('fuzz: --save takes a directory');
  process.exit(2);
}
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(chunk) || chunk < 1) {
  console.error('fuzz: --runs and --chunk take a positive whole number');
  process.exit(2);
}

const baseSeed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_000);
let failures = 0;
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
      // fast-check stops a chunk at its first failure: the cases before it ran.
      const ranBefore = /failed after (\d+) tests?/.exec(output);
      const ran = ranBefore ? Number(ranBefore[1]) : 0;
      console.log(
        `${reader}: FAILED in the chunk of ${size} with seed ${seed} after ${done + ran} cases` +
          (replay ? `; replay with FUZZ_SEED=${replay[1]} FUZZ_PATH=${replay[2]} FUZZ_RUNS=${size}` : '') +
          `\n${detail}`,
      );
      const minimal = saveDir !== undefined ? minimalSet(output) : undefined;
      if (minimal !== undefined) {
        mkdirSync(saveDir, { recursive: true });
        const file = join(saveDir, `${reader}-${seed}.json`);
        writeFileSync(file, `${JSON.stringify({ ...minimal, found: `node scripts/fuzz.mjs ${reader}, seed ${seed}${replay ? `, path ${replay[2]}` : ''}` }, null, 2)}\n`);
        console.log(`${reader}: minimal failing set saved to ${file}`);
      }
      failures++;
      if (!keepGoing) break;
      done += ran;
      // A chunk that failed at once must still move the run on, or a failure on every seed would loop for ever.
      if (ran === 0) done += 1;
      continue;
    }
    done += size;
    // The mixed run also counts the known failures it met (fuzz/mixed/known-failures.ts).
    const known = /known failures (\{[^}]*\}); order differences from warned conflicts (\d+)/.exec(result.stdout);
    if (known) console.log(`${reader}: known failures ${known[1]}, warned merge conflicts ${known[2]}`);
    console.log(`${reader}: ${done} cases, no failure (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  console.log(`${reader}: ${done} of ${runs} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
if (failures > 0) console.log(`fuzz: ${failures} failing chunk(s)`);
process.exit(failures > 0 ? 1 : 0);

/** The minimal failing set a mixed run prints after "minimal failing set:", parsed, or undefined. */
function minimalSet(output) {
  // eslint-disable-next-line no-control-regex -- vitest colours its output with ANSI escapes
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const marker = 'minimal failing set:\n';
  const start = plain.indexOf(marker);
  if (start < 0) return undefined;
  const text = plain.slice(start + marker.length);
  // The JSON object runs to its matching brace; strings may hold braces, so count outside strings only.
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      try {
        return JSON.parse(text.slice(0, i + 1));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
