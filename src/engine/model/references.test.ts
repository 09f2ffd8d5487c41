import { describe, expect, it } from 'vitest';
import { estateFromYaml } from '../testing/estates';
import { allEntities } from './estate';
import { entityId, type EntityId } from './ids';
import { ENTITY_REFERENCES, mapReferencesInPlace, referencesOf, referenceTargets } from './references';
import { COLLECTION_OF_KIND, type Compute, type Entity, type EntityKind, type Job } from './types';

// Every sample the app ships, read as the app reads it: the table must cover every reference they hold.
const SAMPLES = import.meta.glob<string>('../../../public/samples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const WS = entityId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws');
const CPU = entityId(`${WS}/computes/cpu`);
const UAI = entityId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai');

function job(overrides: Partial<Job> = {}): Job {
  return {
    id: entityId(`${WS}/jobs/train`),
    armId: `${WS}/jobs/train`,
    kind: 'job',
    name: 'train',
    workspace: WS,
    jobType: 'pipeline',
    compute: 'serverless',
    identity: { type: 'managed', userAssignedIdentity: UAI },
    inputs: [{ name: 'raw', datastore: entityId(`${WS}/datastores/raw`) }],
    outputs: [],
    steps: [
      { name: 'prep', compute: CPU, identity: { type: 'unset' }, inputs: [], outputs: [] },
      { name: 'fit', compute: 'serverless', identity: { type: 'unset' }, inputs: [], outputs: [] },
    ],
    ...overrides,
  };
}

/** Every string in `value` that is the id of an entity of the estate, with where it sits. */
function idsInside(value: unknown, ids: Set<string>, at: string, out: string[]): string[] {
  if (typeof value === 'string' && ids.has(value)) out.push(at);
  else if (Array.isArray(value)) value.forEach((item, i) => idsInside(item, ids, `${at}[${i}]`, out));
  else if (value !== null && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) idsInside(inner, ids, at === '' ? key : `${at}.${key}`, out);
  return out;
}

/** The compute cluster `cpu` in the workspace, signing in with the given user-assigned identities. */
function clusterWith(userAssigned: EntityId[]): Compute {
  return {
    id: CPU,
    armId: CPU,
    kind: 'compute',
    name: 'cpu',
    workspace: WS,
    computeType: 'amlcompute',
    identity: { system: false, userAssigned },
  };
}

describe('ENTITY_REFERENCES', () => {
  it('has an entry for every entity kind, and every target is a kind', () => {
    const kinds = Object.keys(COLLECTION_OF_KIND) as EntityKind[];
    expect(Object.keys(ENTITY_REFERENCES).sort()).toEqual([...kinds].sort());
    for (const specs of Object.values(ENTITY_REFERENCES))
      for (const spec of specs) for (const target of spec.targets) expect(kinds).toContain(target);
  });

  it('covers every id an entity of the shipped samples holds (besides its own id and ARM id)', () => {
    expect(Object.keys(SAMPLES).length).toBeGreaterThan(5);
    for (const [file, text] of Object.entries(SAMPLES)) {
      const estate = estateFromYaml(text, file);
      const entities = [...allEntities(estate)];
      const ids = new Set<string>(entities.map((e) => e.id));
      for (const entity of entities) {
        const { id: _id, armId: _armId, ...rest } = entity as Entity & { armId?: string };
        const held = idsInside(rest, ids, '', []).filter((field) => !field.startsWith('source'));
        expect(referencesOf(entity).map((ref) => ref.field).sort(), `${file}: ${entity.kind} ${entity.name}`).toEqual(
          held.sort(),
        );
      }
    }
  });
});

describe('referencesOf', () => {
  it('walks lists and nested fields, with list positions, and leaves out sentinels and absent fields', () => {
    const refs = referencesOf(job());
    expect(refs.map((ref) => [ref.field, ref.id, ref.owner])).toEqual([
      ['workspace', WS, ''],
      ['identity.userAssignedIdentity', UAI, ''],
      ['inputs[0].datastore', `${WS}/datastores/raw`, 'inputs[0]'],
      ['steps[0].compute', CPU, 'steps[0]'],
    ]);
  });

  it('says which list item holds a reference, and none for a list of ids on the entity itself', () => {
    const compute = clusterWith([UAI]);
    expect(referencesOf(compute).map((ref) => [ref.field, ref.owner])).toEqual([
      ['workspace', ''],
      ['identity.userAssigned[0]', ''],
    ]);
    const step = job({ steps: [{ name: 's', identity: { type: 'managed', userAssignedIdentity: UAI }, inputs: [], outputs: [] }] });
    expect(referencesOf(step).find((ref) => ref.field.startsWith('steps'))?.owner).toBe('steps[0]');
  });

  it('follows only the branch of a union that is there (an AKS cluster signing in as a service principal)', () => {
    const aks: Entity = {
      id: entityId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks'),
      armId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks',
      kind: 'aksCluster',
      name: 'aks',
      resourceGroup: entityId('/subscriptions/s/resourceGroups/rg'),
      clusterIdentity: { type: 'service_principal', servicePrincipal: entityId('sp:aks') },
    };
    expect(referencesOf(aks).map((ref) => ref.field)).toEqual(['resourceGroup', 'clusterIdentity.servicePrincipal']);
  });
});

describe('mapReferencesInPlace', () => {
  it('maps every reference, keeps sentinels, and drops the duplicates a mapping makes in a list of ids', () => {
    const other = entityId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/other');
    const compute = clusterWith([UAI, other]);
    mapReferencesInPlace(compute, (id) => (id === other ? UAI : id).toUpperCase() as EntityId);
    expect(compute.workspace).toBe(WS.toUpperCase());
    expect(compute.identity.userAssigned).toEqual([UAI.toUpperCase()]);
    const pipeline = job();
    mapReferencesInPlace(pipeline, (id) => `${id}!` as EntityId);
    expect(pipeline.compute).toBe('serverless');
    expect(pipeline.steps.map((s) => s.compute)).toEqual([`${CPU}!`, 'serverless']);
    expect(pipeline.inputs[0]?.datastore).toBe(`${WS}/datastores/raw!`);
  });
});

describe('referenceTargets', () => {
  it('names the kinds a field may point at, and nothing for a field that is no reference', () => {
    expect(referenceTargets('workspace', 'storageAccount')).toEqual(['storageAccount']);
    expect(referenceTargets('workspace', 'location')).toBeUndefined();
  });
});
