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
 * every invariant.)
 */
export const KNOWN_FAILURES: readonly KnownFailure[] = [
  {
    id: 'template-empty-principal-written-as-sp',
    description:
      'an ARM template (bicep output) role assignment whose principalId comes out empty is kept for a service principal with an empty name (`sp:`), which the native writer writes and the native reader refuses ("`name` must not be empty", "no principal named `sp:`"). Owner: ARM reader (src/engine/io/arm/**, tmpl15): refuse or leave out the assignment with a located warning',
    explains: (_files, violation) => violation.invariant === 'round-trip' && /no principal named `sp:`|`name` must not be empty/.test(violation.detail),
  },
];

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
