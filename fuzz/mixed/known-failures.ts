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
 * The last three of issue 14 (finding ids from subjects in input order, a role-assignment scope no entity has as a
 * finding subject, written estates that did not read back) are fixed; their fixtures in regressions/ now hold
 * every invariant. What is left was found by the longer run after those fixes (a key vault name in two
 * subscriptions, found the same way, is now refused at the import: round-trip-key-vault-name-in-two-subscriptions).
 */
export const KNOWN_FAILURES: readonly KnownFailure[] = [
  {
    id: 'system-identity-of-a-compute-on-the-stand-in-workspace',
    description:
      'a compute YAML that names no workspace (so on the stand-in `<workspace>`) beside `az ml compute show` of a compute with the same name in a real workspace, and a role assignment for that compute\'s system-assigned identity: the native writer names the identity `system:<workspace>/computes/<name>`, which the native reader cannot find. Owner: native writer (name system identities by their owner\'s id when the owner\'s name is not unique)',
    explains: (_files, violation) =>
      violation.invariant === 'round-trip' &&
      /no resource with a system-assigned identity matches `system:<workspace>\//.test(violation.detail),
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
