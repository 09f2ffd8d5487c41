import { describe, expect, it } from 'vitest';
import { addRoleAssignment, setResourceIdentity } from '../../../engine/edits';
import type { RoleId } from '../../../engine/model/ids';
import type { Estate } from '../../../engine/model/types';
import type { Selection } from '../../store/selection';
import {
  allOf,
  defaultIdentityIs,
  findingGone,
  panelOpen,
  pathStatusIn,
  selected,
  selectedFinding,
  selectedPath,
} from './conditions';
import { entitiesNamed, pathRef, ref, resolveEntity, resolveFindings, resolvePaths } from './refs';
import { analysed, sampleEstate } from '../../testing/tours';
import type { TourContext } from './types';

const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d' as RoleId;
const endpointSample = sampleEstate('endpoint-user-assigned');
const identity = ref('userAssignedIdentity', 'id-ep-credit-scoring');
const registry = ref('containerRegistry', 'crlendingml');
const pull = pathRef('deployment-image-pull', ref('onlineDeployment', 'scorecard-v7'), registry);

function context(
  estate: Estate,
  selection?: Selection,
  panelTab: TourContext['panelTab'] = 'findings',
): TourContext {
  return { estate, analysis: analysed(estate), selection, panelTab };
}

function grantPull(estate: Estate): Estate {
  const scope = entitiesNamed(estate, registry)[0];
  if (!scope || !('armId' in scope)) throw new Error('no registry');
  return addRoleAssignment(estate, {
    principal: resolveEntity(estate, identity)!,
    role: ACR_PULL,
    scope: scope.armId,
  });
}

describe('selected', () => {
  const condition = selected(identity);
  it('holds when that entity is selected', () => {
    expect(
      condition.holds(
        context(endpointSample, { kind: 'entity', id: resolveEntity(endpointSample, identity)! }),
      ),
    ).toBe(true);
  });
  it('stays quiet for another entity or nothing', () => {
    expect(
      condition.holds(
        context(endpointSample, { kind: 'entity', id: resolveEntity(endpointSample, registry)! }),
      ),
    ).toBe(false);
    expect(condition.holds(context(endpointSample))).toBe(false);
  });
  it('says what to do and names its ref', () => {
    expect(condition.hint).toContain('id-ep-credit-scoring');
    expect(condition.refs.entities).toEqual([identity]);
  });
});

describe('selectedPath and selectedFinding', () => {
  const [path] = resolvePaths(endpointSample, analysed(endpointSample), pull);
  const [finding] = resolveFindings(endpointSample, analysed(endpointSample), {
    rule: 'AML-EPI-002',
    subject: registry,
  });
  it('hold for a selected path or finding the ref names', () => {
    expect(selectedPath(pull).holds(context(endpointSample, { kind: 'path', id: path!.id }))).toBe(true);
    expect(
      selectedFinding({ rule: 'AML-EPI-002', subject: registry }).holds(
        context(endpointSample, { kind: 'finding', id: finding!.id }),
      ),
    ).toBe(true);
  });
  it('stay quiet for other paths, findings or an entity selection', () => {
    const other = analysed(endpointSample).paths.find((candidate) => candidate.id !== path!.id)!;
    expect(selectedPath(pull).holds(context(endpointSample, { kind: 'path', id: other.id }))).toBe(false);
    expect(selectedPath(pull).holds(context(endpointSample, { kind: 'entity', id: path!.actor }))).toBe(
      false,
    );
    expect(
      selectedFinding({ rule: 'AML-EPI-002', subject: registry }).holds(
        context(endpointSample, { kind: 'path', id: path!.id }),
      ),
    ).toBe(false);
  });
});

describe('panelOpen', () => {
  it('holds only while that panel shows', () => {
    expect(panelOpen('paths').holds(context(endpointSample, undefined, 'paths'))).toBe(true);
    expect(panelOpen('paths').holds(context(endpointSample, undefined, 'inspector'))).toBe(false);
    expect(panelOpen('paths').hint).toBe('open the Paths panel');
  });
});

describe('pathStatusIn and findingGone', () => {
  const works = pathStatusIn(pull, ['granted', 'automatic'], 'grant AcrPull');
  const gone = findingGone({ rule: 'AML-EPI-002', subject: registry }, 'grant AcrPull');
  it('stay quiet while the pull is missing', () => {
    expect(works.holds(context(endpointSample))).toBe(false);
    expect(gone.holds(context(endpointSample))).toBe(false);
  });
  it('hold once AcrPull is granted', () => {
    const fixed = grantPull(endpointSample);
    expect(works.holds(context(fixed))).toBe(true);
    expect(gone.holds(context(fixed))).toBe(true);
  });
  it('do not count a path or subject that no longer exists as done', () => {
    const missing = pathRef('deployment-image-pull', ref('onlineDeployment', 'no-such-deployment'), registry);
    expect(pathStatusIn(missing, ['missing'], 'x').holds(context(endpointSample))).toBe(false);
    expect(
      findingGone({ rule: 'AML-EPI-002', subject: ref('containerRegistry', 'no-such-registry') }, 'x').holds(
        context(endpointSample),
      ),
    ).toBe(false);
  });
});

describe('defaultIdentityIs', () => {
  const vision = sampleEstate('compute-identities');
  const cluster = ref('compute', 'cpu-cluster');
  const train = ref('userAssignedIdentity', 'id-vision-train');
  const condition = defaultIdentityIs(cluster, train);
  it('stays quiet while the cluster runs as its system identity', () => {
    expect(condition.holds(context(vision))).toBe(false);
  });
  it('holds once the identity is the cluster’s first user-assigned one', () => {
    const switched = setResourceIdentity(vision, {
      resource: resolveEntity(vision, cluster)!,
      system: false,
      userAssigned: [resolveEntity(vision, train)!],
    });
    expect(condition.holds(context(switched))).toBe(true);
  });
  it('stays quiet when the identity is attached but not the default', () => {
    const labels = resolveEntity(vision, ref('userAssignedIdentity', 'id-vision-labels'))!;
    const second = setResourceIdentity(vision, {
      resource: resolveEntity(vision, cluster)!,
      system: false,
      userAssigned: [labels, resolveEntity(vision, train)!],
    });
    expect(condition.holds(context(second))).toBe(false);
  });
});

describe('allOf', () => {
  it('holds only when every part does, and joins the hints', () => {
    const both = allOf(panelOpen('paths'), selected(identity));
    const id = resolveEntity(endpointSample, identity)!;
    expect(both.holds(context(endpointSample, { kind: 'entity', id }, 'paths'))).toBe(true);
    expect(both.holds(context(endpointSample, { kind: 'entity', id }, 'inspector'))).toBe(false);
    expect(both.hint).toContain(', then ');
    expect(both.refs.entities).toEqual([identity]);
  });
});
