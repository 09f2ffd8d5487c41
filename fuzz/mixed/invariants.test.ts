import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/engine/analysis/analyze';
import { analyze } from '../../src/engine/analysis/analyze';
import { readInputs, type InputFile } from '../../src/engine/io/inputs';
import type { EntityId } from '../../src/engine/model/ids';
import type { Estate } from '../../src/engine/model/types';
import type { Finding } from '../../src/engine/rules/types';
import { classify, type KnownFailure } from './known-failures';
import { canonicalResult, checkMixedCase, firstDifference, referenceViolations, runPipeline, type Violation } from './pipeline';

/**
 * The mixed fuzzer is only as good as its invariants: each must fire on a result that breaks it, or a long run
 * with "no failure" would prove nothing.
 */

const SAMPLE = `version: 1
name: tiny
subscriptions:
  - id: 11111111-2222-3333-4444-555555555555
resource_groups:
  - name: rg-ml
    subscription: 11111111-2222-3333-4444-555555555555
workspaces:
  - name: ws
    resource_group: rg-ml
    identity: { type: system_assigned }
users:
  - name: alice@contoso.com
    object_id: dddddddd-0000-4000-8000-000000000001
`;
const files: InputFile[] = [{ file: 'tiny.yaml', text: SAMPLE }];
const estate = readInputs(files).estate as Estate;
const analysis = analyze(estate);
const ghost = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/ghost' as EntityId;

function withFinding(extra: Partial<Finding>): Analysis {
  const finding: Finding = {
    id: 'X-1',
    ruleId: 'X-1',
    title: 't',
    area: 'workspace',
    severity: 'warning',
    confidence: 'confirmed',
    subjects: [],
    message: 'm',
    consequence: 'c',
    evidence: [],
    pathIds: [],
    sources: [],
    ...extra,
  } as Finding;
  return { ...analysis, findings: [finding] };
}

describe('mixed fuzz invariants', () => {
  it('hold on a clean estate read twice', () => {
    expect(checkMixedCase(files, files).violations).toEqual([]);
    expect(referenceViolations(estate, analysis)).toEqual([]);
  });

  it('reject an exception anywhere in the pipeline, naming the stage', () => {
    const violations: Violation[] = [];
    // A file that is not text at all reaches readInputs as such when a shell hands on the wrong value.
    runPipeline([{ file: 'x.yaml', text: undefined as unknown as string }], violations);
    expect(violations).toContainEqual({ invariant: 'no-exception', detail: expect.stringMatching(/^readInputs threw TypeError/) as string });
  });

  it.each([
    ['a finding subject', withFinding({ subjects: [ghost] }), /finding X-1 subject names .*ghost/],
    ['a finding path', withFinding({ pathIds: ['no-such-path'] }), /finding X-1 names path no-such-path/],
    [
      'a setting in the evidence',
      withFinding({ evidence: [{ kind: 'setting', label: 'l', entity: ghost, field: 'f', value: 'v' }] }),
      /evidence "l" names .*ghost/,
    ],
    [
      'a fix principal',
      withFinding({
        fix: { summary: 's', actions: [{ kind: 'assign-role', principal: ghost, role: 'r', scope: '/' }] },
      } as Partial<Finding>),
      /fix \(assign-role\) names .*ghost/,
    ],
  ])('reject %s that is not in the estate', (_, broken, problem) => {
    expect(referenceViolations(estate, broken).map((v) => v.detail)).toContainEqual(expect.stringMatching(problem));
  });

  it('reject a path whose actor, route, principal or ARM target is not in the estate, but not a host outside it', () => {
    const base = {
      id: 'p',
      kind: 'workspace-dependency',
      title: 't',
      actor: estate.workspaces[0]?.id,
      target: 'mcr.microsoft.com',
      via: [],
      identity: { kind: 'managed-identity', label: 'l', chosen: 'explicit' },
      trace: [],
      requirements: [],
      status: 'granted',
      confidence: 'confirmed',
      findingIds: [],
    };
    const paths = (extra: object) => ({ ...analysis, findings: [], paths: [{ ...base, ...extra }] }) as unknown as Analysis;
    expect(referenceViolations(estate, paths({}))).toEqual([]);
    for (const [extra, problem] of [
      [{ actor: ghost }, /actor names/],
      [{ via: [ghost] }, /via names/],
      [{ identity: { ...base.identity, principal: ghost } }, /identity names/],
      [{ target: ghost }, /target names/],
      [{ findingIds: ['gone'] }, /names finding gone/],
    ] as const)
      expect(referenceViolations(estate, paths(extra)).map((v) => v.detail)).toContainEqual(expect.stringMatching(problem));
  });

  it('reject a result that depends on file order, and say where it differs', () => {
    const run = runPipeline(files, []);
    const renamed = { ...run, read: { ...run.read, estate: { ...estate, users: estate.users.map((u) => ({ ...u, displayName: 'Al' })) } } };
    expect(firstDifference(canonicalResult(run), canonicalResult(renamed))).toMatch(/^\.users\.0\.displayname: undefined ≠ "al"/);
    // The estate's name and where an entity was read are not part of the result.
    const moved = { ...run, read: { ...run.read, estate: { ...estate, name: 'other', users: estate.users.map((u) => ({ ...u, source: { file: 'b' } })) } } };
    expect(firstDifference(canonicalResult(run), canonicalResult(moved))).toBeUndefined();
  });

  it('hold an unexplained violation against the run, and a known one only when its signature matches', () => {
    const files: InputFile[] = [{ file: 'c.json', text: '{"name": "gpu-cluster", "type": "amlcompute"}' }];
    // No failure is known today, so every violation counts against the run.
    const reordered: Violation = { invariant: 'order', detail: 'reading b, a instead of a, b changes .findings.0.id: "AML-WS-009|x|y" ≠ "AML-WS-009|y|x"' };
    expect(classify(files, [reordered])).toEqual({ unexplained: [reordered], explainedBy: [] });
    // A known failure (as the list would hold one) explains the violations its signature matches, and only those.
    const subjectsInInputOrder: KnownFailure = {
      id: 'finding-subjects-in-input-order',
      description: 'the same finding, its id\'s parts in another order',
      explains: (_files, violation) => violation.invariant === 'order' && /\.findings\.\d+\.id: /.test(violation.detail),
    };
    expect(classify(files, [reordered], [subjectsInInputOrder])).toEqual({ unexplained: [], explainedBy: ['finding-subjects-in-input-order'] });
    const other: Violation = { invariant: 'order', detail: 'reading b, a instead of a, b changes .jobs' };
    expect(classify(files, [other], [subjectsInInputOrder]).unexplained).toEqual([other]);
  });
});
