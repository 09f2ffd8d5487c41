import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutatedSeed, randomCase, readerCases, type FuzzCase } from './arbitraries';
import { FUZZ_TARGETS, readMany, violations } from './harness';
import { ALL_SEEDS, ARM_SEEDS, AZCLI_SEEDS, CORPUS_SEEDS, RESOURCE_GRAPH_SEEDS, SAMPLE_SEEDS } from './seeds';

/**
 * Fuzzes every reader. FUZZ_RUNS sets the cases per reader (default 300, so that `npm test` runs a few
 * thousand in all); `npm run fuzz` runs 100,000 per reader through scripts/fuzz.mjs. A failure prints the
 * fast-check seed and path; FUZZ_SEED and FUZZ_PATH replay exactly that case.
 */

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const RUNS = Number(env.FUZZ_RUNS ?? 300);
const SEED = env.FUZZ_SEED !== undefined ? Number(env.FUZZ_SEED) : undefined;
const PATH = env.FUZZ_PATH;
// No timed assertion: this only keeps a hung reader from holding the run for ever.
// A loaded shared machine has run at 100 ms a case, so the guard allows ten times that.
const TIMEOUT = Math.max(120_000, RUNS * 1_000);

const params = (): fc.Parameters<unknown> => ({
  numRuns: RUNS,
  ...(SEED !== undefined ? { seed: SEED } : {}),
  ...(PATH !== undefined ? { path: PATH } : {}),
  endOnFailure: true,
});

const OWN_SEEDS: Record<string, typeof ALL_SEEDS> = {
  native: SAMPLE_SEEDS,
  azml: CORPUS_SEEDS,
  azcli: AZCLI_SEEDS,
  'resource-graph': RESOURCE_GRAPH_SEEDS,
  arm: ARM_SEEDS,
  detect: ALL_SEEDS,
};

describe('reader fuzzing', () => {
  it('has real inputs to start from for every reader', () => {
    for (const target of FUZZ_TARGETS) expect(OWN_SEEDS[target.name]?.length ?? 0).toBeGreaterThan(0);
    expect(CORPUS_SEEDS.length).toBeGreaterThan(100);
  });

  for (const target of FUZZ_TARGETS) {
    it(
      `fuzz ${target.name}: never throws, locates every problem, returns only valid estates, drops planted secrets`,
      () => {
        fc.assert(
          fc.property(readerCases(OWN_SEEDS[target.name] ?? ALL_SEEDS, ALL_SEEDS), (input: FuzzCase) => {
            const outcome = target.read(input.text, input.file);
            expect(violations(outcome, [input], input.secretMarkers)).toEqual([]);
          }),
          params(),
        );
      },
      TIMEOUT,
    );
  }

  it(
    'fuzz inputs: readInputs on mixed sets of files keeps the same promises',
    () => {
      const oneFile = fc.oneof(
        { arbitrary: mutatedSeed(ALL_SEEDS), weight: 4 },
        { arbitrary: randomCase, weight: 1 },
      );
      fc.assert(
        fc.property(fc.array(oneFile, { minLength: 1, maxLength: 4 }), (cases) => {
          // Names must differ for the locations to mean anything; the original name is kept as the suffix
          // because some readers look at it (`group-<name>.json`).
          const files = cases.map((c, i) => ({ file: `${i}-${c.file}`, text: c.text }));
          const outcome = readMany(files);
          expect(
            violations(
              outcome,
              files,
              // A marker counts only when no file holds a cut-off copy of its credential.
              cases
                .flatMap((c) => c.secretMarkers)
                .filter((m) => cases.every((c) => c.secretMarkers.includes(m) || !c.text.includes(m))),
              { merged: true },
            ),
          ).toEqual([]);
        }),
        params(),
      );
    },
    TIMEOUT,
  );
});
