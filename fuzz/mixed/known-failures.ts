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
 * Found and not fixed yet, each with its fixture in regressions/. (The earlier ones, up to a compute's system
 * identity named after the az ml stand-in workspace, round-trip-stand-in-compute-system-identity, are fixed.)
 */
export const KNOWN_FAILURES: readonly KnownFailure[] = [
  {
    id: 'conflicting-datastore-credentials-follow-file-order',
    description:
      'two az ml YAML files declare one datastore with service-principal credentials of different client ids: the merge warns and keeps the first file\'s value (src/engine/io/core/merge/members.ts), so which principal the credential links to (a user-assigned identity whose client id it is, or a service principal) follows file order. Owner: merge (settle a conflict by a rule that does not depend on order, or refuse it with a located error)',
    explains: (_files, violation) => violation.invariant === 'order' && /\.datastores\.\d+\.credential/i.test(violation.detail),
  },
  {
    id: 'one-grant-from-two-exports-written-twice',
    description:
      '`az role assignment list` and a Resource Graph `authorizationresources` export of the same grant (one service principal by object id, the list also naming its app id; assignment ids that differ) stay two assignments after the merge, and the native writer writes both for one principal, which the native reader refuses ("this principal already holds this role at this scope"). Owner: merge (src/engine/io/core/merge/authorization.ts and principals.ts: the two principals should join by object id before assignments are deduplicated by principal, role and scope)',
    explains: (_files, violation) =>
      violation.invariant === 'round-trip' && /this principal already holds this role at this scope/.test(violation.detail),
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
