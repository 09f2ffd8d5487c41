import type { EntityId, RoleId } from '../model/ids';
import type { AssignmentOrigin, CredentialKind } from '../model/types';
import type { Decision } from '../rbac/types';
import type { Confidence, SourceId } from '../context/sources';

export type PathKind =
  | 'job-datastore'
  | 'compute-image-pull'
  | 'compute-private-registry'
  | 'environment-build-private-registry'
  | 'compute-key-vault'
  | 'workspace-dependency'
  | 'studio-preview'
  | 'studio-browse'
  | 'deployment-image-pull'
  | 'deployment-model-storage'
  | 'deployment-metrics'
  | 'deployment-connection-secret'
  | 'deployment-key-vault-secret'
  | 'endpoint-invoke'
  | 'endpoint-manage'
  | 'aks-image-pull'
  | 'cmk-key-vault'
  | 'instance-idle-shutdown';

export const PATH_KINDS: readonly PathKind[] = [
  'job-datastore',
  'compute-image-pull',
  'compute-private-registry',
  'environment-build-private-registry',
  'compute-key-vault',
  'workspace-dependency',
  'studio-preview',
  'studio-browse',
  'deployment-image-pull',
  'deployment-model-storage',
  'deployment-metrics',
  'deployment-connection-secret',
  'deployment-key-vault-secret',
  'endpoint-invoke',
  'endpoint-manage',
  'aks-image-pull',
  'cmk-key-vault',
  'instance-idle-shutdown',
];

/**
 * Who a path authenticates as.
 * - `managed-identity`, `user`, `group`, `service-principal`: an Entra principal; RBAC decides.
 * - `credential`: a secret stored with the datastore or connection; RBAC on the storage does not apply.
 * - `acr-admin`: the registry's admin user (a shared secret).
 * - `key-or-token`: whoever holds the endpoint key or token; no role is involved.
 * - `any-user`: the person using studio or the SDK at the time; the path holds per person.
 * - `none`: nothing to authenticate with; the access fails.
 * - `unknown`: the documents leave the choice open.
 */
export type IdentityKind =
  | 'managed-identity'
  | 'user'
  | 'group'
  | 'service-principal'
  | 'credential'
  | 'acr-admin'
  | 'key-or-token'
  | 'any-user'
  | 'none'
  | 'unknown';

export interface ResolvedIdentity {
  kind: IdentityKind;
  principal?: EntityId;
  credentialKind?: CredentialKind;
  /** A readable label: `uai-train (user-assigned)`, `account key stored with datastore raw`. */
  label: string;
  /** `explicit` when a setting chose it on purpose; `fallback` when a default rule chose it. */
  chosen: 'explicit' | 'fallback';
}

export interface TraceStep {
  text: string;
  entity?: EntityId;
  /** The fact sheet entry (`R47`) that justifies the step. */
  fact?: string;
  source?: SourceId;
}

/** One permission the resolved identity needs for the path to work, and what RBAC says about it. */
export interface PathRequirement {
  label: string;
  action: string;
  dataAction: boolean;
  scope: string;
  /** The least role that grants it, offered as the fix. */
  suggestedRole: RoleId;
  /** Absent when the identity is not an RBAC principal that can be checked (a stored key, any user). */
  decision?: Decision;
  /** A requirement that helps but is not needed for the path to work (for example data preview). */
  optional?: boolean;
  /** Satisfied by something other than RBAC (a key vault access policy); explains what. */
  satisfiedBy?: string;
  /** Set when the target vault uses access policies: the permission a policy must grant instead of a role. */
  accessPolicy?: { vault: EntityId; list: 'secrets' | 'keys'; permission: string };
}

export type PathStatus =
  | 'granted'
  | 'automatic'
  | 'conditional'
  | 'missing'
  | 'unsupported'
  | 'unconfirmed'
  | 'not-required'
  | 'per-user';

export interface AccessPath {
  /** Stable: kind, actor and target (and a detail where one actor reaches one target twice). */
  id: string;
  kind: PathKind;
  title: string;
  actor: EntityId;
  target: EntityId | string;
  /** Entities the path passes through (the compute a job runs on, the endpoint of a deployment). */
  via: EntityId[];
  identity: ResolvedIdentity;
  trace: TraceStep[];
  requirements: PathRequirement[];
  status: PathStatus;
  confidence: Confidence;
  /** Filled by the analysis: findings that concern this path. */
  findingIds: string[];
  /**
   * The principals the path stands for, sorted, when it stands for several (callers and operators of an
   * endpoint: one path per grant that bears on the endpoint, covering every principal that holds it, and one
   * for the principals no grant bears on). The actor and the identity are then the first of them, and the
   * requirements' decisions are that principal's, the same for every other one. Absent on a path that concerns
   * its actor alone.
   */
  principals?: EntityId[];
  /** With {@link AccessPath.principals}: how many of them are users, groups, service principals, managed identities. */
  principalCounts?: PrincipalCounts;
  /**
   * Set on a caller or operator path that stands for one grant: the role and the scope it is assigned at. The
   * requirements' decisions then count that grant alone, so the status says what the grant gives its holders;
   * a principal holding two such roles is covered by two paths, and its own access is the union of theirs.
   */
  grant?: PathGrant;
}

/** The grant a caller or operator path stands for (see {@link AccessPath.grant}). */
export interface PathGrant {
  roleId: RoleId;
  roleName: string;
  /** The scope the role is assigned at. */
  scope: string;
  /** The ABAC condition of the assignment or role, when the grant carries one. */
  condition?: string;
  origin: AssignmentOrigin;
}

/** How many principals of each Entra kind a path covers. */
export type PrincipalCounts = Partial<Record<'user' | 'group' | 'service-principal' | 'managed-identity', number>>;

/** The principals a path stands for: its {@link AccessPath.principals}, or its actor alone. */
export function pathPrincipals(path: Pick<AccessPath, 'actor' | 'principals'>): readonly EntityId[] {
  return path.principals ?? [path.actor];
}
