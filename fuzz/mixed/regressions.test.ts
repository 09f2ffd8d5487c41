import { describe, expect, it } from 'vitest';
import { readInputs, type InputFile } from '../../src/engine/io/inputs';
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

function fixture(name: string): Regression {
  return Object.entries(FIXTURES).find(([path]) => path.includes(name))?.[1] as Regression;
}

describe('mixed fuzz regressions', () => {
  it('has a fixture for every known failure', () => {
    const covered = new Set(Object.values(FIXTURES).map((r) => r.knownFailure));
    const uncovered = KNOWN_FAILURES.map((k) => k.id).filter((id) => !covered.has(id));
    expect(uncovered).toEqual([]);
  });

  it('shrinks a failing set to the files that make it fail', () => {
    // The pipeline holds every invariant on the fixtures now, so the failure is planted: a check that fails on
    // the order of the two workspace exports whenever both are read, whatever else is in the set.
    const twoWorkspaces = fixture('order-two-workspaces-share-a-registry');
    const unrelated = fixture('crash-issue-14-item-2').files.find((f) => f.file === 'role-assignments.json') as InputFile;
    const files = [...twoWorkspaces.files, unrelated];
    const reordered = [unrelated, ...[...twoWorkspaces.files].reverse()];
    const planted = (set: readonly InputFile[]) => {
      const both = twoWorkspaces.files.every((w) => set.some((f) => f.file === w.file));
      return { violations: both ? [{ invariant: 'order' as const, detail: `reading ${set.length} files in another order changes .findings.5.id: "aml-ws-009|a|b" ≠ "aml-ws-009|b|a"` }] : [] };
    };
    const violation = planted(files).violations[0] as Violation;
    const minimal = minimiseSet(files, reordered, violation, planted);
    expect(minimal.files.map((f) => f.file).sort()).toEqual(['2-workspace-show.json', 'workspace-show.json']);
    expect(minimal.violation.detail).toMatch(/aml-ws-009/);
  });

  it('a role assignment whose template scope is a bare name is refused at the assignment (was a phantom finding subject)', () => {
    const { files } = fixture('subject-scope-of-bare-name-assignment');
    const read = readInputs(files);
    expect(read.estate).toBeUndefined();
    const errors = read.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ file: 'workspace-uai.template.json', line: expect.any(Number), message: expect.stringContaining('`/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/deployment-resource-group/providers/Ws-Prod` is not an ARM id') }),
    ]);
  });

  it('a key vault name two exports place in two subscriptions is refused at the second, and nothing is imported', () => {
    const { files, reordered } = fixture('round-trip-key-vault-name-in-two-subscriptions');
    for (const order of [files, reordered.map((name) => files.find((f) => f.file === name) as InputFile)]) {
      const read = readInputs(order);
      expect(read.estate).toBeUndefined();
      expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([
        expect.objectContaining({ file: expect.any(String), line: expect.any(Number), message: expect.stringMatching(/^key vault names are unique across Azure, but the inputs place `kv-ml-prod` in two places/) }),
      ]);
    }
  });

  /** The fixture's files in both orders. */
  const bothOrders = (name: string): InputFile[][] => {
    const { files, reordered } = fixture(name);
    return [files, reordered.map((file) => files.find((f) => f.file === file) as InputFile)];
  };

  it('two az ml files that give one datastore different credential principals: now passes, the principal is unknown in both orders', () => {
    for (const order of bothOrders('order-conflicting-datastore-credentials')) {
      const read = readInputs(order);
      const [datastore] = read.estate?.datastores ?? [];
      expect(datastore).toMatchObject({ name: 'raw', credentialKind: 'service_principal' });
      expect(datastore).not.toHaveProperty('credentialPrincipal');
      const conflicts = read.diagnostics.filter((d) => /disagree on the principal of its stored credential/.test(d.message));
      expect(conflicts).toEqual([
        expect.objectContaining({
          severity: 'warning',
          file: '2-datastore-raw.yml',
          line: 7,
          related: expect.objectContaining({ file: 'datastore-raw.yml', line: 7 }),
          message: expect.stringMatching(/`sp:0f0f0f0f-0000-4000-8000-000000000000` in 2-datastore-raw\.yml, but `userAssignedIdentities\/uai-train` in datastore-raw\.yml; it is taken as unknown/),
        }),
      ]);
    }
  });

  it('the same two datastore files that agree keep the credential principal (the unknown is only for a conflict)', () => {
    const { files } = fixture('order-conflicting-datastore-credentials');
    const agreeing = files.map((f) => (f.file === '2-datastore-raw.yml' ? { ...f, text: (files[0] as InputFile).text } : f));
    const read = readInputs(agreeing);
    expect(read.estate?.datastores[0]?.credentialPrincipal).toMatch(/userAssignedIdentities\/uai-train$/);
    expect(read.diagnostics.filter((d) => /disagree/.test(d.message))).toEqual([]);
  });

  it('one grant in az role assignment list and in Resource Graph: now passes, one assignment in both orders, the broader kept with a warning', () => {
    for (const order of bothOrders('round-trip-one-grant-from-two-exports')) {
      const read = readInputs(order);
      const estate = read.estate;
      const storage = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlprod';
      const blobGrants = estate?.roleAssignments.filter((a) => a.role === 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' && a.scope.toLowerCase() === storage.toLowerCase());
      expect(blobGrants).toEqual([expect.objectContaining({ principal: 'sp:bbbbbbbb-0000-4000-8000-000000000001', origin: 'observed' })]);
      expect(blobGrants?.[0]).not.toHaveProperty('condition');
      // Contributor on the workspace: the list's id and Resource Graph's differ; one assignment is kept.
      expect(estate?.roleAssignments.filter((a) => a.role === 'b24988ac-6180-42a0-ab88-20f7382dd24c' && /workspaces\/ws-prod$/i.test(a.scope))).toHaveLength(1);
      expect(read.diagnostics.filter((d) => /one assignment per principal, role and scope/.test(d.message))).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message: expect.stringMatching(/^role `Storage Blob Data Contributor` is assigned to sp:bbbbbbbb-0000-4000-8000-000000000001 at .*stmlprod without a condition in role-assignment-list\.json and with condition `.*` in authorization\.json; .* the assignment without a condition is kept/),
        }),
      ]);
    }
  });

  it('a role definition typed as custom with a built-in role\'s id is read as that built-in role, with a located warning', () => {
    const read = readInputs(fixture('round-trip-built-in-role-typed-custom').files);
    expect(read.estate?.roleDefinitions.find((r) => r.id === 'acdd72a7-3385-48ef-bd42-f606fba81ae7')?.roleType).toBe('BuiltInRole');
    expect(read.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', file: 'role-definition-list.json', line: expect.any(Number), message: expect.stringMatching(/^role `Reader` is typed `rg-ml`, but .* is the id of the built-in role `Reader`/) }),
    );
  });

  it('a Resource Graph subscription row whose subscriptionId disagrees with its id is read by its id, with a located warning', () => {
    const read = readInputs(fixture('round-trip-subscription-row-with-another-subscription-id').files);
    expect(read.estate?.subscriptions.map((s) => s.subscriptionId)).toContain('11111111-2222-3333-4444-555555555555');
    expect(read.estate?.subscriptions.map((s) => s.subscriptionId)).not.toContain('GPU-CLUSTER');
    expect(read.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', line: expect.any(Number), message: expect.stringContaining('`subscriptionId` `GPU-CLUSTER` differs from the subscription of `id`') }),
    );
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
