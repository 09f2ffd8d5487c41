import { describe, expect, it } from 'vitest';
import { ACTIONS, DATA_ACTIONS, ROLES } from '../context/actions';
import { createAnalysisContext } from '../context/analysis-context';
import type { Estate } from '../model/types';
import {
  accessPolicyVault,
  AOAI_CONNECTION,
  connectionRef,
  DEFAULT_DEPLOYMENTS,
  deploymentWithVariables,
  endpointEstate,
  ENFORCE_FLAG,
  IDS,
  keyVaultRef,
  OTHER_REGISTRY,
  UAI_DEPLOYMENT_GRANTS,
  UAI_IDENTITY,
} from '../testing/endpoints';
import { pathPrincipals, resolvePaths } from '.';
import type { AccessPath, PathKind } from './types';

function pathsOf(estate: Estate, kind: PathKind): AccessPath[] {
  return resolvePaths(createAnalysisContext(estate)).filter((p) => p.kind === kind);
}

function onePath(
  estate: Estate,
  kind: PathKind,
  filter: (p: AccessPath) => boolean = () => true,
): AccessPath {
  const found = pathsOf(estate, kind).filter(filter);
  expect(found).toHaveLength(1);
  return found[0] as AccessPath;
}

const deploymentWith = (lines: string) => `${DEFAULT_DEPLOYMENTS}${lines}`;

describe('endpoint identity of deployment paths', () => {
  it('uses the system identity of a planned endpoint and predicts its automatic grants (R71)', () => {
    const estate = endpointEstate();
    for (const kind of ['deployment-image-pull', 'deployment-model-storage', 'deployment-metrics'] as const) {
      const path = onePath(estate, kind);
      expect(path.actor).toBe(IDS.blue);
      expect(path.via).toEqual([IDS.endpoint]);
      expect(path.identity).toMatchObject({
        kind: 'managed-identity',
        principal: IDS.endpointSai,
        chosen: 'fallback',
      });
      expect(path.status).toBe('automatic');
      expect(path.trace[0]?.fact).toBe('R71');
    }
    expect(onePath(estate, 'deployment-image-pull').target).toBe(IDS.registry);
    expect(onePath(estate, 'deployment-model-storage').requirements[0]).toMatchObject({
      action: DATA_ACTIONS.blobRead,
      dataAction: true,
      scope: IDS.storage,
    });
    expect(onePath(estate, 'deployment-metrics').requirements[0]).toMatchObject({
      action: ACTIONS.metricsWrite,
      suggestedRole: ROLES.azureMlMetricsWriter,
    });
  });

  it('does not predict automatic grants in an observed estate, so the same paths are missing', () => {
    const estate = endpointEstate({ assignments: 'observed' });
    for (const kind of ['deployment-image-pull', 'deployment-model-storage', 'deployment-metrics'] as const) {
      expect(onePath(estate, kind).status).toBe('missing');
    }
  });

  it('shows an observed grant Azure made as granted', () => {
    const estate = endpointEstate({
      assignments: 'observed',
      roles: ['{ principal: system:ws-ml/onlineEndpoints/ep, role: AcrPull, scope: acrml }'],
    });
    expect(onePath(estate, 'deployment-image-pull').status).toBe('granted');
  });

  it('uses a user-assigned endpoint identity, which gets nothing automatically (R72)', () => {
    const estate = endpointEstate({ endpoint: UAI_IDENTITY });
    for (const kind of ['deployment-image-pull', 'deployment-model-storage', 'deployment-metrics'] as const) {
      const path = onePath(estate, kind);
      expect(path.identity).toMatchObject({
        kind: 'managed-identity',
        principal: IDS.uai,
        chosen: 'explicit',
      });
      expect(path.status).toBe('missing');
      expect(path.trace[0]?.fact).toBe('R72');
    }
  });

  it('shows the user-assigned identity as granted once its grants exist', () => {
    const estate = endpointEstate({ endpoint: UAI_IDENTITY, roles: UAI_DEPLOYMENT_GRANTS });
    for (const kind of ['deployment-image-pull', 'deployment-model-storage', 'deployment-metrics'] as const) {
      expect(onePath(estate, kind).status).toBe('granted');
    }
  });

  it('reports metrics as missing for the path even though the deployment works without it', () => {
    const estate = endpointEstate({ endpoint: UAI_IDENTITY, roles: UAI_DEPLOYMENT_GRANTS.slice(0, 2) });
    const path = onePath(estate, 'deployment-metrics');
    expect(path.status).toBe('missing');
    expect(path.requirements[0]?.optional).toBeUndefined();
  });

  it('resolves no identity when the endpoint has none', () => {
    const estate = endpointEstate();
    const endpoint = estate.onlineEndpoints[0];
    if (endpoint) endpoint.identity = { system: false, userAssigned: [] };
    const path = onePath(estate, 'deployment-image-pull');
    expect(path.identity.kind).toBe('none');
    expect(path.status).toBe('missing');
    expect(path.requirements[0]?.decision).toBeUndefined();
  });
});

describe('deployment image pull', () => {
  const image = (ref: string) => deploymentWith(`    image: ${ref}\n`);

  it('pulls from the workspace registry when the image names it', () => {
    const estate = endpointEstate({ deployments: image('acrml.azurecr.io/score:1') });
    expect(onePath(estate, 'deployment-image-pull').target).toBe(IDS.registry);
  });

  it('checks AcrPull on another registry of the estate, which the automatic grant does not reach', () => {
    const estate = endpointEstate({
      deployments: image('acrother.azurecr.io/score:1'),
      registries: OTHER_REGISTRY,
    });
    const path = onePath(estate, 'deployment-image-pull');
    expect(path.target).toBe(IDS.otherRegistry);
    expect(path.requirements[0]?.scope).toBe(IDS.otherRegistry);
    expect(path.status).toBe('missing');
    expect(path.trace.some((s) => s.text.includes('workspace registry only'))).toBe(true);

    const granted = endpointEstate({
      deployments: image('acrother.azurecr.io/score:1'),
      registries: OTHER_REGISTRY,
      roles: ['{ principal: system:ws-ml/onlineEndpoints/ep, role: AcrPull, scope: acrother }'],
    });
    expect(onePath(granted, 'deployment-image-pull').status).toBe('granted');
  });

  it('does not add the automatic-grant remark for a user-assigned identity', () => {
    const estate = endpointEstate({
      endpoint: UAI_IDENTITY,
      deployments: image('acrother.azurecr.io/score:1'),
      registries: OTHER_REGISTRY,
    });
    expect(
      onePath(estate, 'deployment-image-pull').trace.some((s) => s.text.includes('workspace registry only')),
    ).toBe(false);
  });

  it('does not fall back to the workspace registry for an image from a registry outside the estate', () => {
    const estate = endpointEstate({ deployments: image('contoso.azurecr.io/score:1') });
    const path = onePath(estate, 'deployment-image-pull');
    expect(path.target).toBe('contoso.azurecr.io');
    expect(path.status).toBe('unconfirmed');
    expect(path.confidence).toBe('unconfirmed');
    expect(path.requirements).toEqual([]);
  });

  it('uses the workspace registry for a short Docker Hub name, which the deployment cannot pull as such', () => {
    const estate = endpointEstate({ deployments: image('python:3.11') });
    expect(onePath(estate, 'deployment-image-pull').target).toBe(IDS.registry);
  });

  it('checks the workspace registry for a public image host, which needs no grant of its own', () => {
    const estate = endpointEstate({
      deployments: image('mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest'),
    });
    expect(onePath(estate, 'deployment-image-pull').target).toBe(IDS.registry);
  });

  it('makes no image path when the workspace has no registry yet and the deployment names no image', () => {
    const estate = endpointEstate();
    const workspace = estate.workspaces[0];
    if (workspace) delete workspace.containerRegistry;
    expect(pathsOf(estate, 'deployment-image-pull')).toEqual([]);
  });
});

describe('secret references of deployments', () => {
  it('ignores plain environment variables', () => {
    const estate = endpointEstate({ deployments: deploymentWithVariables({ LOG_LEVEL: 'debug' }) });
    expect(pathsOf(estate, 'deployment-connection-secret')).toEqual([]);
    expect(pathsOf(estate, 'deployment-key-vault-secret')).toEqual([]);
  });

  it('checks connection-secret read for a user-assigned identity at the connection (R72, R79)', () => {
    const estate = endpointEstate({
      endpoint: UAI_IDENTITY,
      deployments: deploymentWithVariables({ OPENAI_KEY: connectionRef('aoai') }),
      extra: AOAI_CONNECTION,
    });
    const path = onePath(estate, 'deployment-connection-secret');
    expect(path.target).toBe(IDS.connection);
    expect(path.identity.principal).toBe(IDS.uai);
    expect(path.requirements[0]).toMatchObject({
      action: ACTIONS.connectionListSecrets,
      scope: IDS.connection,
      suggestedRole: ROLES.connectionSecretsReader,
    });
    expect(path.status).toBe('missing');
    expect(path.id.endsWith('|OPENAI_KEY')).toBe(true);

    const granted = endpointEstate({
      endpoint: UAI_IDENTITY,
      deployments: deploymentWithVariables({ OPENAI_KEY: connectionRef('aoai') }),
      extra: AOAI_CONNECTION,
      roles: [
        '{ principal: uai-ep, role: Azure Machine Learning Workspace Connection Secrets Reader, scope: ws-ml }',
      ],
    });
    expect(onePath(granted, 'deployment-connection-secret').status).toBe('granted');
  });

  it('marks a reference to a connection the workspace lacks as missing, whatever the grants', () => {
    const estate = endpointEstate({
      endpoint: UAI_IDENTITY,
      deployments: deploymentWithVariables({ OPENAI_KEY: connectionRef('nope') }),
      extra: AOAI_CONNECTION,
      roles: [
        '{ principal: uai-ep, role: Azure Machine Learning Workspace Connection Secrets Reader, scope: ws-ml }',
      ],
    });
    const path = onePath(estate, 'deployment-connection-secret');
    expect(path.target).toBe(`${IDS.workspace}/connections/nope`);
    expect(path.status).toBe('missing');
    expect(path.requirements[0]?.decision?.allowed).toBe(true);
    expect(path.trace.some((s) => s.text.includes('not in the estate'))).toBe(true);
  });

  it('gives a system identity no automatic secrets grant without the enforce flag (R78)', () => {
    const estate = endpointEstate({
      deployments: deploymentWithVariables({ OPENAI_KEY: connectionRef('aoai', '') }),
      extra: AOAI_CONNECTION,
    });
    expect(onePath(estate, 'deployment-connection-secret').status).toBe('missing');
  });

  it('predicts the secrets grant with the enforce flag when the creator may read secrets (R71, R77)', () => {
    const options = {
      endpoint: ENFORCE_FLAG,
      deployments: deploymentWithVariables({ OPENAI_KEY: connectionRef('aoai', '/target') }),
      extra: AOAI_CONNECTION,
    };
    const allowed = endpointEstate({
      ...options,
      roles: [
        '{ principal: alice@contoso.com, role: Azure Machine Learning Workspace Connection Secrets Reader, scope: ws-ml }',
      ],
    });
    expect(onePath(allowed, 'deployment-connection-secret').status).toBe('automatic');

    const refused = endpointEstate(options);
    expect(onePath(refused, 'deployment-connection-secret').status).toBe('missing');
    const context = createAnalysisContext(refused);
    expect(context.withheldGrants).toHaveLength(1);
    expect(context.withheldGrants[0]?.grant.assignment).toMatchObject({
      principal: IDS.endpointSai,
      role: ROLES.connectionSecretsReader,
      scope: IDS.workspace,
    });
  });

  it('does not predict the secrets grant in an observed estate even with the flag', () => {
    const estate = endpointEstate({
      assignments: 'observed',
      endpoint: ENFORCE_FLAG,
      deployments: deploymentWithVariables({ OPENAI_KEY: connectionRef('aoai') }),
      extra: AOAI_CONNECTION,
      roles: [
        '{ principal: alice@contoso.com, role: Azure Machine Learning Workspace Connection Secrets Reader, scope: ws-ml }',
      ],
    });
    expect(onePath(estate, 'deployment-connection-secret').status).toBe('missing');
  });

  it('checks key vault secrets on an RBAC vault; Azure never grants them (R73)', () => {
    const estate = endpointEstate({
      deployments: deploymentWithVariables({ DB_PASSWORD: keyVaultRef('kv-ml', 'db-password') }),
    });
    const path = onePath(estate, 'deployment-key-vault-secret');
    expect(path.target).toBe(IDS.keyVault);
    expect(path.identity.principal).toBe(IDS.endpointSai);
    expect(path.requirements[0]).toMatchObject({
      action: DATA_ACTIONS.keyVaultGetSecret,
      dataAction: true,
      scope: IDS.keyVault,
      suggestedRole: ROLES.keyVaultSecretsUser,
    });
    expect(path.status).toBe('missing');
    expect(path.trace.some((s) => s.fact === 'R73')).toBe(true);

    const granted = endpointEstate({
      deployments: deploymentWithVariables({ DB_PASSWORD: keyVaultRef('kv-ml', 'db-password') }),
      roles: ['{ principal: system:ws-ml/onlineEndpoints/ep, role: Key Vault Secrets User, scope: kv-ml }'],
    });
    expect(onePath(granted, 'deployment-key-vault-secret').status).toBe('granted');
  });

  it('accepts a get-secret access policy on a policy vault, and reports its absence as missing', () => {
    const variables = deploymentWithVariables({ DB_PASSWORD: keyVaultRef('kv-ml', 'db-password') });
    const withPolicy = endpointEstate({
      endpoint: UAI_IDENTITY,
      deployments: variables,
      transform: accessPolicyVault('      - { principal: uai-ep, secrets: [get, list] }\n'),
    });
    const granted = onePath(withPolicy, 'deployment-key-vault-secret');
    expect(granted.status).toBe('granted');
    expect(granted.requirements[0]?.satisfiedBy).toContain('kv-ml');

    const withoutPolicy = endpointEstate({
      endpoint: UAI_IDENTITY,
      deployments: variables,
      transform: accessPolicyVault('      - { principal: bob@contoso.com, secrets: [get] }\n'),
    });
    const missing = onePath(withoutPolicy, 'deployment-key-vault-secret');
    expect(missing.status).toBe('missing');
    expect(missing.requirements[0]?.decision?.allowed).toBe(false);
  });

  it('accepts an access policy granted to a group the identity belongs to', () => {
    const groups = `groups:
  - name: endpoint-identities
    members: [uai-ep]
`;
    const estate = endpointEstate({
      endpoint: UAI_IDENTITY,
      deployments: deploymentWithVariables({ DB_PASSWORD: keyVaultRef('kv-ml', 'db-password') }),
      extra: groups,
      transform: accessPolicyVault('      - { principal: endpoint-identities, secrets: [all] }\n'),
    });
    expect(onePath(estate, 'deployment-key-vault-secret').status).toBe('granted');
  });

  it('cannot check a vault outside the estate and says so', () => {
    const estate = endpointEstate({
      deployments: deploymentWithVariables({ API_KEY: keyVaultRef('kv-elsewhere', 'api-key') }),
    });
    const path = onePath(estate, 'deployment-key-vault-secret');
    expect(path.target).toBe('https://kv-elsewhere.vault.azure.net');
    expect(path.status).toBe('unconfirmed');
    expect(path.requirements).toEqual([]);
  });

  it('makes one path per variable, even for two references to the same secret', () => {
    const estate = endpointEstate({
      deployments: deploymentWithVariables({ A: keyVaultRef('kv-ml', 's'), B: keyVaultRef('kv-ml', 's') }),
    });
    expect(pathsOf(estate, 'deployment-key-vault-secret').map((p) => p.id.split('|').pop())).toEqual([
      'A',
      'B',
    ]);
  });
});

describe('callers and operators of an endpoint', () => {
  // The path a principal is covered by: its own, or the one it shares with principals reaching the endpoint alike.
  const invoke = (estate: Estate, actor: string) =>
    onePath(estate, 'endpoint-invoke', (p) => pathPrincipals(p).includes(actor as never));
  const manage = (estate: Estate, actor: string) =>
    onePath(estate, 'endpoint-manage', (p) => pathPrincipals(p).includes(actor as never));
  const withCallers = (estate: Estate, ...callers: (typeof IDS)[keyof typeof IDS][]) => {
    const endpoint = estate.onlineEndpoints[0];
    if (endpoint) endpoint.callers = callers as never;
    return estate;
  };

  it('treats key callers as key holders: no role is checked on the call (R68), fetching the key is optional (R63)', () => {
    const estate = withCallers(endpointEstate(), IDS.carol);
    const path = invoke(estate, IDS.carol);
    expect(path.identity.kind).toBe('key-or-token');
    expect(path.status).toBe('not-required');
    expect(path.requirements[0]).toMatchObject({
      action: ACTIONS.endpointListKeys,
      scope: IDS.endpoint,
      optional: true,
    });
    expect(path.requirements[0]?.decision?.allowed).toBe(false);
  });

  it('asks for the token action on an aml_token endpoint (R62)', () => {
    const estate = withCallers(endpointEstate({ endpoint: '    auth_mode: aml_token\n' }), IDS.carol);
    expect(invoke(estate, IDS.carol).requirements[0]?.action).toBe(ACTIONS.endpointToken);
  });

  it('checks the score action for an aad_token managed endpoint (R69)', () => {
    const denied = withCallers(endpointEstate({ endpoint: '    auth_mode: aad_token\n' }), IDS.carol);
    const path = invoke(denied, IDS.carol);
    // Carol shares the path of every principal denied alike; the identity is the first of them, a user too.
    expect(path.identity).toMatchObject({ kind: 'user', principal: pathPrincipals(path)[0] });
    expect(pathPrincipals(path)).toContain(IDS.carol);
    expect(path.requirements[0]).toMatchObject({
      action: ACTIONS.endpointScore,
      scope: IDS.endpoint,
      suggestedRole: ROLES.azureMlDataScientist,
    });
    expect(path.status).toBe('missing');

    const allowed = withCallers(
      endpointEstate({
        endpoint: '    auth_mode: aad_token\n',
        roles: ['{ principal: carol@contoso.com, role: AzureML Data Scientist, scope: ep }'],
      }),
      IDS.carol,
    );
    expect(invoke(allowed, IDS.carol).status).toBe('granted');
  });

  it('marks aad_token on a Kubernetes endpoint as unsupported (R67)', () => {
    const kubernetes = `computes:
  - name: k8s
    workspace: ws-ml
    type: kubernetes
    identity: { type: system_assigned }
`;
    const estate = withCallers(
      endpointEstate({
        endpoint: '    kind: kubernetes\n    compute: k8s\n    auth_mode: aad_token\n',
        extra: kubernetes,
      }),
      IDS.carol,
    );
    const path = invoke(estate, IDS.carol);
    expect(path.status).toBe('unsupported');
    expect(path.trace[0]?.fact).toBe('R67');
  });

  it('lists the creator, deployment creators, declared callers and role holders, but not the endpoint identity', () => {
    const deployments = `online_deployments:
  - name: blue
    endpoint: ep
    created_by: bob@contoso.com
`;
    const estate = withCallers(
      endpointEstate({
        endpoint: UAI_IDENTITY,
        deployments,
        roles: [...UAI_DEPLOYMENT_GRANTS, '{ principal: carol@contoso.com, role: Reader, scope: rg-ml }'],
      }),
    );
    const actors = pathsOf(estate, 'endpoint-manage')
      .flatMap((p) => pathPrincipals(p))
      .sort();
    expect(actors).toEqual([IDS.alice, IDS.bob, IDS.carol].sort());
    expect(actors).not.toContain(IDS.uai);
  });

  it('lists the endpoint identity when it is declared as a caller', () => {
    const estate = withCallers(
      endpointEstate({ endpoint: UAI_IDENTITY, roles: UAI_DEPLOYMENT_GRANTS }),
      IDS.uai,
    );
    expect(invoke(estate, IDS.uai).actor).toBe(IDS.uai);
  });

  it('checks operators at the workspace for writes and at the endpoint for reads (R58, R61), studio at the group (R60)', () => {
    const estate = endpointEstate({
      roles: ['{ principal: alice@contoso.com, role: AzureML Data Scientist, scope: ws-ml }'],
    });
    const path = manage(estate, IDS.alice);
    const byAction = new Map(path.requirements.map((r) => [r.action, r]));
    expect(byAction.get(ACTIONS.endpointRead)?.scope).toBe(IDS.endpoint);
    expect(byAction.get(ACTIONS.endpointWrite)?.scope).toBe(IDS.workspace);
    expect(byAction.get(ACTIONS.deploymentWrite)?.scope).toBe(IDS.workspace);
    expect(byAction.get(ACTIONS.endpointDelete)?.scope).toBe(IDS.workspace);
    expect(byAction.get(ACTIONS.resourceDeploymentsWrite)).toMatchObject({ scope: IDS.rg, optional: true });
    expect(path.status).toBe('granted');

    const bare = manage(endpointEstate(), IDS.alice);
    expect(bare.status).toBe('missing');
  });

  it('merges principals reaching the endpoint through the same assignments into one path that lists them', () => {
    const estate = withCallers(
      endpointEstate({ endpoint: '    auth_mode: aad_token\n' }),
      IDS.bob,
      IDS.carol,
    );
    // Alice (the creator), Bob and Carol hold nothing: one caller path and one operator path stand for all three.
    const callers = pathsOf(estate, 'endpoint-invoke');
    expect(callers).toHaveLength(1);
    expect(callers[0]?.principals).toEqual([IDS.alice, IDS.bob, IDS.carol].sort());
    expect(callers[0]?.actor).toBe(pathPrincipals(callers[0] as AccessPath)[0]);
    expect(callers[0]?.title).toMatch(/^3 users call ep$/);
    expect(callers[0]?.identity.label).toBe('3 users');
    expect(pathsOf(estate, 'endpoint-manage')).toHaveLength(1);
  });

  it('keeps a principal apart when a grant of its own gives it access, on the path of that grant', () => {
    const estate = withCallers(
      endpointEstate({
        endpoint: '    auth_mode: aad_token\n',
        roles: ['{ principal: carol@contoso.com, role: AzureML Data Scientist, scope: ep }'],
      }),
      IDS.bob,
      IDS.carol,
    );
    const callers = pathsOf(estate, 'endpoint-invoke');
    expect(callers).toHaveLength(2);
    const carol = callers.find((p) => p.actor === IDS.carol);
    expect(carol?.principals).toBeUndefined();
    // A path of a grant carries the grant in its id: one principal may be given its access by two grants.
    expect(carol?.id).toBe(`endpoint-invoke|${IDS.carol}|${IDS.endpoint}|${ROLES.azureMlDataScientist}@${IDS.endpoint.toLowerCase()}#planned`);
    expect(carol?.grant).toMatchObject({ roleId: ROLES.azureMlDataScientist, roleName: 'AzureML Data Scientist', scope: IDS.endpoint });
    expect(carol?.status).toBe('granted');
    const others = callers.find((p) => p.actor !== IDS.carol);
    expect(others?.principals).toEqual([IDS.alice, IDS.bob].sort());
    expect(others?.status).toBe('missing');
  });
});
