import type { AnalysisContext } from '../context/analysis-context';
import { ACTIONS, DATA_ACTIONS, ROLES } from '../context/actions';
import type { EntityId } from '../model/ids';
import { defaultIdentity } from '../model/topology';
import type { OnlineDeployment, OnlineEndpoint, Workspace } from '../model/types';
import { describePrincipal, keyVaultRequirement, makePath, principalIdentity, registryOfImage, requirement } from './builder';
import { parseSecretReference } from './secret-references';
import type { AccessPath, PathRequirement, ResolvedIdentity, TraceStep } from './types';

function endpointIdentity(context: AnalysisContext, endpoint: OnlineEndpoint): { identity: ResolvedIdentity; id?: EntityId; step: TraceStep } {
  const { topology } = context;
  const id = defaultIdentity(endpoint.id, endpoint.identity);
  if (id === undefined) {
    return {
      identity: { kind: 'none', label: `${endpoint.name} has no identity`, chosen: 'explicit' },
      step: { text: `${endpoint.name} has no managed identity for its deployments to use.`, entity: endpoint.id, fact: 'R70', source: 'S2' },
    };
  }
  return {
    id,
    identity: principalIdentity(topology, id, endpoint.identity.system ? 'fallback' : 'explicit'),
    step: endpoint.identity.system
      ? { text: `Deployments of ${endpoint.name} run as its system-assigned identity, which receives its basic grants automatically.`, entity: id, fact: 'R71', source: 'S2' }
      : { text: `Deployments of ${endpoint.name} run as ${topology.nameOf(id)}; a user-assigned endpoint identity gets nothing automatically.`, entity: id, fact: 'R72', source: 'S2' },
  };
}

function deploymentPaths(context: AnalysisContext, workspace: Workspace, endpoint: OnlineEndpoint, deployment: OnlineDeployment): AccessPath[] {
  const { topology } = context;
  const { identity, id, step } = endpointIdentity(context, endpoint);
  const paths: AccessPath[] = [];
  const via = [endpoint.id];
  const who = id ? describePrincipal(topology, id) : 'the endpoint';

  const named = registryOfImage(topology, deployment.image);
  // A container registry the estate does not hold is private to someone, and its grant cannot be checked;
  // checking the workspace registry instead would report a grant (or its absence) on the wrong resource.
  // Public hosts (mcr.microsoft.com, Docker Hub) need no grant, so the workspace registry stays the one to check.
  const image = named && (named.registry || named.host.endsWith('.azurecr.io')) ? named : undefined;
  const workspaceRegistry = topology.getOfKind(workspace.containerRegistry, 'containerRegistry');
  const registry = image ? image.registry : workspaceRegistry;
  if (registry) {
    const trace: TraceStep[] = [step, { text: `The container image is pulled from ${registry.name} as ${who}.`, entity: registry.id, source: 'S2' }];
    if (endpoint.identity.system && registry.id !== workspaceRegistry?.id) {
      trace.push({
        text: `${registry.name} is not the workspace registry; Azure ML grants the endpoint identity AcrPull on the workspace registry only, so this grant is always made by hand.`,
        entity: registry.id,
        fact: 'R71',
        source: 'S2',
      });
    }
    paths.push(
      makePath({
        kind: 'deployment-image-pull',
        title: `${deployment.name} pulls its image from ${registry.name}`,
        actor: deployment.id,
        target: registry.id,
        via,
        identity,
        trace,
        requirements: [requirement(context, id, { label: 'pull the image', action: ACTIONS.acrPull, scope: registry.armId, role: ROLES.acrPull })],
      }),
    );
  } else if (image) {
    paths.push(
      makePath({
        kind: 'deployment-image-pull',
        title: `${deployment.name} pulls its image from ${image.host}`,
        actor: deployment.id,
        target: image.host,
        via,
        identity,
        trace: [
          step,
          { text: `The container image ${deployment.image ?? ''} comes from ${image.host}, which is not in the estate, so whether ${who} may pull it cannot be checked.`, source: 'S2' },
        ],
        requirements: [],
        confidence: 'unconfirmed',
        status: 'unconfirmed',
      }),
    );
  }

  const storage = topology.getOfKind(workspace.storageAccount, 'storageAccount');
  if (storage) {
    paths.push(
      makePath({
        kind: 'deployment-model-storage',
        title: `${deployment.name} reads its model from ${storage.name}`,
        actor: deployment.id,
        target: storage.id,
        via,
        identity,
        trace: [step, { text: `Model and code files are read from the workspace storage ${storage.name} as ${who}.`, entity: storage.id, source: 'S2' }],
        requirements: [
          requirement(context, id, { label: 'read model files', action: DATA_ACTIONS.blobRead, dataAction: true, scope: storage.armId, role: ROLES.storageBlobDataReader }),
        ],
      }),
    );
  }

  paths.push(
    makePath({
      kind: 'deployment-metrics',
      title: `${deployment.name} writes metrics to ${workspace.name}`,
      actor: deployment.id,
      target: workspace.id,
      via,
      identity,
      trace: [step, { text: `Metrics are written to ${workspace.name} as ${who}; without the permission the deployment works but reports no metrics.`, source: 'S2', fact: 'R72' }],
      // Not optional for this path: the metrics path itself fails without it, and an optional requirement
      // would leave the path shown as granted. The rule reporting it decides that the gap is only a warning.
      requirements: [requirement(context, id, { label: 'write metrics', action: ACTIONS.metricsWrite, scope: workspace.armId, role: ROLES.azureMlMetricsWriter })],
    }),
  );

  for (const [variable, value] of Object.entries(deployment.environmentVariables)) {
    const reference = parseSecretReference(value);
    if (!reference) continue;
    if (reference.kind === 'connection') {
      const connection = topology.connectionsOf(workspace.id).find((c) => c.name.toLowerCase() === reference.connection.toLowerCase());
      const scope = connection?.armId ?? `${workspace.armId}/connections/${reference.connection}`;
      paths.push(
        makePath({
          kind: 'deployment-connection-secret',
          title: `${deployment.name} injects connection ${reference.connection} into ${variable}`,
          actor: deployment.id,
          target: connection?.id ?? scope,
          via,
          identity,
          detail: variable,
          trace: [
            step,
            { text: `${variable} refers to connection ${reference.connection}; Azure ML resolves it with ${who} when the deployment is created.`, fact: 'R79', source: 'S9' },
            ...(connection ? [] : [{ text: `Connection ${reference.connection} is not in the estate; if it does not exist, creating the deployment fails.`, fact: 'R79', source: 'S9' as const }]),
          ],
          requirements: [requirement(context, id, { label: 'read connection secrets', action: ACTIONS.connectionListSecrets, scope, role: ROLES.connectionSecretsReader })],
          // A reference to a connection that does not exist fails the deployment whatever the grants say.
          ...(connection ? {} : { status: 'missing' as const }),
        }),
      );
    } else {
      const vault = context.estate.keyVaults.find((v) => v.name.toLowerCase() === reference.vault.toLowerCase());
      const requirements: PathRequirement[] = vault
        ? [
            keyVaultRequirement(context, id, vault, {
              label: `read secret ${reference.secret}`,
              action: DATA_ACTIONS.keyVaultGetSecret,
              role: ROLES.keyVaultSecretsUser,
              policyPermission: { list: 'secrets', permission: 'get' },
            }),
          ]
        : [];
      paths.push(
        makePath({
          kind: 'deployment-key-vault-secret',
          title: `${deployment.name} injects secret ${reference.secret} from ${reference.vault} into ${variable}`,
          actor: deployment.id,
          target: vault?.id ?? `https://${reference.vault}.vault.azure.net`,
          via,
          identity,
          detail: variable,
          trace: [
            step,
            { text: `${variable} refers to secret ${reference.secret} in key vault ${reference.vault}; Azure ML never grants access to it on its own.`, fact: 'R73', source: 'S9' },
            ...(vault ? [] : [{ text: `Key vault ${reference.vault} is not in the estate, so the grant cannot be checked.` }]),
          ],
          requirements,
          // Without the vault there is nothing to check; the status must not default to granted.
          ...(vault ? {} : { confidence: 'unconfirmed' as const, status: 'unconfirmed' as const }),
        }),
      );
    }
  }
  return paths;
}

/**
 * Principals that hold any role on the endpoint or above it, plus its creator, the creators of its deployments
 * and its declared callers: the people to explain access for.
 */
function endpointPrincipals(context: AnalysisContext, endpoint: OnlineEndpoint): EntityId[] {
  const { topology } = context;
  const found = new Set<EntityId>();
  if (endpoint.createdBy) found.add(endpoint.createdBy);
  for (const deployment of topology.deploymentsOf(endpoint.id)) if (deployment.createdBy) found.add(deployment.createdBy);
  for (const caller of endpoint.callers ?? []) found.add(caller);
  // The endpoint's own user-assigned identity holds roles for its deployments (AcrPull, metrics); listing it
  // as someone who calls or manages the endpoint would be noise unless it is declared as such above.
  const ownIdentities = new Set<EntityId>(endpoint.identity.userAssigned);
  // The principals filed at each scope of the chain, not every assignment: a subscription's thousands of
  // assignments would otherwise be visited once per endpoint below it.
  for (const key of context.rbac.ancestors(endpoint.armId)) {
    for (const id of context.rbac.assignmentsByPrincipalAt(key)?.keys() ?? []) {
      if (found.has(id)) continue;
      const principal = topology.get(id);
      if (!principal || ownIdentities.has(principal.id)) continue;
      if (principal.kind === 'user' || principal.kind === 'group' || principal.kind === 'servicePrincipal' || principal.kind === 'userAssignedIdentity') {
        found.add(principal.id);
      }
    }
  }
  return [...found].sort();
}

/** Callers invoking an endpoint (data plane, R66 to R69) and operators managing it (control plane, R58 to R64). */
function endpointAccessPaths(context: AnalysisContext, workspace: Workspace, endpoint: OnlineEndpoint): AccessPath[] {
  const { topology } = context;
  const paths: AccessPath[] = [];
  const resourceGroup = topology.resourceGroupOf(workspace.id);
  for (const principal of endpointPrincipals(context, endpoint)) {
    const who = principalIdentity(topology, principal, 'explicit');
    const trace: TraceStep[] = [];
    let requirements: PathRequirement[] = [];
    let status: AccessPath['status'] | undefined;
    if (endpoint.authMode === 'aad_token') {
      if (endpoint.endpointKind === 'kubernetes') {
        trace.push({ text: `${endpoint.name} is a Kubernetes endpoint, which cannot use Entra tokens; only key and aml_token work there.`, entity: endpoint.id, fact: 'R67', source: 'S2' });
        status = 'unsupported';
      } else {
        trace.push({ text: `${endpoint.name} accepts Entra tokens, so a caller needs the score action on the endpoint.`, entity: endpoint.id, fact: 'R69', source: 'S2' });
        requirements = [requirement(context, principal, { label: 'score', action: ACTIONS.endpointScore, scope: endpoint.armId, role: ROLES.azureMlDataScientist })];
      }
    } else {
      const token = endpoint.authMode === 'aml_token';
      trace.push({
        text: `${endpoint.name} uses ${token ? 'Azure ML tokens' : 'keys'}: whoever holds one can call it, and no role is checked on the call itself.`,
        entity: endpoint.id,
        fact: 'R68',
        source: 'S2',
      });
      trace.push({ text: `Fetching the ${token ? 'token' : 'key'} from Azure is a control-plane action on the endpoint.`, fact: token ? 'R62' : 'R63', source: 'S2' });
      requirements = [
        requirement(context, principal, {
          label: token ? 'get a token' : 'list keys',
          action: token ? ACTIONS.endpointToken : ACTIONS.endpointListKeys,
          scope: endpoint.armId,
          role: ROLES.azureMlDataScientist,
          optional: true,
        }),
      ];
    }
    const invokeIdentity: ResolvedIdentity =
      endpoint.authMode === 'aad_token' ? who : { kind: 'key-or-token', principal, label: `${who.label}, holding a ${endpoint.authMode === 'aml_token' ? 'token' : 'key'}`, chosen: 'explicit' };
    paths.push(
      makePath({
        kind: 'endpoint-invoke',
        title: `${topology.nameOf(principal)} calls ${endpoint.name}`,
        actor: principal,
        target: endpoint.id,
        identity: invokeIdentity,
        trace,
        requirements,
        ...(status ? { status } : {}),
      }),
    );

    const manage: PathRequirement[] = [
      requirement(context, principal, { label: 'read endpoints', action: ACTIONS.endpointRead, scope: endpoint.armId, role: ROLES.azureMlDataScientist }),
      requirement(context, principal, { label: 'create or update endpoints', action: ACTIONS.endpointWrite, scope: workspace.armId, role: ROLES.azureMlDataScientist }),
      requirement(context, principal, { label: 'create or update deployments', action: ACTIONS.deploymentWrite, scope: workspace.armId, role: ROLES.azureMlDataScientist }),
      requirement(context, principal, { label: 'delete endpoints', action: ACTIONS.endpointDelete, scope: workspace.armId, role: ROLES.azureMlDataScientist }),
    ];
    if (resourceGroup) {
      manage.push(
        requirement(context, principal, {
          label: 'manage from studio (deployments on the resource group)',
          action: ACTIONS.resourceDeploymentsWrite,
          scope: resourceGroup.armId,
          role: ROLES.contributor,
          optional: true,
        }),
      );
    }
    paths.push(
      makePath({
        kind: 'endpoint-manage',
        title: `${topology.nameOf(principal)} manages ${endpoint.name}`,
        actor: principal,
        target: endpoint.id,
        identity: who,
        trace: [
          { text: 'Managing an endpoint goes through the workspace with an Entra token; creating, updating and deleting are checked at the workspace.', fact: 'R58', source: 'S2' },
          { text: 'Doing the same from studio also needs the right to create deployments on the resource group.', fact: 'R60', source: 'S2' },
        ],
        requirements: manage,
      }),
    );
  }
  return paths;
}

/** Every endpoint-related path: deployment dependencies, callers and operators. */
export function endpointPaths(context: AnalysisContext): AccessPath[] {
  const { topology } = context;
  const paths: AccessPath[] = [];
  for (const endpoint of context.estate.onlineEndpoints) {
    const workspace = topology.getOfKind(endpoint.workspace, 'workspace');
    if (!workspace) continue;
    for (const deployment of topology.deploymentsOf(endpoint.id)) paths.push(...deploymentPaths(context, workspace, endpoint, deployment));
    paths.push(...endpointAccessPaths(context, workspace, endpoint));
  }
  return paths;
}
