import type { Confidence } from '../context/sources';
import type { AnalysisContext } from '../context/analysis-context';
import type { EntityId, RoleId } from '../model/ids';
import type { Topology } from '../model/topology';
import type { ContainerRegistry, Datastore, KeyVault } from '../model/types';
import type { Decision } from '../rbac/types';
import type { AccessPath, PathGrant, PathKind, PathRequirement, PathStatus, PrincipalCounts, ResolvedIdentity, TraceStep } from './types';

/** A readable label for a principal: its name and what sort of identity it is. */
export function describePrincipal(topology: Topology, id: EntityId): string {
  const entity = topology.get(id);
  if (!entity) return String(id);
  switch (entity.kind) {
    case 'userAssignedIdentity':
      return `${entity.name} (user-assigned identity)`;
    case 'systemAssignedIdentity':
      return `the system-assigned identity of ${topology.nameOf(entity.owner)}`;
    case 'user':
      return `${entity.name} (user)`;
    case 'group':
      return `${entity.name} (group)`;
    case 'servicePrincipal':
      return `${entity.name} (service principal)`;
    default:
      return entity.name;
  }
}

/** The kind of resolved identity an Entra principal is: what {@link principalIdentity} gives it, without its label. */
export function principalIdentityKind(topology: Topology, id: EntityId): ResolvedIdentity['kind'] {
  const entity = topology.get(id);
  return entity?.kind === 'user' ? 'user' : entity?.kind === 'group' ? 'group' : entity?.kind === 'servicePrincipal' ? 'service-principal' : 'managed-identity';
}

/** A resolved identity that is an Entra principal checked by RBAC. */
export function principalIdentity(topology: Topology, id: EntityId, chosen: ResolvedIdentity['chosen']): ResolvedIdentity {
  return { kind: principalIdentityKind(topology, id), principal: id, label: describePrincipal(topology, id), chosen };
}

/** {@link principalIdentity} for `id`, or an identity of kind `none` labelled `noneLabel` when there is no id. */
export function identityOrNone(
  topology: Topology,
  id: EntityId | undefined,
  chosen: ResolvedIdentity['chosen'],
  noneLabel: string,
): ResolvedIdentity {
  return id === undefined ? { kind: 'none', label: noneLabel, chosen } : principalIdentity(topology, id, chosen);
}

export interface RequirementSpec {
  label: string;
  action: string;
  scope: string;
  role: RoleId;
  dataAction?: boolean;
  optional?: boolean;
}

/** Asks RBAC whether `principal` meets one requirement of a path; without a principal nothing is checked. */
export function requirement(context: AnalysisContext, principal: EntityId | undefined, spec: RequirementSpec): PathRequirement {
  return requirementWith(spec, principal === undefined ? undefined : context.can(principal, spec.action, spec.scope, spec.dataAction ?? false));
}

/** One requirement of a path with its decision already asked (see {@link requirement}), or none when nothing is checked. */
export function requirementWith(spec: RequirementSpec, decision: Decision | undefined): PathRequirement {
  const base: PathRequirement = {
    label: spec.label,
    action: spec.action,
    dataAction: spec.dataAction ?? false,
    scope: spec.scope,
    suggestedRole: spec.role,
  };
  if (spec.optional) base.optional = true;
  if (decision !== undefined) base.decision = decision;
  return base;
}

/** What a key vault requirement checks: the data action and role, and the access-policy permission instead. */
export type KeyVaultRequirementSpec = Omit<RequirementSpec, 'scope'> & {
  /** One permission, or several that must all be granted (R4: every secret permission but purge). */
  policyPermission: { list: 'secrets' | 'keys'; permission: string | readonly string[] };
};

/** Key vault access: a data action under the RBAC model, an access policy under the vault-policy model. */
export function keyVaultRequirement(
  context: AnalysisContext,
  principal: EntityId | undefined,
  vault: KeyVault,
  spec: KeyVaultRequirementSpec,
): PathRequirement {
  if (vault.enableRbacAuthorization || principal === undefined) {
    return requirement(context, principal, { ...spec, scope: vault.armId, dataAction: true });
  }
  const { list } = spec.policyPermission;
  const wanted = typeof spec.policyPermission.permission === 'string' ? [spec.policyPermission.permission] : spec.policyPermission.permission;
  // Access policies add up: one may name the principal, another a group it belongs to.
  const holders = new Set<EntityId>([principal, ...context.rbac.groupsOf(principal).map((g) => g.group)]);
  const granted = new Set(vault.accessPolicies.filter((p) => holders.has(p.principal)).flatMap((p) => p[list].map((perm) => perm.toLowerCase())));
  const missing = granted.has('all') ? [] : wanted.filter((perm) => !granted.has(perm.toLowerCase()));
  const result: PathRequirement = {
    label: `${spec.label} (access policy: ${list} ${wanted.join(', ')})`,
    action: spec.action,
    dataAction: true,
    scope: vault.armId,
    suggestedRole: spec.role,
    // The permissions still to grant, for messages and fixes; all of them when none is there.
    accessPolicy: { vault: vault.id, list, permission: (missing.length > 0 ? missing : wanted).join(', ') },
  };
  if (spec.optional) result.optional = true;
  if (missing.length === 0) result.satisfiedBy = `an access policy on ${vault.name} grants ${list} ${wanted.join(', ')}`;
  // Without a policy the requirement must still count as checked and unmet; with neither a decision nor
  // satisfiedBy, unmetRequirements and pathStatus would silently treat it as granted. RBAC roles do not
  // apply under the access-policy model, so the decision is a plain denial rather than an RBAC answer.
  else result.decision = { question: { principal, action: spec.action, dataAction: true, scope: vault.armId }, effect: 'denied', allowed: false, grants: [], exclusions: [] };
  return result;
}

/** True when a requirement holds: RBAC allows it, or an access policy does. */
export function requirementMet(req: PathRequirement): boolean {
  return req.satisfiedBy !== undefined || req.decision?.allowed === true;
}

/** Works out a path's status from its identity and requirements (see {@link PathStatus}). */
export function pathStatus(identity: ResolvedIdentity, requirements: readonly PathRequirement[], confidence: Confidence): PathStatus {
  let status: PathStatus;
  if (identity.kind === 'none') status = 'missing';
  else if (identity.kind === 'unknown') status = 'unconfirmed';
  else if (identity.kind === 'any-user') status = 'per-user';
  else {
    const needed = requirements.filter((r) => !r.optional && (r.decision !== undefined || r.satisfiedBy !== undefined));
    const rbacIdentity = identity.kind === 'managed-identity' || identity.kind === 'user' || identity.kind === 'group' || identity.kind === 'service-principal';
    if (needed.some((r) => !requirementMet(r) && r.decision?.effect !== 'conditional')) status = 'missing';
    else if (needed.some((r) => r.decision?.effect === 'conditional')) status = 'conditional';
    else if (!rbacIdentity && needed.length === 0) status = 'not-required';
    else if (
      needed.length > 0 &&
      needed.every((r) => r.satisfiedBy === undefined && r.decision !== undefined && r.decision.grants.every((g) => g.origin === 'automatic'))
    )
      status = 'automatic';
    else status = 'granted';
  }
  // Facts no source confirms are shown amber, never red.
  if (confidence === 'unconfirmed' && status !== 'granted' && status !== 'automatic' && status !== 'not-required') return 'unconfirmed';
  return status;
}

export interface PathSpec {
  kind: PathKind;
  title: string;
  actor: EntityId;
  target: EntityId | string;
  via?: EntityId[];
  identity: ResolvedIdentity;
  trace: TraceStep[];
  requirements: PathRequirement[];
  confidence?: Confidence;
  /** Makes the id unique when one actor reaches one target in two ways. */
  detail?: string;
  /** Overrides the computed status (an unsupported combination, for instance). */
  status?: PathStatus;
  /** The principals the path stands for, when several (see {@link AccessPath.principals}). */
  principals?: EntityId[];
  /** With `principals`: how many of each kind (see {@link AccessPath.principalCounts}). */
  principalCounts?: PrincipalCounts;
  /** The grant a caller or operator path stands for (see {@link AccessPath.grant}). */
  grant?: PathGrant;
}

/** Assembles an {@link AccessPath} with a stable id and its computed status. */
export function makePath(spec: PathSpec): AccessPath {
  const confidence = spec.confidence ?? 'documented';
  // Tens of thousands of paths on a large estate: the id and the optional fields are added without building
  // arrays or spreading objects (the same id and the same fields in the same order as a join and spreads give).
  const path: AccessPath = {
    id: `${spec.kind}${idPart(spec.actor)}${idPart(spec.target)}${idPart(spec.detail)}`,
    kind: spec.kind,
    title: spec.title,
    actor: spec.actor,
    target: spec.target,
    via: spec.via ?? [],
    identity: spec.identity,
    trace: spec.trace,
    requirements: spec.requirements,
    status: spec.status ?? pathStatus(spec.identity, spec.requirements, confidence),
    confidence,
    findingIds: [],
  };
  if (spec.principals) path.principals = spec.principals;
  if (spec.principalCounts) path.principalCounts = spec.principalCounts;
  if (spec.grant) path.grant = spec.grant;
  return path;
}

/** One part of a path id after the kind, with its separator: nothing for a part that is not given. */
function idPart(part: string | undefined): string {
  return part === undefined ? '' : `|${part}`;
}

/** The scope a datastore's data lives at: its container when named, else the storage account. */
export function datastoreScope(topology: Topology, datastore: Datastore): string | undefined {
  const account = topology.getOfKind(datastore.storageAccount, 'storageAccount');
  if (!account) return undefined;
  return datastore.containerName ? `${account.armId}/blobServices/default/containers/${datastore.containerName}` : account.armId;
}

/**
 * A registry's login server in lower case. The model requires it, but an estate built in memory (an edit, an
 * older reader) may hold a registry known only by reference; it then gets the one Azure gives every registry.
 */
export function loginServerOf(registry: ContainerRegistry): string {
  const given = registry.loginServer as string | undefined;
  return (given ?? `${registry.name}.azurecr.io`).toLowerCase();
}

/** Finds the registry an image reference (`myacr.azurecr.io/repo:tag`) is pulled from, when it is in the estate. */
export function registryOfImage(topology: Topology, image: string | undefined): { host: string; registry?: ContainerRegistry } | undefined {
  if (!image) return undefined;
  // Only a first component followed by a slash can be a registry host: `python:3.11` is a Docker Hub
  // repository with a tag, even though the tag contains a dot.
  const slash = image.indexOf('/');
  if (slash < 0) return undefined;
  const host = image.slice(0, slash).toLowerCase();
  if (!host.includes('.') && !host.includes(':') && host !== 'localhost') return undefined; // Docker Hub `user/repo` names
  const registry = topology.estate.containerRegistries.find((r) => loginServerOf(r) === host || `${r.name.toLowerCase()}.azurecr.io` === host);
  return registry ? { host, registry } : { host };
}
