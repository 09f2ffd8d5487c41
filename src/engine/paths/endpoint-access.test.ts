import { describe, expect, it } from 'vitest';
import { ROLES } from '../context/actions';
import { createAnalysisContext } from '../context/analysis-context';
import type { Estate } from '../model/types';
import { endpointEstate, IDS } from '../testing/endpoints';
import { pathPrincipals, resolvePaths } from '.';
import type { AccessPath, PathKind } from './types';

// Callers and operators of an endpoint: one path per grant, covering the principals it alone gives their access.

function pathsOf(estate: Estate, kind: PathKind): AccessPath[] {
  return resolvePaths(createAnalysisContext(estate)).filter((p) => p.kind === kind);
}

const covering = (paths: readonly AccessPath[], principal: string) => paths.filter((p) => pathPrincipals(p).includes(principal as never));

const CONTRIBUTOR = ROLES.contributor;
const OWNER = ROLES.owner;
const READER = ROLES.reader;

/** Two custom roles that manage an endpoint only together: one reads and writes endpoints, the other deploys and deletes. */
const SPLIT_ROLES = `role_definitions:
  - name: Endpoint Writer
    actions:
      - Microsoft.MachineLearningServices/workspaces/onlineEndpoints/read
      - Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write
    assignable_scopes: [/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml]
  - name: Endpoint Deployer
    actions:
      - Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/write
      - Microsoft.MachineLearningServices/workspaces/onlineEndpoints/delete
    assignable_scopes: [/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml]
`;

describe('caller and operator paths gathered by grant', () => {
  it('makes one path for a role held at one scope by several principals, listing them with their counts', () => {
    const estate = endpointEstate({
      roles: [
        '{ principal: bob@contoso.com, role: AzureML Data Scientist, scope: ws-ml }',
        '{ principal: carol@contoso.com, role: AzureML Data Scientist, scope: ws-ml }',
      ],
    });
    const operators = pathsOf(estate, 'endpoint-manage');
    const shared = operators.find((p) => p.grant?.roleId === ROLES.azureMlDataScientist);
    expect(shared?.principals).toEqual([IDS.bob, IDS.carol].sort());
    expect(shared?.principalCounts).toEqual({ user: 2 });
    expect(shared?.grant).toEqual({ roleId: ROLES.azureMlDataScientist, roleName: 'AzureML Data Scientist', scope: IDS.workspace, origin: 'planned' });
    expect(shared?.title).toBe('2 users manage ep through AzureML Data Scientist on workspace ws-ml');
    expect(shared?.status).toBe('granted');
    // Alice, the creator, holds nothing: a path of her own without a grant, as before.
    const alice = covering(operators, IDS.alice);
    expect(alice).toHaveLength(1);
    expect(alice[0]?.grant).toBeUndefined();
    expect(alice[0]?.status).toBe('missing');
  });

  it('counts each kind of principal the path of a grant covers', () => {
    const estate = endpointEstate({
      endpoint: '    auth_mode: aad_token\n',
      roles: [
        '{ principal: bob@contoso.com, role: AzureML Data Scientist, scope: rg-ml }',
        '{ principal: uai-ep, role: AzureML Data Scientist, scope: rg-ml }',
      ],
    });
    const callers = pathsOf(estate, 'endpoint-invoke').find((p) => p.grant !== undefined);
    expect(callers?.principalCounts).toEqual({ user: 1, 'managed-identity': 1 });
    expect(callers?.identity.label).toBe('2 principals (1 user, 1 managed identity)');
  });

  it('covers a principal only by the grants that alone give it its access (Contributor, not Reader beside it)', () => {
    const estate = endpointEstate({
      roles: ['{ principal: bob@contoso.com, role: Contributor, scope: rg-ml }', '{ principal: bob@contoso.com, role: Reader, scope: rg-ml }'],
    });
    const bob = covering(pathsOf(estate, 'endpoint-manage'), IDS.bob);
    expect(bob.map((p) => p.grant?.roleId)).toEqual([CONTRIBUTOR]);
    expect(bob[0]?.status).toBe('granted');
  });

  it('covers a principal by every grant that alone gives it its access, each path granted', () => {
    const estate = endpointEstate({
      roles: ['{ principal: bob@contoso.com, role: Contributor, scope: rg-ml }', '{ principal: bob@contoso.com, role: Owner, scope: rg-ml }'],
    });
    const bob = covering(pathsOf(estate, 'endpoint-manage'), IDS.bob);
    expect(bob.map((p) => p.grant?.roleId).sort()).toEqual([CONTRIBUTOR, OWNER].sort());
    expect(bob.map((p) => p.status)).toEqual(['granted', 'granted']);
    // Each path's decisions count its own grant alone.
    for (const path of bob) {
      for (const r of path.requirements) expect(r.decision?.grants.every((g) => g.roleId === path.grant?.roleId)).toBe(true);
    }
  });

  it('keeps a principal whose access takes two roles together on a path of its own decisions, without a grant', () => {
    const estate = endpointEstate({
      extra: SPLIT_ROLES,
      roles: [
        '{ principal: bob@contoso.com, role: Endpoint Writer, scope: rg-ml }',
        '{ principal: bob@contoso.com, role: Endpoint Deployer, scope: rg-ml }',
      ],
    });
    const bob = covering(pathsOf(estate, 'endpoint-manage'), IDS.bob);
    expect(bob).toHaveLength(1);
    expect(bob[0]?.grant).toBeUndefined();
    expect(bob[0]?.status).toBe('granted');
    expect(new Set(bob[0]?.requirements.flatMap((r) => r.decision?.grants.map((g) => g.roleName) ?? []))).toEqual(new Set(['Endpoint Writer', 'Endpoint Deployer']));
  });

  it('says what a grant gives when it is short of the whole: a Reader manages nothing', () => {
    const estate = endpointEstate({ roles: ['{ principal: bob@contoso.com, role: Reader, scope: rg-ml }'] });
    const bob = covering(pathsOf(estate, 'endpoint-manage'), IDS.bob);
    expect(bob).toHaveLength(1);
    expect(bob[0]?.grant?.roleId).toBe(READER);
    expect(bob[0]?.status).toBe('missing');
    expect(bob[0]?.requirements.map((r) => r.decision?.effect)).toEqual(['allowed', 'denied', 'denied', 'denied', 'denied']);
  });

  it('does not make a path of a grant that serves only the optional studio requirement', () => {
    const estate = endpointEstate({
      roles: [
        '{ principal: bob@contoso.com, role: AzureML Data Scientist, scope: ws-ml }',
        '{ principal: bob@contoso.com, role: User Access Administrator, scope: rg-ml }',
      ],
    });
    const bob = covering(pathsOf(estate, 'endpoint-manage'), IDS.bob);
    expect(bob.map((p) => p.grant?.roleName)).toEqual(['AzureML Data Scientist']);
  });

  it('places a member of a group holding a role at the endpoint by that role, not as at the workspace', () => {
    const estate = endpointEstate({
      extra: 'groups:\n  - name: team\n    members: [bob@contoso.com]\n',
      roles: [
        '{ principal: team, role: AzureML Data Scientist, scope: ep }',
        '{ principal: bob@contoso.com, role: Reader, scope: ws-ml }',
        '{ principal: carol@contoso.com, role: Reader, scope: ws-ml }',
      ],
    });
    const callers = pathsOf(estate, 'endpoint-invoke');
    const throughGroup = callers.find((p) => p.grant?.roleId === ROLES.azureMlDataScientist);
    expect(throughGroup?.grant?.scope).toBe(IDS.endpoint);
    expect(pathPrincipals(throughGroup as AccessPath)).toContain(IDS.bob);
    expect(pathPrincipals(throughGroup as AccessPath)).not.toContain(IDS.carol);
  });
});

/** A second workspace, ws-two in rg-two of the same subscription, with an endpoint ep-two: added to an endpoint estate. */
function withSecondWorkspace(yaml: string): string {
  return yaml
    .replace('resource_groups:\n', 'resource_groups:\n  - name: rg-two\n    subscription: sub-ml\n')
    .replace(
      'users:\n',
      `  - name: ws-two
    resource_group: rg-two
    storage_account: stml
    key_vault: kv-ml
    container_registry: acrml
    application_insights: ai-ml
users:
`,
    )
    .replace('online_endpoints:\n', 'online_endpoints:\n  - name: ep-two\n    workspace: ws-two\n    created_by: alice@contoso.com\n');
}

describe('caller and operator paths of workspaces sharing a subscription', () => {
  const subscription = '/subscriptions/00000000-0000-0000-0000-000000000001';
  const epTwo = `${subscription}/resourceGroups/rg-two/providers/Microsoft.MachineLearningServices/workspaces/ws-two/onlineEndpoints/ep-two`;
  const bobsPaths = (estate: Estate, target: string) => covering(pathsOf(estate, 'endpoint-manage'), IDS.bob).filter((p) => p.target === target);

  it('gives a role holder of the subscription the same grant path at the endpoints of both workspaces', () => {
    const estate = endpointEstate({ roles: ['{ principal: bob@contoso.com, role: Contributor, scope: sub-ml }'], transform: withSecondWorkspace });
    for (const target of [IDS.endpoint, epTwo]) {
      const bob = bobsPaths(estate, target);
      expect(bob.map((p) => [p.grant?.roleId, p.status])).toEqual([[CONTRIBUTOR, 'granted']]);
      expect(bob[0]?.requirements[0]?.decision?.question.scope).toBe(target);
    }
  });

  it('does not carry a subscription role holder placed at one workspace over to another whose deny blocks it', () => {
    // ep-two comes first, so bob is placed at ws-two, under the deny, before ws-ml is resolved.
    const deny = `deny_assignments:
  - name: no-endpoint-writes
    scope: ws-two
    principals: [bob@contoso.com]
    actions: ['Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write']
`;
    const estate = endpointEstate({
      roles: ['{ principal: bob@contoso.com, role: Contributor, scope: sub-ml }', '{ principal: carol@contoso.com, role: Contributor, scope: sub-ml }'],
      extra: deny,
      transform: withSecondWorkspace,
    });
    const operators = pathsOf(estate, 'endpoint-manage').filter((p) => p.grant?.roleId === CONTRIBUTOR);
    const atFirst = operators.filter((p) => p.target === IDS.endpoint);
    expect(atFirst.map((p) => [pathPrincipals(p), p.status])).toEqual([[[IDS.bob, IDS.carol], 'granted']]);
    const atSecond = operators.filter((p) => p.target === epTwo);
    expect(atSecond.map((p) => [pathPrincipals(p), p.status])).toEqual([
      [[IDS.bob], 'missing'],
      [[IDS.carol], 'granted'],
    ]);
    expect(atSecond[0]?.requirements[1]?.decision?.deniedBy).toBeDefined();
  });
});
