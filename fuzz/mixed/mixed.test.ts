import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixedCaseArb, type MixedCase } from './arbitraries';
import { classify, type KnownFailure } from './known-failures';
import { minimiseSet } from './minimise';
import { checkMixedCase } from './pipeline';

/**
 * Fuzzes the whole pipeline with mixed-format sets. FUZZ_RUNS sets the number of sets (default 200, seeded, so
 * that `npm test` stays well under a minute); `npm run fuzz` runs 100,000 through scripts/fuzz.mjs. A failure
 * prints the fast-check seed and path; FUZZ_SEED and FUZZ_PATH replay exactly that set.
 */

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const RUNS = Number(env.FUZZ_RUNS ?? 200);
// The unit run is seeded so that it is the same every time; the long run passes its own seed per chunk.
const SEED = Number(env.FUZZ_SEED ?? 14);
const PATH = env.FUZZ_PATH;
// No timed assertion: this only keeps a hung pipeline from holding the run for ever.
const TIMEOUT = Math.max(120_000, RUNS * 1_000);

describe('mixed-set fuzzing', () => {
  it(
    'fuzz mixed: readInputs, analyze, every writer and diff never throw, refer only to what exists, and do not depend on file order',
    () => {
      const known = new Map<KnownFailure['id'], number>();
      let conflicts = 0;
      fc.assert(
        fc.property(mixedCaseArb, (c: MixedCase) => {
          const outcome = checkMixedCase(c.files, c.reordered);
          if (outcome.conflictOnly) conflicts++;
          const { unexplained, explainedBy } = classify(c.files, outcome.violations);
          for (const id of explainedBy) known.set(id, (known.get(id) ?? 0) + 1);
          const first = unexplained[0];
          if (first !== undefined) {
            // The smallest set that still fails, ready to save as fuzz/mixed/regressions/<name>.json.
            const minimal = minimiseSet(c.files, c.reordered, first);
            const fixture = {
              invariant: first.invariant,
              found: `npm run fuzz mixed, seed ${SEED}`,
              violation: minimal.violation.detail,
              files: minimal.files,
              reordered: minimal.reordered.map((f) => f.file),
            };
            console.log(`mixed: minimal failing set:\n${JSON.stringify(fixture, null, 2)}`);
          }
          expect(unexplained.map((v) => `[${v.invariant}] ${v.detail}`)).toEqual([]);
        }),
        { numRuns: RUNS, seed: SEED, ...(PATH !== undefined ? { path: PATH } : {}), endOnFailure: true },
      );
      // The long run reads this line for its figures.
      console.log(
        `mixed: ${RUNS} sets; known failures ${JSON.stringify(Object.fromEntries(known))}; order differences from warned conflicts ${conflicts}`,
      );
    },
    TIMEOUT,
  );
});
