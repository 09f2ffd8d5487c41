import type { AnalysisContext } from '../context/analysis-context';
import { ACTIONS, DATA_ACTIONS, ROLES } from '../context/actions';
import type { EntityId } from '../model/ids';
import { defaultIdentity } from '../model/topology';
import type { OnlineDeployment, OnlineEndpoint, Workspace } from '../model/types';
import { describePrincipal, keyVaultRequirement, makePath, principalIdentity, registryOfImage, requirement, type RequirementSpec } from './builder';
import { groundsNumbering } from './decision-shape';
import type { Decision } from '../rbac/types';
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

/** One principal's caller or operator path to an endpoint, before principals reaching it alike are merged. */
interface PrincipalPath {
  principal: EntityId;
  identity: ResolvedIdentity;
  /** Principals with equal keys reach the endpoint the same way (see {@link principalEntry}). */
  key: string;
  /** The requirements with this principal's decisions; asked only for the first principal of a merged path. */
  requirements: () => PathRequirement[];
}

const PRINCIPAL_NOUN: Partial<Record<ResolvedIdentity['kind'], string>> = {
  user: 'users',
  group: 'groups',
  'service-principal': 'service principals',
  'managed-identity': 'managed identities',
};

/** The roles that grant a path's first unconditional requirement, for the title of a merged path. */
function grantingRoles(requirements: readonly PathRequirement[]): string {
  const names = new Set(requirements.find((r) => !r.optional)?.decision?.grants.map((g) => g.roleName) ?? []);
  return names.size > 0 ? ` through ${[...names].sort().join(', ')}` : '';
}

/**
 * Merges principals that reach an endpoint the same way into one path that lists them: a subscription's
 * hundreds of role holders become one path per role and scope they hold it at, not one each. A principal
 * alone keeps the path, id and title it would have on its own.
 */
function mergedPaths(
  context: AnalysisContext,
  kind: 'endpoint-invoke' | 'endpoint-manage',
  endpoint: OnlineEndpoint,
  trace: TraceStep[],
  status: AccessPath['status'] | undefined,
  entries: readonly PrincipalPath[],
): AccessPath[] {
  const { topology } = context;
  const groups = new Map<string, PrincipalPath[]>();
  for (const entry of entries) {
    const group = groups.get(entry.key);
    if (group) group.push(entry);
    else groups.set(entry.key, [entry]);
  }
  const verb = kind === 'endpoint-invoke' ? 'call' : 'manage';
  const keyed = (entry: PrincipalPath) => entry.identity.kind === 'key-or-token';
  return [...groups.values()].map((group) => {
    const first = group[0] as PrincipalPath;
    const many = group.length > 1;
    const requirements = first.requirements();
    const noun = PRINCIPAL_NOUN[keyed(first) ? principalIdentity(topology, first.principal, 'explicit').kind : first.identity.kind] ?? 'principals';
    const identity: ResolvedIdentity = many
      ? { ...first.identity, label: `${group.length} ${noun}${keyed(first) ? `, each holding a ${endpoint.authMode === 'aml_token' ? 'token' : 'key'}` : ''}` }
      : first.identity;
    return makePath({
      kind,
      title: many
        ? `${group.length} ${noun} ${verb} ${endpoint.name}${grantingRoles(requirements)}`
        : `${topology.nameOf(first.principal)} ${verb}s ${endpoint.name}`,
      actor: first.principal,
      target: endpoint.id,
      identity,
      trace,
      requirements,
      ...(status ? { status } : {}),
      ...(many ? { principals: group.map((entry) => entry.principal) } : {}),
    });
  });
}

/**
 * The entry of one principal: its requirements, asked at once (the access check is memoised, so the
 * workspace-scope questions every endpoint of a workspace asks again are answered once), and its key. Two
 * principals share a path when the identity kind and the grounds of every requirement's decision (see
 * {@link groundsNumbering}) are the same.
 */
function principalEntry(
  context: AnalysisContext,
  grounds: (decision: Decision) => number,
  principal: EntityId,
  identity: ResolvedIdentity,
  specs: readonly RequirementSpec[],
): PrincipalPath {
  const requirements = specs.map((spec) => requirement(context, principal, spec));
  let key = identity.kind as string;
  for (const r of requirements) key += `|${r.decision ? grounds(r.decision) : '-'}`;
  return { principal, identity, key, requirements: () => requirements };
}

/**
 * Callers invoking an endpoint (data plane, R66 to R69) and operators managing it (control plane, R58 to R64),
 * one path per way of reaching it with the principals that reach it so.
 */
function endpointAccessPaths(
  context: AnalysisContext,
  grounds: (decision: Decision) => number,
  workspace: Workspace,
  endpoint: OnlineEndpoint,
): AccessPath[] {
  const { topology } = context;
  const resourceGroup = topology.resourceGroupOf(workspace.id);
  const token = endpoint.authMode === 'aml_token';
  // The trace and the questions depend on the endpoint only: asked of every principal, one copy for all.
  const invokeTrace: TraceStep[] = [];
  let invokeStatus: AccessPath['status'] | undefined;
  let invokeSpecs: RequirementSpec[] = [];
  if (endpoint.authMode === 'aad_token') {
    if (endpoint.endpointKind === 'kubernetes') {
      invokeTrace.push({ text: `${endpoint.name} is a Kubernetes endpoint, which cannot use Entra tokens; only key and aml_token work there.`, entity: endpoint.id, fact: 'R67', source: 'S2' });
      invokeStatus = 'unsupported';
    } else {
      invokeTrace.push({ text: `${endpoint.name} accepts Entra tokens, so a caller needs the score action on the endpoint.`, entity: endpoint.id, fact: 'R69', source: 'S2' });
      invokeSpecs = [{ label: 'score', action: ACTIONS.endpointScore, scope: endpoint.armId, role: ROLES.azureMlDataScientist }];
    }
  } else {
    invokeTrace.push({
      text: `${endpoint.name} uses ${token ? 'Azure ML tokens' : 'keys'}: whoever holds one can call it, and no role is checked on the call itself.`,
      entity: endpoint.id,
      fact: 'R68',
      source: 'S2',
    });
    invokeTrace.push({ text: `Fetching the ${token ? 'token' : 'key'} from Azure is a control-plane action on the endpoint.`, fact: token ? 'R62' : 'R63', source: 'S2' });
    invokeSpecs = [
      {
        label: token ? 'get a token' : 'list keys',
        action: token ? ACTIONS.endpointToken : ACTIONS.endpointListKeys,
        scope: endpoint.armId,
        role: ROLES.azureMlDataScientist,
        optional: true,
      },
    ];
  }
  const manageTrace: TraceStep[] = [
    { text: 'Managing an endpoint goes through the workspace with an Entra token; creating, updating and deleting are checked at the workspace.', fact: 'R58', source: 'S2' },
    { text: 'Doing the same from studio also needs the right to create deployments on the resource group.', fact: 'R60', source: 'S2' },
  ];
  const manageSpecs: RequirementSpec[] = [
    { label: 'read endpoints', action: ACTIONS.endpointRead, scope: endpoint.armId, role: ROLES.azureMlDataScientist },
    { label: 'create or update endpoints', action: ACTIONS.endpointWrite, scope: workspace.armId, role: ROLES.azureMlDataScientist },
    { label: 'create or update deployments', action: ACTIONS.deploymentWrite, scope: workspace.armId, role: ROLES.azureMlDataScientist },
    { label: 'delete endpoints', action: ACTIONS.endpointDelete, scope: workspace.armId, role: ROLES.azureMlDataScientist },
    ...(resourceGroup
      ? [
          {
            label: 'manage from studio (deployments on the resource group)',
            action: ACTIONS.resourceDeploymentsWrite,
            scope: resourceGroup.armId,
            role: ROLES.contributor,
            optional: true,
          },
        ]
      : []),
  ];

  const callers: PrincipalPath[] = [];
  const operators: PrincipalPath[] = [];
  for (const principal of endpointPrincipals(context, endpoint)) {
    const who = principalIdentity(topology, principal, 'explicit');
    const invokeIdentity: ResolvedIdentity =
      endpoint.authMode === 'aad_token' ? who : { kind: 'key-or-token', principal, label: `${who.label}, holding a ${token ? 'token' : 'key'}`, chosen: 'explicit' };
    callers.push(principalEntry(context, grounds, principal, invokeIdentity, invokeSpecs));
    operators.push(principalEntry(context, grounds, principal, who, manageSpecs));
  }
  return [
    ...mergedPaths(context, 'endpoint-invoke', endpoint, invokeTrace, invokeStatus, callers),
    ...mergedPaths(context, 'endpoint-manage', endpoint, manageTrace, undefined, operators),
  ];
}

/** Every endpoint-related path: deployment dependencies, callers and operators. */
export function endpointPaths(context: AnalysisContext): AccessPath[] {
  const { topology } = context;
  const paths: AccessPath[] = [];
  const grounds = groundsNumbering();
  for (const endpoint of context.estate.onlineEndpoints) {
    const workspace = topology.getOfKind(endpoint.workspace, 'workspace');
    if (!workspace) continue;
    for (const deployment of topology.deploymentsOf(endpoint.id)) paths.push(...deploymentPaths(context, workspace, endpoint, deployment));
    paths.push(...endpointAccessPaths(context, grounds, workspace, endpoint));
  }
  return paths;
}
