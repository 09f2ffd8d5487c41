import type { InputFile } from '../../src/engine/io/inputs';
import type { Violation } from './pipeline';

/**
 * Failures the fuzzer finds that are known and owned elsewhere. Each has a signature (which sets and which
 * violations it explains) and regression fixtures that regressions.test.ts asserts still fail, so that the day
 * the fix lands the entry is noticed and removed: a known failure is counted and printed, never skipped
 * silently, and anything it does not explain still fails the run.
 */
export interface KnownFailure {
  id:
    | 'finding-subjects-in-input-order'
    | 'scope-as-finding-subject'
    | 'written-estate-does-not-read-back';
  /** What is wrong and who is fixing it. */
  description: string;
  /** True when this failure explains the violation in this set. */
  explains(files: readonly InputFile[], violation: Violation): boolean;
}

export const KNOWN_FAILURES: readonly KnownFailure[] = [
  {
    id: 'finding-subjects-in-input-order',
    description:
      'rules list a finding\'s subjects in estate order, and the finding id is built from them, so the same finding gets another id in another file order: AML-WS-009 (src/engine/rules/workspace/shared-dependency-isolation.ts, workspaces sharing a registry) and AML-DS-007 (principals of a shared-key storage account). Owners: rules-truth/dedup (sort the subjects after the first, or build the id from a sorted copy)',
    explains(_files, violation) {
      if (violation.invariant !== 'order') return false;
      // The same finding, its id's parts in another order.
      const ids = /changes \.findings\.\d+\.id: "([^"]*)" ≠ "([^"]*)"/.exec(violation.detail);
      const parts = (id: string | undefined) => (id ?? '').split('|').sort().join('|');
      return ids !== null && ids[1] !== ids[2] && parts(ids[1]) === parts(ids[2]);
    },
  },
  {
    id: 'scope-as-finding-subject',
    description:
      'AML-WS-012 (src/engine/rules/workspace/role-assignment-writers.ts, `entityByScope.get(key) ?? entityId(scope)`) makes a finding subject of a role-assignment scope no entity has; reached when an ARM template role assignment has a bare-name `scope` ("Ws-Prod"), which src/engine/io/arm/rbac.ts turns into `<group>/providers/Ws-Prod` instead of refusing it with a located error. Owners: rules-truth (the subject) and io-core (the scope)',
    explains: (_files, violation) =>
      violation.invariant === 'references' && /^finding AML-WS-012\|.* subject names /.test(violation.detail),
  },
  {
    id: 'written-estate-does-not-read-back',
    description:
      'the native estate writer (src/engine/io/native/writer.ts) writes merged mixed estates the native reader refuses: the az ml placeholder workspace as `<subscription-id>`/`<resource-group>`, references to resources known only by reference without declaring them, datastores a job names but no file declares, and `{{PLACEHOLDER}}` values of az ml templates. Owner: native-table',
    explains: (_files, violation) =>
      violation.invariant === 'round-trip' && violation.detail.startsWith('the written estate does not read back'),
  },
];

/** Splits a set's violations into those a known failure explains (by which) and the rest. */
export function classify(
  files: readonly InputFile[],
  violations: readonly Violation[],
): { unexplained: Violation[]; explainedBy: KnownFailure['id'][] } {
  const unexplained: Violation[] = [];
  const explainedBy = new Set<KnownFailure['id']>();
  for (const violation of violations) {
    const known = KNOWN_FAILURES.find((k) => k.explains(files, violation));
    if (known) explainedBy.add(known.id);
    else unexplained.push(violation);
  }
  return { unexplained, explainedBy: [...explainedBy] };
}
