import type { AnalysisContext } from '../context/analysis-context';
import { ACTIONS, DATA_ACTIONS, ROLES } from '../context/actions';
import { endpointAccessPaths, endpointAccessShared } from './endpoint-access';
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

/** Every endpoint-related path: deployment dependencies, callers and operators. */
export function endpointPaths(context: AnalysisContext): AccessPath[] {
  return endpointPathsEach(context, context.estate.onlineEndpoints).flat();
}

/**
 * The paths of each of `endpoints`, in their order: what {@link endpointPaths} gives for them. Incremental
 * analysis resolves the endpoints of one workspace at a time with it (what an endpoint's paths read is mostly
 * its workspace's and its scopes' grants), so an edit of one subscription's grants redoes only its endpoints.
 */
export function endpointPathsEach(context: AnalysisContext, endpoints: readonly OnlineEndpoint[]): AccessPath[][] {
  const { topology } = context;
  const shared = endpointAccessShared();
  const pathsByEndpoint = endpoints.map((endpoint) => {
    const workspace = topology.getOfKind(endpoint.workspace, 'workspace');
    if (!workspace) return [];
    const paths: AccessPath[] = [];
    for (const deployment of topology.deploymentsOf(endpoint.id)) paths.push(...deploymentPaths(context, workspace, endpoint, deployment));
    paths.push(...endpointAccessPaths(context, shared, workspace, endpoint));
    return paths;
  });
  // The grant keys the endpoints shared are only worth keeping while these endpoints are resolved.
  shared.release();
  return pathsByEndpoint;
}
