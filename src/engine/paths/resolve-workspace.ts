import type { AnalysisContext } from '../context/analysis-context';
import { ACTIONS, DATA_ACTIONS, ROLES } from '../context/actions';
import { systemIdentityId, type EntityId } from '../model/ids';
import { defaultIdentity } from '../model/topology';
import type { Compute, ContainerRegistry, KeyVault, Workspace } from '../model/types';
import { unknownComputeTypeText } from '../model/compute-kinds';
import {
  loginServerOf,
  datastoreScope,
  describePrincipal,
  identityOrNone,
  keyVaultRequirement,
  makePath,
  principalIdentity,
  type KeyVaultRequirementSpec,
  type PathSpec,
  registryOfImage,
  requirement,
} from './builder';
import { runUnits, workspaceServiceIdentity } from './resolve-jobs';
import type { AccessPath, PathRequirement, ResolvedIdentity, TraceStep } from './types';

/** Workspace to each of its dependencies (storage, key vault, registry, Application Insights), R2 and R4. */
export function workspaceDependencyPaths(context: AnalysisContext): AccessPath[] {
  const { topology } = context;
  const paths: AccessPath[] = [];
  for (const workspace of context.estate.workspaces) {
    const identityId = workspaceServiceIdentity(workspace);
    const usesUai = identityId !== undefined && !identityId.endsWith('#system-identity');
    const trace: TraceStep[] = [];
    if (identityId === undefined) {
      trace.push({ text: `${workspace.name} has no managed identity, so it cannot reach its dependencies.`, entity: workspace.id, fact: 'R1', source: 'S1' });
    } else if (usesUai) {
      trace.push({
        text: `${workspace.name} uses a user-assigned identity; its primary one, ${topology.nameOf(identityId)}, talks to the dependencies, and you create its role assignments yourself.`,
        entity: identityId,
        fact: 'R4',
        source: 'S1',
      });
    } else {
      trace.push({
        text: `${workspace.name} uses its system-assigned identity, and Azure ML creates that identity's role assignments on the dependencies for you.`,
        entity: identityId,
        fact: 'R2',
        source: 'S1',
      });
    }
    const identity = identityOrNone(topology, identityId, 'explicit', 'no workspace identity');

    const dependencies: { id: EntityId | undefined; label: string; build: () => PathRequirement[] }[] = [
      {
        id: workspace.id,
        label: 'workspace',
        build: () => [contributor(context, identityId, workspace.armId, ACTIONS.workspaceWrite, 'manage the workspace')],
      },
      {
        id: workspace.storageAccount,
        label: 'storage account',
        build: () => {
          const storage = topology.getOfKind(workspace.storageAccount, 'storageAccount');
          if (!storage) return [];
          return [
            contributor(context, identityId, storage.armId, ACTIONS.storageWrite, 'manage the storage account'),
            requirement(context, identityId, {
              label: 'read and write data (studio data preview)',
              action: DATA_ACTIONS.blobWrite,
              dataAction: true,
              scope: storage.armId,
              role: ROLES.storageBlobDataContributor,
              optional: true,
            }),
          ];
        },
      },
      {
        id: workspace.keyVault,
        label: 'key vault',
        build: () => {
          const vault = topology.getOfKind(workspace.keyVault, 'keyVault');
          if (!vault) return [];
          return [
            contributor(context, identityId, vault.armId, ACTIONS.keyVaultWrite, 'manage the key vault'),
            keyVaultRequirement(context, identityId, vault, {
              label: 'manage secrets',
              action: DATA_ACTIONS.keyVaultSetSecret,
              role: ROLES.keyVaultAdministrator,
              // R4: under the access-policy model the workspace identity needs every secret permission but purge.
              policyPermission: { list: 'secrets', permission: WORKSPACE_SECRET_PERMISSIONS },
            }),
          ];
        },
      },
      {
        id: workspace.containerRegistry,
        label: 'container registry',
        build: () => {
          const registry = topology.getOfKind(workspace.containerRegistry, 'containerRegistry');
          if (!registry) return [];
          return [
            contributor(context, identityId, registry.armId, ACTIONS.acrWrite, 'manage the registry'),
            requirement(context, identityId, { label: 'pull images', action: ACTIONS.acrPull, scope: registry.armId, role: ROLES.acrPull }),
          ];
        },
      },
      {
        id: workspace.applicationInsights,
        label: 'Application Insights',
        build: () => {
          const insights = topology.getOfKind(workspace.applicationInsights, 'applicationInsights');
          return insights ? [contributor(context, identityId, insights.armId, ACTIONS.appInsightsWrite, 'manage Application Insights')] : [];
        },
      },
    ];

    // Exported: the whole estate's assignments, or this workspace's beside a plan for others (provenance.exported).
    const observed = context.estate.assignmentsOrigin === 'observed' || context.estate.provenance?.exported?.includes(workspace.id) === true;
    const registry = topology.getOfKind(workspace.containerRegistry, 'containerRegistry');
    // R16 (unconfirmed): a registry closed to the public network does not accept a workspace that reaches it
    // through a user-assigned identity alone.
    const closedRegistryUaiOnly =
      registry !== undefined && usesUai && !workspace.identity.system && !registry.adminUserEnabled && registry.publicNetworkAccess === 'Disabled';
    for (const dependency of dependencies) {
      if (dependency.id === undefined || !topology.get(dependency.id)) continue;
      const dependencyTrace = [...trace];
      let requirements: PathRequirement[];
      let status: AccessPath['status'] | undefined;
      if (usesUai) {
        requirements = dependency.build();
      } else if (identityId !== undefined && observed) {
        // In an export the assignments are the truth: check the management rights Azure ML normally gives
        // its system identity, and say that Azure usually creates them.
        requirements = dependency.build().filter((r) => !r.dataAction && r.suggestedRole === ROLES.contributor);
        dependencyTrace.push({ text: 'This estate was exported from Azure, so the grants Azure ML usually makes are checked against the exported role assignments.', fact: 'R2', source: 'S1' });
      } else {
        // A system identity's grants on the dependencies are Azure ML's business (R2): nothing to check.
        requirements = [];
        if (identityId !== undefined) status = 'automatic';
      }
      if (closedRegistryUaiOnly && dependency.id === registry?.id) {
        dependencyTrace.push({
          text: `${registry.name} has public network access disabled, and a workspace that reaches it through a user-assigned identity alone is not supported there (no source states it for Azure ML directly).`,
          entity: registry.id,
          fact: 'R16',
          source: 'S3',
        });
        status = 'unconfirmed';
      }
      paths.push(
        makePath({
          kind: 'workspace-dependency',
          // The workspace's own resource is not one of "its" dependencies: "ws reaches itself (the workspace)".
          title: dependency.id === workspace.id ? `${workspace.name} reaches itself (the workspace)` : `${workspace.name} reaches its ${dependency.label}`,
          actor: workspace.id,
          target: dependency.id,
          identity,
          trace: dependencyTrace,
          requirements,
          ...(status ? { status } : {}),
        }),
      );
    }
  }
  return paths;
}

/** R4 (as the S22 template grants them): every secret permission of an access policy except purge. */
export const WORKSPACE_SECRET_PERMISSIONS: readonly string[] = ['get', 'list', 'set', 'delete', 'recover', 'backup', 'restore'];

function contributor(context: AnalysisContext, principal: EntityId | undefined, scope: string, action: string, label: string): PathRequirement {
  return requirement(context, principal, { label: `${label} (Contributor)`, action, scope, role: ROLES.contributor });
}

/** Which identity pulls images for a compute from a registry, and why (R18, R27, section 2 step 7). */
function imagePull(
  context: AnalysisContext,
  compute: Compute,
  registry: ContainerRegistry,
  isWorkspaceRegistry: boolean,
): { identity: ResolvedIdentity; trace: TraceStep[]; requirements: PathRequirement[] } {
  const { topology } = context;
  const trace: TraceStep[] = [];
  if (isWorkspaceRegistry && registry.adminUserEnabled) {
    trace.push({ text: `${registry.name} has its admin user enabled, so images are pulled with the admin credentials.`, entity: registry.id, fact: 'R18', source: 'S1' });
    return { identity: { kind: 'acr-admin', label: `admin user of ${registry.name}`, chosen: 'fallback' }, trace, requirements: [] };
  }
  const identityId = defaultIdentity(compute.id, compute.identity);
  if (identityId === undefined) {
    trace.push({ text: `${compute.name} has no managed identity to pull images from ${registry.name} with.`, entity: compute.id, fact: 'R27', source: 'S1' });
    return { identity: { kind: 'none', label: `${compute.name} has no identity`, chosen: 'fallback' }, trace, requirements: [] };
  }
  // A registry known only by reference has an admin user nobody exported: say so rather than call it disabled.
  const adminUnknown = context.estate.provenance?.unknown[registry.id]?.some((f) => f === '*' || f === 'adminUserEnabled') === true;
  const why = adminUnknown ? `Whether the admin user of ${registry.name} is enabled is not known; if it is not,` : `The admin user of ${registry.name} is disabled, so`;
  trace.push({
    text: `${isWorkspaceRegistry ? why : 'For a private registry'} ${compute.name} pulls with its default identity, ${describePrincipal(topology, identityId)}.`,
    entity: identityId,
    fact: isWorkspaceRegistry ? 'R27' : 'R55',
    source: 'S1',
  });
  if (registry.roleAssignmentMode === 'abac') {
    trace.push({ text: `${registry.name} uses ABAC repository permissions, where AcrPull is not honoured; a repository reader role is needed instead.`, fact: 'R23', source: 'S25' });
  }
  return {
    identity: principalIdentity(topology, identityId, 'fallback'),
    trace,
    requirements: [requirement(context, identityId, { label: 'pull images', action: ACTIONS.acrPull, scope: registry.armId, role: ROLES.acrPull })],
  };
}

/** Compute to the workspace registry, compute to private registries, environment builds, compute to key vault. */
export function computePaths(context: AnalysisContext): AccessPath[] {
  const { topology } = context;
  const paths: AccessPath[] = [];
  for (const compute of context.estate.computes) {
    const workspace = topology.getOfKind(compute.workspace, 'workspace');
    if (!workspace) continue;
    // Only clusters are documented to pull training images with their own identity (R20, R27) and to fetch
    // datastore secrets with it (R29). A compute of unknown kind may be one: it gets a cluster's paths, unconfirmed,
    // each led by the step that says what would tell.
    const unknownType = unknownComputeTypeText(compute);
    if (compute.computeType !== 'amlcompute' && unknownType === undefined) continue;
    const clusterPath = (spec: PathSpec, titleIfUnknown: string): AccessPath =>
      makePath(
        unknownType === undefined
          ? spec
          : { ...spec, title: titleIfUnknown, trace: [{ text: unknownType, entity: compute.id }, ...spec.trace], confidence: 'unconfirmed' },
      );
    const registry = topology.getOfKind(workspace.containerRegistry, 'containerRegistry');
    if (registry) {
      const pull = imagePull(context, compute, registry, true);
      paths.push(
        clusterPath(
          { kind: 'compute-image-pull', title: `${compute.name} pulls images from ${registry.name}`, actor: compute.id, target: registry.id, ...pull },
          `${compute.name} may pull images from ${registry.name}`,
        ),
      );
    } else {
      paths.push(
        clusterPath(
          {
            kind: 'compute-image-pull',
            title: `${compute.name} pulls images from the workspace registry`,
            actor: compute.id,
            target: workspace.id,
            identity: { kind: 'acr-admin', label: 'admin user of the registry Azure ML will create', chosen: 'fallback' },
            trace: [{ text: `${workspace.name} has no registry yet; Azure ML creates one on first need, with its admin user enabled.`, entity: workspace.id, fact: 'R18', source: 'S1' }],
            requirements: [],
          },
          `${compute.name} may pull images from the workspace registry`,
        ),
      );
    }

    const vault = topology.getOfKind(workspace.keyVault, 'keyVault');
    if (vault) {
      const identityId = defaultIdentity(compute.id, compute.identity);
      paths.push(
        unconfirmedKeyVaultPath(context, vault, identityId, {
          kind: 'compute-key-vault',
          title: unknownType === undefined ? `${compute.name} reads datastore secrets from ${vault.name}` : `${compute.name} may read datastore secrets from ${vault.name}`,
          actor: compute.id,
          identity: identityOrNone(topology, identityId, 'fallback', `${compute.name} has no identity`),
          trace: [
            ...(unknownType === undefined ? [] : [{ text: unknownType, entity: compute.id }]),
            { text: `A cluster's managed identity fetches datastore connection details from the workspace key vault ${vault.name}.`, entity: vault.id, fact: 'R29', source: 'S1' },
            { text: 'The documents do not say which role that identity needs there, so this path is shown as unconfirmed.', fact: 'R29' },
          ],
          need: {
            label: 'read secrets',
            action: DATA_ACTIONS.keyVaultGetSecret,
            role: ROLES.keyVaultSecretsUser,
            policyPermission: { list: 'secrets', permission: 'get' },
          },
        }),
      );
    }
  }

  // Private registries: images named by jobs, pulled as-is by the compute or built by Azure ML.
  for (const job of context.estate.jobs) {
    const workspace = topology.getOfKind(job.workspace, 'workspace');
    if (!workspace) continue;
    for (const unit of runUnits(job)) {
      const step = job.steps.find((s) => s.name === unit.detail);
      const environment = step?.environment ?? job.environment;
      const image = registryOfImage(topology, environment?.image);
      if (!image?.registry || image.registry.id === workspace.containerRegistry) continue;
      const privateRegistry = image.registry;
      if (environment?.build === 'managed_build') {
        paths.push(environmentBuildPath(context, workspace, privateRegistry));
        continue;
      }
      const compute = typeof unit.compute === 'string' && unit.compute !== 'serverless' ? topology.getOfKind(unit.compute, 'compute') : undefined;
      if (!compute) continue;
      const pull = imagePull(context, compute, privateRegistry, false);
      paths.push(
        makePath({
          kind: 'compute-private-registry',
          title: `${compute.name} pulls base image ${environment?.image ?? ''} for ${unit.label}`,
          actor: compute.id,
          target: privateRegistry.id,
          via: [job.id],
          ...pull,
        }),
      );
    }
  }
  return dedupe(paths);
}

/** R56: an Azure ML-managed environment built on a base image from a private registry. */
function environmentBuildPath(context: AnalysisContext, workspace: Workspace, registry: ContainerRegistry): AccessPath {
  const { topology } = context;
  const trace: TraceStep[] = [
    { text: `Azure ML builds the environment with ACR Tasks in the workspace registry, and that build must pull the base image from ${registry.name}.`, entity: registry.id, fact: 'R56', source: 'S1' },
  ];
  const connection = topology
    .connectionsOf(workspace.id)
    .find(
      (c) =>
        c.connectionType === 'container_registry' &&
        (c.target ?? '').toLowerCase().replace(/^https?:\/\//, '').replace(/\/$/, '') === loginServerOf(registry),
    );
  if (!connection || connection.credentialKind !== 'managed_identity' || connection.identity === undefined) {
    trace.push({
      text: connection
        ? `Connection ${connection.name} points at ${loginServerOf(registry)} but does not use managed identity credentials naming a user-assigned identity.`
        : `The workspace has no container_registry connection to ${loginServerOf(registry)}, so the build has no identity to pull with.`,
      fact: 'R56',
      source: 'S1',
    });
    return makePath({
      kind: 'environment-build-private-registry',
      title: `${workspace.name} builds an environment from ${registry.name}`,
      actor: workspace.id,
      target: registry.id,
      identity: { kind: 'none', label: 'no registry connection with a managed identity', chosen: 'explicit' },
      trace,
      requirements: [],
    });
  }
  const uai = connection.identity;
  trace.push({ text: `Connection ${connection.name} names ${topology.nameOf(uai)}; the build pulls as that identity.`, entity: connection.id, fact: 'R56', source: 'S1' });
  const workspaceIdentity = workspaceServiceIdentity(workspace);
  const uaiEntity = topology.getOfKind(uai, 'userAssignedIdentity');
  const requirements: PathRequirement[] = [requirement(context, uai, { label: 'pull the base image', action: ACTIONS.acrPull, scope: registry.armId, role: ROLES.acrPull })];
  if (uaiEntity && workspaceIdentity) {
    trace.push({
      text: `The workspace identity, ${describePrincipal(topology, workspaceIdentity)}, must be allowed to assign ${uaiEntity.name} to the build task (Managed Identity Operator).`,
      fact: 'R56',
      source: 'S1',
    });
    const operator = requirement(context, workspaceIdentity, {
      label: `assign ${uaiEntity.name} (checked for the workspace identity)`,
      action: ACTIONS.assignIdentity,
      scope: uaiEntity.armId,
      role: ROLES.managedIdentityOperator,
    });
    requirements.push(operator);
  }
  return makePath({
    kind: 'environment-build-private-registry',
    title: `${workspace.name} builds an environment from ${registry.name}`,
    actor: workspace.id,
    target: registry.id,
    via: [connection.id],
    identity: principalIdentity(topology, uai, 'explicit'),
    trace,
    requirements,
  });
}

/** Studio data preview and datastore browse, per datastore (fact sheet section 2, step 6). */
export function studioPaths(context: AnalysisContext): AccessPath[] {
  const { topology } = context;
  const paths: AccessPath[] = [];
  for (const datastore of context.estate.datastores) {
    const workspace = topology.getOfKind(datastore.workspace, 'workspace');
    if (!workspace) continue;
    const storage = topology.getOfKind(datastore.storageAccount, 'storageAccount');
    const scope = datastoreScope(topology, datastore);

    // Preview / profile.
    const trace: TraceStep[] = [];
    let identity: ResolvedIdentity;
    let identityId: EntityId | undefined;
    let previewUnsupported = false;
    const networkForcesWorkspace = storage?.network === 'selected_networks' || storage?.network === 'trusted_services';
    if (datastore.serviceDataAccessAuthIdentity !== 'None' || networkForcesWorkspace) {
      // An explicit choice names one kind of workspace identity; only the network override takes whichever exists.
      identityId =
        datastore.serviceDataAccessAuthIdentity === 'WorkspaceUserAssignedIdentity'
          ? (workspace.primaryUserAssignedIdentity ?? workspace.identity.userAssigned[0])
          : workspace.identity.system
            ? systemIdentityId(workspace.id)
            : datastore.serviceDataAccessAuthIdentity === 'WorkspaceSystemAssignedIdentity'
              ? undefined
              : workspaceServiceIdentity(workspace);
      trace.push(
        networkForcesWorkspace && datastore.serviceDataAccessAuthIdentity === 'None'
          ? {
              text: `${storage?.name} only admits ${storage?.network === 'trusted_services' ? 'trusted Azure services' : 'selected networks'}, so studio previews its data with the workspace managed identity.`,
              entity: storage?.id,
              fact: 'R53',
              source: 'S1',
            }
          : {
              text: `${datastore.name} is set to use the workspace managed identity for data preview and profiling.`,
              entity: datastore.id,
              fact: 'R44',
              source: 'S5',
            },
      );
      identity = identityOrNone(topology, identityId, 'explicit', 'the workspace has no such identity');
    } else if (datastore.credentialKind !== 'none') {
      trace.push({ text: `${datastore.name} keeps a credential and does not use the workspace identity, so preview uses that credential.`, entity: datastore.id, fact: 'R44', source: 'S5' });
      identity = { kind: 'credential', credentialKind: datastore.credentialKind, label: `credential stored with ${datastore.name}`, chosen: 'explicit' };
      if (storage?.network === 'private_endpoint') {
        trace.push({
          text: `${storage.name} is reached through a private network, where studio cannot preview with a stored credential; the datastore must use the workspace identity for that.`,
          entity: storage.id,
          source: 'S5',
        });
        previewUnsupported = true;
      }
    } else {
      trace.push({ text: `${datastore.name} keeps no credential and does not use the workspace identity, so each studio user previews data with their own identity.`, entity: datastore.id, fact: 'R53', source: 'S5' });
      identity = { kind: 'any-user', label: 'the studio user', chosen: 'fallback' };
    }
    // Blob data roles say nothing about Azure Files or ADLS Gen1 (POSIX ACLs), so no requirement is checked there.
    const blobBacked = datastore.datastoreType === 'azure_blob' || datastore.datastoreType === 'azure_data_lake_gen2';
    const requirements =
      scope !== undefined && identityId !== undefined && blobBacked
        ? [requirement(context, identityId, { label: 'read blobs for preview', action: DATA_ACTIONS.blobRead, dataAction: true, scope, role: ROLES.storageBlobDataReader })]
        : [];
    paths.push(
      makePath({
        kind: 'studio-preview',
        title: `studio previews ${datastore.name}`,
        actor: workspace.id,
        target: datastore.id,
        identity,
        trace,
        requirements,
        ...(previewUnsupported ? { status: 'unsupported' as const } : {}),
      }),
    );

    // Browse.
    const browseUsesCredential = datastore.credentialKind === 'account_key' || datastore.credentialKind === 'sas';
    paths.push(
      makePath({
        kind: 'studio-browse',
        title: `studio browses ${datastore.name}`,
        actor: workspace.id,
        target: datastore.id,
        identity: browseUsesCredential
          ? { kind: 'credential', credentialKind: datastore.credentialKind, label: `credential stored with ${datastore.name}`, chosen: 'explicit' }
          : { kind: 'any-user', label: 'the studio user', chosen: 'fallback' },
        trace: [
          browseUsesCredential
            ? { text: `Browsing ${datastore.name} in studio uses its stored ${datastore.credentialKind === 'sas' ? 'SAS token' : 'account key'}.`, entity: datastore.id, source: 'S5' }
            : { text: `Browsing ${datastore.name} in studio uses the identity of the person browsing.`, entity: datastore.id, source: 'S5' },
        ],
        requirements: [],
      }),
    );
  }
  return paths;
}

/** AKS to the workspace registry (R21), CMK storage to key vault (R11) and instance idle shutdown (R31). */
export function otherWorkspacePaths(context: AnalysisContext): AccessPath[] {
  const { topology } = context;
  const paths: AccessPath[] = [];
  for (const aks of context.estate.aksClusters) {
    const workspace = topology.getOfKind(aks.attachedWorkspace, 'workspace');
    const registry = topology.getOfKind(workspace?.containerRegistry, 'containerRegistry');
    if (!workspace || !registry) continue;
    if (aks.clusterIdentity.type === 'service_principal' && aks.clusterIdentity.servicePrincipal) {
      const sp = aks.clusterIdentity.servicePrincipal;
      paths.push(
        makePath({
          kind: 'aks-image-pull',
          title: `${aks.name} pulls images from ${registry.name}`,
          actor: aks.id,
          target: registry.id,
          identity: principalIdentity(topology, sp, 'explicit'),
          trace: [{ text: `${aks.name} authenticates with its service principal ${topology.nameOf(sp)}, which Azure ML grants AcrPull when the cluster is attached.`, fact: 'R21', source: 'S1' }],
          requirements: [requirement(context, sp, { label: 'pull images', action: ACTIONS.acrPull, scope: registry.armId, role: ROLES.acrPull })],
        }),
      );
    } else {
      paths.push(
        makePath({
          kind: 'aks-image-pull',
          title: `${aks.name} pulls images from ${registry.name}`,
          actor: aks.id,
          target: registry.id,
          identity: { kind: 'none', label: `${aks.name} has no service principal`, chosen: 'explicit' },
          trace: [{ text: `${aks.name} uses a managed identity only; an AKS cluster attached for Azure ML inference must use a service principal.`, entity: aks.id, fact: 'R21', source: 'S1' }],
          requirements: [],
          status: 'unsupported',
        }),
      );
    }
  }

  for (const workspace of context.estate.workspaces) {
    const cmk = workspace.customerManagedKey;
    if (!cmk) continue;
    const vault = topology.getOfKind(cmk.keyVault, 'keyVault');
    if (!vault) continue;
    const identityId = cmk.userAssignedIdentity ?? workspaceServiceIdentity(workspace);
    paths.push(
      unconfirmedKeyVaultPath(context, vault, identityId, {
        kind: 'cmk-key-vault',
        title: `${workspace.name}'s encrypted storage reaches key ${cmk.keyUri ?? ''} in ${vault.name}`,
        actor: workspace.id,
        identity: identityId
          ? principalIdentity(topology, identityId, cmk.userAssignedIdentity ? 'explicit' : 'fallback')
          : { kind: 'none', label: 'no identity for the key', chosen: 'fallback' },
        trace: [
          cmk.userAssignedIdentity
            ? { text: `The workspace names ${topology.nameOf(cmk.userAssignedIdentity)} as the identity storage uses to reach the encryption key.`, entity: cmk.userAssignedIdentity, fact: 'R11', source: 'S1' }
            : { text: 'No identity is named for the encryption key, so the workspace identity is assumed.', fact: 'R11', source: 'S1' },
          { text: 'Which key permissions that identity needs is not spelt out in the documents; the check uses key wrapping.', fact: 'R11' },
        ],
        need: {
          label: 'wrap and unwrap the key',
          action: DATA_ACTIONS.keyVaultWrapKey,
          role: ROLES.keyVaultAdministrator,
          policyPermission: { list: 'keys', permission: 'wrapkey' },
        },
      }),
    );
  }

  for (const compute of context.estate.computes) {
    if (compute.computeType !== 'computeinstance' || compute.idleTimeBeforeShutdown === undefined) continue;
    const identityId = defaultIdentity(compute.id, compute.identity);
    if (identityId === undefined) continue;
    const workspace = topology.getOfKind(compute.workspace, 'workspace');
    if (!workspace) continue;
    paths.push(
      makePath({
        kind: 'instance-idle-shutdown',
        title: `${compute.name} shuts itself down when idle`,
        actor: compute.id,
        target: workspace.id,
        identity: principalIdentity(topology, identityId, 'fallback'),
        trace: [{ text: `${compute.name} has a managed identity and idle shutdown; that identity must hold Contributor on ${workspace.name} for the shutdown to happen.`, entity: compute.id, fact: 'R31', source: 'S1' }],
        requirements: [requirement(context, identityId, { label: 'act on the workspace (Contributor)', action: ACTIONS.workspaceWrite, scope: workspace.armId, role: ROLES.contributor })],
      }),
    );
  }
  return paths;
}

/**
 * A path to a key vault for which the documents do not say which permission the identity needs (R11, R29): it
 * carries the one key vault requirement the check uses and is shown as unconfirmed.
 */
function unconfirmedKeyVaultPath(
  context: AnalysisContext,
  vault: KeyVault,
  principal: EntityId | undefined,
  spec: Pick<PathSpec, 'kind' | 'title' | 'actor' | 'identity' | 'trace'> & { need: KeyVaultRequirementSpec },
): AccessPath {
  const { need, ...path } = spec;
  return makePath({ ...path, target: vault.id, requirements: [keyVaultRequirement(context, principal, vault, need)], confidence: 'unconfirmed' });
}

function dedupe(paths: AccessPath[]): AccessPath[] {
  const seen = new Set<string>();
  return paths.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
}
