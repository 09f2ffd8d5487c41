import type { InputFile } from '../../src/engine/io/inputs';
import type { Violation } from './pipeline';

/**
 * Failures the fuzzer finds that are known and owned elsewhere. Each has a signature (which sets and which
 * violations it explains) and regression fixtures that regressions.test.ts asserts still fail, so that the day
 * the fix lands the entry is noticed and removed: a known failure is counted and printed, never skipped
 * silently, and anything it does not explain still fails the run.
 */
export interface KnownFailure {
  /** A short name, which the regression fixtures of the failure give as their `knownFailure`. */
  id: string;
  /** What is wrong and who is fixing it. */
  description: string;
  /** True when this failure explains the violation in this set. */
  explains(files: readonly InputFile[], violation: Violation): boolean;
}

/**
 * Found and not fixed yet, each with its fixture in regressions/. (Conflicting datastore credentials that followed
 * file order and one grant from two exports written twice are fixed in the merge; their fixtures are held to
 * every invariant, and so is the template role assignment with an empty principal, which the ARM reader now
 * leaves out with a warning, and one template read with and without its parameters, whose merged identity is
 * named by the stated name rather than the first file's placeholder.) A template with a
 * placeholder workspace deployed to one resource group is no longer merged with a workspace of another group.
 * None is open today.
 */
export const KNOWN_FAILURES: readonly KnownFailure[] = [];

/** Splits a set's violations into those a known failure explains (by which) and the rest. */
export function classify(
  files: readonly InputFile[],
  violations: readonly Violation[],
  known: readonly KnownFailure[] = KNOWN_FAILURES,
): { unexplained: Violation[]; explainedBy: KnownFailure['id'][] } {
  const unexplained: Violation[] = [];
  const explainedBy = new Set<KnownFailure['id']>();
  for (const violation of violations) {
    const failure = known.find((k) => k.explains(files, violation));
    if (failure) explainedBy.add(failure.id);
    else unexplained.push(violation);
  }
  return { unexplained, explainedBy: [...explainedBy] };
}
