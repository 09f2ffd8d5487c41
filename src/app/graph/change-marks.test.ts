import { describe, expect, it } from 'vitest';
import starter from '../../../public/samples/starter.yaml?raw';
import { analyze } from '../../engine/analysis/analyze';
import { diffEstates } from '../../engine';
import type { Estate } from '../../engine/model/types';
import { estateFromYaml } from '../../engine/testing/estates';
import { compareGraphModel, unionAnalysis, type CompareSide } from './change-marks';
import { toFlowEdges, toFlowNodes } from './flow-elements';
import { buildGraphModel } from './graph-model';
import { layoutGraph } from './layout';
import { createRoleCatalog } from '../../engine/rbac/catalog';

/** The starter with the missing AcrPull granted, alice's blob reader role dropped, a user added and bob gone. */
const afterYaml = starter
  .replace(
    '  - principal: uai-build\n    role: AcrPull',
    '  - principal: uai-train\n    role: AcrPull\n    scope: acrchurnprod\n  - principal: uai-build\n    role: AcrPull',
  )
  .replace('  - principal: alice\n    role: Storage Blob Data Reader\n    scope: stchurnprod\n', '')
  .replace('users:\n', 'users:\n  - name: erin\n    object_id: e0000000-0000-4000-8000-000000000009\n');

function side(estate: Estate): CompareSide {
  const analysis = analyze(estate);
  return { estate, analysis, model: buildGraphModel(estate, analysis, createRoleCatalog(estate.roleDefinitions)) };
}

const beforeEstate = estateFromYaml(starter, 'before.yaml');
const afterRead = estateFromYaml(afterYaml, 'after.yaml');
const bob = beforeEstate.users.find((user) => user.name === 'bob')!.id;
const afterEstate: Estate = { ...afterRead, users: afterRead.users.filter((user) => user.id !== bob) };
const before = side(beforeEstate);
const after = side(afterEstate);
const diff = diffEstates(beforeEstate, afterEstate, {
  beforeAnalysis: before.analysis,
  afterAnalysis: after.analysis,
});
const compared = compareGraphModel(before, after, diff);

const nodeNamed = (name: string) => compared.model.nodes.find((node) => node.name === name)!;
const edgesMarked = (kind: string) =>
  compared.model.edges.filter((edge) => compared.marks.edges.get(edge.id) === kind);

describe('compareGraphModel', () => {
  it('marks nothing when both sides are the same estate', () => {
    const again = side(estateFromYaml(starter, 'again.yaml'));
    const same = compareGraphModel(
      before,
      again,
      diffEstates(before.estate, again.estate, {
        beforeAnalysis: before.analysis,
        afterAnalysis: again.analysis,
      }),
    );
    expect(same.marks.nodes.size).toBe(0);
    expect(same.marks.edges.size).toBe(0);
    expect(same.model.nodes.map((node) => node.id)).toEqual(again.model.nodes.map((node) => node.id));
    expect(same.model.edges.map((edge) => edge.id)).toEqual(again.model.edges.map((edge) => edge.id));
  });

  it('keeps every node of both sides, marking the added and the removed', () => {
    expect(compared.marks.nodes.get(nodeNamed('erin').id)).toBe('added');
    // bob exists only before: still drawn, in the band of people, marked removed.
    expect(nodeNamed('bob').parent).toBeDefined();
    expect(compared.marks.nodes.get(bob)).toBe('removed');
    expect(compared.marks.nodes.get(nodeNamed('alice').id)).toBeUndefined();
  });

  it('marks grants added and removed by principal, role and scope', () => {
    const added = edgesMarked('added').filter((edge) => edge.relation === 'roleAssignment');
    expect(added.map((edge) => edge.ariaLabel)).toEqual([
      expect.stringMatching(/^uai-train holds AcrPull on acrchurnprod/),
    ]);
    const removed = edgesMarked('removed').filter((edge) => edge.relation === 'roleAssignment');
    expect(removed.map((edge) => edge.ariaLabel)).toContainEqual(
      expect.stringMatching(/^alice holds Storage Blob Data Reader on stchurnprod/),
    );
  });

  it('marks the access path whose outcome changed', () => {
    const changedPath = diff.paths.changed.find(
      (path) => path.before.status === 'missing' && path.after.status === 'granted',
    );
    expect(changedPath).toBeDefined();
    const edge = compared.model.edges.find((candidate) => candidate.pathIds?.includes(changedPath!.id));
    expect(edge).toBeDefined();
    expect(compared.marks.edges.get(edge!.id)).toBe('changed');
  });

  it('never gives two edges the same id, even when an assignment id is reused for another grant', () => {
    const reused: Estate = {
      ...afterEstate,
      roleAssignments: afterEstate.roleAssignments.map((assignment, index) =>
        index === 0 ? { ...assignment, role: beforeEstate.roleAssignments[1]!.role } : assignment,
      ),
    };
    const other = side(reused);
    const merged = compareGraphModel(
      before,
      other,
      diffEstates(beforeEstate, reused, { beforeAnalysis: before.analysis, afterAnalysis: other.analysis }),
    );
    const ids = merged.model.edges.map((edge) => edge.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.some((id) => id.startsWith('was:roleAssignment:'))).toBe(true);
  });
});

describe('unionAnalysis', () => {
  it('adds the paths and findings only the before side had', () => {
    const union = unionAnalysis(before.analysis, after.analysis);
    for (const closed of diff.findings.closed)
      expect(union.findings.some((finding) => finding.id === closed.id)).toBe(true);
    expect(union.paths.length).toBe(after.analysis.paths.length + diff.paths.removed.length);
  });
});

describe('change marks on React Flow elements', () => {
  it('puts a class and words on marked nodes and edges, and none on the rest', () => {
    const layout = layoutGraph(compared.model.nodes);
    const nodes = toFlowNodes(compared.model, layout, new Set(), { changes: compared.marks });
    const erin = nodes.find((node) => node.id === nodeNamed('erin').id)!;
    expect(erin.className).toContain('change-added');
    expect(erin.ariaLabel).toMatch(/erin, added$/);
    const alice = nodes.find((node) => node.id === nodeNamed('alice').id)!;
    expect(alice.className ?? '').not.toContain('change-');
    const edges = toFlowEdges(compared.model, layout, {
      layers: { structure: true, roles: true, members: true, paths: true },
      decorations: { changes: compared.marks },
      focused: false,
    });
    const grant = edges.find(
      (edge) => edge.className?.includes('change-added') && edge.className.includes('rel-roleAssignment'),
    )!;
    expect(grant.label).toBe('added: AcrPull');
    expect(grant.ariaLabel).toMatch(/\(added\)$/);
    const plain = toFlowEdges(compared.model, layout, {
      layers: { structure: true, roles: true, members: true, paths: true },
      decorations: {},
      focused: false,
    });
    expect(plain.some((edge) => edge.className?.includes('has-change'))).toBe(false);
  });
});
