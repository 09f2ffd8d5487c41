import { describe, expect, it } from 'vitest';
import { analyze } from '../../engine/analysis/analyze';
import { emptyEstate } from '../../engine/model/estate';
import { systemIdentityId } from '../../engine/model/ids';
import type { EntityKind } from '../../engine/model/types';
import { removeRoleAssignment, setResourceIdentity } from '../../engine/edits';
import type { VisualKind } from './entity-kinds';
import { buildGraphModel, GraphModelMemo, PRINCIPALS_BAND_ID, serverlessNodeId, stepNodeId, type GraphModel } from './graph-model';
import { estateFromYaml, baseEstateYaml } from '../../engine/testing/estates';
import { VISUAL_KINDS } from './entity-kinds';
import { starterEstate } from '../testing/estates';
import { createRoleCatalog } from '../../engine/rbac/catalog';
import { forEachRandomEdit, random } from '../../engine/testing/random-edits';

const estate = starterEstate();
const analysis = analyze(estate);
const model = buildGraphModel(estate, analysis, createRoleCatalog(estate.roleDefinitions));
const node = (name: string) => model.nodes.find((n) => n.name === name);
const idOf = (name: string) => {
  const found = node(name);
  if (!found) throw new Error(`no node ${name}`);
  return found.id;
};

describe('buildGraphModel', () => {
  it('gives every entity a node, and every entity kind of the starter shows up', () => {
    const kinds = new Set<EntityKind>();
    let entities = 0;
    for (const collection of Object.values(estate)) {
      if (!Array.isArray(collection)) continue;
      for (const item of collection as { id?: string; kind?: EntityKind }[]) {
        if (item.kind === undefined || item.id === undefined) continue;
        entities += 1;
        kinds.add(item.kind);
        expect(model.nodes.some((n) => n.entityId === item.id), item.id).toBe(true);
      }
    }
    expect(entities).toBeGreaterThan(25);
    expect(model.nodes.filter((n) => n.entityId !== undefined)).toHaveLength(entities);
    expect(new Set(model.nodes.map((n) => n.id)).size).toBe(model.nodes.length);
  });

  it('tells kinds apart where it matters: compute types, registries, serverless and pipeline steps', () => {
    const visuals = new Set<VisualKind>(model.nodes.map((n) => n.visual));
    for (const kind of [
      'managementGroup', 'subscription', 'resourceGroup', 'workspace', 'storageAccount', 'keyVault', 'workspaceRegistry',
      'applicationInsights', 'computeCluster', 'computeInstance', 'serverlessCompute', 'onlineEndpoint',
      'onlineDeployment', 'datastore', 'connection', 'job', 'pipelineStep', 'user', 'group', 'servicePrincipal',
      'systemAssignedIdentity', 'userAssignedIdentity', 'principals',
    ] as const)
      expect(visuals.has(kind), kind).toBe(true);
    expect(node('cpu-cluster')?.visual).toBe('computeCluster');
    expect(node('ci-alice')?.visual).toBe('computeInstance');
    const ws = idOf('ws-churn');
    expect(model.nodes.find((n) => n.id === serverlessNodeId(ws as never))).toMatchObject({ parent: ws, visual: 'serverlessCompute' });
    const pipeline = idOf('nightly-refresh');
    expect(model.nodes.find((n) => n.id === stepNodeId(pipeline as never, 'retrain'))).toMatchObject({ attachedTo: pipeline });
  });

  it('has a node for every visual kind, AKS, Kubernetes compute and a private registry included', () => {
    const other = estateFromYaml(
      baseEstateYaml({
        extra: `
aks_clusters:
  - name: aks-inference
    resource_group: rg-ml
    attached_workspace: ws-ml
computes:
  - name: k8s
    workspace: ws-ml
    type: kubernetes
online_endpoints:
  - name: k8s-endpoint
    workspace: ws-ml
    kind: kubernetes
    compute: k8s
`,
      }),
    );
    // A registry no workspace owns: a private one.
    const acr = other.containerRegistries[0]!;
    const sharedId = acr.id.replace(/acrml$/, 'acrshared') as typeof acr.id;
    other.containerRegistries.push({ ...acr, id: sharedId, armId: sharedId, name: 'acrshared' });
    expect(buildGraphModel(other).nodes.find((n) => n.name === 'acrshared')?.visual).toBe('privateRegistry');
    const seen = new Set<VisualKind>([...model.nodes, ...buildGraphModel(other).nodes].map((n) => n.visual));
    expect([...seen].sort()).toEqual(Object.keys(VISUAL_KINDS).sort());
    const aks = buildGraphModel(other).nodes.find((n) => n.name === 'aks-inference');
    expect(aks).toMatchObject({ visual: 'aksCluster', reservesIdentity: true });
    expect(buildGraphModel(other).edges.some((e) => e.relation === 'runsOn' && e.target.endsWith('/computes/k8s'))).toBe(true);
  });

  it('nests scopes: management group > subscription > resource group > workspace > compute', () => {
    expect(node('ml-prod')?.parent).toBe(idOf('contoso-ml'));
    expect(node('rg-ml-prod')?.parent).toBe(idOf('ml-prod'));
    expect(node('ws-churn')?.parent).toBe(idOf('rg-ml-prod'));
    expect(node('cpu-cluster')?.parent).toBe(idOf('ws-churn'));
    expect(node('alice')?.parent).toBe(PRINCIPALS_BAND_ID);
    for (const kind of ['managementGroup', 'subscription', 'resourceGroup', 'workspace'] as const)
      expect(model.nodes.filter((n) => n.visual === kind).every((n) => n.container)).toBe(true);
  });

  it('draws a system identity under its owner, inside the workspace for a workspace', () => {
    const ws = idOf('ws-churn');
    const sai = model.nodes.find((n) => n.id === systemIdentityId(ws as never));
    expect(sai).toMatchObject({ parent: ws, attachedTo: ws, visual: 'systemAssignedIdentity' });
    const endpoint = idOf('churn-api');
    expect(model.nodes.find((n) => n.id === systemIdentityId(endpoint as never))).toMatchObject({ parent: ws, attachedTo: endpoint });
  });

  it('draws identities, dependencies, where jobs run and group membership', () => {
    const pairs = model.edges.map((e) => `${e.relation} ${model.nodes.find((n) => n.id === e.source)?.name} -> ${model.nodes.find((n) => n.id === e.target)?.name}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        'hasIdentity cpu-cluster -> uai-train',
        'hasIdentity ws-churn -> ws-churn',
        'dependsOn ws-churn -> stchurnprod',
        'runsOn train-churn -> cpu-cluster',
        'runsOn retrain -> Serverless',
        'memberOf alice -> ml-team',
        'memberOf ml-leads -> ml-team',
        'hasIdentity base-images -> uai-build',
      ]),
    );
  });

  it('labels role assignments with the role name, places sub-resource scopes on their resource, and adds automatic grants', () => {
    const roles = model.edges.filter((e) => e.relation === 'roleAssignment');
    const carol = roles.find((e) => e.source === idOf('carol'));
    expect(carol).toMatchObject({ label: 'Owner', target: idOf('ml-prod'), origin: 'planned' });
    const container = roles.find((e) => e.source === idOf('uai-train') && e.label?.startsWith('Storage Blob Data Contributor'));
    expect(container).toMatchObject({ target: idOf('stchurnprod'), label: 'Storage Blob Data Contributor (part)' });
    expect(roles.some((e) => e.origin === 'automatic')).toBe(true);
    expect(roles.filter((e) => e.origin === 'automatic').every((e) => e.ariaLabel.includes('granted by Azure ML'))).toBe(true);
    // acrsharedbase lives outside the estate.
    expect(model.unplacedAssignments).toBe(1);
  });

  it('carries access path status on edges, the worst one when several paths share an edge', () => {
    const pull = model.edges.find((e) => e.source === idOf('cpu-cluster') && e.target === idOf('acrchurnprod'));
    expect(pull).toMatchObject({ relation: 'accessPath', status: 'missing' });
    expect(pull?.pathIds?.length).toBeGreaterThan(0);
    const statuses = new Set(model.edges.map((e) => e.status).filter(Boolean));
    for (const status of ['missing', 'granted', 'automatic', 'unconfirmed']) expect(statuses.has(status as never), status).toBe(true);
    // The workspace reaching its storage runs along its "uses" edge, which takes the path's colour.
    const uses = model.edges.find((e) => e.relation === 'dependsOn' && e.source === idOf('ws-churn') && e.target === idOf('stchurnprod'));
    expect(uses?.status).toBe('automatic');
    const everyPath = new Set(model.edges.flatMap((e) => e.pathIds ?? []));
    const drawable = analysis.paths.filter((p) => p.actor !== p.target && model.nodes.some((n) => n.id === p.target));
    for (const path of drawable) expect(everyPath.has(path.id), path.id).toBe(true);
  });

  it('is deterministic and follows edits', () => {
    expect(buildGraphModel(starterEstate(), analyze(starterEstate()), createRoleCatalog())).toEqual(model);
    const cpu = idOf('cpu-cluster');
    const edited = setResourceIdentity(estate, { resource: cpu as never, system: true, userAssigned: [idOf('uai-train') as never] });
    const next = buildGraphModel(edited);
    expect(next.nodes.find((n) => n.id === systemIdentityId(cpu as never))).toMatchObject({ attachedTo: cpu, name: 'ws-churn/computes/cpu-cluster' });
  });

  it('draws an empty estate as an empty graph', () => {
    expect(buildGraphModel(emptyEstate())).toEqual({ nodes: [], edges: [], unplacedAssignments: 0 });
  });
});

describe('GraphModelMemo', () => {
  const roles = createRoleCatalog();
  const cpu = idOf('cpu-cluster');
  const withIdentity = setResourceIdentity(estate, { resource: cpu as never, system: true, userAssigned: [] });
  const withoutIdentity = setResourceIdentity(estate, { resource: cpu as never, system: false, userAssigned: [] });
  const assignment = estate.roleAssignments.find((a) => a.principal !== undefined)!;
  const withoutGrant = removeRoleAssignment(estate, { assignment: assignment.id as never });
  const versions = [estate, withIdentity, withoutIdentity, withoutGrant, estate].map((version) => ({ estate: version, analysis: analyze(version) }));
  const touches = (id: string, ids: readonly string[]) => ids.some((other) => id === other || id.includes(other));

  it('builds after each edit the model a build without it gives, and leaves the models it gave unchanged', () => {
    const memo = new GraphModelMemo();
    const given: { model: GraphModel; json: string }[] = [];
    for (const { estate: version, analysis: analysed } of versions) {
      const kept = buildGraphModel(version, analysed, roles, memo);
      expect(kept).toEqual(buildGraphModel(version, analysed, roles));
      given.push({ model: kept, json: JSON.stringify(kept) });
    }
    // Access paths colour the structural edges they run along: on a copy, never on the edge kept for the next build.
    for (const { model: kept, json } of given) expect(JSON.stringify(kept)).toBe(json);
  });

  it('gives new objects only to what an edit changed', () => {
    const memo = new GraphModelMemo();
    const before = buildGraphModel(estate, versions[0]!.analysis, roles, memo);
    const after = buildGraphModel(withIdentity, versions[1]!.analysis, roles, memo);
    const old = new Set<object>([...before.nodes, ...before.edges]);
    const changedPaths = new Set(versions[1]!.analysis.paths.filter((path) => !versions[0]!.analysis.paths.some((p) => JSON.stringify(p) === JSON.stringify(path))).map((p) => p.id));
    const identity = systemIdentityId(cpu as never);
    // The compute's box says it now has an identity; its identity is a new box.
    expect(old.has(after.nodes.find((n) => n.id === cpu)!)).toBe(false);
    expect(after.nodes.some((n) => n.id === identity)).toBe(true);
    let kept = 0;
    for (const node of after.nodes) if (node.id !== cpu && node.id !== identity) expect(old.has(node), node.id).toBe(true);
    for (const edge of after.edges) {
      const involved = touches(edge.id, [cpu, identity]) || (edge.pathIds ?? []).some((id) => changedPaths.has(id));
      if (involved) continue;
      expect(old.has(edge), edge.id).toBe(true);
      kept += 1;
    }
    expect(kept).toBeGreaterThan(after.edges.length / 2);
    // Built afresh, every node and edge is a new object.
    const fresh = buildGraphModel(withIdentity, versions[1]!.analysis, roles);
    expect(fresh.edges.some((edge) => old.has(edge))).toBe(false);
  });

  it("keeps the edge of a group of access paths that are the same objects, and builds again the one whose path changed", () => {
    // The page keeps every path an edit left unchanged as the object it holds (analysis-delta.ts).
    const analysed = versions[0]!.analysis;
    const memo = new GraphModelMemo();
    const first = buildGraphModel(estate, analysed, roles, memo);
    const carrying = (m: GraphModel, id: string) => m.edges.find((edge) => edge.pathIds?.includes(id));
    // A path drawn on an edge of its own, and one colouring a structural edge, each changed in turn.
    for (const relation of ['accessPath', 'dependsOn'] as const) {
      const before = buildGraphModel(estate, analysed, roles, memo);
      expect(before).toEqual(first);
      const changed = analysed.paths.find((path) => carrying(before, path.id)?.relation === relation);
      if (!changed) throw new Error(`the starter estate has a path drawn as ${relation}`);
      const worse = { ...changed, status: changed.status === 'missing' ? ('granted' as const) : ('missing' as const) };
      const next = { ...analysed, paths: analysed.paths.map((path) => (path === changed ? worse : path)) };
      const after = buildGraphModel(estate, next, roles, memo);
      expect(after).toEqual(buildGraphModel(estate, next, roles));
      expect(carrying(after, changed.id)).not.toBe(carrying(before, changed.id));
      for (const edge of after.edges)
        if (!edge.pathIds?.includes(changed.id)) expect(edge, edge.id).toBe(before.edges.find((other) => other.id === edge.id));
    }
  });

  it('names an edge of several access paths again when an end is renamed', () => {
    const analysed = versions[0]!.analysis;
    const memo = new GraphModelMemo();
    const before = buildGraphModel(estate, analysed, roles, memo);
    const edge = before.edges.find((e) => e.relation === 'accessPath' && (e.pathIds?.length ?? 0) > 1);
    if (!edge) throw new Error('the starter estate has an access path edge of several paths');
    // The entity at the edge's source, whatever its kind, renamed.
    const renamed = Object.fromEntries(
      Object.entries(estate).map(([key, value]) => [
        key,
        Array.isArray(value) ? value.map((item: { id?: string }) => (item.id === edge.source ? { ...item, name: 'renamed' } : item)) : value,
      ]),
    ) as typeof estate;
    const after = buildGraphModel(renamed, analysed, roles, memo);
    expect(after).toEqual(buildGraphModel(renamed, analysed, roles));
    expect(after.edges.find((e) => e.id === edge.id)?.ariaLabel).toMatch(/^renamed to /);
  });

  it('builds what a build without it gives over a run of random edits, undone and redone out of order', () => {
    const memo = new GraphModelMemo();
    const seen = [estate];
    forEachRandomEdit(estate, random(1717), 14, (edited) => seen.push(edited));
    expect(seen.length).toBeGreaterThan(8);
    // Forward through the edits, then back and forth between versions as undo and redo would go.
    const next = random(4242);
    const order = [...seen.keys(), ...Array.from({ length: 12 }, () => Math.floor(next() * seen.length))];
    for (const [step, index] of order.entries()) {
      const version = seen[index]!;
      const analysed = analyze(version);
      expect(buildGraphModel(version, analysed, roles, memo), `step ${step}: version ${index}`).toEqual(buildGraphModel(version, analysed, roles));
    }
  });

  it('leaves out a grant whose holder is no longer drawn, and one whose scope is gone', () => {
    const memo = new GraphModelMemo();
    const analysed = versions[0]!.analysis;
    const before = buildGraphModel(estate, analysed, roles, memo);
    const grant = before.edges.find((edge) => edge.relation === 'roleAssignment' && edge.origin !== 'automatic');
    if (!grant) throw new Error('the starter estate has a grant drawn');
    // The holder's entity taken out, whatever its kind; its grants stay in the estate (a partial export).
    const without = (id: string) =>
      Object.fromEntries(
        Object.entries(estate).map(([key, value]) => [key, key !== 'roleAssignments' && Array.isArray(value) ? value.filter((item: { id?: string }) => item.id !== id) : value]),
      ) as typeof estate;
    for (const gone of [grant.source, grant.target]) {
      const edited = without(gone);
      const after = buildGraphModel(edited, analysed, roles, memo);
      expect(after, gone).toEqual(buildGraphModel(edited, analysed, roles));
      expect(after.edges.some((edge) => edge.id === grant.id)).toBe(false);
      expect(after.unplacedAssignments).toBeGreaterThan(before.unplacedAssignments);
      // And back: drawn again.
      expect(buildGraphModel(estate, analysed, roles, memo).edges.find((edge) => edge.id === grant.id)).toEqual(grant);
    }
  });

  it('checks in full a box the last build did not draw: what it read may have changed while it was away', () => {
    const memo = new GraphModelMemo();
    const compute = estate.computes[0]!;
    const drop = (ids: readonly string[]) =>
      Object.fromEntries(Object.entries(estate).map(([key, value]) => [key, Array.isArray(value) ? value.filter((item: { id?: string }) => !ids.includes(item.id ?? '')) : value])) as typeof estate;
    // The compute's workspace goes while the compute is away; the compute (the same object) comes back without it.
    for (const version of [estate, drop([compute.id, compute.workspace]), drop([compute.workspace])])
      expect(buildGraphModel(version, undefined, roles, memo)).toEqual(buildGraphModel(version, undefined, roles));
  });

  it('names grants again when the role names arrive', () => {
    const memo = new GraphModelMemo();
    const unnamed = buildGraphModel(estate, versions[0]!.analysis, undefined, memo);
    const named = buildGraphModel(estate, versions[0]!.analysis, roles, memo);
    expect(named).toEqual(buildGraphModel(estate, versions[0]!.analysis, roles));
    expect(named.edges.filter((e) => e.relation === 'roleAssignment')).not.toEqual(unnamed.edges.filter((e) => e.relation === 'roleAssignment'));
  });
});
