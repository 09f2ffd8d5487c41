import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/engine/io/inputs';
import { classify, KNOWN_FAILURES, type KnownFailure } from './known-failures';
import { minimiseSet } from './minimise';
import { checkMixedCase, type Violation } from './pipeline';

/**
 * Every failure the mixed fuzzer found, as the smallest set of files that shows it (regressions/*.json). A
 * fixture of a known failure must still fail that way: when this test breaks because the failure is gone, the
 * fix has landed; remove the entry from known-failures.ts and drop `knownFailure` from its fixtures, which
 * are then held to no violation at all.
 */

interface Regression {
  knownFailure?: KnownFailure['id'];
  invariant: Violation['invariant'];
  /** How it was found. */
  found: string;
  /** The violation as first seen, for the reader of the fixture. */
  violation: string;
  files: InputFile[];
  /** The second order, by file name. */
  reordered: string[];
}

const FIXTURES = import.meta.glob<Regression>('./regressions/*.json', { import: 'default', eager: true });

describe('mixed fuzz regressions', () => {
  it('has a fixture for every known failure', () => {
    const covered = new Set(Object.values(FIXTURES).map((r) => r.knownFailure));
    const uncovered = KNOWN_FAILURES.map((k) => k.id).filter((id) => !covered.has(id));
    expect(uncovered).toEqual([]);
  });

  it('shrinks a failing set to the files that make it fail', () => {
    const crash = Object.entries(FIXTURES).find(([path]) => path.includes('crash-issue-14-item-2'))?.[1] as Regression;
    const files = crash.files;
    const violation = checkMixedCase(files, files).violations.find((v) => v.invariant === 'no-exception') as Violation;
    const minimal = minimiseSet(files, [...files].reverse(), violation);
    // The role assignments play no part in the crash; the workspace (its registry), the compute and the job do.
    expect(minimal.files.map((f) => f.file)).toEqual(['workspace-show.json', 'job.yml']);
    expect(minimal.violation.detail).toMatch(/registryOfImage/);
  });

  for (const [path, regression] of Object.entries(FIXTURES)) {
    const name = path.replace(/^.*\//, '').replace(/\.json$/, '');
    const reordered = regression.reordered.map((file) => regression.files.find((f) => f.file === file) as InputFile);
    if (regression.knownFailure !== undefined) {
      it(`${name}: still fails as known failure ${regression.knownFailure} (remove the entry once fixed)`, () => {
        const { violations } = checkMixedCase(regression.files, reordered);
        const { unexplained, explainedBy } = classify(regression.files, violations);
        expect(violations.filter((v) => v.invariant === regression.invariant)).not.toEqual([]);
        expect(explainedBy).toContain(regression.knownFailure);
        expect(unexplained).toEqual([]);
      });
    } else {
      it(`${name}: holds every invariant`, () => {
        expect(checkMixedCase(regression.files, reordered).violations).toEqual([]);
      });
    }
  }
});
